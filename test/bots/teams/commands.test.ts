import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL } from '../../helpers/core.js';
import {
  BOT_ID,
  cardText,
  executeActions,
  message,
  TENANT,
  type TeamsTest,
  teamsServer,
  user,
} from './support.js';

const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');

describe('Teams commands over POST /api/messages', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const lastReply = () => t.connector.sends().at(-1);

  it('invite: replies to the message with my invite card (Add to contacts + link)', async () => {
    const res = await t.post(message(t, ann, 'invite', { id: 'm-1' }));
    expect(res.statusCode).toBe(200);
    const reply = lastReply();
    expect(reply?.path).toBe(`/v3/conversations/${encodeURIComponent(ann.conversationId)}/activities/m-1`);
    expect(reply?.activityId).toBe('m-1');
    const card = t.connector.cardOf(reply);
    expect(card?.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('Ann Lee');
    expect(text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/ann-lee`));
    const actions = executeActions(card);
    // [Add to contacts], and [Send request] inside "Add with a note".
    expect(actions.map((a) => a.verb)).toEqual(['add-to-contacts', 'add-to-contacts']);
    expect(actions[0]?.title).toBe('Add to contacts');
  });

  it('unknown input gets localized help; the locale comes from the activity', async () => {
    await t.post(message(t, { ...ann, locale: 'ja-JP' }, 'what is this?'));
    const ja = cardText(t.connector.cardOf(lastReply()));
    expect(ja).toContain('すみません、よくわかりませんでした。');
    expect(ja).toContain('Chatwork Inviteのコマンド');
    await t.post(message(t, { ...bob, locale: 'vi-VN' }, 'xin chào'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('Các lệnh của Chatwork Invite');
  });

  it('strips the bot mention in a group chat before parsing', async () => {
    const conversation = { conversationType: 'groupChat', id: '19:group@thread.v2', tenantId: TENANT };
    const entities = [
      {
        type: 'mention',
        text: '<at>Chatwork Invite</at>',
        mentioned: { id: BOT_ID, name: 'Chatwork Invite' },
      },
    ];
    await t.post(message(t, ann, '<at>Chatwork Invite</at> id', { conversation, entities }));
    const reply = lastReply();
    expect(reply?.conversationId).toBe('19:group@thread.v2');
    expect(cardText(t.connector.cardOf(reply))).toContain('Your Chatwork ID is ann-lee.');
  });

  it('id set changes the handle; a bad one gets a clear message and changes nothing', async () => {
    await t.post(message(t, ann, 'id set x!'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('A Chatwork ID has 4–32 characters');
    await t.post(message(t, ann, 'id set annie'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('Your Chatwork ID is now annie.');
    await t.post(message(t, ann, 'id'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('Your Chatwork ID is annie.');
  });

  it('a retried message (same activity id) is answered once', async () => {
    await t.post(message(t, ann, 'link', { id: 'same' }));
    await t.post(message(t, ann, 'link', { id: 'same' }));
    expect(t.connector.sends()).toHaveLength(1);
    const card = t.connector.cardOf(lastReply());
    expect(JSON.stringify(card)).toContain(`${TEST_PUBLIC_URL}/ann-lee/qr.png`);
  });

  it('web: a one-time sign-in link in the personal chat only', async () => {
    await t.post(message(t, ann, 'web'));
    expect(JSON.stringify(t.connector.cardOf(lastReply()))).toContain(`${TEST_PUBLIC_URL}/signin?token=`);
    const conversation = { conversationType: 'channel', id: '19:chan@thread.skype', tenantId: TENANT };
    await t.post(message(t, ann, 'web', { conversation }));
    const text = cardText(t.connector.cardOf(lastReply()));
    expect(text).toContain('personal chat');
    expect(text).not.toContain('signin');
  });

  it('a handle sends a request; find honours the opt-out', async () => {
    await t.post(message(t, bob, 'id'));
    await t.post(message(t, ann, 'bob-tran hello Bob'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('Request sent to Bob Tran.');
    await t.post(message(t, ann, 'find bob'));
    expect(executeActions(t.connector.cardOf(lastReply())).map((a) => a.verb)).toEqual(['add-to-contacts']);
    await t.post(message(t, bob, 'find off'));
    await t.post(message(t, ann, 'find bob'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('No one found for "bob".');
  });

  it('requests and contacts list with their buttons', async () => {
    await t.post(message(t, bob, 'id'));
    await t.post(message(t, ann, 'bob-tran'));
    await t.post(message(t, bob, 'requests'));
    const incoming = executeActions(t.connector.cardOf(lastReply()));
    expect(incoming.map((a) => a.verb)).toEqual(['accept', 'decline', 'block']);
    await t.post(message(t, ann, 'requests'));
    expect(executeActions(t.connector.cardOf(lastReply())).map((a) => a.verb)).toEqual(['withdraw']);
    await t.post(message(t, ann, 'contacts'));
    expect(cardText(t.connector.cardOf(lastReply()))).toContain('You have no contacts yet.');
  });
});
