import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack request signing, as documented: `v0=` + hex HMAC-SHA256 of `v0:<ts>:<raw body>` with the
 * signing secret, compared in constant time, and `abs(now - ts) ≤ 5 min` on both sides (Bolt's
 * `verifySlackRequest` checks only the past half, and compares with `tsscmp`, which costs two more
 * HMACs per request). The clock is injected.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: string };

/** A request header's (first) value. */
export const header = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export function verifyRequest(input: {
  signingSecret: string;
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  nowMs: number;
}): Verification {
  const { signingSecret, rawBody, headers } = input;
  if (!signingSecret) return { ok: false, reason: 'signing secret is not configured' };
  const signature = header(headers['x-slack-signature']);
  const timestamp = header(headers['x-slack-request-timestamp']);
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const ts = Number(timestamp);
  const nowSeconds = Math.floor(input.nowMs / 1000);
  if (ts > nowSeconds + MAX_SKEW_SECONDS) return { ok: false, reason: 'timestamp in the future' };
  if (ts < nowSeconds - MAX_SKEW_SECONDS)
    return { ok: false, reason: 'timestamp older than 5 minutes (stale or replayed request)' };
  const given = SIGNATURE.exec(signature)?.[1];
  if (!given) return { ok: false, reason: 'unknown signature version or malformed signature' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected)
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
}
