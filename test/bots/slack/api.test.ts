import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackApi } from '../../../src/bots/slack/api.js';
import type { Telemetry } from '../../../src/core/index.js';
import { silentLog } from '../../../src/runtime/log.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';

/**
 * `SlackApi` on its own against the fake Slack: what goes on the wire (form body, Bearer token) and how
 * every kind of answer is classified. A second tiny server answers what the fake never does (an
 * unreadable body, 408, silence) and counts TCP connections (keep-alive).
 */
let slack: FakeSlack;
let odd: Server;
let oddUrl: string;
let connections = 0;
let reported: string[] = [];

const telemetry: Telemetry = {
  action: () => {},
  apiError: (platform, method, code) => void reported.push(`${platform} ${method} ${code}`),
  deadLetter: () => {},
};
const apiAt = (apiUrl: string, timeoutMs?: number) =>
  new SlackApi({ apiUrl, telemetry, log: silentLog, ...(timeoutMs ? { timeoutMs } : {}) });

beforeAll(async () => {
  slack = await startFakeSlack();
  odd = createServer((req, res) => {
    if (req.url === '/api/garbage') return res.end('<html>not json</html>');
    if (req.url === '/api/timeout') return res.writeHead(408).end('{}');
    if (req.url === '/api/ok') return res.end('{"ok":true,"n":1}');
    // '/api/silent': never answers.
  });
  odd.on('connection', () => connections++);
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  odd.closeAllConnections();
  await new Promise((resolve) => odd.close(resolve));
  await slack.close();
});
beforeEach(() => {
  slack.reset();
  reported = [];
});

describe('SlackApi.call', () => {
  it('a message goes as JSON (its values typed, no null/undefined) with the Bearer token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'a & b = <c> é 😀' } }];
    const res = await apiAt(slack.apiUrl).call('xoxb-1', 'chat.postMessage', {
      channel: 'D1',
      text: 'hello + world & more',
      blocks,
      metadata: { event_type: 'x', event_payload: { event_id: 'e1' } },
      unfurl_links: false,
      limit: 20,
      thread_ts: undefined,
      icon_url: null,
    });
    expect(res).toMatchObject({ ok: true, data: { ok: true, channel: 'D1' } });
    const call = slack.callsTo('chat.postMessage')[0];
    expect(call?.token).toBe('xoxb-1');
    expect(call?.args).toEqual({
      channel: 'D1',
      text: 'hello + world & more',
      blocks,
      metadata: { event_type: 'x', event_payload: { event_id: 'e1' } },
      unfurl_links: false,
      limit: 20,
    });
    expect(reported).toEqual([]);
  });

  it('a read goes as a form, as the SDK sends it (JSON for objects, strings for the rest, no null/undefined)', async () => {
    await apiAt(slack.apiUrl).call('xoxb-1', 'users.info', {
      user: 'U1',
      include_locale: true,
      extra: { a: 1 },
      missing: null,
    });
    expect(slack.callsTo('users.info')[0]?.args).toEqual({
      user: 'U1',
      include_locale: 'true',
      extra: '{"a":1}',
    });
  });

  it('a null token sends no Authorization (oauth.v2.access with client credentials)', async () => {
    const res = await apiAt(slack.apiUrl).call(null, 'oauth.v2.access', {
      client_id: 'c',
      client_secret: 's',
    });
    expect(res).toMatchObject({ ok: true, data: { access_token: 'xoxb-oauth-installed-token' } });
    expect(slack.callsTo('oauth.v2.access')[0]).toMatchObject({
      token: null,
      args: { client_id: 'c', client_secret: 's' },
    });
  });

  it('429 → retry after Retry-After; 5xx → retry; other 4xx → failed; all reported', async () => {
    const api = apiAt(slack.apiUrl);
    slack.failNext('chat.update', { status: 429, retryAfter: 3 });
    slack.failNext('chat.update', { status: 503 });
    expect(await api.call('t', 'chat.update', {})).toEqual({
      ok: false,
      kind: 'retry',
      error: 'rate_limited',
      afterMs: 3000,
    });
    expect(await api.call('t', 'chat.update', {})).toEqual({ ok: false, kind: 'retry', error: 'http_503' });
    expect(await apiAt(`${slack.url}elsewhere/`).call('t', 'chat.update', {})).toEqual({
      ok: false,
      kind: 'failed',
      error: 'http_404',
    });
    expect(reported).toEqual([
      'slack chat.update rate_limited',
      'slack chat.update http_503',
      'slack chat.update http_404',
    ]);
  });

  it("ok:false → failed with Slack's error, except the codes that may pass (ratelimited, fatal_error, …)", async () => {
    const api = apiAt(slack.apiUrl);
    slack.failNext('views.publish', { error: 'invalid_blocks' });
    slack.failNext('views.publish', { error: 'ratelimited' });
    expect(await api.call('t', 'views.publish', {})).toEqual({
      ok: false,
      kind: 'failed',
      error: 'invalid_blocks',
    });
    expect(await api.call('t', 'views.publish', {})).toEqual({
      ok: false,
      kind: 'retry',
      error: 'ratelimited',
    });
  });

  it('an unreadable body, 408, silence past the timeout and a refused connection are all retry', async () => {
    const api = apiAt(oddUrl, 300);
    expect(await api.call('t', 'garbage', {})).toEqual({
      ok: false,
      kind: 'retry',
      error: 'invalid_response',
    });
    expect(await api.call('t', 'timeout', {})).toEqual({ ok: false, kind: 'retry', error: 'http_408' });
    const started = Date.now();
    expect(await api.call('t', 'silent', {})).toMatchObject({ ok: false, kind: 'retry' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await apiAt('http://127.0.0.1:1/api/').call('t', 'auth.test', {})).toMatchObject({
      ok: false,
      kind: 'retry',
    });
    expect(reported).toHaveLength(4);
  });

  it('reuses one keep-alive connection for calls one after another', async () => {
    const api = apiAt(oddUrl);
    const before = connections;
    for (let i = 0; i < 3; i++)
      expect(await api.call('t', 'ok', {})).toEqual({ ok: true, data: { ok: true, n: 1 } });
    expect(connections - before).toBeLessThanOrEqual(1);
  });
});

describe('SlackApi.respond', () => {
  it('posts JSON to the response_url; a bad URL is refused without a request', async () => {
    const api = apiAt(slack.apiUrl);
    expect(await api.respond(slack.responseUrl('x1'), { text: 'hi', replace_original: false })).toEqual({
      ok: true,
      data: null,
    });
    expect(slack.responses).toEqual([{ id: 'x1', body: { text: 'hi', replace_original: false } }]);
    expect(await api.respond('file:///etc/passwd', { text: 'x' })).toMatchObject({
      ok: false,
      kind: 'failed',
    });
    expect(await api.respond(`${slack.url}nowhere`, { text: 'x' })).toEqual({
      ok: false,
      kind: 'failed',
      error: 'response_url http 404',
    });
  });
});
