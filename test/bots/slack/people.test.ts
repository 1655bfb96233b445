import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bots/slack/values.js';
import { actionsOf, type Harness, slackHarness, textOf } from './support.js';

/**
 * "Accept all (N)" where Slack shows requests: the `requests` list asks in place, App Home asks in a
 * modal; the confirmation's button is the one that accepts. The block list pages with [Show more].
 */
let h: Harness;
beforeEach(async () => {
  h = await slackHarness();
  h.user('UANN', 'Ann Lee');
  await h.command({ id: 'UANN' }, 'id');
});
afterEach(async () => h.close());

async function askers(n: number) {
  for (let i = 0; i < n; i++) {
    const id = `US${String(i).padStart(3, '0')}`;
    h.user(id, `Sender ${i}`);
    await h.command({ id }, '<@UANN>');
    h.clock.advance(100);
  }
}
const last = () => h.slack.responses.at(-1)?.body ?? {};

describe('"Accept all (N)" in the requests list and App Home', () => {
  it('the list shows it with what the page holds ("10+"); the click asks in place; the confirmation accepts', async () => {
    await askers(12);
    const list = await h.command({ id: 'UANN' }, 'requests');
    expect(textOf(list.blocks)).toContain('Accept all (10+)');
    const ask = actionsOf(list.blocks).find((a) => a.action_id === ACTION.acceptAllAsk);
    if (!ask) throw new Error('no "Accept all (N)"');
    expect(await h.click({ id: 'UANN' }, ACTION.acceptAllAsk, ask.value, { container: 'ephemeral' })).toBe(
      200,
    );
    expect(last().replace_original).toBe(true);
    expect(textOf(last().blocks)).toContain('Accept 12 incoming requests?');
    const yes = actionsOf(last().blocks).find((a) => a.action_id === ACTION.acceptAll);
    if (!yes) throw new Error('no confirmation');
    await h.click({ id: 'UANN' }, ACTION.acceptAll, yes.value, { container: 'ephemeral' });
    expect(last().text).toBe('Accepted 12 requests. You are now contacts.');
    // One request is no list: no "Accept all".
    await askers(1);
    expect(textOf((await h.command({ id: 'UANN' }, 'requests')).blocks)).not.toContain('Accept all');
  });

  it('App Home shows it; the click opens a modal with the confirmation (nothing accepted yet)', async () => {
    await askers(3);
    await h.event({ type: 'app_home_opened', user: 'UANN', channel: 'DUANN', tab: 'home' });
    const home = h.slack.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] };
    expect(textOf(home.blocks)).toContain('Accept all (3)');
    await h.click({ id: 'UANN' }, ACTION.acceptAllAsk, 'ask', { container: 'view', triggerId: 'trig-home' });
    const opened = h.slack.callsTo('views.open').at(-1)?.args;
    expect(opened?.trigger_id).toBe('trig-home');
    const modal = opened?.view as { blocks: unknown[] };
    expect(textOf(modal.blocks)).toContain('Accept 3 incoming requests?');
    expect(actionsOf(modal.blocks).map((a) => a.action_id)).toEqual([ACTION.acceptAll]);
    const me = await h.store.getAccountByIdentity({ platform: 'slack', teamId: 'T0001', userId: 'UANN' });
    const pending = await h.store.listRequests({
      accountId: me!.id,
      direction: 'incoming',
      now: h.clock.now(),
      limit: 9,
    });
    expect(pending.items).toHaveLength(3);
    // Its button is a click from a view: accepted, and App Home says so.
    const yes = actionsOf(modal.blocks)[0];
    await h.click({ id: 'UANN' }, ACTION.acceptAll, String(yes?.value), { container: 'view' });
    const notice = h.slack.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] };
    expect(textOf(notice.blocks)).toContain('Accepted 3 requests. You are now contacts.');
    const after = await h.store.listRequests({
      accountId: me!.id,
      direction: 'incoming',
      now: h.clock.now(),
      limit: 9,
    });
    expect(after.items).toHaveLength(0);
  });
});

describe('the block list in Slack', () => {
  it('pages with [Show more] (20 a page), each row with [Unblock]', async () => {
    for (let i = 0; i < 22; i++) {
      const id = `UB${String(i).padStart(3, '0')}`;
      h.user(id, `Blocked ${i}`);
      await h.command({ id }, 'id');
      await h.command({ id: 'UANN' }, `block <@${id}>`);
      h.clock.advance(10);
    }
    const first = await h.command({ id: 'UANN' }, 'blocked');
    expect(actionsOf(first.blocks).filter((a) => a.action_id === ACTION.unblock)).toHaveLength(20);
    const more = actionsOf(first.blocks).find((a) => a.action_id === ACTION.blockedMore);
    if (!more) throw new Error('no [Show more]');
    await h.click({ id: 'UANN' }, ACTION.blockedMore, more.value, { container: 'ephemeral' });
    expect(last().replace_original).toBe(true);
    expect(actionsOf(last().blocks).filter((a) => a.action_id === ACTION.unblock)).toHaveLength(2);
    expect(textOf(last().blocks)).toContain('Blocked 0');
    expect(textOf(last().blocks)).not.toContain('Blocked 21');
    // A forged cursor or value is refused as out of date, and changes nothing.
    await h.click({ id: 'UANN' }, ACTION.unblock, '{"o":""}', { container: 'ephemeral' });
    expect(String(last().text)).toContain('out of date');
  });
});
