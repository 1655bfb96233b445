import { z } from 'zod';
import {
  type Account,
  decideMerge,
  decideUnmerge,
  err,
  handleKey,
  identityKey,
  type MergeAccountsCommand,
  type MergeCode,
  type MergeEffect,
  type MergeSide,
  ok,
  type PutMergeCodeCommand,
  scopeKey,
  type UnmergeCommand,
} from '../../core/index.js';
import { type Db, inTransaction } from './db.js';
import type { OrganisationQueries } from './organisations.js';
import { ACCOUNT_COLUMNS, toAccount, toRequest } from './rows.js';

/**
 * One person, two platforms on SQLite (`src/core/merge.ts`): a merge code is a row in `records`
 * (namespace `merge_code`); `mergeAccounts` and `unmergeIdentity` are one IMMEDIATE transaction each:
 * read the snapshot, ask the rule, apply its effects.
 */
export const MERGE_CODE_NS = 'merge_code';

const codeValue = z.object({
  accountId: z.string(),
  platform: z.enum(['slack', 'teams']),
  expiresAt: z.number().int(),
});
const otherRow = z.object({ id: z.string(), at: z.number().int() });
const searchText = (displayName: string, handle: string) => `${displayName}\n${handle}`.toLowerCase();

export function mergeQueries(db: Db, orgs: OrganisationQueries) {
  const s = {
    code: db.prepare(`SELECT value FROM records WHERE ns = '${MERGE_CODE_NS}' AND key = ?`),
    putCode: db.prepare(
      `INSERT OR REPLACE INTO records (ns, key, value, expires_at) VALUES ('${MERGE_CODE_NS}', ?, ?, ?)`,
    ),
    takeCode: db.prepare(`DELETE FROM records WHERE ns = '${MERGE_CODE_NS}' AND key = ?`),
    account: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`),
    contacts: db.prepare('SELECT other_id AS id, since AS at FROM contacts WHERE account_id = ?'),
    blocks: db.prepare('SELECT blocked_id AS id, at FROM blocks WHERE blocker_id = ?'),
    blockedBy: db.prepare('SELECT blocker_id AS id, at FROM blocks WHERE blocked_id = ?'),
    open: db.prepare(
      `SELECT * FROM requests WHERE (sender_id IN (@a, @b) OR recipient_id IN (@a, @b)) AND state IN ('pending', 'declined')`,
    ),
    delRequest: db.prepare('DELETE FROM requests WHERE id = ?'),
    moveRequest: db.prepare('UPDATE requests SET sender_id = ?, recipient_id = ? WHERE id = ?'),
    transition: db.prepare('UPDATE requests SET state = ?, decided_at = ? WHERE id = ? AND state = ?'),
    addContact: db.prepare('INSERT OR IGNORE INTO contacts (account_id, other_id, since) VALUES (?, ?, ?)'),
    addBlock: db.prepare('INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, at) VALUES (?, ?, ?)'),
    outbox: db.prepare(
      'INSERT INTO outbox (event_id, recipient_id, payload, available_at, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    // absorb_account
    setIdentities: db.prepare('UPDATE accounts SET identities = ? WHERE id = ?'),
    moveIdentityIndex: db.prepare('UPDATE identities SET account_id = ? WHERE account_id = ?'),
    moveAliases: db.prepare('UPDATE aliases SET account_id = ? WHERE account_id = ?'),
    putAlias: db.prepare(
      'INSERT OR REPLACE INTO aliases (handle_key, account_id, expires_at) VALUES (?, ?, ?)',
    ),
    rerouteOutbox: db.prepare(
      "UPDATE outbox SET recipient_id = ?, payload = json_set(payload, '$.recipientId', ?) WHERE recipient_id = ?",
    ),
    delRequestsOf: db.prepare('DELETE FROM requests WHERE sender_id = ? OR recipient_id = ?'),
    delContactsOf: db.prepare('DELETE FROM contacts WHERE account_id = ? OR other_id = ?'),
    delBlocksOf: db.prepare('DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?'),
    delHandleChanges: db.prepare('DELETE FROM handle_changes WHERE account_id = ?'),
    delAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
    // unmerge
    delIdentityIndex: db.prepare('DELETE FROM identities WHERE identity_key = ?'),
    taken: db.prepare(
      'SELECT 1 FROM accounts WHERE handle_key = @k UNION ALL SELECT 1 FROM aliases WHERE handle_key = @k AND expires_at > @now',
    ),
    insertAccount: db.prepare(
      'INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
    ),
    insertIdentity: db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)'),
  };

  const accountNow = (id: string): Account | null => {
    const row = s.account.get(id);
    return row ? toAccount(row) : null;
  };
  const rows = (stmt: typeof s.contacts, id: string) => stmt.all(id).map((r) => otherRow.parse(r));
  const side = (account: Account | null): MergeSide | null =>
    account && {
      account,
      contacts: rows(s.contacts, account.id).map((r) => ({ id: r.id, since: r.at })),
      blocks: rows(s.blocks, account.id),
      blockedBy: rows(s.blockedBy, account.id),
    };

  function absorb(keepId: string, goneId: string, aliasUntil: number): void {
    const keep = accountNow(keepId);
    const gone = accountNow(goneId);
    if (!keep || !gone) throw new Error('mergeAccounts: an account vanished inside its transaction');
    s.setIdentities.run(JSON.stringify([...keep.identities, ...gone.identities]), keepId);
    s.moveIdentityIndex.run(keepId, goneId);
    s.moveAliases.run(keepId, goneId);
    s.rerouteOutbox.run(keepId, keepId, goneId);
    s.delRequestsOf.run(goneId, goneId);
    s.delContactsOf.run(goneId, goneId);
    s.delBlocksOf.run(goneId, goneId);
    s.delHandleChanges.run(goneId);
    s.delAccount.run(goneId);
    s.putAlias.run(handleKey(gone.handle), keepId, aliasUntil);
  }

  function apply(code: string, effects: readonly MergeEffect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'take_code':
          s.takeCode.run(code);
          break;
        case 'delete_request':
          s.delRequest.run(e.requestId);
          break;
        case 'move_request':
          s.moveRequest.run(e.senderId, e.recipientId, e.requestId);
          break;
        case 'update_request':
          if (s.transition.run(e.to, e.decidedAt, e.requestId, e.from).changes !== 1)
            throw new Error(`request ${e.requestId} was not in state ${e.from}`);
          break;
        case 'add_contact':
          s.addContact.run(e.a, e.b, e.at);
          s.addContact.run(e.b, e.a, e.at);
          break;
        case 'add_block':
          s.addBlock.run(e.blockerId, e.blockedId, e.at);
          break;
        case 'emit':
          s.outbox.run(e.event.id, e.event.recipientId, JSON.stringify(e.event), e.event.at, e.event.at);
          break;
        case 'absorb_account':
          absorb(e.keepId, e.goneId, e.aliasUntil);
          break;
        default:
          throw new Error(`mergeAccounts: unexpected effect ${e.kind}`);
      }
    }
  }

  return {
    putMergeCode: async (cmd: PutMergeCodeCommand) =>
      inTransaction(db, 'putMergeCode', () => {
        const value: MergeCode = {
          accountId: cmd.accountId,
          platform: cmd.platform,
          expiresAt: cmd.expiresAt,
        };
        s.putCode.run(cmd.code, JSON.stringify(value), cmd.expiresAt);
      }),
    mergeAccounts: async (cmd: MergeAccountsCommand) =>
      inTransaction(db, 'mergeAccounts', () => {
        const row = s.code.get(cmd.code) as { value: string } | undefined;
        const code = row ? codeValue.parse(JSON.parse(row.value)) : null;
        const joiner = side(accountNow(cmd.accountId));
        const issuer = side(code ? accountNow(code.accountId) : null);
        const open = s.open
          .all({ a: joiner?.account.id ?? '', b: issuer?.account.id ?? '' })
          .map((r) => toRequest(r));
        const decided = decideMerge(
          { code, joiner, issuer, platform: cmd.platform, open, now: cmd.now },
          cmd.newId,
        );
        if (!decided.result.ok) return decided.result;
        apply(cmd.code, decided.effects);
        const account = accountNow(decided.result.value.keepId);
        if (!account) throw new Error('mergeAccounts: the merged account vanished');
        // Earlier records of the merged-away account name the account it joined (audit.ts).
        orgs.renameInAudit(decided.result.value.goneId, account.id);
        orgs.record(
          {
            action: 'accounts_merged',
            at: cmd.now,
            actorId: account.id,
            otherId: null,
            requestId: null,
            source: null,
          },
          [account],
        );
        return ok({ ...decided.result.value, account });
      }),
    unmergeIdentity: async (cmd: UnmergeCommand) =>
      inTransaction(db, 'unmergeIdentity', () => {
        const account = accountNow(cmd.accountId);
        const decided = decideUnmerge(account, cmd.identity);
        if (!decided.ok) return decided;
        if (!account) throw new Error('unreachable');
        const ik = identityKey(cmd.identity);
        const handle = cmd.handleCandidates.find(
          (h) => s.taken.get({ k: handleKey(h), now: cmd.now }) === undefined,
        );
        if (!handle) return err({ code: 'NO_HANDLE_AVAILABLE' as const });
        const rest = account.identities.filter((i) => identityKey(i) !== ik);
        s.setIdentities.run(JSON.stringify(rest), account.id);
        s.delIdentityIndex.run(ik);
        s.insertAccount.run(
          cmd.newAccountId,
          handle,
          handleKey(handle),
          cmd.displayName,
          searchText(cmd.displayName, handle),
          cmd.locale,
          cmd.now,
          JSON.stringify([cmd.identity]),
        );
        s.insertIdentity.run(ik, cmd.newAccountId, scopeKey(cmd.identity));
        const kept = accountNow(account.id);
        const split = accountNow(cmd.newAccountId);
        if (!kept || !split) throw new Error('unmergeIdentity: an account vanished inside its transaction');
        return ok({ account: kept, split });
      }),
  };
}
