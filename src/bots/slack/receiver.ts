import type { ServerResponse } from 'node:http';
import { type Logger, LogLevel } from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../../core/index.js';
import type { Log } from '../../runtime/log.js';
import { RecentKeys } from '../../runtime/recent-keys.js';
import { decodeBody } from './parse.js';
import { header, MAX_SKEW_SECONDS, verifyRequest } from './verify.js';

/** The routes this bot serves (the manifest test checks the manifest's URLs against them). */
export const SLACK_ROUTES = {
  events: '/slack/events',
  install: '/slack/install',
  oauthRedirect: '/slack/oauth_redirect',
} as const;

/**
 * What every Bolt `App` of ours is built with. `authorize` returns no token, so Bolt never calls Slack
 * itself (we do, through `SlackApi`). `convoStore: false`: Bolt's in-memory conversation store is unused
 * here and costs a rejected promise (an Error with a stack trace) on every event.
 */
export const BOLT_APP_OPTIONS = {
  authorize: async () => ({}),
  ignoreSelf: false,
  convoStore: false,
} as const;

/**
 * Bolt's logger interface over ours. Bolt logs debug lines on every event (conversation lookups,
 * middleware steps); a line is formatted only when its level is on, so the hot path pays nothing for them.
 */
export function boltLogger(log: Log): Logger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...m: unknown[]) => {
      if (log.isLevelEnabled?.(level) ?? true)
        log[level]({ bolt: m.map((x) => (x instanceof Error ? x.message : String(x))).join(' ') });
    };
  const [debug, info, warn, error] = [at('debug'), at('info'), at('warn'), at('error')];
  return { debug, info, warn, error, setLevel: () => {}, getLevel: () => LogLevel.INFO, setName: () => {} };
}

/** What the bot does with a verified, decoded body: `handle` in index.ts, which acks it exactly once. */
export type OnBody = (
  body: Record<string, unknown>,
  ack: (response?: unknown) => Promise<void>,
) => Promise<void>;

/**
 * An ack's HTTP answer, as Bolt's `HTTPResponseAck` writes it (an object as JSON, a string as it is,
 * nothing as an empty 200) but with its length, so it leaves in one write instead of chunked, and
 * without Bolt's per-request 3-second timer: `handle` (index.ts) acks every request exactly once,
 * also after a bug or an outage, and a second ack is ignored here.
 */
function answer(res: ServerResponse) {
  return async (body?: unknown): Promise<void> => {
    if (res.headersSent) return;
    const json = typeof body === 'object' && body !== null;
    const text = json ? JSON.stringify(body) : typeof body === 'string' ? body : '';
    const length = { 'content-length': Buffer.byteLength(text) };
    res.writeHead(200, json ? { 'content-type': 'application/json', ...length } : length);
    res.end(text);
  };
}

const UNREADABLE = { error: 'bad_request', message: 'Unreadable Slack payload' };

type EventsRouteOptions = { onBody: OnBody; signingSecret: string; clock: Clock; log: Log };

/**
 * `POST /slack/events`: slash commands, interactivity and the Events API on one URL. The raw-body
 * parsers are registered in this plugin only, so other routes keep fastify's normal parsing.
 * Signature first (a replay of a signed request is answered empty); then `ssl_check` /
 * `url_verification`; then the bot's handler (`onBody`), which acks well within Slack's 3 s.
 */
export const eventsRoute: FastifyPluginAsync<EventsRouteOptions> = async (fastify, opts) => {
  const { onBody, signingSecret, clock, log } = opts;
  // Signed requests already taken. The same signature means the same timestamp and body: Slack never
  // sends that twice (its retries are signed anew), so it is a replay, which must not run again (a
  // `web` command would hand out a fresh sign-in link). Kept while its timestamp can pass the check
  // (5 minutes either side), per process: a copy sent to another instance is not caught here.
  const seen = new RecentKeys(2 * MAX_SKEW_SECONDS * 1000, 200_000);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  // Browser security headers (CSP with fresh nonces, …) mean nothing to Slack's servers and cost a
  // helmet build and two random nonces per request, so this machine-to-machine route goes without.
  fastify.post(SLACK_ROUTES.events, { helmet: false }, async (request, reply) => {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const { headers } = request;
    const contentType = header(headers['content-type']);
    if (
      contentType === 'application/x-www-form-urlencoded' &&
      rawBody.includes('ssl_check=') &&
      new URLSearchParams(rawBody).get('ssl_check') === '1'
    )
      return reply.status(200).send('');
    const now = clock.now();
    const verified = verifyRequest({ signingSecret, rawBody, headers, nowMs: now });
    if (!verified.ok) {
      log.warn({ reason: verified.reason }, 'slack request refused: bad signature or timestamp');
      const message = `Slack request refused: ${verified.reason}`;
      return reply.status(401).send({ error: 'invalid_signature', message });
    }
    if (!seen.firstTime(header(headers['x-slack-signature']) ?? '', now)) {
      // Answered empty: Slack shows nothing for it, and nothing runs a second time.
      const timestamp = header(headers['x-slack-request-timestamp']);
      log.info(
        { timestamp },
        'slack request replayed (same signature and timestamp): answered empty, not run',
      );
      return reply.status(200).send('');
    }
    const body = decodeBody(rawBody, contentType);
    if (!body) return reply.status(400).send(UNREADABLE);
    if (body.type === 'url_verification') return reply.send({ challenge: String(body.challenge ?? '') });
    // Straight to the bot, not through Bolt's `processEvent`: with no Bolt listeners of ours (one
    // handler reads every payload), its context, authorize and middleware chain were pure cost here.
    reply.hijack();
    try {
      await onBody(body, answer(reply.raw));
    } catch (error) {
      if (reply.raw.headersSent) log.error({ err: error }, 'slack handler failed after the ack');
      else {
        // The handler acks even after a bug; should it not, the payload is answered 400, never a 500.
        log.error({ err: error }, 'slack payload could not be handled');
        reply.raw.writeHead(400, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify(UNREADABLE));
      }
    }
  });
};
