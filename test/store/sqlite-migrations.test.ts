import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoreUnavailableError } from '../../src/core/index.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { handleSlot, SLOT_WINDOW } from '../../src/store/sqlite/slots.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../helpers/identities.js';

/**
 * A file written by a server that only knew migration 1 opens with the current code: every row is
 * still there and reads the same through the store port.
 */
function migration1() {
  const m = MIGRATIONS.find((x) => x.version === 1);
  if (!m) throw new Error('migration 1 is missing');
  return m;
}
const first = migration1();

const alice = { slack: slackIdentity('UALICE', 'TA'), teams: teamsIdentity('aad-alice', 'tenant-a') };
const bob = slackIdentity('UBOB', 'TA');

/** Writes a version-1 database the way the version-1 store did. */
function writeVersion1(path: string, opts: { orphan?: boolean } = {}): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(first.sql);
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(first.name, T0);
  const account = db.prepare(
    `INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const identity = db.prepare(
    'INSERT INTO identities (identity_key, account_id, scope, data) VALUES (?, ?, ?, ?)',
  );
  account.run('acc_alice', 'Alice-1', 'alice-1', 'Alice Liddell', 'alice liddell\nalice-1', 'ja', 1, T0);
  account.run('acc_bob', 'bob', 'bob', 'Bob', 'bob\nbob', 'en', 0, T0 + 1);
  // Alice's Teams identity was linked first: identities read back oldest first.
  identity.run('teams:tenant-a:aad-alice', 'acc_alice', 'teams:tenant-a', JSON.stringify(alice.teams));
  identity.run('slack:-:TA:UBOB', 'acc_bob', 'slack:TA', JSON.stringify(bob));
  identity.run('slack:-:TA:UALICE', 'acc_alice', 'slack:TA', JSON.stringify(alice.slack));
  db.prepare('INSERT INTO aliases (handle_key, account_id, expires_at) VALUES (?, ?, ?)').run(
    'alice',
    'acc_alice',
    T0 + 1_000_000,
  );
  if (opts.orphan) {
    db.pragma('foreign_keys = OFF');
    identity.run('slack:-:TA:UGHOST', 'acc_ghost', 'slack:TA', JSON.stringify(slackIdentity('UGHOST', 'TA')));
  }
  db.close();
}

describe('sqlite migrations', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwi-migrate-'));
    path = join(dir, 'store.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a version-1 file: accounts, identities (oldest first), aliases and search read the same', async () => {
    writeVersion1(path);
    const store = openSqliteStore({ path, now: T0 + 10 });
    try {
      const a = await store.getAccount('acc_alice');
      expect(a).toEqual({
        id: 'acc_alice',
        handle: 'Alice-1',
        displayName: 'Alice Liddell',
        locale: 'ja',
        searchable: true,
        identities: [alice.teams, alice.slack],
        createdAt: T0,
      });
      expect((await store.getAccount('acc_bob'))?.searchable).toBe(false);
      expect((await store.getAccountByIdentity(alice.slack))?.id).toBe('acc_alice');
      expect((await store.getAccountByIdentity(bob))?.id).toBe('acc_bob');
      expect(await store.resolveHandle('ALICE-1', T0 + 10)).toMatchObject({ via: 'handle' });
      expect(await store.resolveHandle('alice', T0 + 10)).toMatchObject({
        via: 'alias',
        account: { id: 'acc_alice' },
      });
      const found = await store.searchAccounts({ scope: 'slack:TA', query: 'ALICE', limit: 10 });
      expect(found.map((x) => x.id)).toEqual(['acc_alice']);
      // The migrated tables take new rows and keep their constraints.
      const taken = await store.registerAccount({
        id: 'acc_carol',
        identity: slackIdentity('UCAROL', 'TA'),
        displayName: 'Carol',
        locale: 'en',
        handleCandidates: ['alice-1', 'carol'],
        now: T0 + 20,
      });
      expect(taken.ok && taken.value.account.handle).toBe('carol');
      expect(store.integrityCheck()).toBe('ok');
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Every migrated row lives in its handle's slot window (what a handle lookup scans).
      const rows = z
        .array(z.object({ slot: z.number(), handle_key: z.string() }))
        .parse(db.prepare('SELECT slot, handle_key FROM accounts').all());
      expect(rows).toHaveLength(3);
      for (const r of rows)
        expect(r.slot - handleSlot(r.handle_key)).toSatisfy((d: number) => d >= 0 && d < SLOT_WINDOW);
    } finally {
      db.close();
    }
    // Opening again runs nothing and changes nothing.
    const again = openSqliteStore({ path, now: T0 + 30 });
    expect((await again.getAccount('acc_alice'))?.identities).toEqual([alice.teams, alice.slack]);
    await again.close();
  });

  it('refuses a migration that would leave a broken reference, and leaves the file at its version', async () => {
    writeVersion1(path, { orphan: true });
    expect(() => openSqliteStore({ path, now: T0 + 10 })).toThrow(StoreUnavailableError);
    expect(() => openSqliteStore({ path, now: T0 + 10 })).toThrow(/migration 2 would break foreign keys/);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
      expect(db.prepare('SELECT count(*) FROM identities').pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });

  it('foreign keys are on again after migrating, on a fresh file and on a migrated one', () => {
    const fresh = openDatabase(path, T0);
    expect(fresh.pragma('foreign_keys', { simple: true })).toBe(1);
    fresh.close();
    const old = join(dir, 'old.db');
    writeVersion1(old);
    const migrated = openDatabase(old, T0);
    try {
      expect(migrated.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() =>
        migrated
          .prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)')
          .run('k', 'acc_none', 's'),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      migrated.close();
    }
  });
});
