import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type ChatworkApi, chatworkApi, type IncomingRequest } from '../../src/chatwork/api.js';
import { type ChatworkLinking, chatworkLinking } from '../../src/chatwork/linking.js';
import { oauthClient } from '../../src/chatwork/oauth.js';
import { type ChatworkMetrics, type ChatworkPollerDeps, chatworkPoller } from '../../src/chatwork/poller.js';
import { type Composed, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Random, StorePort } from '../../src/core/index.js';
import { chatworkRoutes } from '../../src/http/routes/chatwork.js';
import { buildServer } from '../../src/http/server.js';
import { tokenSealer } from '../../src/runtime/sealing.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { SIGNING_SECRET } from '../bots/slack/support.js';
import { type FakeConnector, startFakeConnector } from '../fakes/bot-connector.js';
import { type FakeChatwork, startFakeChatwork } from '../fakes/chatwork-api.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { fixedClock, T0, type TestClock } from '../helpers/clock.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { seededRandom } from '../helpers/random.js';
import { TEST_SECRET_KEY } from '../helpers/secret-key.js';

export const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 5) & 0xff));

/** What the poller announced, in order. */
export interface Heard {
  incoming: Array<{ personId: string; request: IncomingRequest }>;
  broken: string[];
}

export interface Bridge {
  cw: FakeChatwork;
  store: StorePort;
  clock: TestClock;
  random: Random;
  api: ChatworkApi;
  linking: ChatworkLinking;
  heard: Heard;
  counts: Record<string, number>;
  metrics: ChatworkMetrics;
  /** A poller of its own (another "instance") on `store`, announcing into `heard`. */
  poller(over?: Partial<ChatworkPollerDeps>): ReturnType<typeof chatworkPoller>;
  /** Another instance's linking on another store connection (same data). */
  linkingOn(store: StorePort): ChatworkLinking;
  close(): Promise<void>;
}

/**
 * The bridge over real HTTP: the fake Chatwork, a real store (in-memory SQLite unless `store` is
 * given), the injected test clock shared with the fake, OAuth configured with the fake's client.
 */
export async function openBridge(
  opts: {
    store?: StorePort;
    clock?: TestClock;
    intervalMs?: number;
    oauth?: boolean;
    cw?: FakeChatwork;
  } = {},
): Promise<Bridge> {
  const clock = opts.clock ?? fixedClock(T0);
  const cw = opts.cw ?? (await startFakeChatwork({ now: clock.now }));
  const store = opts.store ?? openSqliteStore({ path: ':memory:', now: clock.now() });
  const random = seededRandom(7);
  const counts: Record<string, number> = {};
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const api = chatworkApi({
    apiUrl: cw.apiUrl,
    clock,
    onCall: (route, status) => bump(`${route} ${status}`),
  });
  const oauth =
    opts.oauth === false
      ? null
      : oauthClient({ oauthUrl: cw.oauthUrl, clientId: cw.clientId, clientSecret: cw.clientSecret });
  const sealer = tokenSealer(SECRET, 'chatwork-token');
  const linkingOn = (s: StorePort) =>
    chatworkLinking({ store: s, clock, random, api, oauth, sealer, publicUrl: TEST_PUBLIC_URL });
  const linking = linkingOn(store);
  const heard: Heard = { incoming: [], broken: [] };
  const metrics: ChatworkMetrics = {
    linkedPeople: (n) => {
      counts.linked = n;
    },
    polled: (outcome) => bump(`polled ${outcome}`),
    announced: () => bump('announced'),
    broken: () => bump('broken'),
    apiCall: (route, status) => bump(`${route} ${status}`),
  };
  return {
    cw,
    store,
    clock,
    random,
    api,
    linking,
    heard,
    counts,
    metrics,
    linkingOn,
    poller: (over = {}) =>
      chatworkPoller({
        store,
        clock,
        random,
        api,
        linking,
        intervalMs: opts.intervalMs ?? 60_000,
        metrics,
        announcer: {
          onIncoming: async (personId, request) => {
            heard.incoming.push({ personId, request });
          },
          onBroken: async (personId) => {
            heard.broken.push(personId);
          },
        },
        ...over,
      }),
    close: async () => {
      if (!opts.cw) await cw.close();
      if (!opts.store) await store.close();
    },
  };
}

