import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loggerOptions, scrubSecrets } from '../../src/http/logging.js';
import { buildMetricsServer } from '../../src/http/metrics.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { csrfOf, logSink, register, signIn, signInPath, type WebTest, webServer } from './support.js';

const alice = slackActor('U_ALICE', 'Alice Sato');
const bob = teamsActor('aad-bob', 'Bob Tanaka');

let t: WebTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('health and readiness', () => {
  it('answers /healthz, and /readyz 503 with the reason once the store is down', async () => {
    t = await webServer();
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', store: 'sqlite' });
    const cookie = await signIn(t, bob);
    await t.store.close();
    const down = await t.app.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', store: 'sqlite' });
    expect(String(down.json().reason)).not.toBe('');
    // The page says so too, in words, never with a stack trace.
    const page = await t.app.inject({ url: '/someone' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('temporarily unavailable');
    expect(page.body).not.toContain(' at ');
    const home = await t.app.inject({ url: '/', headers: { cookie } });
    expect(home.statusCode).toBe(503);
    expect(home.body).toContain('temporarily unavailable');
  });
});

/** `GET /metrics` on the private metrics server (METRICS_PORT), as Prometheus scrapes it. */
async function scrape(w: WebTest) {
  const server = await buildMetricsServer(w.metrics, null);
  try {
    return await server.inject({ url: '/metrics' });
  } finally {
    await server.close();
  }
}

describe('GET /metrics', () => {
  it('holds HTTP latency by route, actions by type and outcome, outbox depth and age, API errors', async () => {
    t = await webServer();
    const owner = await register(t, alice);
    const cookie = await signIn(t, bob);
    const page = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    await t.app.inject({
      method: 'POST',
      url: `/${owner.handle}/add`,
      headers: { cookie },
      payload: { csrf: csrfOf(page.body) },
    });
    t.metrics.telemetry.apiError('slack', 'chat.postMessage', 'ratelimited');
    t.metrics.telemetry.action('slack', 'click.accept', 'ALREADY_DECIDED');
    t.clock.advance(5_000);
    const res = await scrape(t);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/:handle",status_code="200"\} 1/,
    );
    expect(body).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/:handle\/add"/,
    );
    expect(body).toContain('chatwork_invite_actions_total{platform="web",action="click.add",outcome="ok"} 1');
    expect(body).toContain('chatwork_invite_actions_total{platform="web",action="signin",outcome="ok"} 1');
    expect(body).toContain(
      'chatwork_invite_actions_total{platform="slack",action="click.accept",outcome="ALREADY_DECIDED"} 1',
    );
    expect(body).toContain(
      'chatwork_platform_api_errors_total{platform="slack",method="chat.postMessage",code="ratelimited"} 1',
    );
    // The request to Alice waits in the outbox, 5 s old.
    expect(body).toContain('chatwork_outbox_depth 1');
    expect(body).toContain('chatwork_outbox_oldest_age_seconds 5');
    expect(body).toContain('chatwork_outbox_dead 0');
    expect(body).toContain('chatwork_store_up 1');
  });

  it('answers on the public port only with METRICS_TOKEN, and then only to the bearer token', async () => {
    t = await webServer({ env: { METRICS_TOKEN: 'scrape-secret-0123456789' } });
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-secret-0123456789' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('chatwork_store_up 1');
    const short = loadConfig({ METRICS_TOKEN: 'short' });
    expect(short.ok ? [] : short.problems.join()).toContain('openssl rand -hex 24');
  });

  it('still answers when the store is down, with chatwork_store_up 0', async () => {
    t = await webServer();
    await t.store.close();
    const res = await scrape(t);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('chatwork_store_up 0');
  });
});

