import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Identity, identityKey, scopeKey } from '../../src/core/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { T0 } from '../helpers/clock.js';
import { gridIdentity, slackIdentity } from '../helpers/identities.js';

/**
 * Migration 8: files written while a Grid identity's key still named its workspace (`slack:<E>:<T>:<U>`,
 * searched in `slack:<T>`) open with the enterprise-wide keys: one person across the organisation's
 * workspaces, the older account winning when the same user had been registered twice.
 */
const GRID = 8;
const before = [...MIGRATIONS].filter((m) => m.version < GRID).sort((a, b) => a.version - b.version);
/** The key and scope a Grid identity had before migration 8. */
const oldKey = (i: Identity) =>
  i.platform === 'slack' ? `slack:${i.enterpriseId ?? '-'}:${i.teamId}:${i.userId}` : identityKey(i);
const oldScope = (i: Identity) => (i.platform === 'slack' ? `slack:${i.teamId}` : scopeKey(i));

const wendyTA = gridIdentity('W1', 'TA', 'E1');
const wendyTB = gridIdentity('W1', 'TB', 'E1');
const walt = gridIdentity('W2', 'TB', 'E1');
const plain = slackIdentity('U1', 'TA');

function writeBeforeGrid(path: string): void {
  const db = new Database(path);
  for (const m of before) db.exec(m.sql);
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  for (const m of before)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T0);
  const account = db.prepare(
    `INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
     VALUES (?, ?, ?, ?, ?, 'en', 1, ?, ?)`,
  );
  const identity = db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)');
  const rows: Array<[string, string, number, Identity, string]> = [
    // Registered from TB first by created_at order below: the older account wins whatever the key order.
    ['acc_wendy_tb', 'wendy', T0 + 1, wendyTB, oldKey(wendyTB)],
    ['acc_wendy_ta', 'wendy-2', T0 + 2, wendyTA, oldKey(wendyTA)],
    ['acc_walt', 'walt', T0 + 3, walt, oldKey(walt)],
    ['acc_plain', 'plain', T0 + 4, plain, identityKey(plain)],
  ];
  for (const [id, handle, at, i, key] of rows) {
    account.run(id, handle, handle, handle, handle, at, JSON.stringify([i]));
    identity.run(key, id, oldScope(i));
  }
  db.close();
}

describe('SQLite migration 8: Enterprise Grid identities', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'grid-migration-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites Grid keys and scopes; one person across workspaces; the older of two accounts keeps the identity', async () => {
    const path = join(dir, 'store.db');
    writeBeforeGrid(path);
    const store = openSqliteStore({ path, now: T0 + 10 });
    try {
      expect((await store.getAccountByIdentity(gridIdentity('W1', 'TZ', 'E1')))?.id).toBe('acc_wendy_tb');
      expect((await store.getAccountByIdentity(wendyTA))?.id).toBe('acc_wendy_tb');
      expect((await store.getAccountByIdentity(gridIdentity('W2', 'TA', 'E1')))?.id).toBe('acc_walt');
      expect((await store.getAccountByIdentity(gridIdentity('W1', 'TA', 'E2')))?.id).toBeUndefined();
      expect((await store.getAccountByIdentity(plain))?.id).toBe('acc_plain');
      const search = await store.searchAccounts({ scope: scopeKey(wendyTA), query: 'w', limit: 10 });
      expect(search.map((a) => a.id).sort()).toEqual(['acc_walt', 'acc_wendy_tb']);
      expect(await store.searchAccounts({ scope: 'slack:TB', query: 'w', limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT identity_key FROM identities ORDER BY identity_key').pluck().all()).toEqual([
      'slack:-:TA:U1',
      'slack:E1:*:W1',
      'slack:E1:*:W2',
      'slack:E1:TA:W1',
    ]);
    db.close();
  });
});
