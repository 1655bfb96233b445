import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AUDIT_EXPORT, auditFile, type CoreDeps, redeemAuditExport } from '../../core/index.js';
import { describeError, t } from '../../i18n/catalog.js';
import type { WebContext } from '../web/context.js';
import { LINK_PREVIEWERS } from './signin.js';

const params = z.object({ token: z.string().max(200) });

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * `GET /audit-export/<token>`: the one-time download of `admin export` (the link the bot gave one
 * admin, privately: 10 minutes, once). The organisation's audit records of the days asked for, read
 * now and written as they are read, as CSV or JSON Lines (`attachment`, never cached). A used, expired
 * or unknown link is a localized page; link-preview fetchers never use it up. Inside the web plugin.
 */
export const auditExportRoutes: FastifyPluginAsync<{
  web: WebContext;
  core: CoreDeps;
  limitPerMinute: number;
}> = async (app, { web, core, limitPerMinute }) => {
  const config = { rateLimit: { max: limitPerMinute, timeWindow: 60_000 } };
  app.get(`${AUDIT_EXPORT.path}/:token`, { config }, async (request, reply) => {
    const locale = web.localeOf(request);
    const unavailable = (error: { code: 'STORE_UNAVAILABLE' }) =>
      web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, error),
      });
    const parsed = params.safeParse(request.params);
    const ticket =
      parsed.success && !LINK_PREVIEWERS.test(request.headers['user-agent'] ?? '')
        ? await redeemAuditExport(core, parsed.data.token)
        : null;
    if (ticket?.ok !== true) {
      if (ticket?.error.code === 'STORE_UNAVAILABLE') return unavailable(ticket.error);
      return web.sendMessage(request, reply, {
        status: 404,
        title: 'admin.export.expired_title',
        body: t(locale, 'admin.export.expired_body'),
      });
    }
    const { organisation, from, to, format, admin } = ticket.value;
    request.log.info({ organisation, from, to, format, admin }, 'audit export');
    const file = auditFile(core, ticket.value);
    // The first page is read before answering: a store that is down is a page, not a broken download.
    const first = [(await file.next()).value, (await file.next()).value];
    for (const part of first)
      if (part && !part.ok)
        return part.error.code === 'STORE_UNAVAILABLE'
          ? unavailable({ code: 'STORE_UNAVAILABLE' })
          : reply.callNotFound();
    async function* lines() {
      for (const part of first) if (part?.ok) yield part.value;
      for await (const part of file) {
        // A failure after the first page cuts the download short: the client sees it incomplete.
        if (!part.ok) throw new Error(`audit export stopped: ${part.error.code}`);
        yield part.value;
      }
    }
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const name = `audit-${organisation.replace(/[^A-Za-z0-9-]/g, '_')}-${day(from)}-${day(to - 1)}.${format}`;
    return reply
      .header('content-type', CONTENT_TYPE[format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
};
