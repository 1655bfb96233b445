import { POLICY } from '../policy.js';
import { err, ok, type Result } from '../result.js';
import type { SendError, SendOutcome, TransitionError } from '../rules.js';
import { charCount, sanitizePlainText } from '../text.js';
import {
  type Account,
  type ConnectionRequest,
  type Contact,
  type Decision,
  isUnclaimed,
  type Page,
  type RequestSource,
} from '../types.js';
import {
  type AccountView,
  ensureAccount,
  namedAccount,
  resolveTarget,
  type TargetProblem,
} from './accounts.js';
import { purgeAuditHourly } from './audit.js';
import { type Actor, type CoreDeps, guardStore, type StoreUnavailable } from './deps.js';
import { notePlatformUsed } from './platform-used.js';

/** Who a request or action is about: an account we know, a pasted handle or link, or a platform user. */
export type TargetRef =
  | { kind: 'account'; accountId: string }
  | { kind: 'text'; text: string }
  /** A platform user (an @mention, an email lookup) who may not be registered yet. */
  | { kind: 'actor'; actor: Actor };

type TargetError = TargetProblem | { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable;

/** An account or a text; a platform user is named by `namedAccount` (request) or looked up (the rest). */
async function resolveRef(
  deps: CoreDeps,
  ref: Exclude<TargetRef, { kind: 'actor' }>,
): Promise<Result<Account, TargetError>> {
  switch (ref.kind) {
    case 'account': {
      const account = await deps.store.getAccount(ref.accountId);
      return account ? ok(account) : err({ code: 'NOT_FOUND' });
    }
    case 'text': {
      const found = await resolveTarget(deps, ref.text);
      return found.ok ? ok(found.value.account) : found;
    }
  }
}

export type NoteProblem = { code: 'NOTE_TOO_LONG'; max: number; length: number };

/** A note is ≤ 300 characters of plain text; empty means none. */
export function cleanNote(raw: string | null | undefined): Result<string | null, NoteProblem> {
  const note = sanitizePlainText(raw ?? '');
  const length = charCount(note);
  if (length > POLICY.request.noteMaxChars)
    return err({ code: 'NOTE_TOO_LONG', max: POLICY.request.noteMaxChars, length });
  return ok(note === '' ? null : note);
}

export interface SendView {
  outcome: SendOutcome;
  sender: AccountView;
  recipient: Account;
}

export type RequestProblem = SendError | NoteProblem | TargetError;

/**
 * Sends a connection request: the [Add to contacts] click, `/chatwork-invite @user`, a pasted link.
 * A sender seen for the first time is registered on the spot (`sender.created`: sign up and connect).
 */
export function requestConnection(
  deps: CoreDeps,
  input: {
    actor: Actor;
    target: TargetRef;
    note?: string | null;
    source: RequestSource;
    context?: string | null;
  },
) {
  return guardStore(async (): Promise<Result<SendView, RequestProblem>> => {
    const note = cleanNote(input.note);
    if (!note.ok) return note;
    const sender = await ensureAccount(deps, input.actor);
    if (!sender.ok) return sender;
    // A never-seen person named by the sender is registered unclaimed (within the sender's limit).
    const recipient =
      input.target.kind === 'actor'
        ? await namedAccount(deps, input.target.actor, sender.value.account.id)
        : await resolveRef(deps, input.target);
    if (!recipient.ok) return recipient;
    // Bounded by code points, so an emoji at the edge is never split into a lone surrogate.
    const context = input.context
      ? Array.from(sanitizePlainText(input.context)).slice(0, 200).join('') || null
      : null;
    const sent = await deps.store.sendRequest({
      requestId: deps.random.id('req'),
      senderId: sender.value.account.id,
      recipientId: recipient.value.id,
      note: note.value,
      source: input.source,
      context,
      now: deps.clock.now(),
      newId: () => deps.random.id('evt'),
    });
    if (!sent.ok) return sent;
    return ok({ outcome: sent.value, sender: sender.value, recipient: recipient.value });
  });
}

export type DecideProblem = TransitionError | { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable;

/** Accept, decline, block (recipient only) or withdraw (sender only) one request, by its id. */
export function decideRequest(deps: CoreDeps, input: { actor: Actor; requestId: string; action: Decision }) {
  return guardStore(
    async (): Promise<
      Result<{ request: ConnectionRequest; actor: Account; other: Account | null }, DecideProblem>
    > => {
      const found = await deps.store.getAccountByIdentity(input.actor.identity);
      // Someone with no account cannot be a party to any request.
      if (!found) return err({ code: 'NOT_YOURS' });
      // A click is an act: someone named by others claims their account (a handle, a page) with it.
      const claimed = isUnclaimed(found) ? await ensureAccount(deps, input.actor) : null;
      if (claimed && !claimed.ok) return claimed;
      const actor = claimed ? claimed.value.account : found;
      await notePlatformUsed(deps, actor, input.actor.identity.platform);
      const decided = await deps.store.decideRequest({
        requestId: input.requestId,
        actorId: actor.id,
        action: input.action,
        now: deps.clock.now(),
        newId: () => deps.random.id('evt'),
      });
      return decided.ok ? ok({ ...decided.value, actor }) : decided;
    },
  );
}

type ByPersonProblem = TargetError | { code: 'OWN_LINK' };

/**
 * The actor and the person an action on an existing relationship names (withdraw, remove, block).
 * A platform user who never used the app is no party to anything: they are answered with `unknown`
 * and never registered as a side effect.
 */
export async function meAndOther<U extends { code: string }>(
  deps: CoreDeps,
  actor: Actor,
  target: TargetRef,
  unknown: U,
): Promise<Result<{ me: Account; other: Account }, ByPersonProblem | U>> {
  const me = await ensureAccount(deps, actor);
  if (!me.ok) return me;
  if (target.kind === 'actor') {
    const known = await deps.store.getAccountByIdentity(target.actor.identity);
    if (!known) return err(unknown);
    target = { kind: 'account', accountId: known.id };
  }
  const other = await resolveRef(deps, target);
  if (!other.ok) return other;
  if (other.value.id === me.value.account.id) return err({ code: 'OWN_LINK' });
  return ok({ me: me.value.account, other: other.value });
}

/** `withdraw <who>`: withdraws my open request to that person. */
export function withdrawTo(deps: CoreDeps, actor: Actor, target: TargetRef) {
  return guardStore(
    async (): Promise<
      Result<
        { request: ConnectionRequest; other: Account },
        ByPersonProblem | DecideProblem | { code: 'NO_PENDING_REQUEST' }
      >
    > => {
      const pair = await meAndOther(deps, actor, target, { code: 'NO_PENDING_REQUEST' as const });
      if (!pair.ok) return pair;
      const rel = await deps.store.relationship(pair.value.me.id, pair.value.other.id);
      if (!rel.outgoing) return err({ code: 'NO_PENDING_REQUEST' });
      const decided = await deps.store.decideRequest({
        requestId: rel.outgoing.id,
        actorId: pair.value.me.id,
        action: 'withdraw',
        now: deps.clock.now(),
        newId: () => deps.random.id('evt'),
      });
      if (!decided.ok)
        return decided.error.code === 'ALREADY_DECIDED' ? err({ code: 'NO_PENDING_REQUEST' }) : decided;
      return ok({ request: decided.value.request, other: pair.value.other });
    },
  );
}

/** `remove <who>`: removes a contact, on both sides, silently. */
export function removeContact(deps: CoreDeps, actor: Actor, target: TargetRef) {
  return guardStore(
    async (): Promise<Result<{ other: Account }, ByPersonProblem | { code: 'NOT_CONTACTS' }>> => {
      const pair = await meAndOther(deps, actor, target, { code: 'NOT_CONTACTS' as const });
      if (!pair.ok) return pair;
      const removed = await deps.store.removeContact({
        actorId: pair.value.me.id,
        otherId: pair.value.other.id,
        now: deps.clock.now(),
      });
      return removed.ok ? ok({ other: pair.value.other }) : removed;
    },
  );
}

/** `block <who>`: silent; removes the contact and stops their requests from reaching me. Someone who
 * never used the app cannot be blocked (`NOT_FOUND`). */
export function blockPerson(deps: CoreDeps, actor: Actor, target: TargetRef) {
  return guardStore(
    async (): Promise<Result<{ other: Account; alreadyBlocked: boolean }, ByPersonProblem>> => {
      const pair = await meAndOther(deps, actor, target, { code: 'NOT_FOUND' as const });
      if (!pair.ok) return pair;
      const blocked = await deps.store.blockAccount({
        actorId: pair.value.me.id,
        otherId: pair.value.other.id,
        now: deps.clock.now(),
      });
      return blocked.ok
        ? ok({ other: pair.value.other, alreadyBlocked: blocked.value.alreadyBlocked })
        : blocked;
    },
  );
}

export interface RequestWithPeople {
  request: ConnectionRequest;
  /** The other party: the sender for incoming, the recipient for outgoing. */
  other: Account | null;
}

/** `requests`: incoming (pending) or outgoing (open as the sender sees them), newest first. */
export function listRequests(
  deps: CoreDeps,
  actor: Actor,
  direction: 'incoming' | 'outgoing',
  opts: { limit?: number; cursor?: string | null } = {},
) {
  return guardStore(
    async (): Promise<
      Result<Page<RequestWithPeople>, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>
    > => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const page = await deps.store.listRequests({
        accountId: me.value.account.id,
        direction,
        now: deps.clock.now(),
        limit: opts.limit ?? 20,
        cursor: opts.cursor ?? null,
      });
      const items = await Promise.all(
        page.items.map(async (request) => ({
          request,
          other: await deps.store.getAccount(
            direction === 'incoming' ? request.senderId : request.recipientId,
          ),
        })),
      );
      return ok({ items, nextCursor: page.nextCursor });
    },
  );
}

/** `contacts`: my contacts, newest first. */
export function listContacts(
  deps: CoreDeps,
  actor: Actor,
  opts: { limit?: number; cursor?: string | null } = {},
) {
  return guardStore(
    async (): Promise<Result<Page<Contact>, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>> => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      return ok(
        await deps.store.listContacts({
          accountId: me.value.account.id,
          limit: opts.limit ?? 20,
          cursor: opts.cursor ?? null,
        }),
      );
    },
  );
}

