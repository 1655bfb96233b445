import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { CoreDeps, Locale, Telemetry } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { pickLocale } from './locale.js';
import type { PageContext } from './pages.js';
import { renderMessagePage } from './pages.js';
import {
  csrfToken,
  deriveKeys,
  loadSession,
  SESSION_COOKIE,
  type WebKeys,
  type WebSession,
} from './session.js';

/** What the web routes are built from. */
export interface WebOptions {
  core: CoreDeps;
  config: Config;
  /** SECRET_KEY: signs cookies and CSRF tokens. */
  secretKey: Buffer;
  telemetry: Telemetry;
}

type MessageKey = Parameters<typeof t>[1];

/** Per-plugin helpers shared by the page and sign-in routes: locale, session, HTML replies. */
export function webContext(opts: WebOptions) {
  const keys: WebKeys = deriveKeys(opts.secretKey);
  const secure = opts.config.publicUrl.startsWith('https://');

  const localeOf = (request: FastifyRequest): Locale => {
    const query = request.query as Record<string, unknown> | undefined;
    return pickLocale(query?.lang, request.headers['accept-language']);
  };

  /** The signed-in viewer, from the signed session cookie; null when absent, forged or expired. */
  const sessionOf = async (request: FastifyRequest): Promise<WebSession | null> => {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    return loadSession(opts.core, keys, unsigned.value);
  };

  const pageContext = (reply: FastifyReply, locale: Locale, session: WebSession | null): PageContext => ({
    locale,
    nonce: reply.cspNonce ?? { script: '', style: '' },
    session: session ? { account: session.account, csrf: csrfToken(keys, session.id) } : null,
  });

  /** `cacheControl: 'no-store'` for a page that carries a secret (the sign-in page's token). */
  const sendHtml = (reply: FastifyReply, status: number, html: string, cacheControl = 'private, no-cache') =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Language, Cookie')
      .send(html);

  /** A message page: title, sentence and a way on (the page they came from, when there is one). */
  const sendMessage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      status: number;
      title: MessageKey;
      body: string;
      session?: WebSession | null;
      back?: string | null;
    },
  ) => {
    const locale = localeOf(request);
    const path = request.url.split('?')[0] ?? '/';
    return sendHtml(
      reply,
      input.status,
      renderMessagePage({
        ...pageContext(reply, locale, input.session ?? null),
        title: t(locale, input.title),
        body: input.body,
        path,
        action: input.back
          ? { href: `${input.back}?lang=${locale}`, label: t(locale, 'web.back_home') }
          : null,
      }),
    );
  };

  return { keys, secure, localeOf, sessionOf, pageContext, sendHtml, sendMessage };
}

export type WebContext = ReturnType<typeof webContext>;
