import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  type CoreDeps,
  redeemSignInToken,
  SIGN_IN,
  type Telemetry,
  validateHandle,
} from '../../core/index.js';
import { describeError, t } from '../../i18n/catalog.js';
import type { WebContext } from '../web/context.js';
import { checkCsrf, createSession, endSession, NEXT_COOKIE, SESSION_COOKIE } from '../web/session.js';

const signinQuery = z.object({ token: z.string().max(200).optional() });
const signoutBody = z.object({ csrf: z.string().max(200), next: z.string().max(80).optional() });

/**
 * Link-preview fetchers (Slack, Teams/Skype, other chats, search engines): they open links posted in
 * chats, and must not use up a one-time sign-in link before its owner clicks it.
 */
const LINK_PREVIEWERS =
  /Slackbot|Slack-ImgProxy|SkypeUriPreview|MicrosoftPreview|Discordbot|Twitterbot|facebookexternalhit|LinkedInBot|WhatsApp|TelegramBot|Googlebot|bingbot|redditbot|Embedly/;

/** A page path we may send someone back to: `/<handle>` of a valid handle, nothing else. */
function safeBack(path: string | undefined): string | null {
  const m = /^\/([A-Za-z0-9_-]{1,64})$/.exec(path ?? '');
  return m?.[1] && validateHandle(m[1]).ok ? `/${m[1]}` : null;
}

/**
 * `GET /signin?token=…`: redeems the one-time link from the bot's `web` command (10 minutes, once)
 * and starts a session; `POST /signout` ends it. Registered inside the web plugin (cookies, limits).
 */
export const signinRoutes: FastifyPluginAsync<{
  web: WebContext;
  core: CoreDeps;
  telemetry: Telemetry;
  limitPerMinute: number;
  sessionTtlMs: number;
}> = async (app, { web, core, telemetry, limitPerMinute, sessionTtlMs }) => {
  const config = { rateLimit: { max: limitPerMinute, timeWindow: 60_000 } };
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: web.secure,
    path: '/',
  };

  app.get(SIGN_IN.path, { config }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const locale = web.localeOf(request);
    const query = signinQuery.safeParse(request.query);
    if (LINK_PREVIEWERS.test(request.headers['user-agent'] ?? '')) {
      request.log.info('sign-in link fetched by a link previewer: not redeemed');
      return web.sendMessage(request, reply, {
        status: 200,
        title: 'web.app_name',
        body: t(locale, 'web.signin_preview'),
      });
    }
    const redeemed = await redeemSignInToken(core, query.success ? (query.data.token ?? '') : '');
    telemetry.action('web', 'signin', redeemed.ok ? 'ok' : redeemed.error.code);
    if (!redeemed.ok) {
      if (redeemed.error.code === 'STORE_UNAVAILABLE')
        return web.sendMessage(request, reply, {
          status: 503,
          title: 'web.error_title',
          body: describeError(locale, redeemed.error),
        });
      request.log.info('sign-in link refused: unknown, used or expired');
      return web.sendMessage(request, reply, {
        status: 400,
        title: 'web.signin_failed_title',
        body: t(locale, 'web.signin_failed_body'),
      });
    }
    const account = await core.store.getAccount(redeemed.value.accountId);
    if (!account)
      return web.sendMessage(request, reply, {
        status: 400,
        title: 'web.signin_failed_title',
        body: t(locale, 'web.signin_failed_body'),
      });
    const previous = await web.sessionOf(request);
    if (previous) await endSession(core, web.keys, previous.id);
    const sessionId = await createSession(core, web.keys, account.id, sessionTtlMs);
    reply.setCookie(SESSION_COOKIE, sessionId, {
      ...cookieOptions,
      signed: true,
      maxAge: Math.floor(sessionTtlMs / 1000),
    });
    // Back to the page the visitor was looking at, else their own invite page.
    const nextRaw = request.cookies[NEXT_COOKIE];
    const next = nextRaw ? request.unsignCookie(nextRaw) : null;
    const back = next?.valid && next.value ? safeBack(`/${next.value}`) : null;
    if (nextRaw) reply.clearCookie(NEXT_COOKIE, { path: '/' });
    request.log.info({ accountId: account.id }, 'signed in on the web');
    return reply.redirect(`${back ?? `/${encodeURIComponent(account.handle)}`}?lang=${locale}`, 303);
  });

  app.post('/signout', { config }, async (request, reply) => {
    const locale = web.localeOf(request);
    const session = await web.sessionOf(request);
    const body = signoutBody.safeParse(request.body);
    const back = body.success ? safeBack(body.data.next) : null;
    if (session) {
      if (!body.success || !checkCsrf(web.keys, session.id, body.data.csrf))
        return web.sendMessage(request, reply, {
          status: 403,
          title: 'web.forbidden_title',
          body: t(locale, 'web.forbidden_body'),
          session,
          back,
        });
      await endSession(core, web.keys, session.id);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (back) return reply.redirect(`${back}?lang=${locale}`, 303);
    return web.sendMessage(request, reply, {
      status: 200,
      title: 'web.signed_out',
      body: t(locale, 'web.join_signin'),
    });
  });
};
