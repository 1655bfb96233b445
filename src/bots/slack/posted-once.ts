import { z } from 'zod';
import type { ApiResult } from './api.js';
import type { BotContext } from './context.js';

/**
 * Slack has no idempotency key for `chat.postMessage`, so a crash after Slack posted a DM but before
 * we recorded it would post it again. To post each outbox event once:
 * - every DM carries its event id in message metadata (`eventMetadata`);
 * - an intent record is written before posting, and dropped when Slack definitely did not post;
 * - a redelivery that finds the intent reads the DM's recent history (`conversations.history` with
 *   `include_all_metadata`, scope `im:history`) and takes a message with that event id as posted.
 * When the history cannot be read (no `im:history`), it posts again: at least once, never lost.
 */
export const NOTIFICATION_EVENT_TYPE = 'chatwork_invite_notification';
const INTENT_TTL_MS = 30 * 24 * 3_600_000;

export const eventMetadata = (eventId: string) => ({
  event_type: NOTIFICATION_EVENT_TYPE,
  event_payload: { event_id: eventId },
});

const historySchema = z.object({
  messages: z.array(
    z.object({
      ts: z.string(),
      metadata: z
        .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
        .optional(),
    }),
  ),
});

const intentKey = (eventId: string) => `slack:posting:${eventId}`;

/** The ts of a DM already posted for `eventId` by an earlier attempt, or null: then post (intent recorded). */
export async function postedBefore(
  ctx: BotContext,
  token: string,
  channel: string,
  eventId: string,
): Promise<ApiResult<{ ts: string } | null>> {
  const now = ctx.deps.clock.now();
  const intent = await ctx.deps.store.getRecord('idempotency', intentKey(eventId), now);
  if (intent === null) {
    await ctx.deps.store.putRecord('idempotency', intentKey(eventId), String(now), now + INTENT_TTL_MS);
    return { ok: true, data: null };
  }
  // Delivery is ordered per recipient: nothing later was sent to this DM, so the newest few suffice.
  const res = await ctx.api.call(token, 'conversations.history', {
    channel,
    include_all_metadata: true,
    limit: 20,
  });
  if (!res.ok) {
    if (res.kind === 'retry') return res;
    ctx.log.warn(
      { eventId, error: res.error },
      'cannot read the DM history to check for an earlier post (add the im:history scope); posting again',
    );
    return { ok: true, data: null };
  }
  const parsed = historySchema.safeParse(res.data);
  const found = parsed.success
    ? parsed.data.messages.find(
        (m) =>
          m.metadata?.event_type === NOTIFICATION_EVENT_TYPE &&
          m.metadata.event_payload?.event_id === eventId,
      )
    : undefined;
  return { ok: true, data: found ? { ts: found.ts } : null };
}

/** After a post that Slack answered with a refusal (rate limit, an error code): nothing was posted. */
export async function notPosted(ctx: BotContext, eventId: string): Promise<void> {
  await ctx.deps.store.deleteRecord('idempotency', intentKey(eventId));
}

/** A refusal from Slack itself, as opposed to an answer we never saw (timeout, network, 5xx). */
export const definitelyNotPosted = (r: { kind: 'retry' | 'failed'; error: string }): boolean =>
  r.kind === 'failed' || r.error === 'rate_limited';
