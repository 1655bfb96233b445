import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Composed } from '../../src/compose.js';
import {
  BOT_ID,
  cardAction,
  cardText,
  executeActions,
  message,
  TENANT,
  type TeamsUser,
  user,
} from '../bots/teams/support.js';
import type { FakeConnector } from '../fakes/bot-connector.js';
import type { FakeChatwork } from '../fakes/chatwork-api.js';
import { until } from '../helpers/until.js';
import { teamsProduct } from './support.js';

/**
 * A linked person's invite card in Teams, end to end through the composition root: the product's
 * server (Teams and the Chatwork redirect route, OAuth configured, the poller running at
 * CHATWORK_POLL_INTERVAL=2), the fake Chatwork API and OAuth server, the fake Bot Connector.
 */
let cw: FakeChatwork;
let connector: FakeConnector;
let composed: Composed;
let product: Awaited<ReturnType<typeof teamsProduct>>;
const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Tran');
const group = { conversationType: 'groupChat', id: '19:group@thread.v2', tenantId: TENANT };

beforeAll(async () => {
  product = await teamsProduct({ oauth: true, poll: true });
  ({ cw, connector, composed } = product);
});
afterAll(async () => product.close());

const post = async (activity: Record<string, unknown>) => {
  const res = await composed.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
  expect(res.statusCode).toBe(200);
  return res;
};
/** The cards the bot sent in answer to a message, in the conversation it was said in (not a notice to someone else). */
async function say(u: TeamsUser, text: string, more: Parameters<typeof message>[3] = {}) {
  const where = String(more.conversation?.id ?? u.conversationId);
  const before = connector.sends(where).length;
  await post(message({ connector }, u, text, more));
  return connector.sends(where).slice(before);
}
/** An Action.Execute on an invite card (`refresh` or `add-to-contacts`): the card Teams shows the clicker. */
async function click(u: TeamsUser, verb: string, ownerId: string) {
  const res = await post(cardAction({ connector }, u, verb, { v: 1, ownerId }, { conversation: group }));
  const body = res.json() as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}
/** The Action.OpenUrl buttons of a card: title → url. */
const openUrls = (card: unknown): Record<string, string> => {
  const found: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.OpenUrl') found[String(o.title)] = String(o.url);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return found;
};

it('the refreshed invite card of a linked owner shows [Open in Chatwork], as the posted card does; of anyone else, none', async () => {
  const account = cw.addAccount({ name: 'Ann CW', chatwork_id: 'ann_teams' });
  await say(ann, `chatwork token ${account.apiToken}`);
  const entities = [
    { type: 'mention', text: '<at>Chatwork Invite</at>', mentioned: { id: BOT_ID, name: 'x' } },
  ];
  const [posted] = await say(ann, '<at>Chatwork Invite</at> invite', { conversation: group, entities });
  const postedCard = connector.cardOf(posted);
  expect(openUrls(postedCard)['Open in Chatwork']).toBe('https://www.chatwork.com/ann_teams');
  const ownerId = String(executeActions(postedCard)[0]?.data.ownerId);

  await say(bob, 'id');
  const seenByBob = await click(bob, 'refresh', ownerId);
  expect(openUrls(seenByBob)['Open in Chatwork']).toBe('https://www.chatwork.com/ann_teams');
  expect(executeActions(seenByBob).map((a) => a.title)).toContain('Add to contacts');
  const seenByAnn = await click(ann, 'refresh', ownerId);
  expect(cardText(seenByAnn)).toContain('This is your invite link.');
  expect(openUrls(seenByAnn)['Open in Chatwork']).toBe('https://www.chatwork.com/ann_teams');
  // After [Add to contacts] the card still links to Chatwork.
  const afterAdd = await click(bob, 'add-to-contacts', ownerId);
  expect(cardText(afterAdd)).toContain('Request sent to Ann Lee.');
  expect(openUrls(afterAdd)['Open in Chatwork']).toBe('https://www.chatwork.com/ann_teams');

  // Bob is not linked: his card, refreshed, has no Chatwork link.
  const [bobs] = await say(bob, '<at>Chatwork Invite</at> invite', { conversation: group, entities });
  const bobId = String(executeActions(connector.cardOf(bobs))[0]?.data.ownerId);
  const bobsCard = await click(ann, 'refresh', bobId);
  expect(cardText(bobsCard)).toContain('Bob Tran');
  expect(openUrls(bobsCard)['Open in Chatwork']).toBeUndefined();
}, 20_000);

