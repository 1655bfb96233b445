import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composed } from '../../src/compose.js';
import { injectSigned, SIGNING_SECRET, sign } from '../bots/slack/support.js';
import type { FakeChatwork } from '../fakes/chatwork-api.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import { slackProduct } from './support.js';

/**
 * Linking a Chatwork account from Slack, end to end through the composition root: the product's
 * server (`compose`, the Slack plugin and the Chatwork redirect route), the fake Chatwork API and
 * OAuth server, the fake Slack Web API. `chatwork connect` → Chatwork's consent screen → the
 * redirect → linked, the handle is the real Chatwork ID; `chatwork token` in a DM; `disconnect`.
 */
let cw: FakeChatwork;
let slack: FakeSlack;
let composed: Composed;
let product: Awaited<ReturnType<typeof slackProduct>>;

beforeAll(async () => {
  product = await slackProduct({ oauth: true, delivery: false });
  ({ cw, slack, composed } = product);
});
afterAll(async () => product.close());

/** `/chatwork-invite <text>`, signed like Slack; `dm`: typed in a direct message with the bot. */
async function command(userId: string, text: string, dm = false) {
  slack.addUser({ id: userId, teamId: 'T0001', name: userId });
  const body = new URLSearchParams({
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: dm ? `D${userId}` : 'C1',
    channel_name: dm ? 'directmessage' : 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/chatwork-invite',
    text,
    response_url: slack.responseUrl(userId),
  }).toString();
  const res = await injectSigned(composed.app, body);
  expect(res.statusCode).toBe(200);
  return res.body;
}

const accountOf = async (userId: string) => {
  const found = await composed.store.getAccountByIdentity({
    platform: 'slack',
    teamId: 'T0001',
    userId,
  });
  if (!found) throw new Error(`${userId} not registered`);
  return found;
};

describe('link by OAuth', () => {
  it('connect → consent → redirect: linked, and the handle is the real Chatwork ID', async () => {
    const account = cw.addAccount({ name: 'Ann Chatwork', chatwork_id: 'ann_real' });
    const reply = JSON.parse(await command('UANN', 'chatwork connect'));
    expect(reply.response_type).toBe('ephemeral');
    const button = JSON.stringify(reply.blocks).match(/"url":"([^"]+)"/)?.[1] ?? '';
    const consent = new URL(button);
    expect(consent.origin + consent.pathname).toBe('https://www.chatwork.com/packages/oauth2/login.php');

    // The browser at Chatwork's consent screen (the fake), signed in as that account, presses Allow.
    cw.signIn(account.accountId);
    const allowed = await fetch(`${cw.url}${consent.pathname}${consent.search}`, { redirect: 'manual' });
    const back = new URL(allowed.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe('https://invite.example.com/chatwork/oauth_redirect');

    const page = await composed.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ann Chatwork');
    const ann = await accountOf('UANN');
    expect(ann.handle).toBe('ann_real');
    expect(await composed.chatwork?.linking.getLink(ann.id)).toMatchObject({
      kind: 'oauth',
      chatworkId: 'ann_real',
    });
    expect(await command('UANN', 'id')).toContain('ann_real');
    // The invite card posted in the channel: [Open in Chatwork] with the real link beside [Add to contacts].
    const card = JSON.parse(await command('UANN', ''));
    expect(card.response_type).toBe('in_channel');
    const buttons = JSON.stringify(card.blocks);
    expect(buttons).toContain('"url":"https://www.chatwork.com/ann_real"');
    expect(buttons).toContain('Open in Chatwork');
    expect(buttons).toContain('ci_add');

    // App Home: the real link with [Open in Chatwork] under the Chatwork ID.
    const event = JSON.stringify({
      token: 'deprecated',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: 'EvHome1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'UANN', channel: 'DUANN', tab: 'home', event_ts: '1.1' },
      authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
    });
    const ts = Math.floor(Date.now() / 1000);
    await composed.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(SIGNING_SECRET, ts, event),
      },
      payload: event,
    });
    const deadline = Date.now() + 5000;
    while (slack.callsTo('views.publish').length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const home = JSON.stringify(slack.callsTo('views.publish').at(-1)?.args.view);
    expect(home).toContain('"url":"https://www.chatwork.com/ann_real"');
    expect(home).toContain('Open in Chatwork');

    // The same state a second time changes nothing.
    const replay = await composed.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(replay.statusCode).toBe(400);
  });
});

describe('link by API token', () => {
  it('in a channel: refused without echoing the token, and Chatwork is not asked', async () => {
    const account = cw.addAccount({ chatwork_id: 'bob_real' });
    const before = cw.calls.length;
    const reply = await command('UBOB', `chatwork token ${account.apiToken}`);
    expect(reply).not.toContain(account.apiToken);
    expect(reply).toContain('direct message');
    expect(cw.calls.length).toBe(before);
  });

  it('in a DM: linked with the real link shown; disconnect deletes the token', async () => {
    const account = cw.addAccount({ name: 'Bob Chatwork', chatwork_id: 'bob_real' });
    const reply = await command('UBOB', `chatwork token ${account.apiToken}`, true);
    expect(reply).not.toContain(account.apiToken);
    expect(reply).toContain('https://www.chatwork.com/bob_real');
    const bob = await accountOf('UBOB');
    expect(bob.handle).toBe('bob_real');
    expect(await composed.chatwork?.linking.getLink(bob.id)).toMatchObject({ kind: 'api_token' });

    expect(await command('UBOB', 'chatwork disconnect')).toContain('no longer linked');
    expect(await composed.chatwork?.linking.getLink(bob.id)).toBeNull();
    expect(await composed.store.getRecord('chatwork_link', bob.id, Date.now())).toBeNull();
  });
});

it('the bridge counts on the Prometheus registry: API calls by route and status, linked people', async () => {
  const res = await composed.metricsApp?.inject({ method: 'GET', url: '/metrics' });
  expect(res?.statusCode).toBe(200);
  expect(res?.body).toMatch(/chatwork_bridge_api_calls_total\{route="GET \/me",status="200"\} [1-9]/);
  expect(res?.body).toContain('chatwork_bridge_requests_decided_total');
});
