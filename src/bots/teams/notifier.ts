import {
  type Account,
  buildInviteLink,
  type DeliveryResult,
  type DomainEvent,
  type Identity,
  type Notifier,
  stateSeenBy,
} from '../../core/index.js';
import { acceptedCard, requestCard, resolvedCard } from './cards.js';
import type { BotContext } from './context.js';
import type { ConversationRef, OutboundMessage, SendFailure } from './transport.js';

/**
 * Delivers outbox events to Teams users: a request card with Accept / Decline / Block to the
 * recipient (through the stored 1:1 conversation, or by opening one), the "accepted" notice to the
 * sender, and updates of earlier cards when a request is withdrawn or expires.
 *
 * When the bot is not installed for the recipient (403 BotNotInConversationRoster) the event
 * fails for good, but the request itself stays pending in the store: the recipient is marked, and
 * the next time they talk to the bot they see their pending requests. Nothing is lost.
 */

type TeamsIdentity = Extract<Identity, { platform: 'teams' }>;
type Sent =
  | { ok: true; ref: ConversationRef; activityId: string | null }
  | { ok: false; result: DeliveryResult };

function failureResult(failure: SendFailure): DeliveryResult {
  switch (failure.kind) {
    case 'throttled':
      return {
        kind: 'retry',
        error: 'teams: throttled (429)',
        ...(failure.retryAfterMs ? { afterMs: failure.retryAfterMs } : {}),
      };
    case 'unavailable':
      return { kind: 'retry', error: `teams: connector unavailable (${failure.status ?? 'network'})` };
    case 'not_installed':
      return { kind: 'failed', error: `teams: bot not installed for the recipient (${failure.code})` };
    case 'rejected':
      return { kind: 'failed', error: `teams: rejected (${failure.status ?? '?'} ${failure.code})` };
  }
}

export function createTeamsNotifier(ctx: BotContext): Notifier {
  const { core, convs, transport } = ctx;

  async function sendTo(identity: TeamsIdentity, message: OutboundMessage): Promise<Sent> {
    const ref = await convs.getRef(identity);
    if (ref) {
      const sent = await transport.send(ref, message);
      if (sent.ok) return { ok: true, ref, activityId: sent.activityId };
      ctx.telemetry.apiError('teams', 'send', sent.failure.kind);
      if (sent.failure.kind !== 'not_installed') return { ok: false, result: failureResult(sent.failure) };
    }
    // No 1:1 conversation yet (or it is gone): open one, if we know how to reach this tenant.
    const tenant = await convs.getTenant(identity.tenantId);
    if (!tenant) {
      await convs.markMissed(identity);
      return {
        ok: false,
        result: { kind: 'failed', error: 'teams: never talked to this tenant; request kept pending' },
      };
    }
    const opened = await transport.openPersonalChat(
      { ...tenant, tenantId: identity.tenantId, aadObjectId: identity.aadObjectId },
      message,
    );
    if (opened.ok) {
      await convs.saveRef(opened.ref);
      return { ok: true, ref: opened.ref, activityId: opened.activityId };
    }
    if (opened.failure.kind === 'not_installed') await convs.markMissed(identity);
    ctx.telemetry.apiError('teams', 'openPersonalChat', opened.failure.kind);
    return { ok: false, result: failureResult(opened.failure) };
  }

  /** Replaces every card of this request we kept; a card we cannot update is not worth a retry. */
  async function updateCards(requestId: string, message: OutboundMessage): Promise<DeliveryResult> {
    for (const c of await convs.cardsOf(requestId)) {
      const updated = await transport.update(c.ref, c.activityId, message);
      if (!updated.ok) ctx.telemetry.apiError('teams', 'update', updated.failure.kind);
      if (!updated.ok && (updated.failure.kind === 'throttled' || updated.failure.kind === 'unavailable'))
        return failureResult(updated.failure);
    }
    return { kind: 'delivered' };
  }

  async function deliverOnce(event: DomainEvent, recipient: Account): Promise<DeliveryResult> {
    const identity = recipient.identities.find((i): i is TeamsIdentity => i.platform === 'teams');
    if (!identity) return { kind: 'failed', error: 'teams: recipient has no Teams identity' };
    const request = await core.store.getRequest(event.requestId);
    if (!request) return { kind: 'failed', error: 'teams: request not found' };
    const locale = recipient.locale;
    const now = core.clock.now();
    switch (event.type) {
      case 'request_received':
      case 'request_reminder': {
        // Decided or withdrawn before we got here: nothing to ask any more.
        if (stateSeenBy(request, recipient.id, now) !== 'pending') return { kind: 'delivered' };
        const sender = await core.store.getAccount(request.senderId);
        if (!sender) return { kind: 'failed', error: 'teams: sender not found' };
        const card = requestCard(locale, request, sender, {
          reminder: event.type === 'request_reminder',
          profileLink: buildInviteLink(core.publicUrl, sender.handle),
        });
        const sent = await sendTo(identity, { card });
        if (!sent.ok) return sent.result;
        if (sent.activityId)
          await convs.trackCard(request.id, { ref: sent.ref, activityId: sent.activityId });
        return { kind: 'delivered' };
      }
      case 'request_accepted': {
        const other = await core.store.getAccount(
          request.recipientId === recipient.id ? request.senderId : request.recipientId,
        );
        if (!other) return { kind: 'failed', error: 'teams: contact not found' };
        const sent = await sendTo(identity, {
          card: acceptedCard(locale, other, buildInviteLink(core.publicUrl, other.handle)),
        });
        return sent.ok ? { kind: 'delivered' } : sent.result;
      }
      case 'request_withdrawn':
      case 'request_expired': {
        const sender = await core.store.getAccount(request.senderId);
        const seen = stateSeenBy(request, recipient.id, now);
        return updateCards(request.id, { card: resolvedCard(locale, request, sender, seen) });
      }
    }
  }

  /**
   * Duplicate suppression by event id: a delivered event is remembered for 30 days, so a
   * redelivery (a lease that expired during a slow send, an ack lost after this record) sends
   * nothing. The connector has no idempotency key and no history to read back, so a crash between
   * its answer and this record can still repeat a card: at least once, never lost.
   */
  async function deliver(event: DomainEvent, recipient: Account): Promise<DeliveryResult> {
    const key = `teams:delivered:${event.id}`;
    const now = core.clock.now();
    if ((await core.store.getRecord('idempotency', key, now)) !== null) return { kind: 'delivered' };
    const result = await deliverOnce(event, recipient);
    if (result.kind === 'delivered')
      await core.store.putRecord('idempotency', key, '1', now + 30 * 24 * 3_600_000);
    return result;
  }

  return { platform: 'teams', deliver };
}
