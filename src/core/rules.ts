import type { Effect } from './effects.js';
import type { DomainEvent, EventType } from './events.js';
import {
  decideOrganisationPolicy,
  type OrganisationSnapshot,
  type OrgPolicyRefused,
} from './organisations-policy.js';
import { POLICY } from './policy.js';
import { err, ok, type Result } from './result.js';
import type { ConnectionRequest, Decision, RequestSource, RequestState } from './types.js';

/**
 * The connection-request rules of docs/rules.md as pure functions. Each takes a snapshot that the
 * store read inside its transaction and returns an outcome plus the effects to apply atomically.
 */

export type NewId = () => string;

/**
 * "Open for the sender", said once here: the request is pending, or declined (a decline is silent,
 * so the sender goes on seeing it as pending), and it has not expired. While it is open, sending
 * again answers `already_pending` and the sender may withdraw it. The Lua mirror is `open_for_sender`
 * in src/store/redis/lua/prelude.ts; change both together.
 */
const openForSender = (r: ConnectionRequest, now: number): boolean =>
  (r.state === 'pending' || r.state === 'declined') && now < r.expiresAt;

/** The state as one party sees it: a decline is silent, so the sender goes on seeing "pending". */
export function stateSeenBy(request: ConnectionRequest, viewerId: string, now: number): RequestState {
  const { state } = request;
  if (state !== 'pending' && state !== 'declined') return state;
  if (!openForSender(request, now)) return 'expired';
  return viewerId === request.senderId ? 'pending' : state;
}

const isLivePending = (r: ConnectionRequest, now: number): boolean =>
  r.state === 'pending' && now < r.expiresAt;

function emit(
  type: EventType,
  request: ConnectionRequest,
  recipientId: string,
  actorId: string | null,
  now: number,
  newId: NewId,
): Effect {
  const event: DomainEvent = { id: newId(), type, recipientId, requestId: request.id, actorId, at: now };
  return { kind: 'emit', event };
}

// ---------------------------------------------------------------------------------------------
// Sending a request
// ---------------------------------------------------------------------------------------------

export interface SendSnapshot {
  senderId: string;
  recipientId: string;
  areContacts: boolean;
  /** The latest request sender → recipient, in any state. */
  outgoing: ConnectionRequest | null;
  /** The latest request recipient → sender, in any state. */
  incoming: ConnectionRequest | null;
  recipientBlocksSender: boolean;
  senderBlocksRecipient: boolean;
  /** Requests the sender created within the rate window, and when the oldest of them was made. */
  sentInWindow: { count: number; oldestAt: number | null };
  /**
   * Both parties' organisations and their policies (`organisations-policy.ts`). Every store reads them
   * in the same step; only rule tests that are not about organisations leave them out.
   */
  organisations?: OrganisationSnapshot;
}

export interface SendInput {
  requestId: string;
  note: string | null;
  source: RequestSource;
  context: string | null;
  now: number;
  newId: NewId;
}

export type SendOutcome =
  /** A new request was created (or, silently, swallowed because the recipient blocks the sender). */
  | { status: 'sent'; request: ConnectionRequest }
  /** The same request was already open: nothing changed. */
  | { status: 'already_pending'; request: ConnectionRequest }
  /**
   * Both are now contacts: the recipient had asked the sender already, or (a new request, stored as
   * accepted) a shared organisation connects its members at once (`autoConnectSameOrg`).
   */
  | { status: 'connected'; request: ConnectionRequest };

export type SendError =
  | { code: 'OWN_LINK' }
  | { code: 'ALREADY_CONTACTS' }
  | { code: 'RATE_LIMITED'; retryAfterMs: number }
  | { code: 'WITHDRAW_COOLDOWN'; retryAfterMs: number }
  | OrgPolicyRefused;

export interface Decided<T, E extends { code: string }> {
  result: Result<T, E>;
  effects: Effect[];
}

