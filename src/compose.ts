import { hostname } from 'node:os';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import { Counter } from 'prom-client';
import { type ChatworkBridge, chatPortOf, createChatworkBridge } from './chatwork/index.js';
import type { Config } from './config.js';
import {
  type Account,
  type CoreDeps,
  isStoreUnavailable,
  type Notifier,
  type StorePort,
  type Telemetry,
} from './core/index.js';
import type { CardDoc } from './flows/card.js';
import { chatworkBrokenDoc, chatworkRequestDoc } from './flows/cards/chatwork.js';
import { adoptChatworkId, provideChatwork } from './flows/chatwork.js';
import { chatworkRequestCard } from './flows/chatwork-requests.js';
import { loggerOptions } from './http/logging.js';
import { buildMetricsServer, createMetrics } from './http/metrics.js';
import { chatworkRoutes } from './http/routes/chatwork.js';
import { buildServer } from './http/server.js';
import { chatworkPrometheus } from './runtime/chatwork-metrics.js';
import { startDeliveryLoop } from './runtime/delivery-loop.js';
import { deferredLog } from './runtime/log.js';
import { tokenSealer } from './runtime/sealing.js';
import { loadOrCreateSecretKey } from './runtime/secret-key.js';
import { systemClock, systemRandom } from './runtime/system.js';
import { tokenDigest } from './runtime/token-digest.js';
import { createStore, type RuleMismatch } from './store/index.js';

/** What a bot gives the Chatwork poller: a DM / personal card, once per key; `false` when the person is not on it. */
type ChatworkDelivery = (account: Account, card: CardDoc, key: string) => Promise<boolean>;

export interface Composed {
  app: FastifyInstance;
  core: CoreDeps;
  store: StorePort;
  secretKey: Buffer;
  /** Prometheus-backed counters the bots report actions and API errors through. */
  telemetry: Telemetry;
  /** `/metrics` alone, for main.ts to listen on METRICS_HOST:METRICS_PORT; null when METRICS_PORT=0. */
  metricsApp: FastifyInstance | null;
  /** The bridge to chatwork.com (`chatwork …` commands, the OAuth redirect); null without Slack and Teams. */
  chatwork: ChatworkBridge | null;
  /** Stops the delivery loop and closes the store; call after `app.close()`. */
  shutdown(): Promise<void>;
}

/**
 * The composition root: config → store → bots → server → delivery loop. `main.ts` calls it and
 * listens; end-to-end tests call it with their own config and `inject()`.
 */
