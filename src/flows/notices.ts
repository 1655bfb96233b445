import {
  type Account,
  type ActionPlatform,
  buildInviteLink,
  type ConnectionRequest,
  type CoreDeps,
  type DeliveryAttempt,
  type DeliveryResult,
  type DomainEvent,
  type Identity,
  isDeparted,
  type Notifier,
  type RequestState,
  stateSeenBy,
  type Telemetry,
} from '../core/index.js';
import type { CardDoc } from './card.js';
import { noticeDoc } from './cards/notices.js';

/**
 * What an outbox event says to its recipient, written once for every platform. A notifier renders
 * the view for its surface and delivers it; `announce` keeps it to once per event.
 */
export type NoticeView =
  /** A request to answer, with Accept / Decline / Block (`reminder`: the one reminder). */
  | { kind: 'request'; request: ConnectionRequest; sender: Account; senderLink: string; reminder: boolean }
  /** To the original sender: their request was accepted; `other` is now a contact. */
  | { kind: 'accepted'; request: ConnectionRequest; other: Account; otherLink: string }
  /** To the person asked: `other`, of their organisation, is now a contact (same-organisation auto-connect). */
  | { kind: 'auto_connected'; request: ConnectionRequest; other: Account; otherLink: string }
  /** Withdrawn or expired: the recipient's earlier cards show the final state, no buttons. */
  | { kind: 'settled'; request: ConnectionRequest; sender: Account | null; state: RequestState }
  /** Nothing to say any more (the request was answered before we got here): done. */
  | { kind: 'skip' }
  /** It cannot be said at all (its request or people are gone): fails for good. */
  | { kind: 'failed'; error: string };

/** The view of `event` for `recipient`, from the store as it is now. */
export async function noticeFor(deps: CoreDeps, event: DomainEvent, recipient: Account): Promise<NoticeView> {
  // Someone who left hears nothing (only an account out of search can have left: `departure.ts`).
  if (!recipient.searchable && (await isDeparted(deps, recipient.id))) return { kind: 'skip' };
  const request = await deps.store.getRequest(event.requestId);
  if (!request) return { kind: 'failed', error: 'request not found' };
  switch (event.type) {
    case 'request_received':
    case 'request_reminder': {
      // Decided, withdrawn or expired before we got here: nothing to ask any more.
      if (stateSeenBy(request, recipient.id, deps.clock.now()) !== 'pending') return { kind: 'skip' };
      const sender = await deps.store.getAccount(request.senderId);
      if (!sender) return { kind: 'failed', error: 'sender not found' };
      const senderLink = buildInviteLink(deps.publicUrl, sender.handle);
      return { kind: 'request', request, sender, senderLink, reminder: event.type === 'request_reminder' };
    }
    case 'request_accepted':
    case 'auto_connected': {
      const otherId = request.recipientId === recipient.id ? request.senderId : request.recipientId;
      const other = await deps.store.getAccount(otherId);
      if (!other) return { kind: 'failed', error: 'contact not found' };
      const kind = event.type === 'auto_connected' ? 'auto_connected' : 'accepted';
      return { kind, request, other, otherLink: buildInviteLink(deps.publicUrl, other.handle) };
    }
    case 'request_withdrawn':
    case 'request_expired': {
      const sender = await deps.store.getAccount(request.senderId);
      return {
        kind: 'settled',
        request,
        sender,
        state: stateSeenBy(request, recipient.id, deps.clock.now()),
      };
    }
  }
}

const DELIVERED_FOR_MS = 30 * 24 * 3_600_000;
/** The record that says an event reached its recipient on `platform` (the keys both notifiers always used). */
export const deliveredKey = (platform: string, eventId: string) => `${platform}:delivered:${eventId}`;

/**
 * The one delivered-once check. A delivered event is remembered for 30 days, so a redelivery (a
 * lease that expired during a slow send, an ack lost after this record) sends nothing; the record is
 * read only when an earlier attempt may have sent (`attempt.maybeSent`, or no attempt given). A
 * platform whose messages carry their own record (Slack's DM metadata) sets `deliveredRecord: false`
 * and checks for itself. Then the view is built and handed to `deliver` (render + send for one
 * surface), and the real result is reported as `notice.<event type>`.
 */
export async function announce(
  deps: CoreDeps,
  run: {
    platform: Exclude<ActionPlatform, 'web'>;
    telemetry: Telemetry;
    attempt?: DeliveryAttempt;
    deliveredRecord?: boolean;
  },
  event: DomainEvent,
  recipient: Account,
  deliver: (view: NoticeView) => Promise<DeliveryResult>,
): Promise<DeliveryResult> {
  const key = deliveredKey(run.platform, event.id);
  const remember = run.deliveredRecord !== false;
  if (
    remember &&
    run.attempt?.maybeSent !== false &&
    (await deps.store.getRecord('idempotency', key, deps.clock.now())) !== null
  )
    return { kind: 'delivered' };
  const view = await noticeFor(deps, event, recipient);
  const result =
    view.kind === 'skip'
      ? { kind: 'delivered' as const }
      : view.kind === 'failed'
        ? { kind: 'failed' as const, error: `${run.platform}: ${view.error}` }
        : await deliver(view);
  if (remember && result.kind === 'delivered') {
    const now = deps.clock.now();
    await deps.store.putRecord('idempotency', key, '1', now + DELIVERED_FOR_MS);
  }
  run.telemetry.action(run.platform, `notice.${event.type}`, view.kind === 'skip' ? 'skipped' : result.kind);
  return result;
}

/** A view that is sent: a new message (a request card is kept for later updates) or updates of earlier cards. */
export type SentNotice = Extract<NoticeView, { kind: 'request' | 'accepted' | 'auto_connected' | 'settled' }>;

type Platform = Exclude<ActionPlatform, 'web'>;

/**
 * One platform's Notifier, the same for every platform: the recipient's identity there (none: fails
 * for good), `announce` (what to say, delivered once), and the view with its card (`noticeDoc`) for
 * `send` to render and deliver. `deliveredRecord` as in `announce`.
 */
export function platformNotifier<P extends Platform>(
  platform: P,
  deps: CoreDeps,
  telemetry: Telemetry,
  send: (notice: {
    view: SentNotice;
    doc: CardDoc;
    identity: Extract<Identity, { platform: P }>;
    recipient: Account;
    eventId: string;
    attempt: DeliveryAttempt;
  }) => Promise<DeliveryResult>,
  opts: { deliveredRecord?: boolean } = {},
): Notifier {
  const mine = (i: Identity): i is Extract<Identity, { platform: P }> => i.platform === platform;
  return {
    platform,
    deliver: async (event, recipient, attempt) => {
      const identity = recipient.identities.find(mine);
      if (!identity) return { kind: 'failed', error: `${platform}: recipient has no ${platform} identity` };
      const run = { platform, telemetry, ...opts, ...(attempt ? { attempt } : {}) };
      return announce(deps, run, event, recipient, async (view) => {
        const doc = noticeDoc(view);
        if (!doc || view.kind === 'skip' || view.kind === 'failed')
          return { kind: 'failed', error: `${platform}: nothing to send (${view.kind})` };
        const sent = { view, doc, identity, recipient, eventId: event.id };
        return send({ ...sent, attempt: attempt ?? { maybeSent: false } });
      });
    },
  };
}
