import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Composed } from '../../src/compose.js';
import { injectSigned } from '../bots/slack/support.js';
import type { FakeChatwork } from '../fakes/chatwork-api.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import { until } from '../helpers/until.js';
import { slackProduct } from './support.js';

/**
 * Incoming Chatwork requests in Slack, end to end through the composition root with the poller
 * running (CHATWORK_POLL_INTERVAL=2): the product's server, the fake Chatwork API, the fake Slack
 * Web API. Three requests → three DMs, once each; [Accept] → PUT once and the DM updated in place
 * with the chat link; [Not now] → DELETE; a request handled in Chatwork meanwhile → "already
 * handled"; someone else's click → not theirs; a revoked token → told once.
 */
let cw: FakeChatwork;
let slack: FakeSlack;
let composed: Composed;
let product: Awaited<ReturnType<typeof slackProduct>>;
let n = 0;

beforeAll(async () => {
  product = await slackProduct({ poll: true });
  ({ cw, slack, composed } = product);
});
afterAll(async () => product.close());

async function post(body: string) {
  const res = await injectSigned(composed.app, body);
  expect(res.statusCode).toBe(200);
  return res.body;
}

const dmCommand = (userId: string, text: string) =>
  post(
    new URLSearchParams({
      team_id: 'T0001',
      team_domain: 'acme',
      channel_id: `D${userId}`,
      channel_name: 'directmessage',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/chatwork-invite',
      text,
      response_url: slack.responseUrl(`cmd-${userId}`),
    }).toString(),
  );

