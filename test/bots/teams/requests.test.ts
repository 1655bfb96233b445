import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cardAction,
  cardText,
  executeActions,
  message,
  reference,
  TENANT,
  type TeamsTest,
  teamsServerWith,
  user,
} from './support.js';

const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');
const carol = user('carol', 'Carol Vu');

describe('Teams connection requests: proactive cards, Accept/Decline, forged actors, retries', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServerWith([ann, bob, carol]);
  });
  afterEach(async () => {
    await t.close();
  });

  /** Ann asks Bob; the notice reaches Bob's 1:1 chat proactively. Returns the card's activity id. */
  async function annAsksBob(): Promise<{ requestId: string; activityId: string }> {
    await t.post(message(t, ann, 'bob-tran see you at the meetup'));
    const before = t.connector.sends(bob.conversationId).length;
    const report = await t.deliver();
    expect(report.delivered).toBe(1);
    const sends = t.connector.sends(bob.conversationId);
    expect(sends).toHaveLength(before + 1);
    const notice = sends.at(-1);
    const card = t.connector.cardOf(notice);
    expect(cardText(card)).toContain('Ann Lee wants to connect with you.');
    expect(cardText(card)).toContain('Message: see you at the meetup');
    const actions = executeActions(card);
    expect(actions.map((a) => a.verb)).toEqual(['accept', 'decline', 'block']);
    const requestId = String(actions[0]?.data.requestId);
    return { requestId, activityId: String(notice?.responseId) };
  }

  it('Accept answers the invoke with the refreshed card and updates the original message', async () => {
    const { requestId, activityId: sentId } = await annAsksBob();
    expect(sentId).toMatch(/^act-/);
    const res = await t.post(cardAction(t, bob, 'accept', { v: 1, requestId }, { replyToId: sentId }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toContain('You accepted Ann Lee. You are now contacts.');
    expect(t.telemetry).toContain('action teams click.accept ok');
    expect(executeActions(body.value)).toEqual([]);
    const updates = t.connector.updates(bob.conversationId);
    expect(updates.map((u) => u.activityId)).toEqual([sentId]);
    expect(cardText(t.connector.cardOf(updates[0]))).toContain('You accepted Ann Lee.');

    // The sender hears about it proactively.
    await t.deliver();
    expect(cardText(t.connector.cardOf(t.connector.sends(ann.conversationId).at(-1)))).toContain(
      'Bob Tran accepted your contact request.',
    );

    // A double click shows the final state and changes nothing.
    const again = await t.post(cardAction(t, bob, 'decline', { v: 1, requestId }, { replyToId: sentId }));
    expect(cardText(again.json().value)).toContain('Request from Ann Lee: Accepted');
    expect(t.connector.updates()).toHaveLength(1);
    expect((await t.store.getRequest(requestId))?.state).toBe('accepted');
    expect((await t.deliver()).claimed).toBe(0);
  });

  it('forged actors: the card data of another user or tenant changes nothing', async () => {
    const { requestId, activityId } = await annAsksBob();
    const forged = await t.post(
      cardAction(t, carol, 'accept', { v: 1, requestId }, { replyToId: activityId }),
    );
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'This request is not yours to answer.',
    });
    // Bob's aadObjectId in another tenant is another person.
    const otherTenant = { ...bob, tenantId: 'evil-tenant' };
    const cross = await t.post(cardAction(t, otherTenant, 'accept', { v: 1, requestId }));
    expect(cross.json().value).toBe('This request is not yours to answer.');
    // The sender cannot accept their own request either.
    const self = await t.post(cardAction(t, ann, 'accept', { v: 1, requestId }));
    expect(self.json().value).toBe('This request is not yours to answer.');
    expect((await t.store.getRequest(requestId))?.state).toBe('pending');
    expect(t.connector.updates()).toEqual([]);
  });

  it('Decline is silent; withdraw updates the recipient card; bad card data is refused', async () => {
    const { requestId } = await annAsksBob();
    const outdated = await t.post(cardAction(t, bob, 'accept', { v: 99, requestId }));
    expect(outdated.json().value).toContain('This card is out of date.');
    await t.post(message(t, ann, 'withdraw bob-tran'));
    expect(cardText(t.connector.cardOf(t.connector.sends(ann.conversationId).at(-1)))).toContain(
      'Request to Bob Tran withdrawn.',
    );
    await t.deliver();
    const update = t.connector.updates(bob.conversationId).at(-1);
    expect(cardText(t.connector.cardOf(update))).toContain('Request from Ann Lee: Withdrawn');
    const late = await t.post(cardAction(t, bob, 'accept', { v: 1, requestId }));
    expect(cardText(late.json().value)).toContain('Withdrawn');
    expect((await t.store.getRequest(requestId))?.state).toBe('withdrawn');
  });

  it('a 429 is retried by the outbox; a 5xx is retried by the HTTP pipeline; nothing is lost', async () => {
    await t.post(message(t, ann, 'bob-tran'));
    t.connector.failNext({ status: 429, retryAfter: 0, pathIncludes: 'personal-bob' });
    const first = await t.deliver();
    expect(first).toMatchObject({ claimed: 1, retried: 1, dead: 0 });
    expect(await t.deliver()).toMatchObject({ claimed: 0 }); // backoff: not due yet
    t.clock.advance(10 * 60_000);
    t.connector.failNext({ status: 503, pathIncludes: 'personal-bob' });
    expect(await t.deliver()).toMatchObject({ delivered: 1, dead: 0 });
    const attempts = t.connector.sends(bob.conversationId);
    expect(attempts.map((c) => c.responseId === null)).toEqual([false, true, true, false]);
    expect(executeActions(t.connector.cardOf(attempts.at(-1))).map((a) => a.verb)).toEqual([
      'accept',
      'decline',
      'block',
    ]);
  });

  it('403 BotNotInConversationRoster: the request stays pending and shows the next time they talk', async () => {
    // Dave never installed the bot; Ann mentions him in a group chat of the same tenant.
    const group = { conversationType: 'groupChat', id: '19:group@thread.v2', tenantId: TENANT };
    t.connector.addMember(group.id, { id: '29:dave', aadObjectId: 'aad-dave', name: 'Dave Ng' });
    const entities = [
      { type: 'mention', text: '<at>Dave Ng</at>', mentioned: { id: '29:dave', name: 'Dave Ng' } },
    ];
    await t.post(message(t, ann, '<at>Dave Ng</at> hi Dave', { conversation: group, entities }));
    expect(cardText(t.connector.cardOf(t.connector.sends(group.id).at(-1)))).toContain(
      'Request sent to Dave Ng.',
    );

    t.connector.failNext({
      status: 403,
      body: reference('error-403-bot-not-in-conversation-roster.issue.json'),
    });
    const report = await t.deliver();
    expect(report).toMatchObject({ claimed: 1, dead: 1 });
    expect(report.deadEvents[0]?.error).toContain('BotNotInConversationRoster');
    expect(t.connector.creates()).toHaveLength(1);
    expect(t.telemetry).toContain('apiError teams openPersonalChat not_installed');
    expect(t.connector.creates()[0]?.body).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-dave' }],
      channelData: { tenant: { id: TENANT } },
    });

    // Dave installs the app later and says hello: his pending request is shown first.
    const dave = user('dave', 'Dave Ng');
    await t.post(message(t, dave, 'hello'));
    const replies = t.connector.sends(dave.conversationId);
    expect(replies).toHaveLength(2);
    const missed = t.connector.cardOf(replies[0]);
    expect(cardText(missed)).toContain('These contact requests arrived while I could not reach you:');
    expect(cardText(missed)).toContain('Ann Lee');
    const [accept] = executeActions(missed);
    expect(accept?.verb).toBe('accept');
    const res = await t.post(cardAction(t, dave, 'accept', accept?.data ?? {}, { replyToId: 'x' }));
    expect(cardText(res.json().value)).toContain('You accepted Ann Lee.');
  });

  it('MessageWritesBlocked (user blocked the bot) fails the notice, keeps the request', async () => {
    await t.post(message(t, ann, 'bob-tran'));
    t.connector.failNext({ status: 403, body: reference('error-403-message-writes-blocked.docs.json') }, 2);
    const report = await t.deliver();
    expect(report.dead).toBe(1);
    expect(report.deadEvents[0]?.error).toContain('MessageWritesBlocked');
    await t.post(message(t, bob, 'requests'));
    const replies = t.connector.sends(bob.conversationId);
    expect(cardText(t.connector.cardOf(replies.at(-2)))).toContain('These contact requests arrived');
  });
});
