import { type DeliveryAttempt, type DeliveryResult, isUnclaimed, type Notifier } from '../../core/index.js';
import { platformNotifier } from '../../flows/notices.js';
import type { ApiResult } from './api.js';
import { saveCard, updateStoredCard } from './cardstore.js';
import type { BotContext } from './context.js';
import { refreshHome } from './home.js';
import { definitelyNotPosted, eventMetadata, postedEarlier } from './posted-once.js';
import { renderMessage } from './render/document.js';
import type { Message } from './render/mrkdwn.js';

/**
 * Delivers outbox events to Slack users as DMs from the bot (`chat.postMessage` to the user id:
 * Slack opens the app's DM itself): a new request with [Accept] [Decline] (Block in the overflow),
 * "accepted" to the original sender, a reminder, and in-place updates of the recipient's card on
 * withdrawal or expiry. What to say is the flow's (`src/flows/notices.ts`); posted once is
 * `posted-once.ts`; here: render, post, and classify failures (429 and 5xx come back as `retry` with
 * Retry-After, the rest as `failed`).
 */
const toDelivery = (r: ApiResult<unknown>): DeliveryResult =>
  r.ok
    ? { kind: 'delivered' }
    : r.kind === 'retry'
      ? {
          kind: 'retry',
          error: r.error,
          ...(r.afterMs !== undefined ? { afterMs: r.afterMs } : {}),
          ...(definitelyNotPosted(r) ? {} : { maybeSent: true }),
        }
      : { kind: 'failed', error: r.error };

export function slackNotifier(ctx: BotContext): Notifier {
  async function dm(
    token: string,
    userId: string,
    message: Message,
    eventId: string,
    attempt: DeliveryAttempt,
  ): Promise<ApiResult<{ channel: string; ts: string }>> {
    if (attempt.maybeSent) {
      const before = await postedEarlier(ctx, token, userId, eventId);
      if (!before.ok) return before;
      if (before.data) return { ok: true, data: before.data };
    }
    const posted = await ctx.api.call(token, 'chat.postMessage', {
      channel: userId,
      ...message,
      metadata: eventMetadata(eventId),
    });
    if (!posted.ok) return posted;
    const ts = typeof posted.data.ts === 'string' ? posted.data.ts : '';
    const channel = typeof posted.data.channel === 'string' ? posted.data.channel : userId;
    return { ok: true, data: { channel, ts } };
  }

  // The DM's metadata is the delivered-once record (posted-once.ts): no separate record per notice.
  return platformNotifier(
    'slack',
    ctx.deps,
    ctx.telemetry,
    async ({ view, doc, identity, recipient, eventId, attempt }) => {
      const token = await ctx.tokens(identity);
      if (!token) return { kind: 'failed', error: `no Slack installation for team ${identity.teamId}` };
      let result: ApiResult<unknown>;
      if (view.kind === 'settled') result = await updateStoredCard(ctx, view.request);
      else {
        const message = renderMessage(recipient.locale, doc, view.kind === 'request' ? 'dm' : 'list');
        const sent = await dm(token, identity.userId, message, eventId, attempt);
        if (sent.ok && sent.data.ts && view.kind === 'request') {
          const at = { ...sent.data, teamId: identity.teamId, enterpriseId: identity.enterpriseId ?? null };
          await saveCard(ctx, view.request.id, at, view.request.createdAt);
        }
        result = sent;
      }
      // Only someone looking at App Home lately gets it refreshed (home.ts); someone who never opened
      // the app has no App Home yet: building one would claim their account.
      if (result.ok && !isUnclaimed(recipient))
        ctx.later(() => refreshHome(ctx, { ...identity, name: null }, identity.teamId));
      return toDelivery(result);
    },
    { deliveredRecord: false },
  );
}