export type SentInWindow = SendSnapshot['sentInWindow'];

/**
 * The sender rate limit, said once: at most `maxNewPerWindow` new requests per window. It also decides
 * whether naming a never-seen person may register them unclaimed (`registerUnclaimed`): refused while
 * the sender is at the limit, so a burst of mentions creates no more accounts than requests.
 */
export function checkSendLimit(
  { count, oldestAt }: SentInWindow,
  now: number,
): Result<null, { code: 'RATE_LIMITED'; retryAfterMs: number }> {
  if (count < POLICY.request.maxNewPerWindow) return ok(null);
  return err({
    code: 'RATE_LIMITED',
    retryAfterMs: Math.max(1, (oldestAt ?? now) + POLICY.request.newWindowMs - now),
  });
}

export function decideSend(s: SendSnapshot, input: SendInput): Decided<SendOutcome, SendError> {
  const { now } = input;
  const none = (result: Result<SendOutcome, SendError>) => ({ result, effects: [] });
  if (s.senderId === s.recipientId) return none(err({ code: 'OWN_LINK' }));
  if (s.areContacts) return none(err({ code: 'ALREADY_CONTACTS' }));
  const verdict = s.organisations ? decideOrganisationPolicy(s.organisations) : null;
  if (verdict && !verdict.ok) return none(verdict);

  if (s.outgoing && openForSender(s.outgoing, now)) {
    const seen = { ...s.outgoing, state: stateSeenBy(s.outgoing, s.senderId, now) };
    return none(ok({ status: 'already_pending', request: seen }));
  }

  if (s.incoming && isLivePending(s.incoming, now)) {
    const accepted: ConnectionRequest = { ...s.incoming, state: 'accepted', decidedAt: now };
    return {
      result: ok({ status: 'connected', request: accepted }),
      effects: [
        { kind: 'update_request', requestId: accepted.id, from: 'pending', to: 'accepted', decidedAt: now },
        { kind: 'add_contact', a: s.senderId, b: s.recipientId, at: now },
        ...(s.senderBlocksRecipient
          ? [{ kind: 'remove_block', blockerId: s.senderId, blockedId: s.recipientId } as const]
          : []),
        emit('request_accepted', accepted, s.recipientId, s.senderId, now, input.newId),
      ],
    };
  }

  if (s.outgoing?.state === 'withdrawn' && s.outgoing.decidedAt !== null) {
    const until = s.outgoing.decidedAt + POLICY.request.withdrawCooldownMs;
    if (now < until) return none(err({ code: 'WITHDRAW_COOLDOWN', retryAfterMs: until - now }));
  }

  const limited = checkSendLimit(s.sentInWindow, now);
  if (!limited.ok) return none(limited);

  const silenced = s.recipientBlocksSender;
  // Same-organisation auto-connect: stored as accepted at once; the sender's answer says so, the
  // recipient hears it from an `auto_connected` notice.
  const connectNow = !silenced && verdict?.value.autoConnect === true;
  const request: ConnectionRequest = {
    id: input.requestId,
    senderId: s.senderId,
    recipientId: s.recipientId,
    state: silenced ? 'declined' : connectNow ? 'accepted' : 'pending',
    note: input.note,
    source: input.source,
    context: input.context,
    createdAt: now,
    expiresAt: now + POLICY.request.expiresAfterMs,
    decidedAt: silenced || connectNow ? now : null,
    remindedAt: null,
  };
  const effects: Effect[] = [{ kind: 'insert_request', request }];
  if (s.senderBlocksRecipient) {
    effects.push({ kind: 'remove_block', blockerId: s.senderId, blockedId: s.recipientId });
  }
  if (connectNow) {
    effects.push(
      { kind: 'add_contact', a: s.senderId, b: s.recipientId, at: now },
      emit('auto_connected', request, s.recipientId, s.senderId, now, input.newId),
    );
    return { result: ok({ status: 'connected', request }), effects };
  }
  if (!silenced) effects.push(emit('request_received', request, s.recipientId, s.senderId, now, input.newId));
  return { result: ok({ status: 'sent', request: { ...request, state: 'pending' } }), effects };
}

