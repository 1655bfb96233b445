import { type BlockedAccount, decideUnblock, type Page } from '../../core/index.js';
import { decodeCursor, pageOf } from '../paging.js';
import { type Db, guarded, inTransaction } from './db.js';
import { ACCOUNT_COLUMNS, cols, toAccount } from './rows.js';

/**
 * The block list: who an account blocked (`listBlocks`) and lifting a block (`unblockAccount`).
 * Blocking itself is a decision with the other request rules (`requests.ts`, `blockAccount`).
 */
export function blockQueries(db: Db) {
  const s = {
    isBlocked: db.prepare('SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
    removeBlock: db.prepare('DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
    // The page's accounts come with it: one statement, one snapshot. A person's block list is short:
    // the primary key (blocker_id, blocked_id) finds it, the sort by time is done on those rows.
    page: db.prepare(
      `SELECT b.at AS at, ${ACCOUNT_COLUMNS} FROM blocks b JOIN accounts a ON a.id = b.blocked_id
        WHERE b.blocker_id = @me AND (b.at < @at OR (b.at = @at AND b.blocked_id < @id))
        ORDER BY b.at DESC, b.blocked_id DESC LIMIT @limit`,
    ),
  };
  return {
    unblockAccount: async (cmd: { actorId: string; otherId: string; now: number }) =>
      inTransaction(db, 'unblockAccount', () => {
        const blocked = s.isBlocked.get(cmd.actorId, cmd.otherId) !== undefined;
        const decided = decideUnblock(cmd.actorId, cmd.otherId, blocked);
        for (const e of decided.effects) {
          if (e.kind !== 'remove_block') throw new Error(`unblockAccount: unexpected effect ${e.kind}`);
          s.removeBlock.run(e.blockerId, e.blockedId);
        }
        return decided.result;
      }),
    listBlocks: async (q: {
      accountId: string;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<BlockedAccount>> =>
      guarded('listBlocks', () => {
        const after = decodeCursor(q.cursor) ?? { at: Number.MAX_SAFE_INTEGER, id: '' };
        const rows = s.page.all({
          me: q.accountId,
          at: after.at,
          id: after.id || '\uffff',
          limit: q.limit + 1,
        });
        const blocked = rows.map((row) => ({ account: toAccount(row), blockedAt: cols.at(row) }));
        return pageOf(
          blocked,
          q.limit,
          (b) => b,
          (b) => [b.blockedAt, b.account.id],
        );
      }),
  };
}
