import { stringify } from 'node:querystring';
import { z } from 'zod';
import type { Telemetry } from '../../core/index.js';
import { type HttpAnswer, post } from '../../runtime/http-post.js';
import { jsonOf } from '../../runtime/json.js';
import type { Log } from '../../runtime/log.js';

/**
 * The bot's Web API access: POSTs (JSON for the write methods that take it, forms for the rest) over
 * `src/runtime/http-post.ts` (keep-alive, a timeout, no retries here: the caller or the outbox decides).
 * Every failure is classified here, once: `retry` (429 with its Retry-After, 5xx, 408, network, an
 * unreadable answer) or `failed` (Slack said no for good).
 */
export type ApiResult<T = Record<string, unknown>> =
  | { ok: true; data: T }
  | { ok: false; kind: 'retry' | 'failed'; error: string; afterMs?: number };

/** Slack `error` codes (in an HTTP 200 `ok: false` answer) that may get better by trying again. */
const RETRYABLE_PLATFORM = /^(ratelimited|internal_error|fatal_error|service_unavailable|request_timeout)$/;

/** What every Web API method answers: `ok`, Slack's `error` code when not, and the method's fields. */
const answerSchema = z.looseObject({ ok: z.boolean(), error: z.string().optional() });

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const JSON_BODY = { 'content-type': 'application/json' };

/**
 * Write methods sent as JSON, as Slack recommends for messages and views (docs.slack.dev, "Web API",
 * POST bodies; JSON needs the token as a Bearer header): blocks go as they are, not as JSON inside a
 * percent-encoded form (about a third of the bytes, and no encoding pass). Reads, and calls without a
 * token (`oauth.v2.access`), stay forms.
 */
const JSON_METHODS = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.unfurl',
  'views.open',
  'views.publish',
  'views.update',
]);

export class SlackApi {
  private readonly timeoutMs: number;
  /** `apiUrl` ends with `/`: `https://slack.com/api/`. */
  constructor(private readonly opts: { apiUrl: string; telemetry: Telemetry; log: Log; timeoutMs?: number }) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /**
   * Calls a Web API method with `token` as Bearer (null for token-less calls like `oauth.v2.access`);
   * the answer is plain JSON that callers parse with zod.
   */
  async call(token: string | null, method: string, args: Record<string, unknown>): Promise<ApiResult> {
    const asJson = token !== null && JSON_METHODS.has(method);
    const headers: Record<string, string> = {
      'content-type': asJson ? JSON_TYPE : FORM,
      accept: 'application/json',
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const url = `${this.opts.apiUrl}${method}`;
    const body = asJson ? JSON.stringify(present(args)) : formBody(args);
    const result = await post(url, body, headers, this.timeoutMs).then(classify, unreachable);
    if (!result.ok) {
      this.opts.telemetry.apiError('slack', method, result.error);
      this.opts.log.warn({ method, error: result.error }, 'slack api call failed');
    }
    return result;
  }

  /** Posts a message to a `response_url` (ephemeral reply, replace the original, …). */
  async respond(url: string, message: Record<string, unknown>): Promise<ApiResult<null>> {
    if (!/^https?:\/\//i.test(url)) return { ok: false, kind: 'failed', error: 'bad response_url' };
    try {
      const { status } = await post(url, JSON.stringify(message), JSON_BODY, this.timeoutMs);
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

/** The arguments given a value: null and undefined are left out, in a form or in JSON alike. */
function present(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args))
    if (value !== undefined && value !== null) out[key] = value;
  return out;
}

/**
 * Method arguments as a form body, the way Slack's SDK sends them: objects and arrays (`blocks`,
 * `view`, `metadata`, …) as JSON, other values as their string.
 */
function formBody(args: Record<string, unknown>): string {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(present(args)))
    form[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return stringify(form);
}

/** No answer (a network error, a timeout): worth another try. */
const unreachable = (e: unknown): ApiResult => {
  const error = e instanceof Error ? e.message.slice(0, 200) : 'request_error';
  return { ok: false, kind: 'retry', error };
};

/** An HTTP answer from a Web API method → data, or retry / failed with Retry-After honoured. */
function classify(answer: HttpAnswer): ApiResult {
  const { status } = answer;
  if (status === 429) {
    const retryAfter = Number.parseInt(answer.headers['retry-after'] ?? '', 10);
    const afterMs = retryAfter >= 0 ? retryAfter * 1000 : 1000;
    return { ok: false, kind: 'retry', error: 'rate_limited', afterMs };
  }
  if (status < 200 || status >= 300) {
    return { ok: false, kind: status >= 500 || status === 408 ? 'retry' : 'failed', error: `http_${status}` };
  }
  const parsed = answerSchema.safeParse(jsonOf(answer.body));
  if (!parsed.success) return { ok: false, kind: 'retry', error: 'invalid_response' };
  const data = parsed.data;
  if (data.ok) return { ok: true, data };
  const error = data.error ?? 'platform_error';
  return { ok: false, kind: RETRYABLE_PLATFORM.test(error) ? 'retry' : 'failed', error };
}