/** Chatwork's four viewer states of an invite link, plus "already asked". */
export type ViewerState = 'anonymous' | 'own' | 'contact' | 'requested' | 'stranger';

export function viewerState(deps: CoreDeps, viewerId: string | null, ownerId: string) {
  return guardStore(async (): Promise<Result<ViewerState, never>> => {
    if (viewerId === null) return ok('anonymous');
    if (viewerId === ownerId) return ok('own');
    const rel = await deps.store.relationship(viewerId, ownerId);
    if (rel.areContacts) return ok('contact');
    const now = deps.clock.now();
    const open =
      rel.outgoing &&
      (rel.outgoing.state === 'pending' || rel.outgoing.state === 'declined') &&
      now < rel.outgoing.expiresAt;
    return ok(open ? 'requested' : 'stranger');
  });
}

/** Time-driven work (reminders, expiry; the audit retention once an hour), run periodically by main.ts. */
export function sweepRequests(deps: CoreDeps, limit = 500) {
  return guardStore(async (): Promise<Result<{ expired: number; reminded: number }, never>> => {
    const swept = await deps.store.sweepRequests({
      now: deps.clock.now(),
      limit,
      newId: () => deps.random.id('evt'),
    });
    await purgeAuditHourly(deps);
    return ok(swept);
  });
}
