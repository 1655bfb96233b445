import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, DomainEvent } from '../../src/core/index.js';
import { type Harness, type SlackUserRef, slackHarness, TEAM } from '../bots/slack/support.js';

/**
 * The Slack notifier posts each outbox event once even when an attempt's outcome is unknown: the
 * DM carries the event id in metadata, and a redelivery after an unknown outcome reads the DM
 * history before posting again. A definite refusal (429) needs no read-back; an unreadable history
 * (no im:history scope) falls back to posting again: at least once, never lost.
 */
let h: Harness;
let olivia: SlackUserRef;
let recipient: Account;
let event: DomainEvent;

beforeEach(async () => {
  h = await slackHarness();
  olivia = h.user('UOWN', 'Olivia Owner');
  const stan = h.user('USTR', 'Stan Stranger');
  await h.command(olivia, 'id');
  await h.command(stan, '<@UOWN> hello');
  const me = await h.store.getAccountByIdentity({ platform: 'slack', teamId: TEAM, userId: olivia.id });
  if (!me) throw new Error('no account');
  recipient = me;
  const page = await h.store.listRequests({
    accountId: me.id,
    direction: 'incoming',
    now: h.clock.now(),
    limit: 1,
  });
  const requestId = page.items[0]?.id ?? '';
  event = {
    id: 'evt_once',
    type: 'request_received',
    recipientId: me.id,
    requestId,
    actorId: null,
    at: h.clock.now(),
  };
  h.slack.reset();
});
afterEach(async () => h.close());

const posts = () => h.slack.callsTo('chat.postMessage');
const history = () => h.slack.callsTo('conversations.history');

describe('Slack DMs are posted once per event', () => {
  it('every DM carries its event id in message metadata', async () => {
    expect(await h.bot.notifier.deliver(event, recipient)).toEqual({ kind: 'delivered' });
    expect(posts()[0]?.args.metadata).toEqual({
      event_type: 'chatwork_invite_notification',
      event_payload: { event_id: 'evt_once' },
    });
    expect(history()).toHaveLength(0);
  });

  it('after an unknown outcome (5xx), the retry reads the history, finds nothing, and posts once', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    expect((await h.bot.notifier.deliver(event, recipient)).kind).toBe('retry');
    expect(await h.bot.notifier.deliver(event, recipient)).toEqual({ kind: 'delivered' });
    expect(history()).toHaveLength(1);
    expect(history()[0]?.args.channel).toBe('DUOWN');
    expect(String(history()[0]?.args.include_all_metadata)).toBe('true');
    expect(posts()).toHaveLength(2); // the refused one and the real one
  });

  it('a message already posted for the event is found in the history and not posted again', async () => {
    // The first attempt reaches Slack, but its answer is lost (a 503 here stands for the crash or
    // timeout); the message is in the DM all the same.
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.bot.notifier.deliver(event, recipient);
    const posted = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-bot-token' },
      body: JSON.stringify({ channel: 'DUOWN', text: 'card', metadata: posts()[0]?.args.metadata }),
    });
    expect(posted.status).toBe(200);
    const before = posts().length;
    expect(await h.bot.notifier.deliver(event, recipient)).toEqual({ kind: 'delivered' });
    expect(posts()).toHaveLength(before);
    expect(history()).toHaveLength(1);
  });

  it('a definite refusal (429) leaves nothing to check: the retry posts without reading the history', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await h.bot.notifier.deliver(event, recipient)).toMatchObject({ kind: 'retry', afterMs: 1000 });
    expect(await h.bot.notifier.deliver(event, recipient)).toEqual({ kind: 'delivered' });
    expect(history()).toHaveLength(0);
  });

  it('without the im:history scope it posts again rather than lose the notification', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.bot.notifier.deliver(event, recipient);
    h.slack.failNext('conversations.history', { error: 'missing_scope' });
    expect(await h.bot.notifier.deliver(event, recipient)).toEqual({ kind: 'delivered' });
    expect(posts()).toHaveLength(2);
  });

  it('a rate-limited history read is retried later, honouring Retry-After', async () => {
    h.slack.failNext('chat.postMessage', { status: 503 });
    await h.bot.notifier.deliver(event, recipient);
    h.slack.failNext('conversations.history', { status: 429, retryAfter: 60 });
    expect(await h.bot.notifier.deliver(event, recipient)).toMatchObject({ kind: 'retry', afterMs: 60_000 });
    expect(posts()).toHaveLength(1);
  });
});
