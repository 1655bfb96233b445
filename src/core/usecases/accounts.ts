import { autoHandleCandidates, validateHandle } from '../handles.js';
import { buildInviteLink, parseInviteTarget } from '../links.js';
import { POLICY } from '../policy.js';
import type { ChangeHandleError } from '../ports.js';
import { err, ok, type Result } from '../result.js';
import { cleanDisplayName } from '../text.js';
import { type Account, isUnclaimed, scopeKey } from '../types.js';
import { welcomeBack } from './departure.js';
import { type Actor, type CoreDeps, guardStore, type StoreUnavailable } from './deps.js';
import { notePlatformUsed } from './platform-used.js';

/** An account with its invite link, and whether this call registered it ("sign up and connect"). */
export interface AccountView {
  account: Account;
  link: string;
  created: boolean;
}

const view = (deps: CoreDeps, account: Account, created: boolean): AccountView => ({
  account,
  link: buildInviteLink(deps.publicUrl, account.handle),
  created,
});

/** Finds the actor's account, registering it with an automatic handle the first time. */
export function ensureAccount(deps: CoreDeps, actor: Actor) {
  return guardStore(async (): Promise<Result<AccountView, { code: 'NO_HANDLE_AVAILABLE' }>> => {
    const displayName = cleanDisplayName(actor.displayName, POLICY.profile.displayNameMaxChars);
    // Someone who left and acts again is back (`departure.ts`).
    const existing = await welcomeBack(deps, await deps.store.getAccountByIdentity(actor.identity));
    // An unclaimed account (named by someone else) is claimed below: its first act gives it a handle.
    if (existing && !isUnclaimed(existing)) {
      await notePlatformUsed(deps, existing, actor.identity.platform);
      return ok(view(deps, await withProfileOf(deps, existing, actor), false));
    }
    const registered = await deps.store.registerAccount({
      id: deps.random.id('acc'),
      identity: actor.identity,
      displayName,
      locale: actor.locale ?? 'en',
      handleCandidates: autoHandleCandidates([displayName, ...(actor.otherNames ?? [])], () =>
        deps.random.float(),
      ),
      now: deps.clock.now(),
    });
    if (!registered.ok) return registered;
    return ok(view(deps, registered.value.account, registered.value.created));
  });
}

/** The account with the actor's current name and locale (stored when they changed). */
async function withProfileOf(deps: CoreDeps, existing: Account, actor: Actor): Promise<Account> {
  const displayName = cleanDisplayName(actor.displayName, POLICY.profile.displayNameMaxChars);
  const nameChanged = existing.displayName !== displayName && actor.displayName.trim() !== '';
  const localeChanged = actor.locale !== undefined && existing.locale !== actor.locale;
  if (!nameChanged && !localeChanged) return existing;
  const updated = await deps.store.updateProfile({
    accountId: existing.id,
    ...(nameChanged ? { displayName } : {}),
    ...(localeChanged ? { locale: actor.locale } : {}),
  });
  return updated ?? existing;
}

/**
 * Any act of a person, even one that stores nothing (`help`, a word we do not know): claims the account
 * someone else's request registered for them, if there is one. Registers no one new.
 */
export function claimIfNamed(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<Result<Account | null, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>> => {
      const known = await deps.store.getAccountByIdentity(actor.identity);
      if (!known || !isUnclaimed(known)) return ok(known);
      const claimed = await ensureAccount(deps, actor);
      return claimed.ok ? ok(claimed.value.account) : claimed;
    },
  );
}

/**
 * A profile read after the fact (Slack `users.info`): corrects a known account's name and locale. It
 * registers no one and is no act of theirs, so an unclaimed account stays unclaimed.
 */
export function correctProfile(deps: CoreDeps, actor: Actor) {
  return guardStore(async (): Promise<Result<Account | null, never>> => {
    const known = await deps.store.getAccountByIdentity(actor.identity);
    return ok(known ? await withProfileOf(deps, known, actor) : null);
  });
}

/**
 * The account of a platform user someone else names (an @mention, an e-mail). Someone never seen is
 * registered unclaimed (no handle, page or search entry), and only while the sender is under the send
 * limit, so naming people in bulk registers no more of them than it sends requests.
 */
