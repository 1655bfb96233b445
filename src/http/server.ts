import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
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
 * Every open connection whose request has not fully arrived yet (headers or body still coming, or
 * no request at all). A request that has arrived is in flight and is left to finish. Each connection
 * keeps only its latest response, looked at once at shutdown: no listener per request.
 */
function trackUnfinishedRequests(app: FastifyInstance): { destroyAll(): void } {
  const sockets = new Set<Socket>();
  const latest = new WeakMap<Socket, ServerResponse>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => latest.set(req.socket, res));
  return {
    destroyAll() {
      for (const socket of sockets) {
        // In flight: its request arrived whole and its response is not done yet. Anything else (a
        // request still arriving, a finished response with the next request half sent) is cut off.
        const res = latest.get(socket);
        if (!res?.req.complete || res.writableFinished) socket.destroy();
      }
    },
  };
}

/**
 * Builds the whole HTTP surface as a fastify instance. It never listens: `main.ts` does, and tests
 * call `inject()`. One error handler hides 5xx details.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const hops = deps.config.trustProxy;
  const trustProxy: FastifyServerOptions['trustProxy'] =
    typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops;
  const { requestTimeoutMs, headersTimeoutMs } = deps.config.http;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy,
    requestIdHeader: 'x-request-id',
    // A client must send its whole request within requestTimeout (408, then the socket closes) and
    // its headers within headersTimeout; a silent connection is closed after connectionTimeout.
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // How often node checks those two deadlines (its default, 30 s, would let them overrun).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
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
  const unfinished = trackUnfinishedRequests(app);
  app.addHook('preClose', async () => {
    closing = true;
    // A client still sending its request (a slow body, half its headers) has been promised nothing:
    // cut it off so that it cannot hold the shutdown up until its request timeout.
    unfinished.destroyAll();
  });
  // Callback hooks (here and in instrumentHttp): an async one costs promises on every request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
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
  // Metrics are private: on their own port (main.ts), and here only behind METRICS_TOKEN. Without
  // one, `/metrics` on the public port is a plain 404, never someone's invite page.
  if (deps.config.metricsToken)
    await app.register(metricsRoutes, { metrics, token: deps.config.metricsToken });
  else app.get('/metrics', (_request, reply) => reply.callNotFound());
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
