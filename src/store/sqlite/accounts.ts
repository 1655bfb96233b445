import { z } from 'zod';
import {
  type Account,
  type ChangeHandleCommand,
  type ChangeHandleError,
  err,
  type HandleResolution,
  handleChangeRetryAfter,
  handleKey,
  type Identity,
  identityKey,
  isUnclaimed,
  type Locale,
  ok,
  POLICY,
  type RegisterAccountCommand,
  type Result,
  scopeKey,
} from '../../core/index.js';
import { type Db, guarded, inTransaction } from './db.js';
import { ACCOUNT_COLUMNS, cols, toAccount } from './rows.js';

const searchText = (displayName: string, handle: string) => `${displayName}\n${handle}`.toLowerCase();

/** Accounts, identities and handles. */
export function accountQueries(db: Db) {
  const s = {
    byId: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`),
    // By handle: the handle_key index, then the row.
    byHandleKey: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.handle_key = ?`),
    byIdentity: db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM identities i JOIN accounts a ON a.id = i.account_id WHERE i.identity_key = ?`,
    ),
    byLiveAlias: db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM aliases al JOIN accounts a ON a.id = al.account_id
        WHERE al.handle_key = ? AND al.expires_at > ?`,
    ),
    exists: db.prepare('SELECT 1 FROM accounts WHERE id = ?'),
    idByHandleKey: db.prepare('SELECT id FROM accounts WHERE handle_key = ?'),
    liveAlias: db.prepare('SELECT account_id FROM aliases WHERE handle_key = ? AND expires_at > ?'),
    // An identity is written twice in one transaction: into the account row's `identities` array
    // (what reads return) and into `identities` (the index from identity and scope to account).
    insertAccount: db.prepare(
      'INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
    ),
    insertIdentity: db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)'),
    changesSince: db.prepare('SELECT at FROM handle_changes WHERE account_id = ? AND at > ?'),
    setHandle: db.prepare('UPDATE accounts SET handle = ?, handle_key = ?, search_text = ? WHERE id = ?'),
    setProfile: db.prepare(
      'UPDATE accounts SET display_name = ?, search_text = ?, locale = ?, searchable = ? WHERE id = ?',
    ),
    putAlias: db.prepare(
      'INSERT OR REPLACE INTO aliases (handle_key, account_id, expires_at) VALUES (?, ?, ?)',
    ),
    dropAlias: db.prepare('DELETE FROM aliases WHERE handle_key = ?'),
    logChange: db.prepare('INSERT INTO handle_changes (account_id, at) VALUES (?, ?)'),
    pruneChanges: db.prepare('DELETE FROM handle_changes WHERE account_id = ? AND at <= ?'),
    search: db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.searchable = 1 AND a.handle <> '' AND instr(a.search_text, ?) > 0
         AND EXISTS (SELECT 1 FROM identities i WHERE i.account_id = a.id AND i.scope = ?)
       ORDER BY a.display_name, a.id LIMIT ?`,
    ),
    countIn: db.prepare(
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT i.account_id FROM identities i JOIN accounts a ON a.id = i.account_id
        WHERE i.scope = ? AND a.handle <> '' LIMIT ?)`,
    ),
  };

  const load = (row: unknown): Account | null => (row ? toAccount(row) : null);
  const getAccount = (id: string) => load(s.byId.get(id));
  const byIdentity = (identity: Identity) => load(s.byIdentity.get(identityKey(identity)));
  /** Taken by someone else: their current handle, or their alias that has not expired. */
  const takenByOther = (key: string, selfId: string | null, now: number): boolean => {
    const owner = cols.id(s.idByHandleKey.get(key));
    if (owner !== null && owner !== selfId) return true;
    const aliasOwner = cols.accountId(s.liveAlias.get(key, now));
    return aliasOwner !== null && aliasOwner !== selfId;
  };

  return {
    exists: (id: string): boolean => s.exists.get(id) !== undefined,
    /** Inside another command's transaction. */
    accountNow: (id: string): Account | null => getAccount(id),
    // Every account read is one statement on one row (see ACCOUNT_COLUMNS).
    getAccount: async (id: string) => guarded('getAccount', () => getAccount(id)),
    getAccountByIdentity: async (identity: Identity) =>
      guarded('getAccountByIdentity', () => byIdentity(identity)),
    resolveHandle: async (handle: string, now: number): Promise<HandleResolution | null> =>
      guarded('resolveHandle', () => {
        const key = handleKey(handle);
        const direct = load(s.byHandleKey.get(key));
        if (direct) return { account: direct, via: 'handle' };
        const viaAlias = load(s.byLiveAlias.get(key, now));
        return viaAlias ? { account: viaAlias, via: 'alias' } : null;
      }),
    registerAccount: async (cmd: RegisterAccountCommand) =>
      inTransaction(
        db,
        'registerAccount',
        (): Result<{ account: Account; created: boolean }, { code: 'NO_HANDLE_AVAILABLE' }> => {
          const existing = byIdentity(cmd.identity);
          if (existing && !isUnclaimed(existing)) return ok({ account: existing, created: false });
          const handle = cmd.handleCandidates.find((h) => !takenByOther(handleKey(h), null, cmd.now));
          if (!handle) return err({ code: 'NO_HANDLE_AVAILABLE' });
          if (existing) {
            // Their first act claims the account someone else's request registered: a handle, a page, search.
            s.setHandle.run(handle, handleKey(handle), searchText(existing.displayName, handle), existing.id);
            return ok({ account: { ...existing, handle }, created: true });
          }
          s.insertAccount.run(
            cmd.id,
            handle,
            handleKey(handle),
            cmd.displayName,
            searchText(cmd.displayName, handle),
            cmd.locale,
            cmd.now,
            JSON.stringify([cmd.identity]),
          );
          s.insertIdentity.run(identityKey(cmd.identity), cmd.id, scopeKey(cmd.identity));
          const account = getAccount(cmd.id);
          if (!account) throw new Error('registered account vanished inside its transaction');
          return ok({ account, created: true });
        },
      ),
    updateProfile: async (cmd: {
      accountId: string;
      displayName?: string;
      locale?: Locale;
      searchable?: boolean;
    }) =>
      inTransaction(db, 'updateProfile', () => {
        const current = getAccount(cmd.accountId);
        if (!current) return null;
        const displayName = cmd.displayName ?? current.displayName;
        s.setProfile.run(
          displayName,
          searchText(displayName, current.handle),
          cmd.locale ?? current.locale,
          (cmd.searchable ?? current.searchable) ? 1 : 0,
          cmd.accountId,
        );
        return getAccount(cmd.accountId);
      }),
    changeHandle: async (cmd: ChangeHandleCommand) =>
      inTransaction(
        db,
        'changeHandle',
        (): Result<{ account: Account; previous: string }, ChangeHandleError> => {
          const current = getAccount(cmd.accountId);
          if (!current) return err({ code: 'NOT_FOUND' });
          if (current.handle === cmd.handle) return err({ code: 'HANDLE_UNCHANGED' });
          const key = handleKey(cmd.handle);
          if (takenByOther(key, current.id, cmd.now)) return err({ code: 'HANDLE_TAKEN' });
          const since = cmd.now - POLICY.handle.changeWindowMs;
          const times = s.changesSince.all(current.id, since).map(cols.at);
          const retryAfterMs = handleChangeRetryAfter(times, cmd.now);
          if (retryAfterMs !== null) return err({ code: 'HANDLE_CHANGE_LIMIT', retryAfterMs });
          const oldKey = handleKey(current.handle);
          s.dropAlias.run(key);
          s.setHandle.run(cmd.handle, key, searchText(current.displayName, cmd.handle), current.id);
          if (oldKey !== key) s.putAlias.run(oldKey, current.id, cmd.now + POLICY.handle.aliasTtlMs);
          s.pruneChanges.run(current.id, since);
          s.logChange.run(current.id, cmd.now);
          const account = getAccount(current.id);
          if (!account) throw new Error('account vanished inside its transaction');
          return ok({ account, previous: current.handle });
        },
      ),
    searchAccounts: async (q: { scope: string; query: string; limit: number }) =>
      guarded('searchAccounts', () =>
        s.search
          .all(q.query.toLowerCase(), q.scope, q.limit)
          .map(load)
          .filter((a): a is Account => a !== null),
      ),
    countAccountsIn: async (scope: string, atMost: number) =>
      guarded(
        'countAccountsIn',
        () => z.object({ n: z.number() }).parse(s.countIn.get(scope, Math.max(0, atMost))).n,
      ),
  };
}