// ---------------------------------------------------------------------------------------------
// Deciding on a request: accept, decline, block (recipient) and withdraw (sender)
// ---------------------------------------------------------------------------------------------

export type TransitionError =
  | { code: 'NOT_FOUND' }
  | { code: 'NOT_YOURS' }
  | { code: 'ALREADY_DECIDED'; state: RequestState; request: ConnectionRequest }
  | OrgPolicyRefused;

export interface TransitionOutcome {
  request: ConnectionRequest;
}

/** Who is on the other side of a decision: the sender, or the recipient for a withdrawal. */
export const otherParty = (request: ConnectionRequest, action: Decision): string =>
  action === 'withdraw' ? request.recipientId : request.senderId;

export function decideTransition(
  request: ConnectionRequest | null,
  actorId: string,
  action: Decision,
  now: number,
  newId: NewId,
  /** Both parties' organisations: an accept is checked against their policies as a request is. */
  organisations?: OrganisationSnapshot,
): Decided<TransitionOutcome, TransitionError> {
  const none = (result: Result<TransitionOutcome, TransitionError>) => ({ result, effects: [] });
  if (!request) return none(err({ code: 'NOT_FOUND' }));
  const mayAct = action === 'withdraw' ? actorId === request.senderId : actorId === request.recipientId;
  if (!mayAct) return none(err({ code: 'NOT_YOURS' }));

  const effects: Effect[] = [];
  let current = request;
  if (request.state === 'pending' && now >= request.expiresAt) {
    current = { ...request, state: 'expired', decidedAt: request.expiresAt };
    effects.push({
      kind: 'update_request',
      requestId: request.id,
      from: 'pending',
      to: 'expired',
      decidedAt: request.expiresAt,
    });
    effects.push(emit('request_expired', current, request.recipientId, null, now, newId));
  }

  const decided = (to: RequestState, extra: Effect[]): Decided<TransitionOutcome, TransitionError> => {
    const next = { ...current, state: to, decidedAt: now };
    return {
      result: ok({ request: next }),
      effects: [
        { kind: 'update_request', requestId: current.id, from: current.state, to, decidedAt: now },
        ...extra,
      ],
    };
  };

  // The sender may withdraw a declined request: to them it still looks pending.
  if (action === 'withdraw' && openForSender(current, now)) {
    const notify =
      current.state === 'pending'
        ? [emit('request_withdrawn', current, current.recipientId, actorId, now, newId)]
        : [];
    return decided('withdrawn', notify);
  }
  if (current.state !== 'pending') {
    const state = stateSeenBy(current, actorId, now);
    return { result: err({ code: 'ALREADY_DECIDED', state, request: { ...current, state } }), effects };
  }
  switch (action) {
    case 'accept': {
      const verdict = organisations ? decideOrganisationPolicy(organisations) : null;
      if (verdict && !verdict.ok) return { result: verdict, effects };
      return decided('accepted', [
        { kind: 'add_contact', a: current.senderId, b: current.recipientId, at: now },
        emit('request_accepted', current, current.senderId, actorId, now, newId),
      ]);
    }
    case 'decline':
      return decided('declined', []);
    case 'block':
      return decided('declined', [
        { kind: 'add_block', blockerId: actorId, blockedId: current.senderId, at: now },
      ]);
    default:
      // 'withdraw' of a request that is no longer open was answered above.
      return { result: err({ code: 'ALREADY_DECIDED', state: current.state, request: current }), effects };
  }
}

// ---------------------------------------------------------------------------------------------
// Contacts and blocks
// ---------------------------------------------------------------------------------------------

