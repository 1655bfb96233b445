import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SlackConfig } from '../../config.js';
import { toLocale } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import type { BotContext } from './context.js';
import { SLACK_ROUTES } from './receiver.js';

/** The minimal bot scopes (the manifest test checks the manifest asks for exactly these). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  /** Read back a DM after a crash, so an outbox event is posted once (posted-once.ts). */
  'im:history',
  'users:read',
  'users:read.email',
  'links:read',
  'links:write',
] as const;

const STATE_COOKIE = 'slack_oauth_state';
const STATE_TTL_MS = 10 * 60_000;

/** `<expiry>.<nonce>.<hmac>` signed with SLACK_STATE_SECRET; also kept in a cookie for the same browser. */
function signState(secret: string, now: number): string {
  const body = `${now + STATE_TTL_MS}.${randomBytes(16).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function stateIsValid(secret: string, state: string, cookie: string | null, now: number): boolean {
  const [exp, nonce, mac] = state.split('.');
  if (!exp || !nonce || !mac || cookie !== state) return false;
  const expected = createHmac('sha256', secret).update(`${exp}.${nonce}`).digest();
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) && Number(exp) > now;
}

const stateCookieOf = (header: string | undefined): string | null => {
  const found = (header ?? '').split(';').find((part) => part.trim().startsWith(`${STATE_COOKIE}=`));
  return found === undefined ? null : decodeURIComponent(found.trim().slice(STATE_COOKIE.length + 1));
};

const accessSchema = z.object({
  access_token: z.string().startsWith('xoxb-'),
  scope: z.string().default(''),
  bot_user_id: z.string().nullish(),
  app_id: z.string().nullish(),
  team: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  enterprise: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  is_enterprise_install: z.boolean().default(false),
  authed_user: z.object({ id: z.string() }).nullish(),
});

const callbackQuery = z.object({
  code: z.string().max(500).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(100).optional(),
});

/** The page that says how the install went (`text` escaped). */
const page = (reply: FastifyReply, status: number, text: string) => {
  const p = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Chatwork Invite</title></head><body><main><h1>Chatwork Invite</h1><p>${p}</p></main></body></html>`;
  return reply.status(status).type('text/html; charset=utf-8').send(html);
};

/**
 * `GET /slack/install` → Slack's consent page; `GET /slack/oauth_redirect` → `oauth.v2.access` → stored
 * installation. Registered only when OAuth is configured (then `ctx.installs` is the installation store).
 */
export function oauthRoutes(fastify: FastifyInstance, config: SlackConfig, ctx: BotContext): void {
  const o = config.oauth;
  const { installs, api, log } = ctx;
  const { clock, publicUrl } = ctx.deps;
  if (!o || !installs) return;
  const redirectUri = `${publicUrl}${SLACK_ROUTES.oauthRedirect}`;
  const authorizeUrl = `${new URL(config.apiUrl).origin}/oauth/v2/authorize`;
  const secure = publicUrl.startsWith('https://') ? '; Secure' : '';
  const stateCookie = (value: string, maxAge: number) =>
    `${STATE_COOKIE}=${value}; Path=/slack; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;

  fastify.get(SLACK_ROUTES.install, async (_request, reply) => {
    const state = signState(o.stateSecret, clock.now());
    const query = { client_id: o.clientId, scope: BOT_SCOPES.join(','), redirect_uri: redirectUri, state };
    reply.header('set-cookie', stateCookie(encodeURIComponent(state), 600));
    return reply.redirect(`${authorizeUrl}?${new URLSearchParams(query)}`, 302);
  });

  fastify.get(SLACK_ROUTES.oauthRedirect, async (request, reply) => {
    const locale = toLocale(String(request.headers['accept-language'] ?? '').split(',')[0]);
    const fail = (reason: string) => page(reply, 400, t(locale, 'slack.install_failed', { reason }));
    const q = callbackQuery.safeParse(request.query);
    if (!q.success || q.data.error || !q.data.code || !q.data.state)
      return fail(q.success && q.data.error ? q.data.error : 'missing code');
    const cookie = stateCookieOf(request.headers.cookie);
    if (!stateIsValid(o.stateSecret, q.data.state, cookie, clock.now()))
      return fail('invalid or expired state');
    const res = await api.call(null, 'oauth.v2.access', {
      client_id: o.clientId,
      client_secret: o.clientSecret,
      code: q.data.code,
      redirect_uri: redirectUri,
    });
    const access = res.ok ? accessSchema.safeParse(res.data) : null;
    if (!access?.success) return fail(res.ok ? 'unexpected answer from Slack' : res.error);
    const a = access.data;
    const teamId = a.team?.id ?? null;
    if (!teamId && !(a.is_enterprise_install && a.enterprise)) return fail('no workspace in the answer');
    // An org-wide install (Enterprise Grid, `is_enterprise_install`) is filed by enterprise: it serves
    // every workspace of the organisation that has no installation of its own.
    await installs.save({
      teamId,
      enterpriseId: a.enterprise?.id ?? null,
      teamName: a.team?.name ?? null,
      isEnterpriseInstall: a.is_enterprise_install,
      appId: a.app_id ?? null,
      botUserId: a.bot_user_id ?? null,
      scopes: a.scope,
      botToken: a.access_token,
      installedBy: a.authed_user?.id ?? null,
      installedAt: clock.now(),
    });
    log.info({ teamId, enterpriseId: a.enterprise?.id }, 'slack app installed');
    reply.header('set-cookie', stateCookie('', 0));
    const done =
      a.is_enterprise_install && a.enterprise
        ? t(locale, 'slack.installed_org', { org: a.enterprise.name ?? a.enterprise.id })
        : t(locale, 'slack.installed', { team: a.team?.name ?? teamId ?? '' });
    return page(reply, 200, done);
  });
}
