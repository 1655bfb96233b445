import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type CoreDeps,
  peekSignInToken,
  redeemSignInToken,
  SIGN_IN,
  type Telemetry,
  validateHandle,
} from '../../core/index.js';
import { describeError, t } from '../../i18n/catalog.js';
import type { WebContext } from '../web/context.js';
import { renderSignInPage } from '../web/pages.js';
import {
  checkCsrf,
  createSession,
  csrfToken,
  endSession,
  NEXT_COOKIE,
  SESSION_COOKIE,
} from '../web/session.js';

const signinQuery = z.object({ token: z.string().max(200).optional() });
const signinBody = z.object({ token: z.string().max(200), csrf: z.string().max(200) });

/** A per-browser nonce: the sign-in form is accepted only from the browser that was shown it. */
const SIGNIN_COOKIE = 'cw_signin';
const signoutBody = z.object({ csrf: z.string().max(200), next: z.string().max(80).optional() });

/**
 * Link-preview fetchers (Slack, Teams/Skype, other chats, search engines): they open links posted in
 * chats, and must not use up a one-time sign-in link before its owner clicks it.
 */
export const LINK_PREVIEWERS =
  /Slackbot|Slack-ImgProxy|SkypeUriPreview|MicrosoftPreview|Discordbot|Twitterbot|facebookexternalhit|LinkedInBot|WhatsApp|TelegramBot|Googlebot|bingbot|redditbot|Embedly/;

/** A page path we may send someone back to: `/<handle>` of a valid handle, nothing else. */
function safeBack(path: string | undefined): string | null {
  const m = /^\/([A-Za-z0-9_-]{1,64})$/.exec(path ?? '');
  return m?.[1] && validateHandle(m[1]).ok ? `/${m[1]}` : null;
}

/**
 * `GET /signin?token=…` shows whose one-time link it is (from the bot's `web` command: 10 minutes,
 * once) with one button; `POST /signin` uses it up and starts a session; `POST /signout` ends it.
 * Registered inside the web plugin (cookies, form bodies, limits).
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

  const failed = (request: FastifyRequest, reply: FastifyReply, error: { code: string }) => {
    const locale = web.localeOf(request);
    if (error.code === 'STORE_UNAVAILABLE')
      return web.sendMessage(request, reply, {
        status: 503,
        title: 'web.error_title',
        body: describeError(locale, { code: 'STORE_UNAVAILABLE' }),
      });
    request.log.info('sign-in link refused: unknown, used or expired');
    return web.sendMessage(request, reply, {
      status: 400,
      title: 'web.signin_failed_title',
      body: t(locale, 'web.signin_failed_body'),
    });
  };

  /** This browser's sign-in nonce (a signed cookie), made on the first visit of the page. */
  const browserNonce = (request: FastifyRequest): string | null => {
    const raw = request.cookies[SIGNIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    return unsigned?.valid && unsigned.value ? unsigned.value : null;
  };

  // GET (and HEAD, which fastify answers from it) only shows whose link it is and one button: nothing
  // is used up, so link scanners and previews leave the link working, and a plain GET cannot sign
  // anyone in (no login CSRF).
  app.get(SIGN_IN.path, { config }, async (request, reply) => {
    const locale = web.localeOf(request);
    const query = signinQuery.safeParse(request.query);
    if (LINK_PREVIEWERS.test(request.headers['user-agent'] ?? '')) {
      request.log.info('sign-in link fetched by a link previewer');
      return web.sendMessage(request, reply, {
        status: 200,
        title: 'web.app_name',
        body: t(locale, 'web.signin_preview'),
      });
    }
    const token = query.success ? (query.data.token ?? '') : '';
    const peeked = await peekSignInToken(core, token);
    if (!peeked.ok) return failed(request, reply, peeked.error);
    const account = await core.store.getAccount(peeked.value.accountId);
    if (!account) return failed(request, reply, { code: 'NOT_FOUND' });
    const nonce = browserNonce(request) ?? core.random.token(16);
    reply.setCookie(SIGNIN_COOKIE, nonce, {
      ...cookieOptions,
      path: SIGN_IN.path,
      sameSite: 'strict',
      signed: true,
      maxAge: Math.floor(SIGN_IN.ttlMs / 1000),
    });
    const session = await web.sessionOf(request);
    return web.sendHtml(
      reply,
      200,
      renderSignInPage({
        ...web.pageContext(reply, locale, session),
        account,
        token,
        csrf: csrfToken(web.keys, `signin:${nonce}`),
      }),
      'no-store',
    );
  });

  // The button: uses the link up and starts a session, for the browser that was shown the page.
  app.post(SIGN_IN.path, { config }, async (request, reply) => {
    const locale = web.localeOf(request);
    const body = signinBody.safeParse(request.body);
    const nonce = browserNonce(request);
    if (!body.success || !nonce || !checkCsrf(web.keys, `signin:${nonce}`, body.data.csrf)) {
      request.log.info('sign-in form refused: not posted from the sign-in page in this browser');
      return web.sendMessage(request, reply, {
        status: 403,
        title: 'web.forbidden_title',
        body: t(locale, 'web.forbidden_body'),
      });
    }
    const redeemed = await redeemSignInToken(core, body.data.token);
    telemetry.action('web', 'signin', redeemed.ok ? 'ok' : redeemed.error.code);
    if (!redeemed.ok) return failed(request, reply, redeemed.error);
    reply.clearCookie(SIGNIN_COOKIE, { path: SIGN_IN.path });
    const account = await core.store.getAccount(redeemed.value.accountId);
    if (!account) return failed(request, reply, { code: 'NOT_FOUND' });
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
