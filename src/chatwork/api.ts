import { z } from 'zod';
import type { Clock } from '../core/index.js';

/**
 * Chatwork API v2, the few endpoints of the contact bridge: `GET /me`, `GET /contacts`,
 * `GET /incoming_requests`, `PUT` and `DELETE /incoming_requests/{id}`. Answers are parsed with zod;
 * every failure is a value (`unauthorized`, `not_found`, `rate_limited` until a time, `unavailable`),
 * and each answer carries the rate-limit headers when Chatwork sent them. Tokens go in headers only
 * and never into an error or a log line.
 */

/** A personal API token (`X-ChatWorkToken`) or an OAuth2 access token (`Authorization: Bearer`). */
export type ChatworkCredential = { kind: 'api_token'; token: string } | { kind: 'bearer'; token: string };

export interface RateInfo {
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets (`X-RateLimit-Reset` is Unix seconds). */
  resetAt: number;
}

export type ApiError =
  | { code: 'unauthorized' }
  | { code: 'not_found' }
  | { code: 'rate_limited'; resetAt: number }
  | { code: 'unavailable'; reason: string };

export type ApiResult<T> =
  | { ok: true; value: T; rate: RateInfo | null }
  | { ok: false; error: ApiError; rate: RateInfo | null };

const text = z.string().catch('');
const int = z.number().int();

export const meSchema = z.object({
  account_id: int,
  room_id: int.optional(),
  name: z.string(),
  /** Empty when the person has not chosen a Chatwork ID. */
  chatwork_id: text,
  organization_id: int.optional(),
  organization_name: text,
  department: text,
  avatar_image_url: text,
});
export type ChatworkMe = z.infer<typeof meSchema>;

export const contactSchema = meSchema.extend({ room_id: int });
export type ChatworkContact = z.infer<typeof contactSchema>;

export const incomingRequestSchema = z.object({
  request_id: int,
  account_id: int,
  message: text,
  name: z.string(),
  chatwork_id: text,
  organization_id: int.optional(),
  organization_name: text,
  department: text,
  avatar_image_url: text,
});
export type IncomingRequest = z.infer<typeof incomingRequestSchema>;

/** Called once per HTTP call to the API: route pattern (`GET /incoming_requests`) and HTTP status (0: no answer). */
export type ApiCallObserver = (route: string, status: number) => void;

export interface ChatworkApi {
  me(cred: ChatworkCredential): Promise<ApiResult<ChatworkMe>>;
  contacts(cred: ChatworkCredential): Promise<ApiResult<ChatworkContact[]>>;
  incomingRequests(cred: ChatworkCredential): Promise<ApiResult<IncomingRequest[]>>;
  /** Accept: the new contact, with the `room_id` of the direct chat. */
  acceptRequest(cred: ChatworkCredential, requestId: number): Promise<ApiResult<ChatworkContact>>;
  /** Not now (decline). */
  declineRequest(cred: ChatworkCredential, requestId: number): Promise<ApiResult<null>>;
}

export interface ChatworkApiOptions {
  /** Base URL without a trailing slash, e.g. `https://api.chatwork.com/v2`. */
  apiUrl: string;
  clock: Clock;
  timeoutMs?: number;
  onCall?: ApiCallObserver;
}

function rateOf(headers: Headers): RateInfo | null {
  const limit = Number(headers.get('x-ratelimit-limit'));
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!headers.has('x-ratelimit-reset') || !Number.isFinite(reset)) return null;
  return {
    limit: Number.isFinite(limit) ? limit : 0,
    remaining: Number.isFinite(remaining) ? remaining : 0,
    resetAt: reset * 1000,
  };
}

/** When a 429 says nothing of its reset, wait out a whole window (5 minutes). */
const DEFAULT_WINDOW_MS = 5 * 60_000;

export function chatworkApi(opts: ChatworkApiOptions): ChatworkApi {
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call<T>(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    route: string,
    cred: ChatworkCredential,
    schema: z.ZodType<T>,
    /** What an empty answer (204) means; an empty answer is a failure where absent. */
    empty?: { value: T },
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> =
      cred.kind === 'api_token'
        ? { 'x-chatworktoken': cred.token }
        : { authorization: `Bearer ${cred.token}` };
    let res: Response;
    try {
      res = await fetch(`${opts.apiUrl}${path}`, { method, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      opts.onCall?.(route, 0);
      const reason = e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'network error';
      return { ok: false, error: { code: 'unavailable', reason }, rate: null };
    }
    opts.onCall?.(route, res.status);
    const rate = rateOf(res.headers);
    const body = await res.text().catch(() => '');
    const fail = (error: ApiError): ApiResult<T> => ({ ok: false, error, rate });
    if (res.status === 401) return fail({ code: 'unauthorized' });
    if (res.status === 404) return fail({ code: 'not_found' });
    if (res.status === 429)
      return fail({ code: 'rate_limited', resetAt: rate?.resetAt ?? opts.clock.now() + DEFAULT_WINDOW_MS });
    if (res.status === 204 || (res.status === 200 && body.trim() === ''))
      return empty
        ? { ok: true, value: empty.value, rate }
        : fail({ code: 'unavailable', reason: 'empty answer' });
    if (res.status !== 200) return fail({ code: 'unavailable', reason: `HTTP ${res.status}` });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return fail({ code: 'unavailable', reason: 'answer is not JSON' });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return fail({ code: 'unavailable', reason: `unexpected answer to ${route}` });
    return { ok: true, value: parsed.data, rate };
  }

  const id = (n: number) => encodeURIComponent(String(Math.trunc(n)));
  return {
    me: (cred) => call('GET', '/me', 'GET /me', cred, meSchema),
    contacts: (cred) =>
      call('GET', '/contacts', 'GET /contacts', cred, z.array(contactSchema), { value: [] }),
    incomingRequests: (cred) =>
      call('GET', '/incoming_requests', 'GET /incoming_requests', cred, z.array(incomingRequestSchema), {
        value: [],
      }),
    acceptRequest: (cred, requestId) =>
      call('PUT', `/incoming_requests/${id(requestId)}`, 'PUT /incoming_requests/{id}', cred, contactSchema),
    declineRequest: (cred, requestId) =>
      call(
        'DELETE',
        `/incoming_requests/${id(requestId)}`,
        'DELETE /incoming_requests/{id}',
        cred,
        z.null(),
        {
          value: null,
        },
      ),
  };
}
