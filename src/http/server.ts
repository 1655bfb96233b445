import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from '../config.js';
import type { CoreDeps } from '../core/index.js';
import { createMetrics, instrumentHttp, type Metrics, metricsRoutes } from './metrics.js';
import { healthRoutes } from './routes/health.js';
import { profileRoutes } from './routes/profile.js';

export interface ServerDeps {
  config: Config;
  core: CoreDeps;
  /** Fastify/pino logger options; false in tests. */
  logger?: FastifyServerOptions['logger'];
  /** Platform route plugins (Slack, Teams), registered only when configured. */
  plugins?: ReadonlyArray<{ name: string; plugin: FastifyPluginAsync }>;
  /** SECRET_KEY: signs web cookies and CSRF tokens. A random per-process key when omitted (tests). */
  secretKey?: Buffer;
  /** Prometheus registry and the Telemetry the bots report through; a fresh one when omitted. */
  metrics?: Metrics;
}

/** Paths that must never reach the logs in full. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'err.config.data',
  'token',
  'botToken',
  'signingSecret',
  'clientSecret',
  'appPassword',
  'secretKey',
  '*.token',
  '*.botToken',
  '*.signingSecret',
  '*.clientSecret',
  '*.stateSecret',
  '*.appPassword',
  '*.secretKey',
  '*.password',
];

/**
 * Builds the whole HTTP surface as a fastify instance. It never listens: `main.ts` does, and tests
 * call `inject()`. One error handler hides 5xx details.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const hops = deps.config.trustProxy;
  const trustProxy: FastifyServerOptions['trustProxy'] =
    typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy,
    requestIdHeader: 'x-request-id',
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .status(500)
        .send({ error: 'internal_error', message: 'Something went wrong on our side. Please try again.' });
    }
    return reply.status(status).send({ error: error.code ?? 'bad_request', message: error.message });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
  });

  const metrics = deps.metrics ?? createMetrics({ store: deps.core.store, clock: deps.core.clock });
  instrumentHttp(app, metrics);
  // Graceful close: once closing, every response ends its keep-alive connection, so `app.close()`
  // finishes when the requests in flight do instead of waiting for idle keep-alive timeouts.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.publicUrl.startsWith('https://'),
    frameguard: { action: 'deny' },
  });

  await app.register(healthRoutes, { core: deps.core });
  await app.register(metricsRoutes, { metrics, token: deps.config.metricsToken });
  for (const { plugin } of deps.plugins ?? []) await app.register(plugin);
  // The catch-all `/:handle` goes last so named routes win.
  await app.register(profileRoutes, {
    core: deps.core,
    config: deps.config,
    secretKey: deps.secretKey ?? randomBytes(32),
    telemetry: metrics.telemetry,
  });
  return app;
}
