import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../core/index.js';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/** SQLite error codes that mean "the store can't serve now", as opposed to a bug in our SQL. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|CANTOPEN|FULL|PROTOCOL|NOTADB|CORRUPT|PERM|AUTH)/;

function isUnavailable(e: unknown): boolean {
  const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : '';
  return (
    UNAVAILABLE.test(code) || (e instanceof TypeError && /database connection is not open/.test(e.message))
  );
}

/** Runs a driver call; I/O failures become StoreUnavailableError with `{ cause }`. */
export function guarded<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (isUnavailable(e)) {
      throw new StoreUnavailableError(
        `sqlite: ${what} failed: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    throw e;
  }
}

/** Runs `body` in one IMMEDIATE transaction: it takes the write lock up front, so concurrent writers queue. */
export function inTransaction<T>(db: Db, what: string, body: () => T): T {
  return guarded(what, () => db.transaction(body).immediate());
}

export function openDatabase(path: string, now: number): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = guarded('open', () => new Database(path, { timeout: 5000 }));
  guarded('configure', () => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, now);
  });
  return db;
}