export function decideRemoveContact(
  actorId: string,
  otherId: string,
  areContacts: boolean,
): Decided<{ removed: true }, { code: 'NOT_CONTACTS' }> {
  if (!areContacts) return { result: err({ code: 'NOT_CONTACTS' }), effects: [] };
  return { result: ok({ removed: true }), effects: [{ kind: 'remove_contact', a: actorId, b: otherId }] };
}

export interface BlockSnapshot {
  actorId: string;
  otherId: string;
  alreadyBlocked: boolean;
  areContacts: boolean;
  /** The latest request other → actor, if any. */
  incoming: ConnectionRequest | null;
}

/** Blocking is silent: it removes the contact, quietly declines their open request, and stops future ones. */
export function decideBlock(
  s: BlockSnapshot,
  now: number,
): Decided<{ alreadyBlocked: boolean }, { code: 'OWN_LINK' }> {
  if (s.actorId === s.otherId) return { result: err({ code: 'OWN_LINK' }), effects: [] };
  const effects: Effect[] = [];
  if (!s.alreadyBlocked)
    effects.push({ kind: 'add_block', blockerId: s.actorId, blockedId: s.otherId, at: now });
  if (s.areContacts) effects.push({ kind: 'remove_contact', a: s.actorId, b: s.otherId });
  if (s.incoming && isLivePending(s.incoming, now)) {
    effects.push({
      kind: 'update_request',
      requestId: s.incoming.id,
      from: 'pending',
      to: 'declined',
      decidedAt: now,
    });
  }
  return { result: ok({ alreadyBlocked: s.alreadyBlocked }), effects };
}

/** Unblocking lifts the block only; contacts and requests it ended stay ended. */
export function decideUnblock(
  actorId: string,
  otherId: string,
  blocked: boolean,
): Decided<{ unblocked: true }, { code: 'NOT_BLOCKED' }> {
  if (!blocked) return { result: err({ code: 'NOT_BLOCKED' }), effects: [] };
  return {
    result: ok({ unblocked: true }),
    effects: [{ kind: 'remove_block', blockerId: actorId, blockedId: otherId }],
  };
}

// ---------------------------------------------------------------------------------------------
// Time-driven: reminders and expiry
// ---------------------------------------------------------------------------------------------

/** Effects for a pending request whose reminder or expiry time has come; empty when nothing is due. */
export function decideSweep(request: ConnectionRequest, now: number, newId: NewId): Effect[] {
  if (request.state !== 'pending') return [];
  if (now >= request.expiresAt) return decideExpireNow(request, now, newId);
  if (request.remindedAt === null && now >= request.createdAt + POLICY.request.reminderAfterMs) {
    return [
      { kind: 'mark_reminded', requestId: request.id, at: now },
      emit('request_reminder', request, request.recipientId, null, now, newId),
    ];
  }
  return [];
}

/**
 * A pending request expires now, before its time when its recipient left (`usecases/departure.ts`):
 * the same effects as the sweep's expiry, decided at `now` or at its expiry if that came first.
 */
export function decideExpireNow(request: ConnectionRequest, now: number, newId: NewId): Effect[] {
  if (request.state !== 'pending') return [];
  const expired = { ...request, state: 'expired' as const };
  return [
    {
      kind: 'update_request',
      requestId: request.id,
      from: 'pending',
      to: 'expired',
      decidedAt: Math.min(now, request.expiresAt),
    },
    emit('request_expired', expired, request.recipientId, null, now, newId),
  ];
}

/** Handle change limit: at most N changes within the window. */
export function handleChangeRetryAfter(changeTimes: readonly number[], now: number): number | null {
  const { maxChangesPerWindow, changeWindowMs } = POLICY.handle;
  const recent = changeTimes.filter((t) => t > now - changeWindowMs).sort((a, b) => a - b);
  if (recent.length < maxChangesPerWindow) return null;
  const oldest = recent[recent.length - maxChangesPerWindow] ?? now;
  return Math.max(1, oldest + changeWindowMs - now);
}
