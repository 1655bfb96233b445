import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type CoreDeps, DATA_EXPORT, redeemDataExport } from '../../core/index.js';
import { describeError, t } from '../../i18n/catalog.js';
import type { WebContext } from '../web/context.js';
import { LINK_PREVIEWERS } from './signin.js';

const exportParams = z.object({ token: z.string().max(200) });

/**
 * `GET /export/<token>`: the one-time download of `export my data` (the bot's link: 10 minutes, once).
 * The document is the JSON file itself (`attachment`, never cached); a used, expired or unknown link
 * is a localized page. Link-preview fetchers never use it up. Registered inside the web plugin.
 */
export const exportRoutes: FastifyPluginAsync<{
  web: WebContext;
  core: CoreDeps;
  limitPerMinute: number;
}> = async (app, { web, core, limitPerMinute }) => {
  const config = { rateLimit: { max: limitPerMinute, timeWindow: 60_000 } };
  app.get(`${DATA_EXPORT.path}/:token`, { config }, async (request, reply) => {
    const locale = web.localeOf(request);
    const expired = () =>
      web.sendMessage(request, reply, {
        status: 404,
        title: 'privacy.export.expired_title',
        body: t(locale, 'privacy.export.expired_body'),
      });
    const params = exportParams.safeParse(request.params);
    if (!params.success || LINK_PREVIEWERS.test(request.headers['user-agent'] ?? '')) return expired();
    const doc = await redeemDataExport(core, params.data.token);
    if (doc.ok)
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="chatwork-invite-${doc.value.account.handle}.json"`,
        )
        .header('cache-control', 'no-store')
        .send(JSON.stringify(doc.value, null, 2));
    if (doc.error.code === 'STORE_UNAVAILABLE')
      return web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, doc.error),
      });
    return expired();
  });
};
