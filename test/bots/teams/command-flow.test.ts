import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoHandleCandidates } from '../../../src/core/index.js';
import { seededRandom } from '../../helpers/random.js';
import { cardText, executeActions, message, TENANT, type TeamsTest, teamsServer, user } from './support.js';

/**
 * Teams on the command flow: each test here failed on Teams' own copy of the flows (drift bugs of
 * issue 12), and passes now that Slack and Teams run the same `src/flows/commands.ts`.
 */
const ann = user('ann', 'Ann Lee');
const group = { conversationType: 'groupChat', id: '19:group@thread.v2', tenantId: TENANT };
const mentionOf = (name: string, id: string) => [
  { type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } },
];

describe('Teams commands run the shared command flow', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServer();
  });
  afterEach(async () => {
    await t.close();
  });
  const lastText = (conversationId?: string) =>
    cardText(t.connector.cardOf(t.connector.sends(conversationId).at(-1)));

  it('withdraw, remove and block naming someone who never used the app register no one', async () => {
    t.connector.addMember(group.id, { id: '29:dave', aadObjectId: 'aad-dave', name: 'Dave Ng' });
    const said = [];
    for (const word of ['withdraw', 'remove', 'block']) {
      await t.post(
        message(t, ann, `${word} <at>Dave Ng</at>`, {
          conversation: group,
          entities: mentionOf('Dave Ng', '29:dave'),
        }),
      );
      said.push(lastText(group.id));
    }
    expect(said).toEqual([
      'You have no pending request to that person.',
      'That person is not in your contacts.',
      'Dave Ng has not used Chatwork Invite yet, so there is nothing to block.',
    ]);
    expect(
      await t.store.getAccountByIdentity({ platform: 'teams', tenantId: TENANT, aadObjectId: 'aad-dave' }),
    ).toBeNull();
  });

  it('a failed `requests` shows its real error, not "temporarily unavailable"', async () => {
    // Every handle a nameless newcomer could get is taken: registering them fails with NO_HANDLE_AVAILABLE.
    const random = seededRandom();
    const taken = autoHandleCandidates('!!!', () => random.float());
    for (const [i, handle] of taken.entries())
      await t.store.registerAccount({
        id: `acc-taken-${i}`,
        identity: { platform: 'slack', teamId: 'T1', userId: `U${i}` },
        displayName: handle,
        locale: 'en',
        handleCandidates: [handle],
        now: t.clock.now(),
      });
    await t.post(message(t, user('nameless', '!!!'), 'requests'));
    const text = lastText();
    expect(text).toBe('We could not create a Chatwork ID for you. Please try again.');
    expect(t.telemetry).toContain('action teams command.requests NO_HANDLE_AVAILABLE');
  });

  it('a request by link records source "link"; by Chatwork ID "handle"', async () => {
    const bob = user('bob', 'Bob Tran');
    const carol = user('carol', 'Carol Wu');
    await t.post(message(t, bob, 'id'));
    await t.post(message(t, carol, 'id'));
    await t.post(message(t, ann, 'https://invite.example.com/bob-tran'));
    await t.post(message(t, ann, 'carol-wu'));
    const me = await t.store.getAccountByIdentity({
      platform: 'teams',
      tenantId: TENANT,
      aadObjectId: 'aad-ann',
    });
    const sent = await t.store.listRequests({
      accountId: me!.id,
      direction: 'outgoing',
      now: t.clock.now(),
      limit: 5,
    });
    expect(sent.items.map((r) => r.source).sort()).toEqual(['handle', 'link']);
  });

  it('asking back someone who asked first connects, and settles my own card of their request', async () => {
    const bob = user('bob', 'Bob Tran');
    await t.post(message(t, ann, 'id'));
    await t.post(message(t, bob, 'ann-lee hi'));
    await t.deliver();
    const card = t.connector.sends(ann.conversationId).at(-1);
    expect(executeActions(t.connector.cardOf(card)).map((a) => a.verb)).toEqual([
      'accept',
      'decline',
      'block',
    ]);
    await t.post(message(t, ann, 'bob-tran'));
    expect(lastText(ann.conversationId)).toBe('You and Bob Tran are now contacts.');
    const updates = t.connector.updates(ann.conversationId);
    expect(updates.map((u) => u.activityId)).toEqual([card?.responseId]);
    expect(executeActions(t.connector.cardOf(updates[0]))).toEqual([]);
    expect(cardText(t.connector.cardOf(updates[0]))).toContain('Request from Bob Tran: Accepted');
  });

  it('telemetry counts the real outcome after the command ran: a refused request is not ok', async () => {
    await t.post(message(t, ann, 'ann-lee'));
    await t.post(message(t, ann, 'no-such-person'));
    await t.post(message(t, ann, 'id'));
    expect(t.telemetry.filter((l) => l.startsWith('action'))).toEqual([
      'action teams command.request OWN_LINK',
      'action teams command.request NOT_FOUND',
      'action teams command.id ok',
    ]);
    expect(lastText()).toContain('Your Chatwork ID is ann-lee.');
  });
});