/** A click on a button of a DM card, as Slack sends it; returns the response_url id it carries. */
async function click(userId: string, button: Record<string, unknown>, onAck: () => void = () => {}) {
  const id = `click-${++n}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'acme' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'deprecated',
    trigger_id: `trigger-${n}`,
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'DUANN', is_ephemeral: false },
    channel: { id: 'DUANN', name: 'directmessage' },
    message: { type: 'message', ts: '1700000000.000100', text: 'card' },
    response_url: slack.responseUrl(id),
    actions: [{ ...button, block_id: 'b', action_ts: `${Date.now() / 1000}` }],
  };
  await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  onAck();
  await until(() => slack.responses.some((r) => r.id === id));
  return slack.responses.find((r) => r.id === id)?.body ?? {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Chatwork request DMs posted so far, with their buttons. */
const requestDms = () =>
  slack
    .callsTo('chat.postMessage')
    .filter((c) => JSON.stringify(c.args.blocks ?? []).includes('ci_cw_accept'));
const buttonsOf = (dm: { args: Record<string, unknown> }) =>
  (dm.args.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

it('three Chatwork requests → three DMs once each; Accept, Not now, already handled, not yours; a revoked token is told once', async () => {
  slack.addUser({ id: 'UANN', teamId: 'T0001', name: 'Ann' });
  slack.addUser({ id: 'UBOB', teamId: 'T0001', name: 'Bob' });
  const ann = cw.addAccount({ chatwork_id: 'ann_real' });
  expect(await dmCommand('UANN', `chatwork token ${ann.apiToken}`)).toContain(
    'https://www.chatwork.com/ann_real',
  );
  const r1 = cw.addRequest(ann.accountId, { name: 'Carol <C&Co>', message: 'Hi *Ann*', department: 'Sales' });
  const r2 = cw.addRequest(ann.accountId, { name: 'Dan' });
  const r3 = cw.addRequest(ann.accountId, { name: 'Eve' });

  await until(() => requestDms().length >= 3);
  await sleep(4500); // two more polling rounds: nothing is announced twice
  const dms = requestDms();
  expect(dms).toHaveLength(3);
  expect(dms.every((d) => d.args.channel === 'DUANN')).toBe(true);
  const first = JSON.stringify(dms[0]?.args.blocks);
  expect(first).toContain('Carol &lt;C&amp;Co&gt;');
  expect(first).toContain('Sales');
  expect(first).toContain('Hi *Ann*');
  expect(first).toContain('"text":"Accept"');
  expect(first).toContain('"text":"Not now"');

  const [accept1] = buttonsOf(dms[0] as never);
  const [, notNow2] = buttonsOf(dms[1] as never);
  const [accept3] = buttonsOf(dms[2] as never);

  // Someone else clicking Ann's card: told privately, Chatwork not called, the card stays.
  const bobs = await click('UBOB', accept1 as never);
  expect(bobs.replace_original).toBe(false);
  expect(cw.callsTo(`PUT /incoming_requests/${r1.request_id}`)).toHaveLength(0);

  const accepted = await click('UANN', accept1 as never);
  expect(cw.callsTo(`PUT /incoming_requests/${r1.request_id}`)).toHaveLength(1);
  expect(accepted.replace_original).toBe(true);
  expect(JSON.stringify(accepted.blocks)).toMatch(/https:\/\/www\.chatwork\.com\/#!rid\d+/);
  expect(JSON.stringify(accepted.blocks)).not.toContain('ci_cw_accept');

  const declined = await click('UANN', notNow2 as never);
  expect(cw.callsTo(`DELETE /incoming_requests/${r2.request_id}`)).toHaveLength(1);
  expect(declined.replace_original).toBe(true);

  // r3 handled in Chatwork meanwhile.
  ann.requests.splice(
    ann.requests.findIndex((r) => r.request_id === r3.request_id),
    1,
  );
  const handled = await click('UANN', accept3 as never);
  expect(JSON.stringify(handled)).toContain('already handled in Chatwork');
  expect(handled.replace_original).toBe(true);

  // Chatwork revokes the token: the next poll tells Ann once, then polling her stops.
  cw.revoke(ann.accountId);
  const broken = () =>
    slack.callsTo('chat.postMessage').filter((c) => String(c.args.text ?? '').includes('chatwork connect'));
  await until(() => broken().length >= 1);
  const polls = cw.callsTo('GET /incoming_requests').length;
  await sleep(4500);
  expect(broken()).toHaveLength(1);
  expect(cw.callsTo('GET /incoming_requests').length).toBe(polls);
  expect(requestDms()).toHaveLength(3);

  const metrics = await composed.metricsApp?.inject({ method: 'GET', url: '/metrics' });
  expect(metrics?.body).toMatch(/chatwork_bridge_requests_announced_total 3/);
  expect(metrics?.body).toMatch(
    /chatwork_bridge_requests_decided_total\{action="accept",outcome="accepted"\} 1/,
  );
  expect(metrics?.body).toMatch(/chatwork_bridge_linked_people 0/);
}, 40_000);

it('a 429 with X-RateLimit-Reset pauses polling that person until the reset, then polling resumes', async () => {
  slack.addUser({ id: 'UBOB', teamId: 'T0001', name: 'Bob' });
  const bob = cw.addAccount({ chatwork_id: 'bob_real' });
  expect(await dmCommand('UBOB', `chatwork token ${bob.apiToken}`)).toContain('bob_real');
  const bobsPolls = () => cw.callsTo('GET /incoming_requests').filter((c) => c.token === bob.apiToken);
  await until(() => bobsPolls().length >= 1);
  const resetAt = Math.floor(Date.now() / 1000) + 6;
  cw.failNext('GET /incoming_requests', { status: 429, resetAt });
  await until(() => bobsPolls().some((c) => c.status === 429));
  const limitedAt = bobsPolls().length;
  // Polled every 2 s otherwise: nothing until the reset.
  await sleep(resetAt * 1000 - Date.now() - 300);
  expect(bobsPolls()).toHaveLength(limitedAt);
  await until(() => bobsPolls().length > limitedAt, 5000);
  expect(bobsPolls()[limitedAt]?.at).toBeGreaterThanOrEqual(resetAt * 1000);
  const metrics = await composed.metricsApp?.inject({ method: 'GET', url: '/metrics' });
  expect(metrics?.body).toMatch(/chatwork_bridge_rate_limited_total [1-9]/);
}, 30_000);

it('a slow Chatwork: the click is acknowledged before Chatwork answers, and the DM is settled when it does', async () => {
  const bob = cw.addAccount({ chatwork_id: 'bob_slow' });
  expect(await dmCommand('UBOB', `chatwork token ${bob.apiToken}`)).toContain('bob_slow');
  const r = cw.addRequest(bob.accountId, { name: 'Slow Sender' });
  const mine = () => requestDms().filter((d) => JSON.stringify(d.args.blocks).includes('Slow Sender'));
  await until(() => mine().length === 1);
  const [accept] = buttonsOf(mine()[0] as never);
  cw.delayNext('PUT /incoming_requests/{id}', 3500);
  let answeredAtAck = -1;
  const settled = await click('UBOB', accept as never, () => {
    answeredAtAck = cw.callsTo(`PUT /incoming_requests/${r.request_id}`).length;
  });
  expect(answeredAtAck).toBe(0);
  expect(cw.callsTo(`PUT /incoming_requests/${r.request_id}`)).toHaveLength(1);
  expect(settled.replace_original).toBe(true);
  expect(JSON.stringify(settled.blocks)).toMatch(/#!rid\d+/);
}, 30_000);

it('a Chatwork ID changed in Chatwork: the daily GET /me makes it the handle, and the next invite card links to it', async () => {
  slack.addUser({ id: 'UCARL', teamId: 'T0001', name: 'Carl' });
  const carl = cw.addAccount({ chatwork_id: 'carl_old' });
  expect(await dmCommand('UCARL', `chatwork token ${carl.apiToken}`)).toContain('carl_old');
  const account = await composed.store.getAccountByIdentity({
    platform: 'slack',
    teamId: 'T0001',
    userId: 'UCARL',
  });
  const linking = composed.chatwork?.linking;
  const link = account && (await linking?.getLink(account.id));
  if (!account || !link || !linking) throw new Error('not linked');
  carl.me.chatwork_id = 'carl_new';
  // The last GET /me was a day ago: the next round reads it again.
  await linking.records.putIfCurrent({ ...link, profileCheckedAt: Date.now() - 25 * 3_600_000 });
  await until(async () => (await composed.store.getAccount(account.id))?.handle === 'carl_new');
  const card = await dmCommand('UCARL', '');
  expect(card).toContain('https://www.chatwork.com/carl_new');
}, 30_000);
