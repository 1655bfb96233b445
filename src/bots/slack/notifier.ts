import {
  type Account,
  buildInviteLink,
  type DeliveryResult,
  type DomainEvent,
  type Notifier,
} from '../../core/index.js';
import type { ApiResult } from './api.js';
import { saveCard, updateStoredCard } from './cardstore.js';
import type { BotContext } from './context.js';
import { refreshHome } from './home.js';
import { definitelyNotPosted, eventMetadata, notPosted, postedBefore } from './posted-once.js';
import { acceptedMessage, type Message, reminderCard, requestCard } from './render/cards.js';

/**
 * Delivers outbox events to Slack users as DMs from the bot (`conversations.open` + `chat.postMessage`):
 * a new request with [Accept] [Decline] (Block in the overflow), "accepted" to the original sender,
 * a reminder, and in-place updates of the recipient's card on withdrawal or expiry. Duplicates are
 * suppressed by event id; 429 and 5xx come back as `retry` with Retry-After, the rest as `failed`.
 */
const toDelivery = (r: ApiResult<unknown>): DeliveryResult =>
  r.ok
    ? { kind: 'delivered' }
    : r.kind === 'retry'
      ? { kind: 'retry', error: r.error, ...(r.afterMs !== undefined ? { afterMs: r.afterMs } : {}) }
      : { kind: 'failed', error: r.error };

const channelIdOf = (data: Record<string, unknown>): string | null => {
  const channel: unknown = data.channel;
  const id: unknown = typeof channel === 'object' && channel !== null ? Reflect.get(channel, 'id') : null;
  return typeof id === 'string' ? id : null;
};

export function slackNotifier(ctx: BotContext): Notifier {
  async function dm(
    token: string,
    userId: string,
    message: Message,
    eventId: string,
  ): Promise<ApiResult<{ channel: string; ts: string }>> {
    const opened = await ctx.api.call(token, 'conversations.open', { users: userId });
    if (!opened.ok) return opened;
    const channel = channelIdOf(opened.data);
    if (!channel) return { ok: false, kind: 'failed', error: 'conversations.open without channel id' };
    // Exactly once across crashes: see posted-once.ts.
    const before = await postedBefore(ctx, token, channel, eventId);
    if (!before.ok) return before;
    if (before.data) return { ok: true, data: { channel, ts: before.data.ts } };
    const posted = await ctx.api.call(token, 'chat.postMessage', {
      channel,
      ...message,
      metadata: eventMetadata(eventId),
    });
    if (!posted.ok) {
      if (definitelyNotPosted(posted)) await notPosted(ctx, eventId);
      return posted;
    }
    const ts = typeof posted.data.ts === 'string' ? posted.data.ts : '';
    return {
      ok: true,
      data: { channel: typeof posted.data.channel === 'string' ? posted.data.channel : channel, ts },
    };
  }

  async function deliver(event: DomainEvent, recipient: Account): Promise<DeliveryResult> {
    const identity = recipient.identities.find((i) => i.platform === 'slack');
    if (identity?.platform !== 'slack') return { kind: 'failed', error: 'recipient has no Slack identity' };
    const doneKey = `delivered:${event.id}`;
    if ((await ctx.deps.store.getRecord('idempotency', `slack:${doneKey}`, ctx.deps.clock.now())) !== null)
      return { kind: 'delivered' };
    const team = {
      teamId: identity.teamId,
      ...(identity.enterpriseId ? { enterpriseId: identity.enterpriseId } : {}),
    };
    const token = await ctx.tokens(team);
    if (!token) return { kind: 'failed', error: `no Slack installation for team ${identity.teamId}` };
    const request = await ctx.deps.store.getRequest(event.requestId);
    if (!request) return { kind: 'failed', error: 'request not found' };
    const locale = recipient.locale;
    const user = { ...team, userId: identity.userId, name: null };

    let result: ApiResult<unknown>;
    switch (event.type) {
      case 'request_received':
      case 'request_reminder': {
        const sender = await ctx.deps.store.getAccount(request.senderId);
        const link = sender ? buildInviteLink(ctx.deps.publicUrl, sender.handle) : null;
        const message =
          event.type === 'request_received'
            ? requestCard(locale, request, sender, link)
            : reminderCard(locale, request, sender, link);
        const sent = await dm(token, identity.userId, message, event.id);
        if (sent.ok && sent.data.ts)
          await saveCard(
            ctx,
            request.id,
            { ...sent.data, teamId: identity.teamId, enterpriseId: identity.enterpriseId ?? null },
            request.createdAt,
          );
        result = sent;
        break;
      }
      case 'request_accepted': {
        const by = await ctx.deps.store.getAccount(request.recipientId);
        result = await dm(
          token,
          identity.userId,
          acceptedMessage(locale, by, by ? buildInviteLink(ctx.deps.publicUrl, by.handle) : null),
          event.id,
        );
        break;
      }
      case 'request_withdrawn':
      case 'request_expired':
        result = await updateStoredCard(ctx, request);
        break;
    }
    if (result.ok) {
      const now = ctx.deps.clock.now();
      await ctx.deps.store.claimOnce('idempotency', `slack:${doneKey}`, now + 30 * 24 * 3_600_000, now);
      ctx.later(() => refreshHome(ctx, user, identity.teamId));
    }
    return toDelivery(result);
  }

  return { platform: 'slack', deliver };
}
