import { verifySlackRequest } from '@slack/bolt';

/**
 * Slack request signing: Bolt's `verifySlackRequest` (HMAC-SHA256 over `v0:<ts>:<raw body>`,
 * constant-time compare, rejects timestamps older than 5 minutes) plus the future half of Slack's
 * `abs(now - ts) > 5 min` rule, which Bolt does not check. The clock is injected.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: string };

const header = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;

export function verifyRequest(input: {
  signingSecret: string;
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  nowMs: number;
}): Verification {
  const signature = header(input.headers['x-slack-signature']);
  const timestamp = header(input.headers['x-slack-request-timestamp']);
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const ts = Number(timestamp);
  if (ts > Math.floor(input.nowMs / 1000) + MAX_SKEW_SECONDS)
    return { ok: false, reason: 'timestamp in the future' };
  try {
    verifySlackRequest({
      signingSecret: input.signingSecret,
      body: input.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: input.nowMs,
    });
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      reason: e instanceof Error ? e.message.replace(/^Failed to verify authenticity: /, '') : 'invalid',
    };
  }
}
