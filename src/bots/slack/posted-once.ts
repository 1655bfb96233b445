import { z } from 'zod';
import type { ApiResult } from './api.js';
import type { BotContext } from './context.js';

/**
 * Slack has no idempotency key for `chat.postMessage`, so a crash after Slack posted a DM but before
 * the outbox ack would post it again. To post each outbox event once:
 * - every DM carries its event id in message metadata (`eventMetadata`);
 * - the outbox item itself says when an earlier attempt may have posted (`maybeSent`: its lease ran
 *   out unacked, or it ended in an unknown outcome), so a first attempt costs no extra read or write;
 * - such a redelivery opens the DM (`conversations.open`, for its channel id) and reads its recent
 *   history (`conversations.history` with `include_all_metadata`, scope `im:history`), and takes a
 *   message with that event id as posted.
 * When the history cannot be read (no `im:history`), it posts again: at least once, never lost.
 * DMs that are not outbox items (the Chatwork bridge's) keep that mark in an intent record instead.
 */
export const NOTIFICATION_EVENT_TYPE = 'chatwork_invite_notification';

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

const openedSchema = z.object({ channel: z.object({ id: z.string() }) });

/** For an outbox item that may have been posted already: the DM and ts of that post, or null (then post). */
export async function postedEarlier(ctx: BotContext, token: string, userId: string, eventId: string) {
  const opened = await ctx.api.call(token, 'conversations.open', { users: userId });
  if (!opened.ok) return opened;
  const channel = openedSchema.safeParse(opened.data).data?.channel.id;
  if (!channel) return { ok: false, kind: 'failed', error: 'conversations.open without channel id' } as const;
  const found = await readBack(ctx, token, channel, eventId);
  return found.ok ? ({ ok: true, data: found.data && { channel, ts: found.data.ts } } as const) : found;
}

/** The message in DM `channel` that carries `eventId` in its metadata, or null. */
async function readBack(
  ctx: BotContext,
  token: string,
  channel: string,
  eventId: string,
): Promise<ApiResult<{ ts: string } | null>> {
  // Delivery is ordered per recipient: nothing later was sent to this DM, so the newest few suffice.
  const args = { channel, include_all_metadata: true, limit: 20 };
  const res = await ctx.api.call(token, 'conversations.history', args);
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

// DMs without an outbox item (the Chatwork bridge's, `chatwork.ts`) keep the mark in an intent record.
const INTENT_TTL_MS = 30 * 24 * 3_600_000;
const intentKey = (key: string) => `slack:posting:${key}`;

/** The ts of a DM already posted for `key` by an earlier attempt, or null: then post (intent recorded). */
export async function postedBefore(
  ctx: BotContext,
  token: string,
  channel: string,
  key: string,
): Promise<ApiResult<{ ts: string } | null>> {
  const now = ctx.deps.clock.now();
  if ((await ctx.deps.store.getRecord('idempotency', intentKey(key), now)) === null) {
    await ctx.deps.store.putRecord('idempotency', intentKey(key), String(now), now + INTENT_TTL_MS);
    return { ok: true, data: null };
  }
  return readBack(ctx, token, channel, key);
}

/** After a post that Slack answered with a refusal (rate limit, an error code): nothing was posted. */
export async function notPosted(ctx: BotContext, key: string): Promise<void> {
  await ctx.deps.store.deleteRecord('idempotency', intentKey(key));
}

/** A refusal from Slack itself, as opposed to an answer we never saw (timeout, network, 5xx). */
export const definitelyNotPosted = (r: { kind: 'retry' | 'failed'; error: string }): boolean =>
  r.kind === 'failed' || r.error === 'rate_limited';
