import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from '../config.js';
import type { CoreDeps } from '../core/index.js';
import { healthRoutes } from './routes/health.js';
import { profileRoutes } from './routes/profile.js';

export interface ServerDeps {
  config: Config;
  core: CoreDeps;
  /** Fastify/pino logger options; false in tests. */
  logger?: FastifyServerOptions['logger'];
  /** Platform route plugins (Slack, Teams), registered only when configured. */
  plugins?: ReadonlyArray<{ name: string; plugin: FastifyPluginAsync }>;
}

/** Paths that must never reach the logs in full. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'res.headers["set-cookie"]',
];

/**
 * Builds the whole HTTP surface as a fastify instance. It never listens: `main.ts` does, and tests
 * call `inject()`. One error handler hides 5xx details.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
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

  await app.register(healthRoutes, { core: deps.core });
  for (const { plugin } of deps.plugins ?? []) await app.register(plugin);
  // The catch-all `/:handle` goes last so named routes win.
  await app.register(profileRoutes, { core: deps.core });
  return app;
}