export async function compose(
  config: Config,
  opts: { logger?: FastifyServerOptions['logger']; delivery?: boolean } = {},
): Promise<Composed> {
  // A Redis store's Lua decision that differs from core's rules is a bug: logged and counted here, while
  // the user gets what was committed (src/store/redis/crosscheck.ts). The log is the server's once it exists.
  const ruleMismatches = new Counter({
    name: 'chatwork_store_rule_mismatches_total',
    help: "Redis store decisions whose Lua result differed from core's rules, by store method (a bug)",
    labelNames: ['method'] as const,
    registers: [],
  });
  let log: FastifyBaseLogger | null = null;
  const onRuleMismatch = (m: RuleMismatch) => {
    ruleMismatches.inc({ method: m.method });
    const line = "store: a Lua decision differs from core's rules (kept what was committed)";
    if (log) log.error({ method: m.method, detail: m.detail }, line);
    else process.emitWarning(`${line}: ${m.method}: ${m.detail}`);
  };
  // Redis outages: one line when it goes away, one when it is back (src/store/redis/connection.ts).
  // Lines from before the server exists (Redis down at startup) wait for its log.
  const early: Array<['warn' | 'info', object, string]> = [];
  const storeLog = {
    warn: (obj: object, msg: string) => (log ? log.warn(obj, msg) : early.push(['warn', obj, msg])),
    info: (obj: object, msg: string) => (log ? log.info(obj, msg) : early.push(['info', obj, msg])),
  };
  const store = await createStore(config.store, systemClock, { onRuleMismatch, log: storeLog });
  let deliveryQuietUntil = 0;
  const core: CoreDeps = { store, clock: systemClock, random: systemRandom, publicUrl: config.publicUrl };
  const warnings: string[] = [];
  const secretKey = loadOrCreateSecretKey(config.secretKey, config.dataDir, (m) => warnings.push(m));
  core.tokenDigest = tokenDigest(secretKey, 'signin-token');

  // A user action may have queued notices: the delivery loop looks at once, not at its next idle poll.
  let nudgeDelivery = () => {};
  const metrics = createMetrics({
    store,
    clock: systemClock,
    defaultMetrics: true,
    afterAction: () => nudgeDelivery(),
  });
  const telemetry = metrics.telemetry;
  metrics.registry.registerMetric(ruleMismatches);
  const plugins: Array<{ name: string; plugin: FastifyPluginAsync }> = [];
  const notifiers: Notifier[] = [];
  // The Chatwork bridge serves the chat commands: on when Slack or Teams is. Its poller announces each
  // incoming request once (marked seen first, unmarked when the announcement throws) through the bots'
  // Chatwork deliveries; a person no delivery reaches yet is tried again next round.
  const chatDeliveries: ChatworkDelivery[] = [];
  const tell = async (personId: string, send: (d: ChatworkDelivery, a: Account) => Promise<boolean>) => {
    const account = await store.getAccount(personId);
    if (!account) return; // the account was deleted: nobody to tell
    for (const d of chatDeliveries) if (await send(d, account)) return;
    throw new Error('no chat delivery reaches this person');
  };
  const cwMetrics = chatworkPrometheus(metrics.registry);
  const chatwork =
    config.slack || config.teams
      ? createChatworkBridge({
          settings: config.chatwork,
          publicUrl: config.publicUrl,
          store,
          clock: systemClock,
          random: systemRandom,
          sealer: tokenSealer(secretKey, 'chatwork-token'),
          announcer: {
            onIncoming: (personId, request) =>
              tell(personId, (d, a) => {
                const card = chatworkRequestCard(personId, request);
                return d(a, chatworkRequestDoc(card), `chatwork:${card.ownerId}:${card.requestId}`);
              }),
            onBroken: (personId, link) =>
              tell(personId, (d, a) => d(a, chatworkBrokenDoc(), `chatwork:${a.id}:broken:${link.linkId}`)),
            // A Chatwork ID changed in Chatwork (daily GET /me): it becomes the handle, so new cards link to it.
            onProfileChanged: async (personId, link) => {
              await adoptChatworkId(core, personId, link.chatworkId);
            },
          },
          metrics: cwMetrics,
          onError: (e, personId) => log?.warn({ err: e, personId }, 'chatwork poll failed; will retry'),
        })
      : null;
  if (chatwork) {
    const { linking } = chatwork;
    provideChatwork(core, chatPortOf(chatwork, cwMetrics.decided));
    // Linked through Chatwork's consent screen: the handle becomes the real Chatwork ID where it is free.
    const onLinked = async (linked: { personId: string; me: { chatwork_id: string } }) => {
      await adoptChatworkId(core, linked.personId, linked.me.chatwork_id);
    };
    if (config.chatwork.oauth)
      plugins.push({
        name: 'chatwork',
        plugin: async (app) => app.register(chatworkRoutes, { linking, onLinked }),
      });
  }
  if (config.slack) {
    // Loaded only when configured: Bolt is heavy, and a server without Slack should start fast.
    const { createSlackBot } = await import('./bots/slack/index.js');
    const slack = createSlackBot({ config: config.slack, core, secretKey, telemetry });
    plugins.push({ name: 'slack', plugin: slack.plugin });
    notifiers.push(slack.notifier);
    chatDeliveries.push(slack.chatwork);
  }
  if (config.teams) {
    // Loaded only when configured, like Slack: botbuilder takes seconds to import.
    const { createTeamsBot } = await import('./bots/teams/index.js');
    // The logger is used only after the server exists (requests, deliveries).
    const logger = deferredLog(() => app.log);
    const teams = createTeamsBot({
      config: config.teams,
      core,
      telemetry,
      logger,
      rateLimitPerMinute: config.http.teamsRateLimitPerMinute,
    });
    plugins.push({ name: 'teams', plugin: teams.plugin });
    notifiers.push(teams.notifier);
    chatDeliveries.push(teams.chatwork);
  }

  const app = await buildServer({
    config,
    core,
    plugins,
    secretKey,
    metrics,
    logger: opts.logger ?? loggerOptions(config.logLevel),
  });
  log = app.log;
  for (const [level, obj, msg] of early) app.log[level](obj, msg);
  for (const w of warnings) app.log.warn(w);
  for (const reason of Object.values(config.disabled)) app.log.info(reason);

  const loop =
    opts.delivery === false
      ? null
      : startDeliveryLoop({
          deps: core,
          notifiers,
          owner: `${hostname()}:${process.pid}`,
          telemetry,
          log: app.log,
          onError: (e) => {
            if (!isStoreUnavailable(e)) return app.log.warn({ err: e }, 'delivery step failed; will retry');
            // The store being away fails every poll: one short line a minute, no stack trace.
            if (Date.now() < deliveryQuietUntil) return;
            deliveryQuietUntil = Date.now() + 60_000;
            // A Redis connection has logged where and why itself; SQLite's reason is said here.
            const why = store.kind === 'sqlite' ? { reason: e.message } : { store: store.kind };
            app.log.warn(why, 'delivery paused: the store is unavailable; retrying');
          },
        });

  if (loop) nudgeDelivery = loop.nudge;

  // Not before a delivery exists: the poller marks what it announces as seen.
  const polling = chatwork && chatDeliveries.length > 0 && opts.delivery !== false;
  if (polling) chatwork.poller.start(1000, (e) => app.log.warn({ err: e }, 'chatwork poller tick failed'));

  const metricsApp = config.metricsListen ? await buildMetricsServer(metrics, config.metricsToken) : null;

  return {
    app,
    metricsApp,
    chatwork,
    core,
    store,
    secretKey,
    telemetry,
    shutdown: async () => {
      await loop?.stop();
      if (polling) await chatwork.poller.stop();
      await store.close();
    },
  };
}