it('link by OAuth from the personal chat: connect → consent → redirect → linked; an incoming request reaches them as a card', async () => {
  const cara = user('cara', 'Cara Vo');
  const account = cw.addAccount({ name: 'Cara Chatwork', chatwork_id: 'cara_real' });
  const [answer] = await say(cara, 'chatwork connect');
  expect(answer?.conversationId).toBe(cara.conversationId);
  const consentUrl = Object.values(openUrls(connector.cardOf(answer))).find((u) =>
    u.startsWith('https://www.chatwork.com/packages/oauth2/login.php'),
  );
  expect(consentUrl).toBeDefined();
  const consent = new URL(consentUrl ?? '');
  expect(consent.searchParams.get('code_challenge_method')).toBe('S256');

  // The browser at Chatwork's consent screen (the fake), signed in as that account, presses Allow.
  cw.signIn(account.accountId);
  const allowed = await fetch(`${cw.url}${consent.pathname}${consent.search}`, { redirect: 'manual' });
  const back = new URL(allowed.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe('https://invite.example.com/chatwork/oauth_redirect');
  const page = await composed.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('Cara Chatwork');
  expect(cw.tokenCalls.some((c) => c.grantType === 'authorization_code')).toBe(true);

  const me = await composed.store.getAccountByIdentity({
    platform: 'teams',
    tenantId: TENANT,
    aadObjectId: cara.aadObjectId,
  });
  expect(me?.handle).toBe('cara_real');
  expect(me && (await composed.chatwork?.linking.getLink(me.id))).toMatchObject({
    kind: 'oauth',
    chatworkId: 'cara_real',
  });
  // The state was one-time: the same redirect again links nothing more.
  const replay = await composed.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  expect(replay.body).not.toContain('Cara Chatwork');

  const request = cw.addRequest(account.accountId, { name: 'Dan <b>Do</b>', message: 'hi Cara' });
  const cards = () =>
    connector
      .sends(cara.conversationId)
      .filter((s) => JSON.stringify(connector.cardOf(s) ?? {}).includes('chatwork-accept'));
  await until(() => cards().length >= 1);
  const card = connector.cardOf(cards()[0]);
  expect(cardText(card)).toContain('Dan <b>Do</b> wants to add you');
  expect(cardText(card)).toContain('hi Cara');
  expect(executeActions(card).find((a) => a.verb === 'chatwork-accept')?.data).toMatchObject({
    requestId: String(request.request_id),
  });
  // The poller read Chatwork with the OAuth access token (Bearer), not an API token.
  expect(cw.callsTo('GET /incoming_requests').some((c) => c.auth === 'bearer')).toBe(true);
}, 20_000);

it('`<who>` to the bot between two linked people who are Chatwork contacts already: says so, sends nothing', async () => {
  const dora = user('dora', 'Dora Ngo');
  const eli = user('eli', 'Eli Sato');
  const doraCw = cw.addAccount({ name: 'Dora CW', chatwork_id: 'dora_cw' });
  const eliCw = cw.addAccount({ name: 'Eli CW', chatwork_id: 'eli_cw' });
  await say(dora, `chatwork token ${doraCw.apiToken}`);
  await say(eli, `chatwork token ${eliCw.apiToken}`);
  eliCw.contacts.push({ ...doraCw.me });
  const contactsBefore = cw.callsTo('GET /contacts').length;

  const answer = await say(eli, 'dora_cw');
  expect(answer.map((s) => cardText(connector.cardOf(s)) || JSON.stringify(s.body)).join('\n')).toContain(
    'You and Dora Ngo are already contacts in Chatwork. Nothing was sent.',
  );
  expect(cw.callsTo('GET /contacts').slice(contactsBefore)).toMatchObject([
    { token: eliCw.apiToken, status: 200 },
  ]);
  const doraId = (
    await composed.store.getAccountByIdentity({
      platform: 'teams',
      tenantId: TENANT,
      aadObjectId: dora.aadObjectId,
    })
  )?.id;
  const incoming = await composed.store.listRequests({
    accountId: doraId ?? '',
    direction: 'incoming',
    now: Date.now(),
    limit: 10,
  });
  expect(incoming.items).toEqual([]);
  expect(
    connector.sends(dora.conversationId).filter((s) => cardText(connector.cardOf(s)).includes('Eli Sato')),
  ).toEqual([]);
}, 20_000);
