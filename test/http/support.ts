import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { type Actor, ensureAccount, issueSignInLink } from '../../src/core/index.js';
import type { Account } from '../../src/core/types.js';
import { createMetrics, type Metrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { openTestCore, TEST_PUBLIC_URL, type TestCore } from '../helpers/core.js';

export const SECRET = Buffer.alloc(32, 7);

export interface WebTest extends TestCore {
  app: FastifyInstance;
  metrics: Metrics;
}

/** The real server on a real in-memory SQLite store, fixed clock; `env` adds settings. */
export async function webServer(
  opts: { env?: Record<string, string>; logger?: FastifyServerOptions['logger'] } = {},
): Promise<WebTest> {
  const core = openTestCore();
  const loaded = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL, ...opts.env });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const metrics = createMetrics({ store: core.store, clock: core.clock });
  const app = await buildServer({
    config: loaded.config,
    core: core.deps,
    secretKey: SECRET,
    metrics,
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  return {
    ...core,
    app,
    metrics,
    close: async () => {
      await app.close();
      await core.close();
    },
  };
}

export async function register(t: TestCore, actor: Actor): Promise<Account> {
  const found = await ensureAccount(t.deps, actor);
  if (!found.ok) throw new Error(found.error.code);
  return found.value.account;
}

/** The path and query of a sign-in link from the bot's `web` command. */
export async function signInPath(t: TestCore, actor: Actor): Promise<string> {
  const link = await issueSignInLink(t.deps, actor);
  if (!link.ok) throw new Error(link.error.code);
  const url = new URL(link.value.url);
  return `${url.pathname}${url.search}`;
}

/** `name=value` pairs of Set-Cookie headers, as a Cookie request header. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  // A cleared cookie (`name=;`) is not sent back.
  return list
    .map((c) => c.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/**
 * What a browser does with a sign-in link: opens it (`GET`, the page with one button), then presses
 * the button (`POST /signin` with the page's token and CSRF field and the cookie the page set).
 * `cookie` is what the browser already had. Returns the button's answer.
 */
export async function openAndConfirm(t: WebTest, path: string, cookie = '') {
  const page = await t.app.inject({ url: path, headers: cookie ? { cookie } : {} });
  if (page.statusCode !== 200) throw new Error(`sign-in page answered ${page.statusCode}`);
  const jar = [cookie, cookieHeader(page.headers['set-cookie'])].filter(Boolean).join('; ');
  const token = new URL(path, 'https://x').searchParams.get('token') ?? '';
  return t.app.inject({
    method: 'POST',
    url: '/signin',
    headers: { cookie: jar },
    payload: { token, csrf: csrfOf(page.body) },
  });
}

/** Signs `actor` in through a one-time link, as a browser does, and returns the session cookie header. */
export async function signIn(t: WebTest, actor: Actor): Promise<string> {
  const res = await openAndConfirm(t, await signInPath(t, actor));
  if (res.statusCode !== 303) throw new Error(`sign-in answered ${res.statusCode}`);
  return cookieHeader(res.headers['set-cookie']);
}

export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/** Collects pino's JSON lines. */
export function logSink(): {
  stream: Writable;
  text: () => string;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    stream,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
