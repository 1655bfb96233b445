import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import { createTeamsBot } from '../../../src/bots/teams/index.js';
import { loadConfig } from '../../../src/config.js';
import type { Identity } from '../../../src/core/index.js';
import { type DispatchReport, dispatchOnce, type Notifier } from '../../../src/core/index.js';
import { buildServer } from '../../../src/http/server.js';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.js';
import { openTestCore, TEST_PUBLIC_URL, type TestCore } from '../../helpers/core.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { teamsIdentity } from '../../helpers/identities.js';

/** A documented Teams activity from `test/fixtures/teams/` (origins in test/fixtures/README.md). */
export const reference = (name: string): Record<string, unknown> => fixtureJson('teams', name);

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c';

export interface TeamsUser {
  /** The bot-specific `29:` id. */
  id: string;
  aadObjectId: string;
  name: string;
  tenantId?: string;
  locale?: string;
  /** Their 1:1 conversation with the bot. */
  conversationId: string;
}

export const user = (key: string, name: string, more: Partial<TeamsUser> = {}): TeamsUser => ({
  id: `29:${key}`,
  aadObjectId: `aad-${key}`,
  name,
  conversationId: `a:personal-${key}`,
  ...more,
});

export interface TeamsTest extends TestCore {
  app: FastifyInstance;
  connector: FakeConnector;
  notifier: Notifier;
  logs: string[];
  /** What the bot reported through Telemetry: `action type outcome` and `apiError teams method code`. */
  telemetry: string[];
  /** POSTs an activity to /api/messages. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Runs the outbox dispatcher once with the Teams notifier (plus `extra`). */
  deliver(extra?: Notifier[]): Promise<DispatchReport>;
}

/** The real server (buildServer) with the Teams plugin, real in-memory SQLite, a fake Bot Connector. */
export async function teamsServer(
  opts: { env?: Record<string, string>; logger?: FastifyServerOptions['logger'] } = {},
): Promise<TeamsTest> {
  const core = openTestCore();
  const connector = await startFakeConnector();
  const env = { PUBLIC_URL: TEST_PUBLIC_URL, TEAMS_ALLOW_UNAUTHENTICATED: 'true', ...opts.env };
  const loaded = loadConfig(env);
  if (!loaded.ok || !loaded.config.teams) throw new Error('Teams config did not load');
  const logs: string[] = [];
  const logger = {
    info: (o: object, m?: string) => logs.push(`info ${m ?? ''} ${JSON.stringify(o)}`),
    warn: (o: object, m?: string) => logs.push(`warn ${m ?? ''} ${JSON.stringify(o)}`),
    error: (o: object, m?: string) => logs.push(`error ${m ?? ''} ${JSON.stringify(o)}`),
  };
  const telemetry: string[] = [];
  const bot = createTeamsBot({
    config: loaded.config.teams,
    core: core.deps,
    logger,
    telemetry: {
      action: (platform, action, outcome) => telemetry.push(`action ${platform} ${action} ${outcome}`),
      apiError: (platform, method, code) => telemetry.push(`apiError ${platform} ${method} ${code}`),
      deadLetter: (type) => telemetry.push(`deadLetter ${type}`),
    },
  });
  const app = await buildServer({
    config: loaded.config,
    core: core.deps,
    plugins: [{ name: 'teams', plugin: bot.plugin }],
    secretKey: Buffer.alloc(32, 7),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  let seq = 0;
  return {
    ...core,
    app,
    connector,
    notifier: bot.notifier,
    logs,
    telemetry,
    post: (activity, headers = {}) =>
      app.inject({ method: 'POST', url: '/api/messages', payload: activity, headers }),
    deliver: (extra = []) => dispatchOnce(core.deps, [bot.notifier, ...extra], `test-${++seq}`),
    close: async () => {
      await app.close();
      await connector.close();
      await core.close();
    },
  };
}

/** `teamsServer()` where each of `people` has said `id` once in their 1:1 chat, so each has an account. */
export async function teamsServerWith(people: TeamsUser[]): Promise<TeamsTest> {
  const t = await teamsServer();
  for (const u of people) await t.post(message(t, u, 'id'));
  return t;
}

/** The identity of `user(key, …)` in the default tenant. */
export const identityOf = (key: string): Identity => teamsIdentity(`aad-${key}`, TENANT);

/** The last card the bot sent to `u`'s 1:1 chat. */
export const lastCardTo = (t: Pick<TeamsTest, 'connector'>, u: Pick<TeamsUser, 'conversationId'>) =>
  t.connector.cardOf(t.connector.sends(u.conversationId).at(-1));

let activitySeq = 0;

/** A message like `message-activity.personal.docs.json`, from `u`, in their 1:1 chat (or `conversation`). */
/** Where activities come from: only the fake connector's serviceUrl is read. */
export type Origin = { connector: Pick<FakeConnector, 'serviceUrl'> };

export function message(
  t: Origin,
  u: TeamsUser,
  text: string,
  more: { conversation?: Record<string, unknown>; entities?: unknown[]; id?: string } = {},
): Record<string, unknown> {
  const sample = reference('message-activity.personal.docs.json');
  return {
    ...sample,
    id: more.id ?? `msg-${++activitySeq}`,
    serviceUrl: t.connector.serviceUrl,
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    conversation: more.conversation ?? {
      conversationType: 'personal',
      id: u.conversationId,
      tenantId: u.tenantId ?? TENANT,
    },
    recipient: { id: BOT_ID, name: 'Chatwork Invite' },
    channelData: { tenant: { id: u.tenantId ?? TENANT } },
    text,
    attachments: [],
    locale: u.locale ?? 'en-US',
    ...(more.entities ? { entities: more.entities } : {}),
  };
}

/** An `adaptiveCard/action` invoke (shape of `adaptive-card-action-invoke.docs.json`) clicked by `u`. */
export function cardAction(
  t: Origin,
  u: TeamsUser,
  verb: string,
  /** Usually an object; anything, for forged clicks. */
  data: unknown,
  more: { replyToId?: string; conversation?: Record<string, unknown>; id?: string } = {},
): Record<string, unknown> {
  const sample = reference('adaptive-card-action-invoke.docs.json');
  const value = sample.value as Record<string, unknown>;
  return {
    ...sample,
    id: more.id ?? `inv-${++activitySeq}`,
    channelId: 'msteams',
    serviceUrl: t.connector.serviceUrl,
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    conversation: more.conversation ?? {
      conversationType: 'personal',
      id: u.conversationId,
      tenantId: u.tenantId ?? TENANT,
    },
    recipient: { id: BOT_ID, name: 'Chatwork Invite' },
    channelData: { tenant: { id: u.tenantId ?? TENANT } },
    locale: u.locale ?? 'en-US',
    ...(more.replyToId ? { replyToId: more.replyToId } : {}),
    value: { ...value, trigger: 'manual', action: { type: 'Action.Execute', id: '', verb, data } },
  };
}

/** Every text of a card, flattened, for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** Action.Execute actions anywhere in a card. */
export function executeActions(
  card: unknown,
): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const out: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string' && o.title)
        out.push({ title: String(o.title), verb: o.verb, data: (o.data ?? {}) as Record<string, unknown> });
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}
