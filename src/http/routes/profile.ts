import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type Account,
  type Actor,
  isDeparted,
  isStoreUnavailable,
  publicProfile,
  requestConnection,
  tombstoneOf,
  viewerState,
} from '../../core/index.js';
import { realChatworkLink } from '../../flows/chatwork.js';
import { describeError, t } from '../../i18n/catalog.js';
import { type WebOptions, webContext } from '../web/context.js';
import { renderInvitePage } from '../web/pages.js';
import { qrPng, qrSvg } from '../web/qr.js';
import { checkCsrf, NEXT_COOKIE, type WebSession } from '../web/session.js';
import { auditExportRoutes } from './audit-export.js';
import { exportRoutes } from './export.js';
import { infoRoutes } from './info.js';
import { signinRoutes } from './signin.js';

export type { WebOptions } from '../web/context.js';

const handleParams = z.object({ handle: z.string().min(1).max(64) });
const pageQuery = z.object({ done: z.enum(['sent', 'connected']).optional() });
/** The optional note is bounded here only as a body size; core's `cleanNote` says when it is too long. */
const addBody = z.object({ csrf: z.string().max(200), note: z.string().max(4000).optional() });

/** The actor a signed-in web viewer acts as: their account's first platform identity. */
function actorOf(account: Account): Actor | null {
  const identity = account.identities[0];
  return identity ? { identity, displayName: account.displayName, locale: account.locale } : null;
}

/**
 * The web surface: `GET /<handle>` (the invite page in Chatwork's four viewer states),
 * `GET /<handle>/qr.svg|png`, `POST /<handle>/add` ([Add to contacts]) and the sign-in routes.
 * Cookies, form bodies, rate limits and the HTML error pages stay inside this plugin.
 * Registered last: `/:handle` is a catch-all.
 */
