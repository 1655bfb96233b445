import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { eventsRoute } from '../../src/bots/slack/receiver.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { createMetrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { deferredLog, type Log, silentLog } from '../../src/runtime/log.js';
import { systemClock, systemRandom } from '../../src/runtime/system.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { announceReady, portOf } from './ready.js';

/**
 * Baseline C: our own server and Slack route (signature check, replay guard, raw body, decoding) with
 * a handler that only acks, registered for this bench alone: the fixed cost of a Slack request in our
 * server, built as `compose` builds ours (logger options, metrics). The product's own work shows up as
 * the gap between C and the scenarios.
 */
const dir = mkdtempSync(join(tmpdir(), 'cwi-bench-c-'));
const loaded = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const store = openSqliteStore({ path: join(dir, 'c.db') });
// As in compose: the production logger options and metrics, the route logging to the server's logger.
const logRef: { current: Log } = { current: silentLog };
const log = deferredLog(() => logRef.current);
const plugin: FastifyPluginAsync = async (fastify) => {
  logRef.current = fastify.log;
  await fastify.register(eventsRoute, {
    onBody: async (_body, ack) => {
      await ack();
    },
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