export function namedAccount(deps: CoreDeps, person: Actor, senderId: string) {
  return guardStore(async (): Promise<Result<Account, { code: 'RATE_LIMITED'; retryAfterMs: number }>> => {
    const existing = await deps.store.getAccountByIdentity(person.identity);
    if (existing) return ok(existing);
    const registered = await deps.store.registerUnclaimed({
      id: deps.random.id('acc'),
      identity: person.identity,
      displayName: cleanDisplayName(person.displayName, POLICY.profile.displayNameMaxChars),
      locale: person.locale ?? 'en',
      senderId,
      now: deps.clock.now(),
    });
    return registered.ok ? ok(registered.value.account) : registered;
  });
}

export type ChangeHandleProblem =
  | ChangeHandleError
  | { code: 'HANDLE_INVALID'; reason: string }
  | { code: 'HANDLE_RESERVED' }
  | { code: 'NO_HANDLE_AVAILABLE' }
  | StoreUnavailable;

/** `id set <new>`: validates, then changes atomically; the old handle stays an alias for 30 days. */
export function changeHandle(deps: CoreDeps, actor: Actor, requested: string) {
  return guardStore(async (): Promise<Result<AccountView & { previous: string }, ChangeHandleProblem>> => {
    const valid = validateHandle(requested);
    if (!valid.ok) return valid;
    const me = await ensureAccount(deps, actor);
    if (!me.ok) return me;
    const changed = await deps.store.changeHandle({
      accountId: me.value.account.id,
      handle: valid.value,
      now: deps.clock.now(),
    });
    if (!changed.ok) return changed;
    return ok({ ...view(deps, changed.value.account, false), previous: changed.value.previous });
  });
}

export function setSearchable(deps: CoreDeps, actor: Actor, searchable: boolean) {
  return guardStore(
    async (): Promise<
      Result<AccountView, { code: 'NO_HANDLE_AVAILABLE' } | { code: 'NOT_FOUND' } | StoreUnavailable>
    > => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const updated = await deps.store.updateProfile({ accountId: me.value.account.id, searchable });
      return updated ? ok(view(deps, updated, me.value.created)) : err({ code: 'NOT_FOUND' });
    },
  );
}

export type TargetProblem =
  | { code: 'NOT_FOUND' }
  | { code: 'LINK_FOREIGN_HOST'; host: string }
  | { code: 'HANDLE_INVALID'; reason: string }
  | { code: 'HANDLE_RESERVED' };

/** A pasted link, alias or bare handle → the account behind it. */
export function resolveTarget(deps: CoreDeps, text: string) {
  return guardStore(
    async (): Promise<Result<{ account: Account; via: 'handle' | 'alias' }, TargetProblem>> => {
      const parsed = parseInviteTarget(text, deps.publicUrl);
      if (!parsed.ok) return parsed;
      const found = await deps.store.resolveHandle(parsed.value, deps.clock.now());
      return found ? ok(found) : err({ code: 'NOT_FOUND' });
    },
  );
}

/** `find <query>`: people in the actor's workspace or tenant who did not opt out. */
export function findPeople(deps: CoreDeps, actor: Actor, query: string, limit = 20) {
  return guardStore(async (): Promise<Result<Account[], never>> => {
    const q = query.trim();
    if (q === '') return ok([]);
    const found = await deps.store.searchAccounts({
      scope: scopeKey(actor.identity),
      query: q,
      limit: limit + 1,
    });
    const me = await deps.store.getAccountByIdentity(actor.identity);
    return ok(found.filter((a) => a.id !== me?.id).slice(0, limit));
  });
}

/** The public profile behind a handle (for the web page): follows aliases. */
export function publicProfile(deps: CoreDeps, handle: string) {
  return guardStore(
    async (): Promise<Result<AccountView & { via: 'handle' | 'alias' }, { code: 'NOT_FOUND' }>> => {
      const valid = validateHandle(handle);
      if (!valid.ok) return err({ code: 'NOT_FOUND' });
      const found = await deps.store.resolveHandle(valid.value, deps.clock.now());
      return found ? ok({ ...view(deps, found.account, false), via: found.via }) : err({ code: 'NOT_FOUND' });
    },
  );
}
