import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cardAction,
  cardText,
  executeActions,
  identityOf,
  lastCardTo,
  message,
  TENANT,
  type TeamsTest,
  teamsServerWith,
  user,
} from './support.js';

/**
 * `delete my data` and `export my data` in Teams over the real server and the fake Bot Connector:
 * the confirmation card in the personal chat, its [Delete my data] invoke, the 410 page; the export
 * link only in the personal chat.
 */
const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');

describe('Teams: delete my data, export my data', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServerWith([ann, bob]);
  });
  afterEach(async () => t.close());

  const identity = identityOf;
  const lastCard = (u: { conversationId: string }) => lastCardTo(t, u);

  it('asks in the personal chat; [Delete my data] deletes, the page answers 410; a forged click deletes nothing', async () => {
    const me = await t.store.getAccountByIdentity(identity('ann'));
    if (!me) throw new Error('fixture');
    await t.post(message(t, bob, me.handle));
    await t.post(message(t, ann, 'delete my data'));
    const asked = lastCard(ann);
    expect(cardText(asked)).toContain(me.handle);
    const [del, keep] = executeActions(asked);
    expect([del?.verb, keep?.verb]).toEqual(['delete-my-data', 'keep-my-data']);
    const forged = await t.post(cardAction(t, bob, 'delete-my-data', del?.data));
    expect(forged.statusCode).toBe(200);
    expect(JSON.stringify(forged.json())).toContain('Only the person whose data it is');
    expect(await t.store.getAccountByIdentity(identity('ann'))).not.toBeNull();
    const done = await t.post(cardAction(t, ann, 'delete-my-data', del?.data));
    expect(done.statusCode).toBe(200);
    expect(JSON.stringify(done.json())).toContain('Everything stored about you is deleted.');
    expect(await t.store.getAccountByIdentity(identity('ann'))).toBeNull();
    expect((await t.app.inject({ url: `/${me.handle}` })).statusCode).toBe(410);
    const bobs = await t.store.getAccountByIdentity(identity('bob'));
    const open = await t.store.listRequests({
      accountId: bobs?.id ?? '',
      direction: 'outgoing',
      now: t.clock.now(),
      limit: 10,
    });
    expect(open.items).toEqual([]);
  });

  it('export my data: a download link in the personal chat, refused in a channel', async () => {
    await t.post(message(t, ann, 'export my data'));
    const url = /https:\/\/invite\.example\.com\/export\/[A-Za-z0-9_-]+/.exec(
      JSON.stringify(lastCard(ann)),
    )?.[0];
    expect(url).toBeDefined();
    const res = await t.app.inject({ url: new URL(url ?? 'https://x/').pathname });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).account.displayName).toBe('Ann Lee');
    const channel = { conversationType: 'channel', id: '19:general@thread.tacv2', tenantId: TENANT };
    const before = t.connector.sends(channel.id).length;
    await t.post(message(t, ann, 'export my data', { conversation: channel }));
    const sent = JSON.stringify(t.connector.sends(channel.id).slice(before));
    expect(sent).toContain('personal chat with the bot');
    expect(sent).not.toContain('/export/');
  });

  it('the help card has [Export my data] and [Delete my data]: in the personal chat they ask or give the link, elsewhere they refuse', async () => {
    await t.post(message(t, ann, 'help'));
    const verbs = executeActions(lastCard(ann)).map((a) => a.verb);
    expect(verbs).toEqual(expect.arrayContaining(['export-my-data-ask', 'delete-my-data-ask']));
    const ask = await t.post(cardAction(t, ann, 'delete-my-data-ask', { v: 1 }));
    const confirm = (ask.json() as { value: unknown }).value;
    expect(executeActions(confirm).map((a) => a.verb)).toEqual(['delete-my-data', 'keep-my-data']);
    const link = await t.post(cardAction(t, ann, 'export-my-data-ask', { v: 1 }));
    expect(JSON.stringify(link.json())).toMatch(/https:\/\/invite\.example\.com\/export\/[A-Za-z0-9_-]+/);
    const channel = { conversationType: 'channel', id: '19:general@thread.tacv2', tenantId: TENANT };
    const refused = await t.post(
      cardAction(t, ann, 'export-my-data-ask', { v: 1 }, { conversation: channel }),
    );
    expect(JSON.stringify(refused.json())).toContain('only shown in your personal chat');
    expect(JSON.stringify(refused.json())).not.toContain('/export/');
    expect(await t.store.getAccountByIdentity(identity('ann'))).not.toBeNull();
  });
});
