import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { type DomainEvent, MS, sweepRequests } from '../../../src/core/index.js';
import { actionsOf, type Harness, type SlackUserRef, slackHarness, TEAM, textOf } from './support.js';

let h: Harness;
let olivia: SlackUserRef;
let stan: SlackUserRef;
const id = (userId: string) => ({ platform: 'slack' as const, teamId: TEAM, userId });

beforeEach(async () => {
  h = await slackHarness();
  olivia = h.user('UOWN', 'Olivia Owner');
  stan = h.user('USTR', 'Stan Stranger');
  for (const u of [olivia, stan]) await h.command(u, 'help');
  await h.command(olivia, 'id');
});
afterEach(async () => h.close());

async function requestFromStan(note = 'met at the meetup') {
  await h.command(stan, `<@UOWN> ${note}`);
  const me = await h.store.getAccountByIdentity(id('UOWN'));
  const page = await h.store.listRequests({
    accountId: me!.id,
    direction: 'incoming',
    now: h.clock.now(),
    limit: 5,
  });
  return page.items[0]!.id;
}

describe('outbox delivery to Slack', () => {
  it('request_received: a DM from the bot with who, from where, the note, [Accept] [Decline] and Block', async () => {
    const r = await requestFromStan();
    h.slack.reset();
    const report = await h.deliver();
    expect(report.delivered).toBe(1);
    // Straight to the user id: Slack opens the app's DM itself, so no conversations.open first.
    expect(h.slack.callsTo('conversations.open')).toEqual([]);
    expect(h.slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    const post = h.slack.callsTo('chat.postMessage')[0];
    expect(post?.channel).toBe('UOWN');
    expect(post?.token).toBe('xoxb-test-bot-token');
    const text = textOf(post?.blocks);
    expect(text).toContain('*Stan Stranger* wants to connect with you.');
    expect(text).toContain('From: #general · acme');
    expect(text).toContain('met at the meetup');
    const actions = actionsOf(post?.blocks);
    expect(actions.map((a) => a.action_id)).toEqual([ACTION.accept, ACTION.decline, ACTION.more]);
    expect(JSON.parse(actions[0]!.value)).toEqual({ r, s: 'dm' });
    expect(post?.text).toBeTruthy();
  });

  it('request_accepted: the sender gets a DM on accept, never on decline', async () => {
    const r = await requestFromStan();
    await h.deliver();
    h.slack.reset();
    await h.click(olivia, ACTION.accept, encode.request({ r, s: 'dm' }));
    await h.deliver();
    const dms = h.slack.callsTo('chat.postMessage');
    expect(dms.map((c) => c.channel)).toEqual(['USTR']);
    expect(dms[0]?.text).toContain('*Olivia Owner* accepted your contact request.');

    h.user('UDEC', 'Dee Clined');
    await h.command({ id: 'UDEC' }, '<@UOWN>');
    await h.deliver();
    const me = await h.store.getAccountByIdentity(id('UOWN'));
    const r2 = (
      await h.store.listRequests({ accountId: me!.id, direction: 'incoming', now: h.clock.now(), limit: 5 })
    ).items[0]!.id;
    h.slack.reset();
    await h.click(olivia, ACTION.decline, encode.request({ r: r2, s: 'dm' }));
    const report = await h.deliver();
    expect(report.claimed).toBe(0);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('a decision made elsewhere, a withdrawal and an expiry update the DM card in place (chat.update)', async () => {
    const r = await requestFromStan();
    await h.deliver();
    const card = h.slack.callsTo('chat.postMessage')[0]!;
    h.slack.reset();
    await h.click(stan, ACTION.withdraw, encode.request({ r, s: 'list' }));
    await h.deliver();
    const update = h.slack.callsTo('chat.update')[0];
    expect(update?.channel).toBe('DUOWN');
    expect(update?.args.ts).toBeTruthy();
    expect(textOf(update?.blocks)).toContain('Withdrawn');
    expect(actionsOf(update?.blocks)).toEqual([]);
    expect(update?.args.ts).toBe(
      (await h.store.getRecord('slack_card', r, h.clock.now()))?.match(/"ts":"([^"]+)"/)?.[1],
    );
    expect(card.channel).toBe('UOWN'); // posted to the user id; the card is kept under the DM Slack answered

    // Expiry, with the one reminder after 7 days first.
    h.user('UEXP', 'Ex Pired');
    await h.command({ id: 'UEXP' }, '<@UOWN>');
    await h.deliver();
    h.slack.reset();
    h.clock.advance(7 * MS.DAY + 1000);
    await sweepRequests(h.deps);
    await h.deliver();
    expect(textOf(h.slack.callsTo('chat.postMessage')[0]?.blocks)).toContain(
      'Reminder: *Ex Pired* is still waiting',
    );
    h.clock.advance(24 * MS.DAY);
    await sweepRequests(h.deps);
    await h.deliver();
    expect(textOf(h.slack.callsTo('chat.update').at(-1)?.blocks)).toContain('Expired');
  });

  it('accepting from the requests list also updates the DM card', async () => {
    const r = await requestFromStan();
    await h.deliver();
    h.slack.reset();
    await h.click(olivia, ACTION.accept, encode.request({ r, s: 'list' }), { container: 'ephemeral' });
    expect(textOf(h.slack.callsTo('chat.update')[0]?.blocks)).toContain('Accepted');
  });

  it('429 with Retry-After and 5xx are retried later; permanent errors dead-letter; nothing hangs', async () => {
    await requestFromStan();
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const started = Date.now();
    const first = await h.deliver();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(first.retried).toBe(1);
    h.clock.advance(5000);
    expect((await h.deliver()).claimed).toBe(0); // Retry-After is honoured
    h.clock.advance(60_000);
    h.slack.failNext('chat.postMessage', { status: 503 });
    expect((await h.deliver()).retried).toBe(1);
    h.clock.advance(10 * 60_000);
    h.slack.reset();
    expect((await h.deliver()).delivered).toBe(1);
    // A 5xx is an unknown outcome: the next attempt reads the DM back before posting once.
    expect(h.slack.calls.map((c) => c.method)).toEqual([
      'conversations.open',
      'conversations.history',
      'chat.postMessage',
    ]);

    h.user('UGONE', 'Gone User');
    await h.command({ id: 'UGONE' }, '<@UOWN>');
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const dead = await h.deliver();
    expect(dead.dead).toBe(1);
    expect(dead.deadEvents[0]?.error).toBe('channel_not_found');
  });

  it('a redelivery of the same event (it may have been sent) is suppressed by the event id in the DM', async () => {
    const r = await requestFromStan();
    const recipient = await h.store.getAccountByIdentity(id('UOWN'));
    const event: DomainEvent = {
      id: 'evt_dup',
      type: 'request_received',
      recipientId: recipient!.id,
      requestId: r,
      actorId: null,
      at: h.clock.now(),
    };
    h.slack.reset();
    expect(await h.bot.notifier.deliver(event, recipient!)).toEqual({ kind: 'delivered' });
    expect(await h.bot.notifier.deliver(event, recipient!, { maybeSent: true })).toEqual({
      kind: 'delivered',
    });
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('a recipient with no Slack identity or workspace token fails permanently', async () => {
    const r = await requestFromStan();
    const recipient = await h.store.getAccountByIdentity(id('UOWN'));
    const teamsOnly = {
      ...recipient!,
      identities: [{ platform: 'teams' as const, tenantId: 't', aadObjectId: 'a' }],
    };
    const event: DomainEvent = {
      id: 'evt_x',
      type: 'request_received',
      recipientId: recipient!.id,
      requestId: r,
      actorId: null,
      at: h.clock.now(),
    };
    expect((await h.bot.notifier.deliver(event, teamsOnly)).kind).toBe('failed');
  });
});
