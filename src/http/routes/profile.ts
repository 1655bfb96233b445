import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type CoreDeps, publicProfile } from '../../core/index.js';

const params = z.object({ handle: z.string().max(64) });

/**
 * `GET /<handle>`: the owner's public profile. A minimal JSON answer until the web invite page
 * replaces it. An alias (old handle) answers 301 to the current one; an unknown handle 404.
 */
export const profileRoutes: FastifyPluginAsync<{ core: CoreDeps }> = async (app, { core }) => {
  app.get('/:handle', async (request, reply) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) return reply.status(404).send({ error: 'not_found' });
    const found = await publicProfile(core, parsed.data.handle);
    if (!found.ok) {
      if (found.error.code === 'STORE_UNAVAILABLE')
        return reply.status(503).send({ error: 'store_unavailable' });
      return reply.status(404).send({ error: 'not_found', message: 'No one has this Chatwork ID.' });
    }
    const { account, link, via } = found.value;
    if (via === 'alias') return reply.redirect(link, 301);
    return { handle: account.handle, displayName: account.displayName, link };
  });
};
