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

/**
 * A read of several statements as one DEFERRED transaction: one WAL snapshot for all of them (a
 * consistent view, and one round of locking on the `-shm` file instead of one per statement, which
 * is most of what a small indexed read costs). It never writes, so it never waits for the write lock.
 */
export function inSnapshot<A extends unknown[], T>(
  db: Db,
  what: string,
  body: (...args: A) => T,
): (...args: A) => T {
  const tx = db.transaction(body);
  return (...args: A) => guarded(what, () => tx.deferred(...args));
}

/** Most calls one group commit carries; the rest wait for the next. */
const GROUP_MAX = 128;

/**
 * Group commit for a hot write command. Calls made in the same turn of the event loop run one after
 * another in one IMMEDIATE transaction, each in its own savepoint (`body` as a nested transaction),
 * and are answered after the one COMMIT: one WAL sync (`synchronous=FULL`) for the group instead of
 * one per call, and no call is answered before its change is durable. A call that throws rolls back
 * its own savepoint only and gets its error; a failed BEGIN or COMMIT fails every call of the group,
 * and none of its changes are kept. The outcome of each call is what it would be run alone, in the
 * order the calls were made.
 */
export function groupCommitted<A, T>(db: Db, what: string, body: (arg: A) => T): (arg: A) => Promise<T> {
  type Call = { arg: A; resolve: (value: T) => void; reject: (e: unknown) => void };
  const each = db.transaction(body);
  let waiting: Call[] = [];
  const runGroup = db.transaction((group: Call[]) =>
    group.map((call) => {
      // An I/O error may have ended the whole transaction: the rest must not run outside it.
      if (!db.inTransaction) throw new StoreUnavailableError(`sqlite: ${what} failed: transaction ended`);
      try {
        return { ok: true as const, value: guarded(what, () => each(call.arg)) };
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        return { ok: false as const, error };
      }
    }),
  );
  const flush = () => {
    const group = waiting.slice(0, GROUP_MAX);
    waiting = waiting.slice(GROUP_MAX);
    if (waiting.length > 0) setImmediate(flush);
    let outcomes: ReturnType<typeof runGroup>;
    try {
      outcomes = guarded(what, () => runGroup.immediate(group));
    } catch (e) {
      for (const call of group) call.reject(e);
      return;
    }
    group.forEach((call, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) call.resolve(outcome.value);
      else call.reject(outcome?.error);
    });
  };
  return (arg: A) =>
    new Promise<T>((resolve, reject) => {
      if (waiting.push({ arg, resolve, reject }) === 1) setImmediate(flush);
    });
}

/** What to do about a database that cannot be opened, by SQLite error code. */
function openHint(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code))
    return 'the database file is locked by another process (another server on the same file, a backup, or a sqlite3 shell holding an exclusive lock): stop it, or point STORE_URL at another file';
  if (/^SQLITE_READONLY/.test(code) || /^E(ROFS|ACCES|PERM)$/.test(code))
    return 'the database or its directory is read-only: SQLite writes the file and its -wal/-shm files next to it, so make the data directory writable by this user';
  if (/^SQLITE_CANTOPEN/.test(code))
    return 'the file cannot be opened or created: check that the data directory exists and is writable by this user';
  return 'check STORE_URL and the file';
}

/** Opens, configures and migrates; a failure names the file and says how to fix it. */
export function openDatabase(path: string, now: number): Db {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = guarded('open', () => new Database(path, { timeout: 5000 }));
    try {
      guarded('configure', () => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        // 64 MiB page cache and memory-mapped reads keep lookups flat as the tables grow.
        db.pragma('cache_size = -65536');
        db.pragma('mmap_size = 268435456');
        migrate(db, now);
      });
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  } catch (e) {
    const cause = e instanceof StoreUnavailableError && e.cause !== undefined ? e.cause : e;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreUnavailableError(`sqlite: cannot open ${path} (${reason}): ${openHint(cause)}`, {
      cause,
    });
  }
}

/**
 * Readiness probe: takes and releases the write lock with a short wait, so a file that another
 * process holds locked, or that became read-only, reports unavailable instead of "ready".
 */
export function probeWritable(db: Db, waitMs = 500): void {
  guarded('ping', () => {
    db.pragma(`busy_timeout = ${waitMs}`);
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    } finally {
      db.pragma('busy_timeout = 5000');
    }
  });
}
