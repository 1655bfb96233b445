import {
  type Account,
  BoundedMap,
  type Clock,
  type Identity,
  identityKey,
  type StorePort,
} from '../core/index.js';

/**
 * Accounts read lately, kept in this process for a few seconds, in front of any store.
 *
 * Nearly every Slack or Teams request starts by reading the person acting (`getAccountByIdentity`),
 * and one click often reads the same accounts again (the decision, the card, App Home). The
 * identity → account id mapping never changes once made, so it is kept as long as there is room.
 * An account's own fields (handle, display name, locale, search setting) are kept for `ttlMs`:
 * - every change made through this process updates the cache at once, so one process (the embedded
 *   SQLite default) never reads a stale account;
 * - a change made by another process (several instances on one Redis) is seen here within `ttlMs`.
 *   Until then this process may show the previous handle on a card, which still works: a changed
 *   handle stays an alias (docs/rules.md), so its link keeps resolving.
 *
 * Nothing that decides runs on cached data: every transition is checked inside the store against
 * its own state, and takes only the account id (which never changes) from here.
 */
export const ACCOUNT_CACHE_TTL_MS = 5_000;
const MAX_ACCOUNTS = 20_000;

export function withAccountCache(
  store: StorePort,
  opts: { clock: Clock; ttlMs?: number; maxAccounts?: number },
): StorePort {
  const ttlMs = opts.ttlMs ?? ACCOUNT_CACHE_TTL_MS;
  const max = opts.maxAccounts ?? MAX_ACCOUNTS;
  const byId = new BoundedMap<string, { account: Account; until: number }>(max);
  const idByIdentity = new BoundedMap<string, string>(2 * max);

  const put = (account: Account): Account => {
    byId.set(account.id, { account, until: opts.clock.now() + ttlMs });
    for (const identity of account.identities) idByIdentity.set(identityKey(identity), account.id);
    return account;
  };
  const fresh = (id: string | undefined): Account | null => {
    if (id === undefined) return null;
    const hit = byId.get(id);
    return hit && hit.until > opts.clock.now() ? hit.account : null;
  };
  const remembered = (account: Account | null): Account | null => (account ? put(account) : null);
  const forget = (id: string): void => {
    for (const identity of byId.get(id)?.account.identities ?? []) idByIdentity.delete(identityKey(identity));
    byId.delete(id);
  };

  return {
    ...store,
    getAccount: async (id) => fresh(id) ?? remembered(await store.getAccount(id)),
    getAccountByIdentity: async (identity: Identity) =>
      fresh(idByIdentity.get(identityKey(identity))) ??
      remembered(await store.getAccountByIdentity(identity)),
    registerAccount: async (cmd) => {
      const result = await store.registerAccount(cmd);
      if (result.ok) put(result.value.account);
      return result;
    },
    updateProfile: async (cmd) => {
      const updated = await store.updateProfile(cmd);
      if (updated) put(updated);
      else byId.delete(cmd.accountId);
      return updated;
    },
    decideRequest: async (cmd) => {
      const result = await store.decideRequest(cmd);
      if (result.ok && result.value.other) put(result.value.other);
      return result;
    },
    deleteAccount: async (cmd) => {
      const cached = byId.get(cmd.accountId);
      for (const identity of cached?.account.identities ?? []) idByIdentity.delete(identityKey(identity));
      byId.delete(cmd.accountId);
      const result = await store.deleteAccount(cmd);
      byId.delete(cmd.accountId);
      return result;
    },
    // A merge moves identities to another account and removes one; an unmerge moves one back out.
    mergeAccounts: async (cmd) => {
      const result = await store.mergeAccounts(cmd);
      if (result.ok) {
        forget(result.value.goneId);
        forget(result.value.keepId);
        put(result.value.account);
      }
      return result;
    },
    unmergeIdentity: async (cmd) => {
      const result = await store.unmergeIdentity(cmd);
      if (result.ok) {
        forget(cmd.accountId);
        put(result.value.account);
        put(result.value.split);
      }
      return result;
    },
    changeHandle: async (cmd) => {
      const result = await store.changeHandle(cmd);
      if (result.ok) put(result.value.account);
      else byId.delete(cmd.accountId);
      return result;
    },
  };
}
