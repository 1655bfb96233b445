import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import type { WebContext } from '../web/context.js';
import { renderTextPage, type TextPageInput } from '../web/pages.js';

/**
 * `GET /` (what this is and how to get started), `/privacy` (what is stored and how to delete it) and
 * `/terms`: the pages the Teams app package links to (`privacyUrl`, `termsOfUseUrl`), in the viewer's
 * language. Registered inside the web plugin (cookies for the header, rate limits).
 */
export const infoRoutes: FastifyPluginAsync<{
  web: WebContext;
  sessionTtlDays: number;
  limitPerMinute: number;
}> = async (app, { web, sessionTtlDays, limitPerMinute }) => {
  const config = { rateLimit: { max: limitPerMinute, timeWindow: 60_000 } };

  const links = (locale: Locale, except: string) =>
    [
      { href: `/?lang=${locale}`, label: t(locale, 'web.app_name') },
      { href: `/privacy?lang=${locale}`, label: t(locale, 'pages.privacy') },
      { href: `/terms?lang=${locale}`, label: t(locale, 'pages.terms') },
    ].filter((l) => !l.href.startsWith(`${except}?`));

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    content: (locale: Locale) => Pick<TextPageInput, 'title' | 'sections'>,
  ) => {
    const locale = web.localeOf(request);
    const session = await web.sessionOf(request);
    return web.sendHtml(
      reply,
      200,
      renderTextPage({
        ...web.pageContext(reply, locale, session),
        ...content(locale),
        path,
        links: links(locale, path),
      }),
    );
  };

  app.get('/', { config }, (request, reply) =>
    page(request, reply, '/', (l) => ({
      title: t(l, 'web.app_name'),
      sections: [
        { paragraphs: [t(l, 'pages.home_intro')] },
        {
          heading: t(l, 'pages.home_start'),
          paragraphs: [
            t(l, 'pages.home_slack'),
            t(l, 'pages.home_teams'),
            t(l, 'pages.home_web'),
            t(l, 'pages.home_admin'),
          ],
        },
      ],
    })),
  );

  app.get('/privacy', { config }, (request, reply) =>
    page(request, reply, '/privacy', (l) => ({
      title: t(l, 'pages.privacy'),
      sections: [
        { paragraphs: [t(l, 'pages.privacy_intro')] },
        {
          heading: t(l, 'pages.privacy_stored'),
          paragraphs: [
            t(l, 'pages.privacy_account'),
            t(l, 'pages.privacy_requests'),
            t(l, 'pages.privacy_platform'),
            t(l, 'pages.privacy_web', { days: sessionTtlDays }),
            t(l, 'pages.privacy_not'),
          ],
        },
        {
          heading: t(l, 'pages.privacy_delete'),
          paragraphs: [t(l, 'pages.privacy_delete_self'), t(l, 'pages.privacy_delete_all')],
        },
      ],
    })),
  );

  app.get('/terms', { config }, (request, reply) =>
    page(request, reply, '/terms', (l) => ({
      title: t(l, 'pages.terms'),
      sections: [
        {
          paragraphs: [
            t(l, 'pages.terms_provider'),
            t(l, 'pages.terms_use'),
            t(l, 'pages.terms_warranty'),
            t(l, 'pages.terms_privacy'),
          ],
        },
      ],
    })),
  );
};
