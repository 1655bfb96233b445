import type { DeliveryResult, Identity, Notifier } from '../../core/index.js';
import { platformNotifier } from '../../flows/notices.js';
import type { BotContext } from './context.js';
import { renderCard } from './render-document.js';
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
export type Sent =
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

/**
 * Sends a card to a person's 1:1 chat with the bot: the stored conversation, or a new one opened
 * through their tenant. Also used for the Chatwork bridge's cards (`chatwork.ts`).
 */
export async function sendPersonal(
  ctx: BotContext,
  identity: TeamsIdentity,
  message: OutboundMessage,
): Promise<Sent> {
  const { convs, transport } = ctx;
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

export function createTeamsNotifier(ctx: BotContext): Notifier {
  const { core, convs, transport } = ctx;

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

  /**
   * What to say and the delivered-once check are the flow's (`announce`: its record is read only
   * for an item that may have been sent before). The connector has no idempotency key and no history
   * to read back, so a crash between its answer and the flow's record can still repeat a card: at
   * least once, never lost.
   */
  return platformNotifier('teams', core, ctx.telemetry, async ({ view, doc, identity, recipient }) => {
    const card = renderCard(recipient.locale, doc);
    if (view.kind === 'settled') return updateCards(view.request.id, { card });
    const sent = await sendPersonal(ctx, identity, { card });
    if (!sent.ok) return sent.result;
    if (view.kind === 'request' && sent.activityId)
      await convs.trackCard(view.request.id, { ref: sent.ref, activityId: sent.activityId });
    return { kind: 'delivered' };
  });
}
