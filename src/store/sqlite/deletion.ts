import { z } from 'zod';
import {
  type AccountData,
  type DeleteAccountCommand,
  err,
  handleKey,
  identitySchema,
  ok,
  type Tombstone,
} from '../../core/index.js';
import { recordNeedles } from '../deletion-marks.js';
import { type Db, guarded, inSnapshot, inTransaction } from './db.js';
import type { OrganisationQueries } from './organisations.js';
import { ACCOUNT_COLUMNS, toAccount, toRequest } from './rows.js';
import { unclaimedHandleKey } from './unclaimed.js';

/**
 * `delete my data` on SQLite: one IMMEDIATE transaction removes everything that names the account and
 * leaves one tombstone per handle key (the current handle and its aliases) in `records` under the
 * namespace `tombstone` (value: `{"deletedAt": …}`, no name, no expiry), so the page answers 410.
 *
 * Records are found by what their key or value holds (`../deletion-marks.ts`) and, for the Slack and
 * Teams card records, by the ids of the account's requests.
 */
export const TOMBSTONE_NS = 'tombstone';

const accountRow = z.object({ id: z.string(), handle_key: z.string(), identities: z.string() });
const idRow = z.object({ id: z.string() });
const keyRow = z.object({ handle_key: z.string() });
const tombstoneRow = z.object({ key: z.string(), value: z.string() });
const aliasRow = z.object({ handle_key: z.string(), expires_at: z.number().int() });
const recordRow = z.object({
  ns: z.string(),
  key: z.string(),
  value: z.string(),
  expires_at: z.number().int().nullable(),
});
const tombstoneValue = z.object({ deletedAt: z.number().int() });
const identities = z.array(identitySchema);

