import http from 'node:http';
import https from 'node:https';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { Telemetry } from '../../core/index.js';
import type { Log } from './log.js';

/**
 * The bot's Web API access: one WebClient per token, configured so nothing hangs (no SDK retries,
 * 429s rejected with their Retry-After, a request timeout). Every failure is classified here, once:
 * `retry` (429, 5xx, network) or `failed` (Slack said no for good).
 */
export type ApiResult<T = Record<string, unknown>> =
  | { ok: true; data: T }
  | { ok: false; kind: 'retry' | 'failed'; error: string; afterMs?: number };

/** Slack `error` codes that will not get better by trying again. */
const RETRYABLE_PLATFORM = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export interface SlackApiOptions {
  apiUrl: string;
  telemetry: Telemetry;
  log: Log;
  timeoutMs?: number;
}

export class SlackApi {
  private readonly clients = new Map<string, WebClient>();
  constructor(private readonly opts: SlackApiOptions) {}

  /** A client for `token` (or for token-less calls like `oauth.v2.access` when null). */
  client(token: string | null): WebClient {
    const key = token ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = new WebClient(token ?? undefined, {
        slackApiUrl: this.opts.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: this.opts.timeoutMs ?? 10_000,
        logLevel: LogLevel.ERROR,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Calls a Web API method; the answer is plain JSON that callers parse with zod. */
  async call(token: string | null, method: string, args: Record<string, unknown>): Promise<ApiResult> {
    try {
      const data: Record<string, unknown> = { ...(await this.client(token).apiCall(method, args)) };
      return { ok: true, data };
    } catch (e) {
      const result = classify(e);
      this.opts.telemetry.apiError('slack', method, result.error);
      this.opts.log.warn({ method, error: result.error }, 'slack api call failed');
      return result;
    }
  }

  /** Posts a message to a `response_url` (ephemeral reply, replace the original, …). */
  async respond(url: string, message: Record<string, unknown>): Promise<ApiResult<null>> {
    if (!/^https?:\/\//i.test(url)) return { ok: false, kind: 'failed', error: 'bad response_url' };
    try {
      const status = await postJson(url, JSON.stringify(message), this.opts.timeoutMs ?? 10_000);
      if (status >= 200 && status < 300) return { ok: true, data: null };
      const error = `response_url http ${status}`;
      this.opts.telemetry.apiError('slack', 'response_url', String(status));
      return { ok: false, kind: status >= 500 || status === 429 ? 'retry' : 'failed', error };
    } catch (e) {
      this.opts.telemetry.apiError('slack', 'response_url', 'network');
      return { ok: false, kind: 'retry', error: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** Keep-alive connections for response_url posts (a burst of clicks reuses them). */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * POSTs JSON and resolves with the HTTP status, the body read and dropped. node:http rather than
 * `fetch`: in Node 20 fetch (undici, web streams, abort signals) costs several times as much CPU per
 * request, and every click posts here.
 */
function postJson(url: string, body: string, timeoutMs: number): Promise<number> {
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`response_url timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function field(e: unknown, name: string): unknown {
  return typeof e === 'object' && e !== null ? Reflect.get(e, name) : undefined;
}

/** Any error the WebClient throws → retry or failed, with Retry-After honoured. */
export function classify(e: unknown): {
  ok: false;
  kind: 'retry' | 'failed';
  error: string;
  afterMs?: number;
} {
  const code = field(e, 'code');
  if (code === ErrorCode.RateLimitedError) {
    const retryAfter = Number(field(e, 'retryAfter'));
    return {
      ok: false,
      kind: 'retry',
      error: 'rate_limited',
      afterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000,
    };
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number(field(e, 'statusCode'));
    return { ok: false, kind: status >= 500 || status === 408 ? 'retry' : 'failed', error: `http_${status}` };
  }
  if (code === ErrorCode.PlatformError) {
    const data = field(e, 'data');
    const error = String(field(data, 'error') ?? 'platform_error');
    return { ok: false, kind: RETRYABLE_PLATFORM.has(error) ? 'retry' : 'failed', error };
  }
  return { ok: false, kind: 'retry', error: e instanceof Error ? e.message.slice(0, 200) : 'request_error' };
}
