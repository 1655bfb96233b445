import {
  type Account,
  type DeliveryAttempt,
  type DeliveryResult,
  type DomainEvent,
  type Identity,
  isUnclaimed,
  type Notifier,
} from '../../core/index.js';
import { contactNoticeDoc } from '../../flows/cards/notices.js';
import { requestDoc } from '../../flows/cards/requests.js';
import { announce, type NoticeView } from '../../flows/notices.js';
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

type SlackIdentity = Extract<Identity, { platform: 'slack' }>;

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

  /** Render + deliver one flow view (`src/flows/notices.ts`) as a DM, or as an update of the earlier card. */
  async function send(
    view: NoticeView,
    recipient: Account,
    identity: SlackIdentity,
    eventId: string,
    attempt: DeliveryAttempt,
  ) {
    const token = await ctx.tokens(identity);
    const error = `no Slack installation for team ${identity.teamId}`;
    if (!token) return { ok: false, kind: 'failed', error } as const;
    const locale = recipient.locale;
    switch (view.kind) {
      case 'request': {
        const { request, sender, senderLink } = view;
        const message = renderMessage(locale, requestDoc(request, sender, senderLink, view.reminder), 'dm');
        const sent = await dm(token, identity.userId, message, eventId, attempt);
        if (sent.ok && sent.data.ts) {
          const at = { ...sent.data, teamId: identity.teamId, enterpriseId: identity.enterpriseId ?? null };
          await saveCard(ctx, request.id, at, request.createdAt);
        }
        return sent;
      }
      case 'accepted':
      case 'auto_connected':
        return dm(token, identity.userId, renderMessage(locale, contactNoticeDoc(view)), eventId, attempt);
      case 'settled':
        return updateStoredCard(ctx, view.request);
      default:
        return { ok: false, kind: 'failed', error: `nothing to send (${view.kind})` } as const;
    }
  }

  async function deliver(
    event: DomainEvent,
    recipient: Account,
    attempt: DeliveryAttempt = { maybeSent: false },
  ): Promise<DeliveryResult> {
    const identity = recipient.identities.find((i): i is SlackIdentity => i.platform === 'slack');
    if (!identity) return { kind: 'failed', error: 'recipient has no Slack identity' };
    // The DM's metadata is the delivered-once record (posted-once.ts): no separate record per notice.
    const run = { platform: 'slack' as const, telemetry: ctx.telemetry, attempt, deliveredRecord: false };
    return announce(ctx.deps, run, event, recipient, async (view) => {
      const result = await send(view, recipient, identity, event.id, attempt);
      // Only someone looking at App Home lately gets it refreshed (home.ts); someone who never opened
      // the app has no App Home yet: building one would claim their account.
      if (result.ok && !isUnclaimed(recipient)) {
        const user = { ...identity, name: null };
        ctx.later(() => refreshHome(ctx, user, identity.teamId));
      }
      return toDelivery(result);
    });
  }

  return { platform: 'slack', deliver };
}
