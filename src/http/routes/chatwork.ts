import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ChatworkLinking, LinkError, Linked, LinkOutcome } from '../../chatwork/linking.js';
import { REDIRECT_PATH } from '../../chatwork/linking.js';
import type { Locale } from '../../core/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { tx } from '../web/html.js';
import { fromAcceptLanguage } from '../web/locale.js';

/**
 * `GET PUBLIC_URL/chatwork/oauth_redirect`: where Chatwork's consent screen sends the browser back.
 * The one-time state names the person; the code becomes tokens, `GET /me` names the Chatwork
 * account, and the link is kept. The page says what happened in the person's language; a bad or
 * replayed state changes nothing. Registered by main only when Chatwork OAuth is configured.
 */
export interface ChatworkRouteOptions {
  linking: ChatworkLinking;
  /** The chat side's "you are linked" message; a failure there does not undo the link. */
  onLinked?: (linked: Linked) => Promise<void>;
}

const querySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

const FAILURE: Record<LinkError['code'], MessageKey> = {
  NOT_CONFIGURED: 'chatwork.not_configured',
  STATE_INVALID: 'chatwork.state_invalid',
  DENIED: 'chatwork.denied',
  TOKEN_REFUSED: 'chatwork.token_refused',
  RATE_LIMITED: 'chatwork.unavailable',
  UNAVAILABLE: 'chatwork.unavailable',
};

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
}

export const chatworkRoutes: FastifyPluginAsync<ChatworkRouteOptions> = async (app, opts) => {
  app.get(REDIRECT_PATH, async (request, reply) => {
    const query = querySchema.safeParse(request.query);
    let outcome: LinkOutcome;
    try {
      outcome = await opts.linking.finishOAuth(query.success ? query.data : {});
    } catch (e) {
      // The store or a bug: the person gets the "try again" page, not a 500 body.
      request.log.error({ err: e }, 'chatwork link failed');
      outcome = { ok: false, error: { code: 'UNAVAILABLE' }, locale: null };
    }
    const locale = outcome.locale ?? fromAcceptLanguage(request.headers['accept-language'] ?? '');
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html');
    if (!outcome.ok) {
      request.log.info({ code: outcome.error.code }, 'chatwork link not made');
      const status =
        outcome.error.code === 'UNAVAILABLE' || outcome.error.code === 'RATE_LIMITED' ? 503 : 400;
      return reply
        .status(status)
        .send(
          page(locale, tx(locale, 'chatwork.link_failed_title'), tx(locale, FAILURE[outcome.error.code])),
        );
    }
    request.log.info({ accountId: outcome.me.account_id }, 'chatwork account linked');
    await opts
      .onLinked?.(outcome)
      .catch((e: unknown) => request.log.error({ err: e }, 'chatwork onLinked failed'));
    return reply.send(
      page(
        locale,
        tx(locale, 'chatwork.linked_title'),
        tx(locale, 'chatwork.linked', { name: outcome.me.name }),
      ),
    );
  });
};
