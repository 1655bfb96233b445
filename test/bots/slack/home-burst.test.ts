import { afterEach, expect, it } from 'vitest';
import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { requestConnection } from '../../../src/core/index.js';
import { type Harness, slackHarness } from './support.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

it('a burst of Accept clicks publishes App Home twice at most, and the last publish shows every contact', async () => {
  h = await slackHarness();
  const harness = h;
  const owner = harness.user('UOWN', 'Olivia Owner');
  await harness.command(owner, '');
  const me = await harness.store.getAccountByIdentity({ platform: 'slack', teamId: 'T0001', userId: 'UOWN' });
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const sent = await requestConnection(harness.deps, {
      actor: {
        identity: { platform: 'slack', teamId: 'T0001', userId: `US${i}` },
        displayName: `Sender ${i}`,
      },
      target: { kind: 'account', accountId: me?.id ?? '' },
      source: 'link',
    });
    if (!sent.ok) throw new Error(sent.error.code);
    ids.push(sent.value.outcome.request.id);
  }
  // She is looking at App Home: changes refresh it.
  await harness.event({ type: 'app_home_opened', user: 'UOWN', channel: 'D1', tab: 'home' });
  harness.slack.slowDown('views.publish', 200);
  const before = harness.slack.callsTo('views.publish').length;
  await Promise.all(ids.map((r) => harness.click(owner, ACTION.accept, encode.request({ r, s: 'dm' }))));
  await harness.bot.drain();
  const publishes = harness.slack.callsTo('views.publish').slice(before);
  expect(publishes.length).toBeGreaterThanOrEqual(1);
  expect(publishes.length).toBeLessThanOrEqual(2);
  const last = JSON.stringify(publishes.at(-1)?.args.view);
  for (let i = 0; i < 12; i++) expect(last).toContain(`Sender ${i}`);
});

it('App Home is refreshed after a change only for someone who opened it lately; a notice reaches the others by DM alone', async () => {
  h = await slackHarness();
  const harness = h;
  const olivia = harness.user('UOWN', 'Olivia Owner');
  const stan = harness.user('USTR', 'Stan Stranger');
  for (const u of [olivia, stan]) await harness.command(u, 'help');
  await harness.command(stan, '<@UOWN> hi');
  harness.slack.reset();
  await harness.deliver();
  await harness.bot.drain();
  expect(harness.slack.callsTo('chat.postMessage').map((c) => c.channel)).toEqual(['UOWN']);
  expect(harness.slack.callsTo('views.publish')).toEqual([]);

  await harness.event({ type: 'app_home_opened', user: 'UOWN', channel: 'D1', tab: 'home' });
  expect(harness.slack.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['UOWN']);
  await harness.command(harness.user('UDAN', 'Dan Brown'), '<@UOWN> hello');
  await harness.deliver();
  await harness.bot.drain();
  expect(harness.slack.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['UOWN', 'UOWN']);
  expect(JSON.stringify(harness.slack.callsTo('views.publish')[1]?.args.view)).toContain('Dan Brown');

  // Half an hour later she is no longer taken to be looking.
  harness.clock.advance(31 * 60_000);
  await harness.command(harness.user('UEVE', 'Eve Park'), '<@UOWN> hey');
  await harness.deliver();
  await harness.bot.drain();
  expect(harness.slack.callsTo('views.publish')).toHaveLength(2);
});
