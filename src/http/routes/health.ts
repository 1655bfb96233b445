import type { FastifyPluginAsync } from 'fastify';
import type { CoreDeps } from '../../core/index.js';

/** Liveness and readiness. `/readyz` answers 503 with the reason when the store cannot be reached. */
export const healthRoutes: FastifyPluginAsync<{ core: CoreDeps }> = async (app, { core }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await core.store.ping();
      return { status: 'ready', store: core.store.kind };
    } catch (e) {
      return reply.status(503).send({
        status: 'unavailable',
        store: core.store.kind,
        reason: e instanceof Error ? e.message : 'store unreachable',
      });
    }
  });
};
