import {
  type Account,
  checkSendLimit,
  err,
  identityKey,
  ok,
  POLICY,
  type RegisterUnclaimedCommand,
  type Result,
  scopeKey,
} from '../../core/index.js';
import { type Db, inTransaction } from './db.js';
import { ACCOUNT_COLUMNS, cols, toAccount } from './rows.js';

/**
 * The `handle_key` column of an unclaimed account (`isUnclaimed`): unique and never a handle (a handle
 * has no `:`), so no page, alias or `id set` can reach it. Its `handle` is empty; claiming replaces both.
 */
export const unclaimedHandleKey = (accountId: string) => `unclaimed:${accountId}`;

/** `registerUnclaimed`: a person someone else named, registered without handle, page or search entry. */
export function unclaimedQueries(db: Db) {
  const s = {
    byIdentity: db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM identities i JOIN accounts a ON a.id = i.account_id WHERE i.identity_key = ?`,
    ),
    byId: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`),
    window: db.prepare(
      'SELECT count(*) AS n, min(created_at) AS oldest FROM requests WHERE sender_id = ? AND created_at > ?',
    ),
    // searchable stays 1 (their own choice once they act); search skips unclaimed accounts by handle.
    insertAccount: db.prepare(
      "INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities) VALUES (?, '', ?, ?, ?, ?, 1, ?, ?)",
    ),
    insertIdentity: db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)'),
  };
  return {
    registerUnclaimed: async (cmd: RegisterUnclaimedCommand) =>
      inTransaction(
        db,
        'registerUnclaimed',
        (): Result<
          { account: Account; created: boolean },
          { code: 'RATE_LIMITED'; retryAfterMs: number }
        > => {
          const existing = s.byIdentity.get(identityKey(cmd.identity));
          if (existing) return ok({ account: toAccount(existing), created: false });
          const window = cols.window(s.window.get(cmd.senderId, cmd.now - POLICY.request.newWindowMs));
          const allowed = checkSendLimit({ count: window.n, oldestAt: window.oldest }, cmd.now);
          if (!allowed.ok) return err(allowed.error);
          s.insertAccount.run(
            cmd.id,
            unclaimedHandleKey(cmd.id),
            cmd.displayName,
            cmd.displayName.toLowerCase(),
            cmd.locale,
            cmd.now,
            JSON.stringify([cmd.identity]),
          );
          s.insertIdentity.run(identityKey(cmd.identity), cmd.id, scopeKey(cmd.identity));
          return ok({ account: toAccount(s.byId.get(cmd.id)), created: true });
        },
      ),
  };
}
