import { z } from 'zod';
import { type ConnectionRequest, POLICY, stateSeenBy } from '../../core/index.js';
import { settledDoc } from '../../flows/cards/requests.js';
import { recordOf } from '../../runtime/json.js';
import type { ApiResult } from './api.js';
import type { BotContext } from './context.js';
import { renderMessage } from './render/document.js';

/**
 * Where each recipient's request card was posted (`slack_card` records: channel + ts + team), so a
 * withdrawal, an expiry or a decision made elsewhere updates that card in place with `chat.update`.
 */
const cardSchema = z.object({
  teamId: z.string(),
  enterpriseId: z.string().nullable(),
  channel: z.string(),
  ts: z.string(),
});

export async function saveCard(
  ctx: BotContext,
  requestId: string,
  at: z.infer<typeof cardSchema>,
  createdAt: number,
): Promise<void> {
  // Kept a little past the request's own expiry so the expiry itself can still update it.
  const until = createdAt + POLICY.request.expiresAfterMs + 7 * 24 * 3_600_000;
  await ctx.deps.store.putRecord('slack_card', requestId, JSON.stringify(at), until);
}

/** Shows the request's final state (as the recipient sees it) on their card; `delivered` when there is none. */
export async function updateStoredCard(
  ctx: BotContext,
  request: ConnectionRequest,
): Promise<ApiResult<null>> {
  const stored = await ctx.deps.store.getRecord('slack_card', request.id, ctx.deps.clock.now());
  const card = recordOf(cardSchema, stored);
  if (!card) return { ok: true, data: null };
  const token = await ctx.tokens(card);
  if (!token) return { ok: false, kind: 'failed', error: 'no token for the card workspace' };
  const [sender, recipient] = await Promise.all([
    ctx.deps.store.getAccount(request.senderId),
    ctx.deps.store.getAccount(request.recipientId),
  ]);
  const state = stateSeenBy(request, request.recipientId, ctx.deps.clock.now());
  const message = renderMessage(recipient?.locale ?? 'en', settledDoc({ request, other: sender, state }));
  const res = await ctx.api.call(token, 'chat.update', { channel: card.channel, ts: card.ts, ...message });
  return res.ok ? { ok: true, data: null } : res;
}
