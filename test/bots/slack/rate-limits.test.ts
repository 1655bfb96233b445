import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/index.js';
import { startDeliveryLoop } from '../../../src/runtime/delivery-loop.js';
import { until } from '../../helpers/until.js';
import { type Harness, slackHarness } from './support.js';

/**
 * Slack's limits, through the real delivery loop and the fake Web API: a 429's Retry-After holds every
 * post back that long, and a burst of notices to one person stays within ~1 message per second per
 * DM (bursts of 3) instead of drawing 429s. The loop runs on the harness's clock, moving with real time.
 */
let h: Harness;
let loop: ReturnType<typeof startDeliveryLoop> | null = null;
beforeEach(async () => {
  h = await slackHarness();
  h.user('UOWN', 'Olivia Owner');
  await h.command({ id: 'UOWN' }, 'id');
});
afterEach(async () => {
  await loop?.stop();
  loop = null;
  await h.close();
});

const posts = () => h.slack.callsTo('chat.postMessage');
const start = () => {
  const base = h.clock.now();
  const started = Date.now();
  const deps: CoreDeps = { ...h.deps, clock: { now: () => base + (Date.now() - started) } };
  loop = startDeliveryLoop({ deps, notifiers: [h.bot.notifier], owner: 'rate-test', idleMs: 20 });
};
const askOlivia = async (n: number) => {
  for (let i = 0; i < n; i++) await h.command(h.user(`US${i}`, `Sender ${i}`), '<@UOWN>');
};

it('a 429 with Retry-After: no chat.postMessage to anyone before it has passed, then each notice once', async () => {
  h.user('UBEA', 'Bea Bold');
  await h.command({ id: 'UBEA' }, 'id');
  await askOlivia(1);
  h.slack.reset();
  h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
  start();
  await until(() => posts().length >= 1, 10_000);
  const refusedAt = posts()[0]?.at ?? 0;
  // While the loop waits out the Retry-After, a notice for someone else arrives (and a nudge).
  await h.command(h.user('US9', 'Sam Nine'), '<@UBEA>');
  loop?.nudge();
  await until(() => posts().length >= 3, 10_000);
  for (const c of posts().slice(1)) expect(c.at - refusedAt).toBeGreaterThanOrEqual(1000);
  expect(
    posts()
      .map((c) => c.channel)
      .sort(),
  ).toEqual(['UBEA', 'UOWN', 'UOWN']); // the refused one, then once each
});

it('six notices to one person keep within ~1 per second per DM (bursts of 3): no 429, all in order', async () => {
  await askOlivia(6);
  h.slack.reset();
  h.slack.enforcePostLimit({ perSecond: 1, burst: 3 });
  start();
  await until(() => posts().length >= 6, 10_000);
  expect(h.slack.overLimit).toBe(0);
  const texts = posts().map((c) => String(c.text));
  expect(texts.map((t) => /Sender (\d)/.exec(t)?.[1])).toEqual(['0', '1', '2', '3', '4', '5']);
  // After a short burst each waited for their turn: the six took about four seconds, not a few ms.
  expect((posts()[5]?.at ?? 0) - (posts()[0]?.at ?? 0)).toBeGreaterThanOrEqual(3000);
});