export const profileRoutes: FastifyPluginAsync<WebOptions> = async (app, opts) => {
  const web = webContext(opts);
  const { core } = opts;
  const limits = opts.config.web;
  await app.register(cookie, { secret: web.keys.cookie, hook: 'onRequest' });
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(rateLimit, { global: false });
  const pageLimit = { rateLimit: { max: limits.rateLimitPerMinute, timeWindow: 60_000 } };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    const locale = web.localeOf(request);
    if (status === 429)
      return web.sendMessage(request, reply, {
        status,
        title: 'web.rate_limited_title',
        body: t(locale, 'web.rate_limited_body'),
      });
    if (isStoreUnavailable(error)) {
      request.log.warn({ store: core.store.kind }, 'store unavailable: answered "temporarily unavailable"');
      return web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, { code: 'STORE_UNAVAILABLE' }),
      });
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'web request failed');
      return web.sendMessage(request, reply, {
        status: 500,
        title: 'web.error_title',
        body: t(locale, 'web.error_body'),
      });
    }
    return web.sendMessage(request, reply, {
      status,
      title: 'web.forbidden_title',
      body: t(locale, 'web.forbidden_body'),
    });
  });

  // The bare PUBLIC_URL (how to get started), /privacy and /terms.
  await app.register(infoRoutes, {
    web,
    sessionTtlDays: Math.round(limits.sessionTtlMs / 86_400_000),
    limitPerMinute: limits.rateLimitPerMinute,
  });
  await app.register(signinRoutes, {
    web,
    core,
    telemetry: opts.telemetry,
    limitPerMinute: limits.signinRateLimitPerMinute,
    sessionTtlMs: limits.sessionTtlMs,
  });
  await app.register(exportRoutes, { web, core, limitPerMinute: limits.signinRateLimitPerMinute });
  await app.register(auditExportRoutes, { web, core, limitPerMinute: limits.signinRateLimitPerMinute });

  /** Resolves the handle of a request; answers 404/503/301 itself and returns null when it did. */
  async function ownerOf(
    request: FastifyRequest,
    reply: FastifyReply,
    suffix: string,
  ): Promise<{ account: Account; link: string } | null> {
    const locale = web.localeOf(request);
    const parsed = handleParams.safeParse(request.params);
    const found = parsed.success ? await publicProfile(core, parsed.data.handle) : null;
    if (found?.ok) {
      const { account, link, via } = found.value;
      // Someone who left (`departure.ts`): the page is gone until they come back.
      if (!account.searchable && (await isDeparted(core, account.id))) {
        await web.sendMessage(request, reply, {
          status: 410,
          title: 'privacy.gone_title',
          body: t(locale, 'privacy.departed_body'),
        });
        return null;
      }
      if (via === 'alias') {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        await reply.redirect(`${link}${suffix}${query}`, 301);
        return null;
      }
      return { account, link };
    }
    if (found?.error.code === 'STORE_UNAVAILABLE') {
      await web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, found.error),
      });
      return null;
    }
    // A deleted person's handle: 410 Gone, saying only that the page was deleted.
    const gone = parsed.success ? await tombstoneOf(core, parsed.data.handle) : null;
    if (gone?.ok && gone.value) {
      await web.sendMessage(request, reply, {
        status: 410,
        title: 'privacy.gone_title',
        body: t(locale, 'privacy.gone_body'),
      });
      return null;
    }
    await web.sendMessage(request, reply, {
      status: 404,
      title: 'web.not_found_title',
      body: t(locale, 'web.not_found_body'),
    });
    return null;
  }

  /** Renders the invite page for the viewer's state, with an optional notice about the last action. */
  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    owner: { account: Account; link: string },
    session: WebSession | null,
    notice: { kind: 'ok' | 'error'; text: string } | null,
    status = 200,
  ) {
    const locale = web.localeOf(request);
    const [state, chatworkUrl] = await Promise.all([
      viewerState(core, session?.account.id ?? null, owner.account.id),
      // A linked owner's real chatwork.com page; a bridge that cannot answer leaves it out.
      realChatworkLink(core, owner.account.id).catch(() => null),
    ]);
    if (!state.ok)
      return web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, state.error),
      });
    if (state.value === 'anonymous') {
      // Signing in from here (the bot's `web` link) brings the visitor back to this page.
      reply.setCookie(NEXT_COOKIE, owner.account.handle, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: web.secure,
        path: '/',
        maxAge: 30 * 60,
      });
    }
    const done = pageQuery.safeParse(request.query);
    const name = owner.account.displayName;
    const shown =
      notice ??
      (done.success && done.data.done === 'sent' && state.value === 'requested'
        ? { kind: 'ok' as const, text: t(locale, 'viewer.sent', { name }) }
        : done.success && done.data.done === 'connected' && state.value === 'contact'
          ? { kind: 'ok' as const, text: t(locale, 'viewer.connected', { name }) }
          : null);
    return web.sendHtml(
      reply,
      status,
      renderInvitePage({
        ...web.pageContext(reply, locale, session),
        owner: owner.account,
        link: owner.link,
        state: state.value,
        notice: shown,
        chatworkUrl,
      }),
    );
  }

  app.get('/:handle', { config: pageLimit }, async (request, reply) => {
    const owner = await ownerOf(request, reply, '');
    if (!owner) return reply;
    return showPage(request, reply, owner, await web.sessionOf(request), null);
  });

  // A pasted link with a trailing slash still lands on the page.
  app.get('/:handle/', { config: pageLimit }, async (request, reply) => {
    const parsed = handleParams.safeParse(request.params);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${encodeURIComponent(parsed.success ? parsed.data.handle : '')}${query}`, 301);
  });

  app.get('/:handle/qr.svg', { config: pageLimit }, async (request, reply) => {
    const owner = await ownerOf(request, reply, '/qr.svg');
    if (!owner) return reply;
    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(await qrSvg(owner.link));
  });

  app.get('/:handle/qr.png', { config: pageLimit }, async (request, reply) => {
    const owner = await ownerOf(request, reply, '/qr.png');
    if (!owner) return reply;
    return reply
      .header('content-type', 'image/png')
      .header('cache-control', 'public, max-age=86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(await qrPng(owner.link));
  });

  /** [Add to contacts]: signed in, the session's CSRF token, then the same core call as the chat buttons. */
  app.post('/:handle/add', { config: pageLimit }, async (request, reply) => {
    const locale = web.localeOf(request);
    const session = await web.sessionOf(request);
    const parsed = handleParams.safeParse(request.params);
    const back = parsed.success ? `/${encodeURIComponent(parsed.data.handle)}` : null;
    if (!session)
      return web.sendMessage(request, reply, {
        status: 403,
        title: 'web.forbidden_title',
        body: t(locale, 'web.signin_needed'),
        back,
      });
    const body = addBody.safeParse(request.body);
    if (!body.success || !checkCsrf(web.keys, session.id, body.data.csrf)) {
      request.log.warn('add to contacts refused: missing or wrong CSRF token');
      return web.sendMessage(request, reply, {
        status: 403,
        title: 'web.forbidden_title',
        body: t(locale, 'web.forbidden_body'),
        session,
        back,
      });
    }
    const owner = await ownerOf(request, reply, '');
    if (!owner) return reply;
    const actor = actorOf(session.account);
    const sent = actor
      ? await requestConnection(core, {
          actor,
          target: { kind: 'account', accountId: owner.account.id },
          source: 'link',
          note: body.data.note ?? null,
        })
      : null;
    opts.telemetry.action('web', 'click.add', sent === null ? 'NOT_FOUND' : sent.ok ? 'ok' : sent.error.code);
    const page = `/${encodeURIComponent(owner.account.handle)}?lang=${locale}`;
    if (sent?.ok) {
      const done = sent.value.outcome.status === 'connected' ? 'connected' : 'sent';
      return reply.redirect(`${page}&done=${done}`, 303);
    }
    // Own link or already contacts: the page itself says so.
    if (sent && (sent.error.code === 'OWN_LINK' || sent.error.code === 'ALREADY_CONTACTS'))
      return reply.redirect(page, 303);
    const error = sent ? sent.error : ({ code: 'NOT_FOUND' } as const);
    const status = error.code === 'STORE_UNAVAILABLE' ? 503 : error.code === 'RATE_LIMITED' ? 429 : 409;
    const text = describeError(locale, error, owner.account.displayName);
    return showPage(request, reply, owner, session, { kind: 'error', text }, status);
  });
};
