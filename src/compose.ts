import { hostname } from 'node:os';
import type { FastifyInstance, FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { CoreDeps, Notifier, StorePort, Telemetry } from './core/index.js';
import { loggerOptions } from './http/logging.js';
import { createMetrics } from './http/metrics.js';
import { buildServer } from './http/server.js';
import { startDeliveryLoop } from './runtime/delivery-loop.js';
import { loadOrCreateSecretKey } from './runtime/secret-key.js';
import { systemClock, systemRandom } from './runtime/system.js';
import { createStore } from './store/index.js';

export interface Composed {
  app: FastifyInstance;
  core: CoreDeps;
  store: StorePort;
  secretKey: Buffer;
  /** Prometheus-backed counters the bots report actions and API errors through. */
  telemetry: Telemetry;
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
  const store = await createStore(config.store, systemClock);
  const core: CoreDeps = { store, clock: systemClock, random: systemRandom, publicUrl: config.publicUrl };
  const warnings: string[] = [];
  const secretKey = loadOrCreateSecretKey(config.secretKey, config.dataDir, (m) => warnings.push(m));

  const metrics = createMetrics({ store, clock: systemClock, defaultMetrics: true });
  const telemetry = metrics.telemetry;
  const plugins: Array<{ name: string; plugin: FastifyPluginAsync }> = [];
  const notifiers: Notifier[] = [];
  if (config.slack) {
    // Loaded only when configured: Bolt is heavy, and a server without Slack should start fast.
    const { createSlackBot } = await import('./bots/slack/index.js');
    const slack = createSlackBot({ config: config.slack, core, secretKey, telemetry });
    plugins.push({ name: 'slack', plugin: slack.plugin });
    notifiers.push(slack.notifier);
  }
  if (config.teams) {
    // Loaded only when configured, like Slack: botbuilder takes seconds to import.
    const { createTeamsBot, deferredLogger } = await import('./bots/teams/index.js');
    // The logger is used only after the server exists (requests, deliveries).
    const logger = deferredLogger(() => app.log);
    const teams = createTeamsBot({ config: config.teams, core, telemetry, logger });
    plugins.push({ name: 'teams', plugin: teams.plugin });
    notifiers.push(teams.notifier);
  }

  const app = await buildServer({
    config,
    core,
    plugins,
    secretKey,
    metrics,
    logger: opts.logger ?? loggerOptions(config.logLevel),
  });
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
          onError: (e) => app.log.warn({ err: e }, 'delivery step failed; will retry'),
        });

  return {
    app,
    core,
    store,
    secretKey,
    telemetry,
    shutdown: async () => {
      await loop?.stop();
      await store.close();
    },
  };
}
