import type { StorePort } from '../../core/index.js';
import { accountQueries } from './accounts.js';
import { blockQueries } from './blocks.js';
import { openDatabase, probeWritable } from './db.js';
import { deletionQueries } from './deletion.js';
import { mergeQueries } from './merge.js';
import { organisationQueries } from './organisations.js';
import { outboxQueries } from './outbox.js';
import { requestQueries } from './requests.js';
import { unclaimedQueries } from './unclaimed.js';

export interface SqliteStore extends StorePort {
  /** `PRAGMA integrity_check` result: 'ok' when the file is sound. */
  integrityCheck(): string;
}

/**
 * The embedded default store: better-sqlite3, WAL, `synchronous=FULL`, versioned migrations.
 * `path` is a file path or `:memory:` (throwaway).
 */
export function openSqliteStore(opts: { path: string; now?: number }): SqliteStore {
  const db = openDatabase(opts.path, opts.now ?? Date.now());
  const accounts = accountQueries(db);
  const { exists: _exists, ...accountPort } = accounts;
  const orgs = organisationQueries(db);
  return {
    kind: 'sqlite',
    ...accountPort,
    ...requestQueries(db, accounts, orgs),
    ...blockQueries(db),
    ...outboxQueries(db),
    ...deletionQueries(db, orgs),
    ...unclaimedQueries(db),
    ...mergeQueries(db, orgs),
    ...orgs.port,
    ping: async () => {
      probeWritable(db);
    },
    close: async () => {
      if (db.open) db.close();
    },
    integrityCheck: () => String(db.pragma('integrity_check', { simple: true })),
  };
}
