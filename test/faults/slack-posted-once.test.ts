import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENT_TYPE } from '../../src/bots/slack/posted-once.js';
import { type Harness, slackHarness } from '../bots/slack/support.js';

/**
 * The Slack notifier posts each outbox event once even when an attempt's outcome is unknown: the
 * DM carries the event id in metadata, and the outbox item says when an earlier attempt may have
 * posted (`maybeSent`: an unknown outcome, or a lease that ran out unacked); then the redelivery reads
 * the DM history before posting again. A first attempt and a definite refusal (429) read nothing; an
 * unreadable history (no im:history scope) falls back to posting again: at least once, never lost.
 * Everything goes through the real outbox and dispatcher (`h.deliver()`), on the harness's clock.
 */
let h: Harness;

beforeEach(async () => {
  h = await slackHarness();
  h.user('UOWN', 'Olivia Owner');
  const stan = h.user('USTR', 'Stan Stranger');
  await h.command({ id: 'UOWN' }, 'id');
  await h.command(stan, '<@UOWN> hello');
  h.slack.reset();
});
afterEach(async () => h.close());

const posts = () => h.slack.callsTo('chat.postMessage');
const history = () => h.slack.callsTo('conversations.history');
const later = () => h.clock.advance(10 * 60_000);
/** The DM as Slack would hold it had an earlier attempt posted it (its answer lost to a crash or timeout). */
const postedElsewhere = async (eventId: string) => {
  const res = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-bot-token' },
    body: JSON.stringify({
      channel: 'UOWN',
      text: 'card',
      metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { event_id: eventId } },
    }),
  });
  expect(res.status).toBe(200);
};

describe('Slack DMs are posted once per event', () => {
  it('every DM carries its event id in message metadata; a first attempt reads nothing back', async () => {
    expect((await h.deliver()).delivered).toBe(1);
    expect(posts()[0]?.args.metadata).toMatchObject({
      event_type: 'chatwork_invite_notification',
      event_payload: { event_id: expect.stringMatching(/^evt_/) },
    });
    expect(history()).toHaveLength(0);
    expect(h.slack.callsTo('conversations.open')).toHaveLength(0);
  });

  it('after an unknown outcome (5xx), the retry reads the history, finds nothing, and posts once', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    expect((await h.deliver()).retried).toBe(1);
    later();
    expect((await h.deliver()).delivered).toBe(1);
    expect(history()).toHaveLength(1);
    expect(history()[0]?.args.channel).toBe('DUOWN');
    expect(String(history()[0]?.args.include_all_metadata)).toBe('true');
    expect(posts()).toHaveLength(2); // the refused one and the real one
  });

  it('a message already posted for the event is found in the history and not posted again', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.deliver();
    const eventId = String(Reflect.get(Object(posts()[0]?.args.metadata).event_payload, 'event_id'));
    await postedElsewhere(eventId);
    const before = posts().length;
    later();
    expect((await h.deliver()).delivered).toBe(1);
    expect(posts()).toHaveLength(before);
    expect(history()).toHaveLength(1);
    expect(await h.store.outboxStats(h.clock.now())).toMatchObject({ depth: 0 });
  });

  it('a worker that crashed after posting (its lease ran out unacked): the next one finds the DM and posts nothing', async () => {
    const [item] = await h.store.claimOutbox({
      owner: 'crashed',
      now: h.clock.now(),
      leaseMs: 30_000,
      limit: 1,
    });
    expect(item?.maybeSent).toBe(false);
    await postedElsewhere(item?.event.id ?? '');
    h.clock.advance(30_001);
    expect((await h.deliver()).delivered).toBe(1);
    expect(posts()).toHaveLength(1); // only the crashed worker's
    expect(history()).toHaveLength(1);
  });

  it('a definite refusal (429) leaves nothing to check: the retry posts without reading the history', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await h.deliver()).toMatchObject({ retried: 1, retryAfterMs: 1000 });
    later();
    expect((await h.deliver()).delivered).toBe(1);
    expect(history()).toHaveLength(0);
  });

  it('without the im:history scope it posts again rather than lose the notification', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.deliver();
    h.slack.failNext('conversations.history', { error: 'missing_scope' });
    later();
    expect((await h.deliver()).delivered).toBe(1);
    expect(posts()).toHaveLength(2);
  });

  it('a rate-limited history read is retried later, honouring Retry-After', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.deliver();
    h.slack.failNext('conversations.history', { status: 429, retryAfter: 60 });
    later();
    expect(await h.deliver()).toMatchObject({ retried: 1, retryAfterMs: 60_000 });
    h.clock.advance(59_000);
    expect((await h.deliver()).claimed).toBe(0);
    h.clock.advance(2_000);
    expect((await h.deliver()).delivered).toBe(1);
    expect(posts()).toHaveLength(2); // the unknown one and the real one
    expect(history()).toHaveLength(2);
  });
});