export function deletionQueries(db: Db, orgs: OrganisationQueries) {
  const s = {
    account: db.prepare('SELECT id, handle_key, identities FROM accounts WHERE id = ?'),
    aliases: db.prepare('SELECT handle_key FROM aliases WHERE account_id = ?'),
    requests: db.prepare('SELECT id FROM requests WHERE sender_id = ? OR recipient_id = ?'),
    delAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
    delIdentities: db.prepare('DELETE FROM identities WHERE account_id = ?'),
    delAliases: db.prepare('DELETE FROM aliases WHERE account_id = ?'),
    delHandleChanges: db.prepare('DELETE FROM handle_changes WHERE account_id = ?'),
    delRequests: db.prepare('DELETE FROM requests WHERE sender_id = ? OR recipient_id = ?'),
    delContacts: db.prepare('DELETE FROM contacts WHERE account_id = ? OR other_id = ?'),
    delBlocks: db.prepare('DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?'),
    delOutbox: db.prepare('DELETE FROM outbox WHERE recipient_id = ? OR instr(payload, ?) > 0'),
    delCard: db.prepare(
      "DELETE FROM records WHERE (ns = 'slack_card' AND key = ?) OR (ns = 'teams_conversation' AND key = 'card:' || ?)",
    ),
    delRecords: db.prepare(
      `DELETE FROM records WHERE ns <> '${TOMBSTONE_NS}' AND (instr(key, ?) > 0 OR instr(value, ?) > 0)`,
    ),
    putTombstone: db.prepare(
      `INSERT OR REPLACE INTO records (ns, key, value, expires_at) VALUES ('${TOMBSTONE_NS}', ?, ?, NULL)`,
    ),
    tombstone: db.prepare(`SELECT key, value FROM records WHERE ns = '${TOMBSTONE_NS}' AND key = ?`),
  };

  const r = {
    account: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`),
    aliases: db.prepare('SELECT handle_key, expires_at FROM aliases WHERE account_id = ? AND expires_at > ?'),
    requests: db.prepare(
      'SELECT * FROM requests WHERE sender_id = ? OR recipient_id = ? ORDER BY created_at, id',
    ),
    records: db.prepare(
      `SELECT ns, key, value, expires_at FROM records WHERE ns NOT IN ('${TOMBSTONE_NS}', 'data_export')
        AND (instr(key, ?) > 0 OR instr(value, ?) > 0) AND (expires_at IS NULL OR expires_at > ?)`,
    ),
    card: db.prepare(
      "SELECT ns, key, value, expires_at FROM records WHERE ((ns = 'slack_card' AND key = ?) OR (ns = 'teams_conversation' AND key = 'card:' || ?)) AND (expires_at IS NULL OR expires_at > ?)",
    ),
  };
  const accountData = inSnapshot(db, 'accountData', (accountId: string, now: number): AccountData | null => {
    const row = r.account.get(accountId);
    if (row === undefined) return null;
    const account = toAccount(row);
    const requests = r.requests.all(accountId, accountId).map(toRequest);
    const seen = new Map<string, AccountData['records'][number]>();
    const add = (rows: unknown[]) => {
      for (const x of rows.map((y) => recordRow.parse(y)))
        seen.set(`${x.ns}\n${x.key}`, {
          namespace: x.ns,
          key: x.key,
          value: x.value,
          expiresAt: x.expires_at,
        });
    };
    for (const needle of recordNeedles(accountId, account.identities))
      add(r.records.all(needle, needle, now));
    for (const q of requests) add(r.card.all(q.id, q.id, now));
    return {
      account,
      aliases: r.aliases.all(accountId, now).map((y) => {
        const a = aliasRow.parse(y);
        return { handleKey: a.handle_key, expiresAt: a.expires_at };
      }),
      requests,
      records: [...seen.values()],
      emailDomains: orgs.emailDomains(accountId),
    };
  });

  return {
    accountData: async (accountId: string, now: number) => accountData(accountId, now),
    deleteAccount: async (cmd: DeleteAccountCommand) =>
      inTransaction(db, 'deleteAccount', () => {
        const found = s.account.get(cmd.accountId);
        if (found === undefined) return err({ code: 'NOT_FOUND' as const });
        const account = accountRow.parse(found);
        const id = account.id;
        const ids = identities.parse(JSON.parse(account.identities));
        // An unclaimed account never had a handle (or a page): nothing of it to tombstone.
        const own = account.handle_key === unclaimedHandleKey(id) ? [] : [account.handle_key];
        const handleKeys = [...own, ...s.aliases.all(id).map((r) => keyRow.parse(r).handle_key)];
        for (const r of s.requests.all(id, id)) {
          const requestId = idRow.parse(r).id;
          s.delCard.run(requestId, requestId);
        }
        s.delRequests.run(id, id);
        s.delContacts.run(id, id);
        s.delBlocks.run(id, id);
        s.delOutbox.run(id, id);
        for (const needle of recordNeedles(id, ids)) s.delRecords.run(needle, needle);
        s.delAliases.run(id);
        s.delHandleChanges.run(id);
        // Audit records keep the deletion itself, with no id of the person (audit.ts).
        orgs.forget(id);
        orgs.record(
          {
            action: 'account_deleted',
            at: cmd.now,
            actorId: null,
            otherId: null,
            requestId: null,
            source: null,
          },
          [{ identities: ids }],
        );
        s.delIdentities.run(id);
        s.delAccount.run(id);
        const tombstones: Tombstone[] = [...new Set(handleKeys)].map((key) => ({
          handleKey: key,
          deletedAt: cmd.now,
        }));
        for (const t of tombstones)
          s.putTombstone.run(t.handleKey, JSON.stringify({ deletedAt: t.deletedAt }));
        return ok({ tombstones });
      }),
    tombstone: async (handle: string): Promise<Tombstone | null> =>
      guarded('tombstone', () => {
        const row = s.tombstone.get(handleKey(handle));
        if (row === undefined) return null;
        const { key, value } = tombstoneRow.parse(row);
        const parsed = tombstoneValue.safeParse(JSON.parse(value));
        return parsed.success ? { handleKey: key, deletedAt: parsed.data.deletedAt } : null;
      }),
  };
}
