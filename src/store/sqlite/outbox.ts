import { z } from 'zod';
import type { OutboxItem, OutboxStats, RecordNamespace } from '../../core/index.js';
import { type Db, guarded, inTransaction } from './db.js';
import { toOutboxItem } from './rows.js';

const statsRow = z.object({
  depth: z.number().int().nullable(),
  oldest: z.number().int().nullable(),
  dead: z.number().int().nullable(),
});
const valueRow = z.object({ value: z.string() });

/** The outbox (claim with a lease, ack, retry, dead letter) and the small records namespace. */
export function outboxQueries(db: Db) {
  const s = {
    claimable: db.prepare(
      `SELECT o.* FROM outbox o
        WHERE o.dead = 0 AND o.available_at <= @now AND o.lease_until <= @now
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.recipient_id = o.recipient_id AND p.dead = 0 AND p.seq < o.seq)
        ORDER BY o.seq LIMIT @limit`,
    ),
    // A lease still set when claimed again ran out without an ack or a retry: that attempt may have sent.
    lease: db.prepare(
      'UPDATE outbox SET lease_owner = ?, lease_until = ?, maybe_sent = ? WHERE event_id = ?',
    ),
    ack: db.prepare('DELETE FROM outbox WHERE event_id = ? AND lease_owner = ?'),
    fail: db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, available_at = ?, last_error = ?, dead = ?, maybe_sent = max(maybe_sent, ?), lease_owner = NULL, lease_until = 0 WHERE event_id = ? AND lease_owner = ?',
    ),
    stats: db.prepare(
      'SELECT sum(dead = 0) AS depth, min(CASE WHEN dead = 0 THEN created_at END) AS oldest, sum(dead) AS dead FROM outbox',
    ),
    get: db.prepare(
      'SELECT value FROM records WHERE ns = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)',
    ),
    put: db.prepare('INSERT OR REPLACE INTO records (ns, key, value, expires_at) VALUES (?, ?, ?, ?)'),
    del: db.prepare('DELETE FROM records WHERE ns = ? AND key = ?'),
    claim: db.prepare(
      `INSERT INTO records (ns, key, value, expires_at) VALUES (?, ?, '1', ?)
       ON CONFLICT (ns, key) DO UPDATE SET value = '1', expires_at = excluded.expires_at
       WHERE records.expires_at IS NOT NULL AND records.expires_at <= ?`,
    ),
    prune: db.prepare('DELETE FROM records WHERE expires_at IS NOT NULL AND expires_at <= ?'),
  };

  return {
    claimOutbox: async (cmd: {
      owner: string;
      now: number;
      leaseMs: number;
      limit: number;
    }): Promise<OutboxItem[]> =>
      inTransaction(db, 'claimOutbox', () => {
        const rows = s.claimable.all({ now: cmd.now, limit: cmd.limit }).map(toOutboxItem);
        const leaseUntil = cmd.now + cmd.leaseMs;
        for (const item of rows) s.lease.run(cmd.owner, leaseUntil, item.maybeSent ? 1 : 0, item.event.id);
        return rows.map((item) => ({ ...item, leaseUntil }));
      }),
    ackOutbox: async (cmd: { eventId: string; owner: string }) =>
      guarded('ackOutbox', () => s.ack.run(cmd.eventId, cmd.owner).changes === 1),
    ackOutboxMany: async (cmd: { eventIds: readonly string[]; owner: string }) =>
      inTransaction(db, 'ackOutboxMany', () =>
        cmd.eventIds.reduce((n, id) => n + s.ack.run(id, cmd.owner).changes, 0),
      ),
    failOutbox: async (cmd: {
      eventId: string;
      owner: string;
      retryAt: number;
      error: string;
      dead: boolean;
      maybeSent?: boolean;
    }) =>
      guarded(
        'failOutbox',
        () =>
          s.fail.run(
            cmd.retryAt,
            cmd.error.slice(0, 500),
            cmd.dead ? 1 : 0,
            cmd.maybeSent ? 1 : 0,
            cmd.eventId,
            cmd.owner,
          ).changes === 1,
      ),
    outboxStats: async (now: number): Promise<OutboxStats> =>
      guarded('outboxStats', () => {
        const row = statsRow.parse(s.stats.get());
        return {
          depth: row.depth ?? 0,
          oldestAgeMs: row.oldest === null ? 0 : Math.max(0, now - row.oldest),
          dead: row.dead ?? 0,
        };
      }),
    getRecord: async (ns: RecordNamespace, key: string, now: number) =>
      guarded('getRecord', () => {
        const row = s.get.get(ns, key, now);
        return row === undefined ? null : valueRow.parse(row).value;
      }),
    putRecord: async (ns: RecordNamespace, key: string, value: string, expiresAt: number | null) =>
      guarded('putRecord', () => {
        s.put.run(ns, key, value, expiresAt);
      }),
    deleteRecord: async (ns: RecordNamespace, key: string) =>
      guarded('deleteRecord', () => {
        s.del.run(ns, key);
      }),
    claimOnce: async (ns: RecordNamespace, key: string, expiresAt: number, now: number) =>
      guarded('claimOnce', () => s.claim.run(ns, key, expiresAt, now).changes === 1),
    takeRecord: async (ns: RecordNamespace, key: string, now: number) =>
      inTransaction(db, 'takeRecord', () => {
        const row = s.get.get(ns, key, now);
        s.del.run(ns, key);
        return row === undefined ? null : valueRow.parse(row).value;
      }),
    pruneExpiredRecords: async (now: number) =>
      guarded('pruneExpiredRecords', () => s.prune.run(now).changes),
  };
}
