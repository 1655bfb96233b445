import { z } from 'zod';
import {
  type DeleteAccountCommand,
  err,
  handleKey,
  identitySchema,
  ok,
  type Tombstone,
} from '../../core/index.js';
import { recordNeedles } from '../deletion-marks.js';
import { type Db, guarded, inTransaction } from './db.js';

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
const tombstoneValue = z.object({ deletedAt: z.number().int() });
const identities = z.array(identitySchema);

export function deletionQueries(db: Db) {
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

  return {
    deleteAccount: async (cmd: DeleteAccountCommand) =>
      inTransaction(db, 'deleteAccount', () => {
        const found = s.account.get(cmd.accountId);
        if (found === undefined) return err({ code: 'NOT_FOUND' as const });
        const account = accountRow.parse(found);
        const id = account.id;
        const ids = identities.parse(JSON.parse(account.identities));
        const handleKeys = [account.handle_key, ...s.aliases.all(id).map((r) => keyRow.parse(r).handle_key)];
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