describe('rate limits', () => {
  it('answer 429 with a page on the invite page, the QR code and sign-in; not on health', async () => {
    t = await webServer({ env: { WEB_RATE_LIMIT_PER_MINUTE: '3', SIGNIN_RATE_LIMIT_PER_MINUTE: '2' } });
    const owner = await register(t, alice);
    const statuses = async (url: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await t?.app.inject({ url }))?.statusCode ?? 0);
      return out;
    };
    expect(await statuses(`/${owner.handle}`, 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(`/${owner.handle}/qr.png`, 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses('/signin?token=nope', 3)).toEqual([400, 400, 429]);
    const limited = await t.app.inject({ url: `/${owner.handle}`, headers: { 'accept-language': 'ja' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.headers['retry-after']).toBeTruthy();
    expect(limited.body).toContain('リクエストが多すぎます');
    expect(await statuses('/healthz', 10)).toEqual(Array(10).fill(200));
    // Not served on the public port without METRICS_TOKEN (see metrics-private.test.ts).
    expect(await statuses('/metrics', 5)).toEqual(Array(5).fill(404));
  });
});

describe('client addresses', () => {
  it('believe X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    t = await webServer({ env: { WEB_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback,10.0.0.0/8' } });
    const owner = await register(t, alice);
    const get = async (remoteAddress: string, forwardedFor: string) =>
      (
        await t?.app.inject({
          url: `/${owner.handle}`,
          remoteAddress,
          headers: { 'x-forwarded-for': forwardedFor },
        })
      )?.statusCode;
    // A client on the internet cannot dodge the limit by inventing addresses.
    expect([
      await get('203.0.113.9', '198.51.100.1'),
      await get('203.0.113.9', '198.51.100.2'),
      await get('203.0.113.9', '198.51.100.3'),
    ]).toEqual([200, 200, 429]);
    // Behind a proxy it names, each real client has its own budget.
    expect([
      await get('10.0.0.5', '198.51.100.1'),
      await get('10.0.0.5', '198.51.100.2'),
      await get('10.0.0.5', '198.51.100.3'),
    ]).toEqual([200, 200, 200]);
  });

  it('TRUST_PROXY accepts true, false, a hop count or addresses, and explains a bad value', () => {
    const of = (v: string) => {
      const r = loadConfig({ TRUST_PROXY: v });
      return r.ok ? r.config.trustProxy : r.problems;
    };
    expect(of('')).toEqual(['loopback']);
    expect(of('false')).toBe(false);
    expect(of('1')).toBe(1);
    expect(of('10.0.0.0/8, loopback')).toEqual(['10.0.0.0/8', 'loopback']);
    expect(String(of('everyone'))).toContain('TRUST_PROXY must be true, false, a hop count');
  });
});

describe('logs', () => {
  it('carry request ids and no secrets: sign-in tokens, cookies, authorization, Slack tokens', async () => {
    const sink = logSink();
    t = await webServer({ logger: loggerOptions('info', sink.stream) });
    const owner = await register(t, alice);
    const path = await signInPath(t, bob);
    const token = new URL(path, 'https://x').searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(20);
    const first = await t.app.inject({ url: path, headers: { 'x-request-id': 'trace-abc-123' } });
    const session = String(first.headers['set-cookie']).split(';')[0]?.split('=')[1] ?? '';
    await t.app.inject({ url: path });
    await t.app.inject({
      url: `/${owner.handle}`,
      headers: { cookie: `cw_session=${session}`, authorization: 'Bearer sekret-bearer-value' },
    });
    t.app.log.info(`posting with xoxb-1234-5678-abcdef and ${path}`);
    t.app.log.warn({ config: { botToken: 'xoxb-999-secret', signingSecret: 'shh-signing' } }, 'config');
    t.app.log.info(
      { link: `https://invite.example.com${path}`, nested: { auth: 'Bearer nested-bearer' } },
      'sent',
    );

    const text = sink.text();
    expect(text).toContain('"reqId":"trace-abc-123"');
    expect(text).toContain('/signin?token=[redacted]');
    for (const secret of [
      token,
      session,
      'sekret-bearer-value',
      'xoxb-1234-5678-abcdef',
      'xoxb-999',
      'shh-signing',
    ])
      expect(text, secret).not.toContain(secret);
    const lines = sink.lines();
    const incoming = lines.filter((l) => l.msg === 'incoming request');
    expect(incoming.length).toBeGreaterThanOrEqual(3);
    for (const line of incoming) expect(line.reqId).toBeTruthy();
  });

  it('scrubs free text', () => {
    expect(scrubSecrets('GET /signin?token=abc&lang=ja')).toBe('GET /signin?token=[redacted]&lang=ja');
    expect(scrubSecrets('/slack/oauth_redirect?code=123&state=xyz')).toBe(
      '/slack/oauth_redirect?code=[redacted]&state=[redacted]',
    );
    expect(scrubSecrets('Authorization: Bearer eyJabc.def')).toBe('Authorization: Bearer [redacted]');
    expect(scrubSecrets('token xapp-1-A0-xyz')).toBe('token xapp-[redacted]');
  });
});

describe('web configuration', () => {
  it('has defaults and says how to fix a bad value', () => {
    const ok = loadConfig({});
    expect(ok.ok && ok.config.web).toEqual({
      rateLimitPerMinute: 120,
      signinRateLimitPerMinute: 10,
      sessionTtlMs: 30 * 24 * 3_600_000,
    });
    const bad = loadConfig({ WEB_RATE_LIMIT_PER_MINUTE: 'lots', SESSION_TTL_DAYS: '0' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.join('\n')).toContain('WEB_RATE_LIMIT_PER_MINUTE=120');
      expect(bad.problems.join('\n')).toContain('SESSION_TTL_DAYS=30');
    }
  });
});
