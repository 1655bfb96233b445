import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MS, sweepRequests } from '../../../src/core/index.js';
import {
  BOT_ID,
  cardAction,
  cardText,
  executeActions,
  message,
  TENANT,
  type TeamsTest,
  teamsServerWith,
  user,
} from './support.js';

const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');

describe('Teams request lifecycle: duplicates, the requests list, reminders, expiry, uninstall', () => {
  let t: TeamsTest;
  let requestId: string;
  let cardId: string;
  beforeEach(async () => {
    t = await teamsServerWith([bob]);
    await t.post(message(t, ann, 'bob-tran'));
    await t.deliver();
    const notice = t.connector.sends(bob.conversationId).at(-1);
    requestId = String(executeActions(t.connector.cardOf(notice))[0]?.data.requestId);
    cardId = String(notice?.responseId);
  });
  afterEach(async () => {
    await t.close();
  });

  it('the same invoke delivered twice (a Teams retry) has one effect', async () => {
    const click = cardAction(t, bob, 'accept', { v: 1, requestId }, { replyToId: cardId, id: 'inv-same' });
    const first = await t.post(click);
    const second = await t.post(click);
    expect(cardText(first.json().value)).toContain('You accepted Ann Lee.');
    expect(cardText(second.json().value)).toContain('Request from Ann Lee: Accepted');
    expect(t.connector.updates()).toHaveLength(1);
    expect(await t.deliver()).toMatchObject({ claimed: 1, delivered: 1 }); // one "accepted" notice
    expect(await t.deliver()).toMatchObject({ claimed: 0 });
  });

  it('deciding from the requests list refreshes the list and resolves the proactive card too', async () => {
    await t.post(message(t, bob, 'requests'));
    const list = t.connector.sends(bob.conversationId).at(-1);
    const decline = executeActions(t.connector.cardOf(list)).find((a) => a.verb === 'decline');
    expect(decline?.data).toEqual({ v: 1, requestId, view: 'list' });
    const res = await t.post(
      cardAction(t, bob, 'decline', decline?.data ?? {}, { replyToId: String(list?.responseId) }),
    );
    const answer = cardText(res.json().value);
    expect(answer).toContain('Declined. Ann Lee is not notified.');
    expect(answer).toContain('No incoming requests.');
    const updated = new Map(
      t.connector.updates().map((u) => [u.activityId, cardText(t.connector.cardOf(u))]),
    );
    expect(updated.get(String(list?.responseId))).toContain('No incoming requests.');
    expect(updated.get(cardId)).toContain('Declined. Ann Lee is not notified.');
    // Decline is silent: Ann is not told, and still sees "pending".
    expect(await t.deliver()).toMatchObject({ claimed: 0 });
    await t.post(message(t, ann, 'requests'));
    expect(cardText(t.connector.cardOf(t.connector.sends(ann.conversationId).at(-1)))).toContain(
      'Request to Bob Tran (Chatwork ID: bob-tran): Pending',
    );
  });

  it('a reminder after 7 days, then expiry after 30 updates the card', async () => {
    t.clock.advance(7 * MS.DAY + 1);
    expect(await sweepRequests(t.deps)).toMatchObject({ ok: true, value: { reminded: 1 } });
    await t.deliver();
    const reminder = t.connector.sends(bob.conversationId).at(-1);
    expect(cardText(t.connector.cardOf(reminder))).toContain(
      'Reminder: Ann Lee is still waiting for your answer.',
    );
    t.clock.advance(23 * MS.DAY);
    expect(await sweepRequests(t.deps)).toMatchObject({ ok: true, value: { expired: 1 } });
    await t.deliver();
    const updated = t.connector.updates(bob.conversationId).map((u) => u.activityId);
    expect(updated.sort()).toEqual([cardId, String(reminder?.responseId)].sort());
    expect(cardText(t.connector.cardOf(t.connector.updates().at(-1)))).toContain(
      'Request from Ann Lee: Expired',
    );
  });

  it('uninstall forgets the conversation; the next notice opens a new 1:1 chat', async () => {
    await t.post({
      type: 'installationUpdate',
      action: 'remove',
      id: 'iu-1',
      channelId: 'msteams',
      serviceUrl: t.connector.serviceUrl,
      from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
      recipient: { id: BOT_ID, name: 'Chatwork Invite' },
      conversation: { conversationType: 'personal', id: bob.conversationId, tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    await t.post(message(t, ann, 'withdraw bob-tran'));
    t.clock.advance(8 * MS.DAY);
    const carol = user('carol', 'Carol Vu');
    await t.post(message(t, carol, 'bob-tran'));
    await t.deliver(); // the withdrawal updates the old card
    await t.deliver();
    const created = t.connector.creates();
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ members: [{ id: bob.aadObjectId }], tenantId: TENANT });
    const first = t.connector.sends(String(created[0]?.responseId));
    expect(cardText(t.connector.cardOf(first[0]))).toContain('Carol Vu wants to connect with you.');
  });
});
