import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Composed } from '../../src/compose.js';
import { cardAction, cardText, message, TENANT, type TeamsUser, user } from '../bots/teams/support.js';
import type { FakeConnector } from '../fakes/bot-connector.js';
import type { FakeChatwork } from '../fakes/chatwork-api.js';
import { until } from '../helpers/until.js';
import { teamsProduct } from './support.js';

/**
 * The Teams side of the Chatwork bridge, end to end through the composition root with the poller
 * running (CHATWORK_POLL_INTERVAL=2): the product's server, the fake Chatwork API, the fake Bot
 * Connector. Link with an API token in the personal chat (refused in a channel); three requests →
 * three personal cards, once each; [Accept] → PUT once, the card replaced with the chat link;
 * [Not now] → DELETE; handled in Chatwork meanwhile → "already handled"; someone else's click →
 * not theirs; a revoked token → told once; `chatwork disconnect` deletes the token.
 */
let cw: FakeChatwork;
let connector: FakeConnector;
let composed: Composed;
let product: Awaited<ReturnType<typeof teamsProduct>>;
const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');

beforeAll(async () => {
  product = await teamsProduct({ poll: true });
  ({ cw, connector, composed } = product);
});
afterAll(async () => product.close());

const post = async (activity: Record<string, unknown>) => {
  const res = await composed.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
  expect(res.statusCode).toBe(200);
  return res;
};
/** What the bot said in answer to a message, in the conversation it was said in (not a notice to someone else). */
async function say(u: TeamsUser, text: string, conversation?: Record<string, unknown>) {
  const where = String(conversation?.id ?? u.conversationId);
  const before = connector.sends(where).length;
  await post(message({ connector }, u, text, conversation ? { conversation } : {}));
  const sent = connector.sends(where).slice(before);
  return sent.map((s) => cardText(connector.cardOf(s)) || JSON.stringify(s.body)).join('\n');
}
async function click(u: TeamsUser, verb: string, data: unknown) {
  const res = await post(cardAction({ connector }, u, verb, data));
  return JSON.parse(res.body) as { type: string; value: unknown };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Chatwork request cards sent so far, and the data of their [Accept] button. */
const requestCards = () =>
  connector.sends().filter((s) => JSON.stringify(connector.cardOf(s) ?? {}).includes('chatwork-accept'));
const acceptData = (s: ReturnType<typeof requestCards>[number]) => {
  const actions = (connector.cardOf(s)?.actions ?? []) as Array<{ verb?: string; data?: unknown }>;
  return actions.find((a) => a.verb === 'chatwork-accept')?.data;
};

it('link in the personal chat; three requests → three cards once each; Accept, Not now, already handled, not yours; revoked → told once; disconnect', async () => {
  const account = cw.addAccount({ name: 'Ann CW', chatwork_id: 'ann_teams' });
  const channel = { conversationType: 'channel', id: '19:general@thread.tacv2', tenantId: TENANT };
  const refused = await say(ann, `chatwork token ${account.apiToken}`, channel);
  expect(refused).toContain('only taken in a direct message');
  expect(refused).not.toContain(account.apiToken);
  expect(cw.callsTo('GET /me')).toHaveLength(0);

  const linked = await say(ann, `chatwork token ${account.apiToken}`);
  expect(linked).toContain('https://www.chatwork.com/ann_teams');
  const invite = await say(ann, 'invite');
  expect(invite).toContain('Open in Chatwork');
  expect(JSON.stringify(connector.sends(ann.conversationId).at(-1)?.body)).toContain(
    'https://www.chatwork.com/ann_teams',
  );
  await say(bob, 'id');

  const r1 = cw.addRequest(account.accountId, {
    name: 'Carol **bold**',
    department: 'Sales',
    message: 'hello',
  });
  const r2 = cw.addRequest(account.accountId, { name: 'Dan' });
  const r3 = cw.addRequest(account.accountId, { name: 'Eve' });
  await until(() => requestCards().length >= 3);
  await sleep(4500);
  const cards = requestCards();
  expect(cards).toHaveLength(3);
  expect(cards.every((c) => c.conversationId === ann.conversationId)).toBe(true);
  expect(cardText(connector.cardOf(cards[0]))).toContain('Carol **bold** wants to add you');
  expect(cardText(connector.cardOf(cards[0]))).toContain('Department: Sales');

  const [d1, d2, d3] = cards.map(acceptData);
  const notYours = await click(bob, 'chatwork-accept', d1);
  expect(notYours.value).toBe('This request is not yours to answer.');
  expect(cw.callsTo(`PUT /incoming_requests/${r1.request_id}`)).toHaveLength(0);

  const accepted = await click(ann, 'chatwork-accept', d1);
  expect(cw.callsTo(`PUT /incoming_requests/${r1.request_id}`)).toHaveLength(1);
  expect(JSON.stringify(accepted.value)).toMatch(/https:\/\/www\.chatwork\.com\/#!rid\d+/);
  expect(JSON.stringify(accepted.value)).not.toContain('chatwork-accept');

  const declined = await click(ann, 'chatwork-decline', d2);
  expect(cw.callsTo(`DELETE /incoming_requests/${r2.request_id}`)).toHaveLength(1);
  expect(cardText(declined.value)).toContain('declined in Chatwork');

  account.requests.splice(
    account.requests.findIndex((r) => r.request_id === r3.request_id),
    1,
  );
  const handled = await click(ann, 'chatwork-accept', d3);
  expect(cardText(handled.value)).toContain('already handled in Chatwork');

  cw.revoke(account.accountId);
  const broken = () =>
    connector.sends().filter((s) => cardText(connector.cardOf(s)).includes('no longer accepts the token'));
  await until(() => broken().length >= 1);
  await sleep(4500);
  expect(broken()).toHaveLength(1);
  expect(requestCards()).toHaveLength(3);

  expect(await say(ann, 'chatwork disconnect')).toContain('no longer linked');
  const me = await composed.store.getAccountByIdentity({
    platform: 'teams',
    tenantId: TENANT,
    aadObjectId: ann.aadObjectId,
  });
  expect(me && (await composed.chatwork?.linking.getLink(me.id))).toBeNull();
}, 40_000);
