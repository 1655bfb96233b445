import type { FastifyInstance } from 'fastify';
import { type Composed, compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config.js';
import {
  type Actor,
  changeHandle,
  decideRequest,
  type Identity,
  requestConnection,
  type StorePort,
} from '../../../src/core/index.js';
import { sign } from '../../bots/slack/support.js';
import { cardAction, message, TENANT } from '../../bots/teams/support.js';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';
import { TEST_SECRET_KEY } from '../../helpers/secret-key.js';

/**
 * The world every bad-input case runs in: the real composition (`compose`: both bots, web page,
 * health, metrics, the delivery loop) on an in-memory SQLite store, Slack on the fake Web API and
 * Teams on the fake Bot Connector. Alice, Bob (Slack) and Carol (Teams) are the protected people:
 * Alice asked Bob (pending) and is Carol's contact. Mallory (same workspace), Eve (another
 * workspace) and Trent (another tenant) attack. `snapshot()` is everything about the protected
 * people that nobody else may change: profiles, contacts, blocks, and the requests among them
 * (anyone may send them a new request; that is not in the snapshot).
 */
export const SIGNING_SECRET = 'bad-input-signing-secret-0123456789';
export const TEAM = 'T0001';
export const OTHER_TEAM = 'T0EVIL';
export const OTHER_TENANT = 'evil-tenant-0000';

export interface SlackPerson {
  id: string;
  name: string;
  teamId: string;
}
export interface TeamsPerson {
  id: string;
  aadObjectId: string;
  name: string;
  tenantId: string;
  conversationId: string;
}

export const alice: SlackPerson = { id: 'U_ALICE', name: 'Alice', teamId: TEAM };
export const bob: SlackPerson = { id: 'U_BOB', name: 'Bob', teamId: TEAM };
export const mallory: SlackPerson = { id: 'U_MAL', name: 'Mallory', teamId: TEAM };
export const eve: SlackPerson = { id: 'U_EVE', name: 'Eve', teamId: OTHER_TEAM };
export const dana: SlackPerson = { id: 'U_DANA', name: 'Dana', teamId: TEAM };
const teamsPerson = (key: string, name: string, tenantId = TENANT): TeamsPerson => ({
  id: `29:${key}`,
  aadObjectId: `aad-${key}`,
  name,
  tenantId,
  conversationId: `a:personal-${key}`,
});
export const carol = teamsPerson('carol', 'Carol');
export const trent = teamsPerson('trent', 'Trent', OTHER_TENANT);
export const tom = teamsPerson('tom', 'Tom');

export const slackId = (p: SlackPerson): Identity => ({ platform: 'slack', teamId: p.teamId, userId: p.id });
export const teamsId = (p: TeamsPerson): Identity => ({
  platform: 'teams',
  tenantId: p.tenantId,
  aadObjectId: p.aadObjectId,
});

export interface Reply {
  status: number;
  body: string;
}

export interface World {
  app: FastifyInstance;
  composed: Composed;
  store: StorePort;
  slack: FakeSlack;
  connector: FakeConnector;
  /** The pending request Alice → Bob. */
  requestId: string;
  accountIds: { alice: string; bob: string; carol: string };
  snapshot(): Promise<string>;
  /** POST /slack/events with a body signed by the real secret (or `opts`). */
  slackPost(
    body: string,
    contentType: string,
    opts?: { ts?: number; secret?: string; headers?: Record<string, string>; unsigned?: boolean },
  ): Promise<Reply>;
  command(p: SlackPerson, text: string): Promise<Reply>;
  click(p: SlackPerson, actionId: string, value: string, more?: Record<string, unknown>): Promise<Reply>;
  teams(activity: Record<string, unknown>): Promise<Reply>;
  teamsMessage(p: TeamsPerson, text: string, more?: Record<string, unknown>): Record<string, unknown>;
  teamsAction(
    p: TeamsPerson,
    verb: string,
    data: unknown,
    more?: Record<string, unknown>,
  ): Record<string, unknown>;
  web(
    method: 'GET' | 'POST',
    url: string,
    headers?: Record<string, string>,
    payload?: string,
  ): Promise<Reply>;
  /** Waits until the delivery loop has sent everything in the outbox. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const commandBody = (p: SlackPerson, text: string, more: Record<string, string> = {}) =>
  new URLSearchParams({
    token: 'deprecated',
    team_id: p.teamId,
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: p.id,
    user_name: p.name.toLowerCase(),
    command: '/chatwork-invite',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/none',
    trigger_id: 'trigger-1',
    ...more,
  }).toString();

let seq = 0;
export function clickPayload(
  p: SlackPerson,
  actionId: string,
  value: string,
  more: Record<string, unknown> = {},
) {
  return {
    type: 'block_actions',
    team: { id: p.teamId, domain: 'acme' },
    user: { id: p.id, username: p.name.toLowerCase(), name: p.name.toLowerCase(), team_id: p.teamId },
    api_app_id: 'A0001',
    token: 'deprecated',
    trigger_id: `trigger-${++seq}`,
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: 'C0GENERAL',
      is_ephemeral: false,
    },
    channel: { id: 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: '1700000000.000100', text: 'card' },
    response_url: 'http://127.0.0.1:9/response/click',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b',
        text: { type: 'plain_text', text: 'x' },
        value,
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`,
      },
    ],
    ...more,
  };
}

export async function openWorld(): Promise<World> {
  const slack = await startFakeSlack();
  const connector = await startFakeConnector();
  const loaded = loadConfig({
    STORE_URL: 'sqlite::memory:',
    SECRET_KEY: TEST_SECRET_KEY,
    PUBLIC_URL: 'https://invite.example.com',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bad-input',
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    WEB_RATE_LIMIT_PER_MINUTE: '1000000',
    SIGNIN_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const composed = await compose(loaded.config, { logger: false });
  const { app, core, store } = composed;
  for (const p of [alice, bob, mallory, eve, dana]) slack.addUser({ ...p, locale: 'en-US' });

  // The protected world, through the use cases.
  const slackActor = (p: SlackPerson): Actor => ({ identity: slackId(p), displayName: p.name, locale: 'en' });
  const teamsActor = (p: TeamsPerson): Actor => ({ identity: teamsId(p), displayName: p.name, locale: 'en' });
  const must = <T extends { ok: boolean }>(r: T, what: string): T => {
    if (!r.ok) throw new Error(`world: ${what}: ${JSON.stringify(r)}`);
    return r;
  };
  must(await changeHandle(core, slackActor(alice), 'alice-h'), 'alice handle');
  must(await changeHandle(core, slackActor(bob), 'bob-h'), 'bob handle');
  must(await changeHandle(core, teamsActor(carol), 'carol-h'), 'carol handle');
  must(await changeHandle(core, slackActor(dana), 'dana-h'), 'dana handle');
  const toBob = await requestConnection(core, {
    actor: slackActor(alice),
    target: { kind: 'text', text: 'bob-h' },
    source: 'handle',
  });
  if (!toBob.ok) throw new Error('world: alice → bob');
  const toCarol = await requestConnection(core, {
    actor: slackActor(alice),
    target: { kind: 'text', text: 'carol-h' },
    source: 'handle',
  });
  if (!toCarol.ok) throw new Error('world: alice → carol');
  must(
    await decideRequest(core, {
      actor: teamsActor(carol),
      requestId: toCarol.value.outcome.request.id,
      action: 'accept',
    }),
    'carol accepts',
  );
  const ids = {
    alice: toBob.value.sender.account.id,
    bob: toBob.value.recipient.id,
    carol: toCarol.value.recipient.id,
  };

  const protectedIds = new Set(Object.values(ids));
  const snapshot = async () => {
    const out: unknown[] = [];
    const now = Date.now();
    for (const id of Object.values(ids)) {
      const a = await store.getAccount(id);
      out.push(a && { handle: a.handle, name: a.displayName, locale: a.locale, searchable: a.searchable });
      for (const direction of ['incoming', 'outgoing'] as const)
        out.push(
          (await store.listRequests({ accountId: id, direction, now, limit: 100 })).items
            // Anyone may ask a protected person; only requests among them are theirs alone.
            .filter((r) => protectedIds.has(r.senderId) && protectedIds.has(r.recipientId))
            .map((r) => [r.id, r.state, r.note]),
        );
      out.push((await store.listContacts({ accountId: id, limit: 100 })).items.map((c) => c.account.id));
    }
    for (const [a, b] of [
      [ids.alice, ids.bob],
      [ids.alice, ids.carol],
      [ids.bob, ids.carol],
    ] as const) {
      const r = await store.relationship(a ?? '', b ?? '');
      const r2 = await store.relationship(b ?? '', a ?? '');
      out.push([r.areContacts, r.outgoing?.state, r.incoming?.state, r.aBlocksB, r2.aBlocksB]);
    }
    return JSON.stringify(out);
  };

  const asReply = (res: { statusCode: number; body: string }): Reply => ({
    status: res.statusCode,
    body: res.body,
  });
  const world: World = {
    app,
    composed,
    store,
    slack,
    connector,
    requestId: toBob.value.outcome.request.id,
    accountIds: ids,
    snapshot,
    async slackPost(body, contentType, opts = {}) {
      const ts = opts.ts ?? Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        'content-type': contentType,
        ...(opts.unsigned
          ? {}
          : {
              'x-slack-request-timestamp': String(ts),
              'x-slack-signature': sign(opts.secret ?? SIGNING_SECRET, ts, body),
            }),
        ...opts.headers,
      };
      return asReply(await app.inject({ method: 'POST', url: '/slack/events', headers, payload: body }));
    },
    command: (p, text) => world.slackPost(commandBody(p, text), 'application/x-www-form-urlencoded'),
    click: (p, actionId, value, more) =>
      world.slackPost(
        `payload=${encodeURIComponent(JSON.stringify(clickPayload(p, actionId, value, more)))}`,
        'application/x-www-form-urlencoded',
      ),
    teams: async (activity) =>
      asReply(await app.inject({ method: 'POST', url: '/api/messages', payload: activity })),
    // The Teams suite's activity builders (shaped like the reference activities), with the case's overrides.
    teamsMessage: (p, text, more = {}) => ({ ...message({ connector }, p, text), ...more }),
    teamsAction: (p, verb, data, more = {}) => ({ ...cardAction({ connector }, p, verb, data), ...more }),
    web: async (method, url, headers = {}, payload) =>
      asReply(await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) })),
    async settle() {
      for (let i = 0; i < 200; i++) {
        if ((await store.outboxStats(Date.now())).depth === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {
      await app.close();
      await composed.shutdown();
      await slack.close();
      await connector.close();
    },
  };
  await world.settle();
  return world;
}
