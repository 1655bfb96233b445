import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bolt from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import { BOLT_APP_OPTIONS, boltLogger, eventsRoute, ROUTE_RECEIVER } from '../../src/bots/slack/receiver.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { createMetrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { deferredLog, type Log, silentLog } from '../../src/runtime/log.js';
import { systemClock, systemRandom } from '../../src/runtime/system.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { announceReady, portOf } from './ready.js';

/**
 * Baseline C: our own server and Slack receiver (signature check, raw body, Bolt's processEvent) with
 * a listener that only acks, registered for this bench alone: the fixed cost of Bolt inside our
 * server, built as `compose` builds ours (logger options, metrics). The product's own work shows up as
 * the gap between C and the scenarios.
 */
const dir = mkdtempSync(join(tmpdir(), 'cwi-bench-c-'));
const loaded = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const store = openSqliteStore({ path: join(dir, 'c.db') });
// As in compose: the production logger options and metrics, Bolt's logger over the server's logger.
const logRef: { current: Log } = { current: silentLog };
const log = deferredLog(() => logRef.current);
const logger = boltLogger(log);
const app = new bolt.App({ receiver: ROUTE_RECEIVER, logger, ...BOLT_APP_OPTIONS });
app.command('/chatwork-invite', async ({ ack }) => {
  await ack();
});
const plugin: FastifyPluginAsync = async (fastify) => {
  logRef.current = fastify.log;
  await fastify.register(eventsRoute, {
    app,
    signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
    clock: systemClock,
    log,
  });
};
const server = await buildServer({
  config: loaded.config,
  core: { store, clock: systemClock, random: systemRandom, publicUrl: loaded.config.publicUrl },
  plugins: [{ name: 'slack-ack-only', plugin }],
  logger: loggerOptions('warn'),
  metrics: createMetrics({ store, clock: systemClock, defaultMetrics: true }),
});
const address = await server.listen({ port: 0, host: '127.0.0.1' });
announceReady(portOf(address));
