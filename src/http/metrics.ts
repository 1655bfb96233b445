import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock, StorePort, Telemetry } from '../core/index.js';

/**
 * Prometheus metrics (prom-client), one registry per server:
 * - `http_request_duration_seconds{method,route,status_code}`: latency by route pattern;
 * - `chatwork_invite_actions_total{platform,action,outcome}`: user actions from Slack, Teams and the
 *   web page, counted after they ran, with their real outcome;
 * - `chatwork_platform_api_errors_total{platform,method,code}`: failed Slack / Teams API calls;
 * - `chatwork_outbox_dead_letters_total{type}`: outbox events given up on by this process;
 * - `chatwork_outbox_depth`, `chatwork_outbox_oldest_age_seconds`, `chatwork_outbox_dead`,
 *   `chatwork_store_up`: read from the store at scrape time.
 * `telemetry` is the core's `Telemetry` port backed by these counters; the bots report through it.
 */
export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
  observeHttp(labels: { method: string; route: string; status_code: number }, seconds: number): void;
}

export function createMetrics(opts: {
  store: StorePort;
  clock: Clock;
  /** Process metrics (CPU, memory, event loop); on in production, off in most tests. */
  defaultMetrics?: boolean;
  /** Called after each user action is counted (compose: the delivery loop looks for new notices). */
  afterAction?: () => void;
}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const actions = new Counter({
    name: 'chatwork_invite_actions_total',
    help: 'User actions by platform, action and outcome (ok, an outcome status or an error code)',
    labelNames: ['platform', 'action', 'outcome'] as const,
    registers,
  });
  const apiErrors = new Counter({
    name: 'chatwork_platform_api_errors_total',
    help: 'Failed calls to the Slack Web API and the Bot Framework connector',
    labelNames: ['platform', 'method', 'code'] as const,
    registers,
  });
  const deadLetters = new Counter({
    name: 'chatwork_outbox_dead_letters_total',
    help: 'Outbox events dead-lettered (given up on) by this process, by event type',
    labelNames: ['type'] as const,
    registers,
  });

  // One outbox read per scrape, shared by the gauges below.
  let cached: { at: number; stats: ReturnType<StorePort['outboxStats']> } | null = null;
  const stats = () => {
    const now = opts.clock.now();
    if (!cached || now - cached.at > 1000) cached = { at: now, stats: opts.store.outboxStats(now) };
    return cached.stats;
  };
  const fromStats = (name: string, help: string, pick: (s: Awaited<ReturnType<typeof stats>>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        try {
          this.set(pick(await stats()));
        } catch {
          // The store is down: keep the last value; chatwork_store_up says why.
        }
      },
    });
  fromStats('chatwork_outbox_depth', 'Outbox events waiting or being delivered', (s) => s.depth);
  fromStats(
    'chatwork_outbox_oldest_age_seconds',
    'Age of the oldest undelivered outbox event',
    (s) => s.oldestAgeMs / 1000,
  );
  fromStats('chatwork_outbox_dead', 'Outbox events given up on (dead-lettered)', (s) => s.dead);
  new Gauge({
    name: 'chatwork_store_up',
    help: '1 when the store answers a ping, else 0',
    registers,
    async collect() {
      try {
        await opts.store.ping();
        this.set(1);
      } catch {
        this.set(0);
      }
    },
  });

  return {
    registry,
    telemetry: {
      action: (platform, action, outcome) => {
        actions.inc({ platform, action, outcome });
        opts.afterAction?.();
      },
      apiError: (platform, method, code) => apiErrors.inc({ platform, method, code }),
      deadLetter: (type) => deadLetters.inc({ type }),
    },
    observeHttp: (labels, seconds) => http.observe(labels, seconds),
  };
}

/** Times every request on the root instance, labelled by route pattern (never the raw URL). */
export function instrumentHttp(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/** `GET /metrics`: the Prometheus text format; behind `Authorization: Bearer METRICS_TOKEN` when one is set. */
export const metricsRoutes: FastifyPluginAsync<{ metrics: Metrics; token: string | null }> = async (
  app,
  { metrics, token },
) => {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' });
    }
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};

/**
 * The private metrics server: `GET /metrics` alone, for `main.ts` to listen on METRICS_HOST:METRICS_PORT
 * (127.0.0.1:9464 by default), away from the public port. Still asks for METRICS_TOKEN when one is set.
 */
export async function buildMetricsServer(metrics: Metrics, token: string | null): Promise<FastifyInstance> {
  // Nothing here is worth waiting for at shutdown: close() drops every connection at once.
  const app = Fastify({
    logger: false,
    requestTimeout: 10_000,
    connectionTimeout: 10_000,
    forceCloseConnections: true,
  });
  await app.register(metricsRoutes, { metrics, token });
  return app;
}