/** The real server with the Chatwork redirect route registered the way main registers a platform plugin. */
export async function serverFor(
  bridge: Bridge,
  logger?: FastifyServerOptions['logger'],
): Promise<FastifyInstance> {
  const loaded = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const core = {
    store: bridge.store,
    clock: bridge.clock,
    random: bridge.random,
    publicUrl: TEST_PUBLIC_URL,
  };
  return buildServer({
    config: loaded.config,
    core,
    secretKey: SECRET,
    ...(logger ? { logger } : {}),
    plugins: [
      {
        name: 'chatwork',
        plugin: async (app) => {
          await app.register(chatworkRoutes, { linking: bridge.linking });
        },
      },
    ],
  });
}

/** Links `personId` to a new fake Chatwork account with its personal API token. */
export async function linkByToken(bridge: Bridge, personId: string, fields: Record<string, unknown> = {}) {
  const account = bridge.cw.addAccount(fields);
  const linked = await bridge.linking.linkApiToken(personId, account.apiToken);
  if (!linked.ok) throw new Error(`link failed: ${linked.error.code}`);
  return account;
}

/** Links `personId` by OAuth: consent at the fake Chatwork as a new account, then the redirect's code and state. */
export async function linkByOAuth(bridge: Bridge, personId: string, fields: Record<string, unknown> = {}) {
  const account = bridge.cw.addAccount(fields);
  bridge.cw.signIn(account.accountId);
  const started = await bridge.linking.startOAuth(personId, 'en');
  if (!started.ok) throw new Error('OAuth not configured');
  const consent = new URL(started.url);
  const res = await fetch(`${bridge.cw.url}${consent.pathname}${consent.search}`, { redirect: 'manual' });
  const back = new URL(res.headers.get('location') ?? '');
  const linked = await bridge.linking.finishOAuth({
    state: back.searchParams.get('state') ?? undefined,
    code: back.searchParams.get('code') ?? undefined,
  });
  if (!linked.ok) throw new Error(`link failed: ${linked.error.code}`);
  return account;
}

/** How the chat-side tests compose the product: OAuth configured, the poller at 2 s, the delivery loop on. */
export interface ProductOptions {
  /** CHATWORK_OAUTH_URL and the fake's client id and secret. */
  oauth?: boolean;
  /** CHATWORK_POLL_INTERVAL=2. */
  poll?: boolean;
  /** `compose`'s delivery loop (on unless false). */
  delivery?: boolean;
}

/** The product through the composition root with the fake Chatwork API (in-memory SQLite, real time). */
export interface Product {
  cw: FakeChatwork;
  composed: Composed;
  close(): Promise<void>;
}

async function composeProduct(
  cw: FakeChatwork,
  platformEnv: Record<string, string>,
  opts: ProductOptions,
): Promise<Composed> {
  const loaded = loadConfig({
    PUBLIC_URL: 'https://invite.example.com',
    STORE_URL: 'sqlite::memory:',
    SECRET_KEY: TEST_SECRET_KEY,
    ...platformEnv,
    CHATWORK_API_URL: cw.apiUrl,
    ...(opts.oauth
      ? {
          CHATWORK_OAUTH_URL: cw.oauthUrl,
          CHATWORK_CLIENT_ID: cw.clientId,
          CHATWORK_CLIENT_SECRET: cw.clientSecret,
        }
      : {}),
    ...(opts.poll ? { CHATWORK_POLL_INTERVAL: '2' } : {}),
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return compose(loaded.config, { logger: false, ...(opts.delivery === false ? { delivery: false } : {}) });
}

async function closeProduct(composed: Composed, fake: { close(): Promise<void> }, cw: FakeChatwork) {
  await composed.app.close();
  await composed.metricsApp?.close();
  await composed.shutdown();
  await fake.close();
  await cw.close();
}

/** The product with Slack configured against the fake Slack Web API. */
export async function slackProduct(opts: ProductOptions = {}): Promise<Product & { slack: FakeSlack }> {
  const cw = await startFakeChatwork();
  const slack = await startFakeSlack();
  const composed = await composeProduct(
    cw,
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-compose', SLACK_API_URL: slack.apiUrl },
    opts,
  );
  return { cw, slack, composed, close: () => closeProduct(composed, slack, cw) };
}

/** The product with Teams configured (unauthenticated) against the fake Bot Connector. */
export async function teamsProduct(
  opts: ProductOptions = {},
): Promise<Product & { connector: FakeConnector }> {
  const cw = await startFakeChatwork();
  const connector = await startFakeConnector();
  const composed = await composeProduct(cw, { TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, opts);
  return { cw, connector, composed, close: () => closeProduct(composed, connector, cw) };
}
