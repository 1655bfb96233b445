import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { identityKey, POLICY, StoreUnavailableError, scopeKey } from '../../src/core/index.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../helpers/identities.js';

/**
 * Files written by servers that only knew schema version 1, or version 3 (accounts keyed by a
 * hashed `slot` rowid), open with the current code: every row is still there and reads the same
 * through the store port (handles, aliases, identities, requests, contacts), and renames work.
 */
const migration = (version: number) => {
  const m = MIGRATIONS.find((x) => x.version === version);
  if (!m) throw new Error(`migration ${version} is missing`);
  return m;
};
const latest = Math.max(...MIGRATIONS.map((m) => m.version));

const alice = { slack: slackIdentity('UALICE', 'TA'), teams: teamsIdentity('aad-alice', 'tenant-a') };
const bob = slackIdentity('UBOB', 'TA');
const carol = slackIdentity('UCAROL', 'TA');

/** One data set, written below in each old layout. Alice was `alice` and renamed herself `Alice-1`. */
const ACCOUNTS = [
  {
    id: 'acc_alice',
    handle: 'Alice-1',
    name: 'Alice Liddell',
    locale: 'ja',
    searchable: 1,
    at: T0,
    // Her Teams identity was linked first: identities read back oldest first.
    identities: [alice.teams, alice.slack],
  },
  { id: 'acc_bob', handle: 'bob', name: 'Bob', locale: 'en', searchable: 0, at: T0 + 1, identities: [bob] },
  {
    id: 'acc_carol',
    handle: 'carol',
    name: 'Carol',
    locale: 'vi',
    searchable: 1,
    at: T0 + 2,
    identities: [carol],
  },
] as const;
/** What version 3 stored as each row's rowid: the handle hash of the code that wrote it (or a neighbour on a collision). */
const V3_SLOTS: Record<string, number> = {
  acc_alice: 2796889109446140,
  acc_bob: 2371002559300335,
  acc_carol: 2371002559300336,
};
const EXPIRES = POLICY.request.expiresAfterMs;

/** The tables every version shares: aliases, handle changes, requests, contacts. */
function writeShared(db: Database.Database): void {
  db.prepare('INSERT INTO aliases (handle_key, account_id, expires_at) VALUES (?, ?, ?)').run(
    'alice',
    'acc_alice',
    T0 + POLICY.handle.aliasTtlMs,
  );
  db.prepare('INSERT INTO handle_changes (account_id, at) VALUES (?, ?)').run('acc_alice', T0 + 5);
  const request = db.prepare(
    `INSERT INTO requests (id, sender_id, recipient_id, state, note, source, context, created_at, expires_at, decided_at, reminded_at)
     VALUES (?, ?, ?, ?, ?, 'link', NULL, ?, ?, ?, NULL)`,
  );
  request.run(
    'req_bob_alice',
    'acc_bob',
    'acc_alice',
    'pending',
    'hi Alice',
    T0 + 100,
    T0 + 100 + EXPIRES,
    null,
  );
  request.run(
    'req_carol_alice',
    'acc_carol',
    'acc_alice',
    'accepted',
    null,
    T0 + 200,
    T0 + 200 + EXPIRES,
    T0 + 300,
  );
  const contact = db.prepare('INSERT INTO contacts (account_id, other_id, since) VALUES (?, ?, ?)');
  contact.run('acc_alice', 'acc_carol', T0 + 300);
  contact.run('acc_carol', 'acc_alice', T0 + 300);
}

function recordVersions(db: Database.Database, upTo: number): void {
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  for (let v = 1; v <= upTo; v++)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(v, migration(v).name, T0);
}

/** Writes a version-1 database the way the version-1 store did (identities in their own table, with data). */
function writeVersion1(path: string, opts: { orphan?: boolean } = {}): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(migration(1).sql);
  recordVersions(db, 1);
  const account = db.prepare(
    `INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const identity = db.prepare(
    'INSERT INTO identities (identity_key, account_id, scope, data) VALUES (?, ?, ?, ?)',
  );
  for (const a of ACCOUNTS) {
    const key = a.handle.toLowerCase();
    account.run(
      a.id,
      a.handle,
      key,
      a.name,
      `${a.name}\n${a.handle}`.toLowerCase(),
      a.locale,
      a.searchable,
      a.at,
    );
  }
  // Insertion order is link order; Bob's row comes between Alice's two identities.
  identity.run(identityKey(alice.teams), 'acc_alice', scopeKey(alice.teams), JSON.stringify(alice.teams));
  identity.run(identityKey(bob), 'acc_bob', scopeKey(bob), JSON.stringify(bob));
  identity.run(identityKey(alice.slack), 'acc_alice', scopeKey(alice.slack), JSON.stringify(alice.slack));
  identity.run(identityKey(carol), 'acc_carol', scopeKey(carol), JSON.stringify(carol));
  writeShared(db);
  if (opts.orphan) {
    db.pragma('foreign_keys = OFF');
    const ghost = slackIdentity('UGHOST', 'TA');
    identity.run(identityKey(ghost), 'acc_ghost', scopeKey(ghost), JSON.stringify(ghost));
  }
  db.close();
}

/** Writes a version-3 database as the version-3 store left it: accounts keyed by their hashed slot. */
function writeVersion3(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const v of [1, 2, 3]) db.exec(migration(v).sql);
  recordVersions(db, 3);
  const account = db.prepare(
    `INSERT INTO accounts (slot, id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const identity = db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)');
  for (const a of ACCOUNTS) {
    const key = a.handle.toLowerCase();
    account.run(
      V3_SLOTS[a.id],
      a.id,
      a.handle,
      key,
      a.name,
      `${a.name}\n${a.handle}`.toLowerCase(),
      a.locale,
      a.searchable,
      a.at,
      JSON.stringify(a.identities),
    );
    for (const i of a.identities) identity.run(identityKey(i), a.id, scopeKey(i));
  }
  writeShared(db);
  db.close();
}

const NOW = T0 + 1_000;

/** Everything the port says about the data set, as one value to compare across files. */
async function readAll(path: string) {
  const store = openSqliteStore({ path, now: NOW });
  try {
    const byHandle = async (h: string) => {
      const r = await store.resolveHandle(h, NOW);
      return r && { via: r.via, id: r.account.id, handle: r.account.handle };
    };
    return {
      accounts: await Promise.all(ACCOUNTS.map((a) => store.getAccount(a.id))),
      byIdentity: await Promise.all(
        [alice.slack, alice.teams, bob, carol].map(async (i) => (await store.getAccountByIdentity(i))?.id),
      ),
      handles: {
        'ALICE-1': await byHandle('ALICE-1'),
        alice: await byHandle('alice'),
        bob: await byHandle('bob'),
        carol: await byHandle('Carol'),
        nobody: await byHandle('nobody'),
      },
      search: (await store.searchAccounts({ scope: 'slack:TA', query: 'ALICE', limit: 10 })).map((x) => x.id),
      incoming: (
        await store.listRequests({ accountId: 'acc_alice', direction: 'incoming', now: NOW, limit: 10 })
      ).items,
      outgoing: (
        await store.listRequests({ accountId: 'acc_bob', direction: 'outgoing', now: NOW, limit: 10 })
      ).items,
      contacts: (await store.listContacts({ accountId: 'acc_alice', limit: 10 })).items.map((c) => ({
        id: c.account.id,
        since: c.since,
      })),
      relationship: await store.relationship('acc_carol', 'acc_alice'),
      accepted: await store.getRequest('req_carol_alice'),
      integrity: store.integrityCheck(),
    };
  } finally {
    await store.close();
  }
}

const columnsOf = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return z
      .array(z.object({ name: z.string() }))
      .parse(db.prepare(`PRAGMA table_info(${table})`).all())
      .map((c) => c.name);
  } finally {
    db.close();
  }
};

describe('sqlite migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwi-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it(`a version-1 file and a version-3 file both migrate to ${latest} and read the same`, async () => {
    const v1 = join(dir, 'v1.db');
    const v3 = join(dir, 'v3.db');
    writeVersion1(v1);
    writeVersion3(v3);
    expect(columnsOf(v3, 'accounts')).toContain('slot');

    const fromV1 = await readAll(v1);
    const fromV3 = await readAll(v3);
    expect(fromV3).toEqual(fromV1);

    expect(fromV1.accounts[0]).toEqual({
      id: 'acc_alice',
      handle: 'Alice-1',
      displayName: 'Alice Liddell',
      locale: 'ja',
      searchable: true,
      identities: [alice.teams, alice.slack],
      createdAt: T0,
    });
    expect(fromV1.accounts.map((a) => a?.searchable)).toEqual([true, false, true]);
    expect(fromV1.byIdentity).toEqual(['acc_alice', 'acc_alice', 'acc_bob', 'acc_carol']);
    expect(fromV1.handles).toEqual({
      'ALICE-1': { via: 'handle', id: 'acc_alice', handle: 'Alice-1' },
      alice: { via: 'alias', id: 'acc_alice', handle: 'Alice-1' },
      bob: { via: 'handle', id: 'acc_bob', handle: 'bob' },
      carol: { via: 'handle', id: 'acc_carol', handle: 'carol' },
      nobody: null,
    });
    expect(fromV1.search).toEqual(['acc_alice']);
    expect(fromV1.incoming.map((r) => [r.id, r.state, r.note])).toEqual([
      ['req_bob_alice', 'pending', 'hi Alice'],
    ]);
    expect(fromV1.outgoing.map((r) => r.id)).toEqual(['req_bob_alice']);
    expect(fromV1.contacts).toEqual([{ id: 'acc_carol', since: T0 + 300 }]);
    expect(fromV1.relationship).toMatchObject({ areContacts: true, aBlocksB: false });
    expect(fromV1.accepted).toMatchObject({ state: 'accepted', decidedAt: T0 + 300 });
    expect(fromV1.integrity).toBe('ok');

    for (const path of [v1, v3]) {
      expect(columnsOf(path, 'accounts')).not.toContain('slot');
      const db = new Database(path, { readonly: true });
      try {
        expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
          MIGRATIONS.map((m) => m.version),
        );
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // A handle lookup is the plain handle_key index, then the row.
        const plan = z
          .array(z.object({ detail: z.string() }))
          .parse(db.prepare('EXPLAIN QUERY PLAN SELECT id FROM accounts WHERE handle_key = ?').all('bob'))
          .map((r) => r.detail)
          .join('; ');
        expect(plan).toMatch(/USING (COVERING )?INDEX \S+ \(handle_key=\?\)/);
      } finally {
        db.close();
      }
    }
  });

  it('a migrated file takes new accounts, renames and requests, and keeps its constraints', async () => {
    for (const [name, write] of [
      ['v1.db', writeVersion1],
      ['v3.db', writeVersion3],
    ] as const) {
      const path = join(dir, name);
      write(path);
      const store = openSqliteStore({ path, now: NOW });
      try {
        // `alice-1` is Alice's, `alice` is her live alias: both are taken.
        const dave = await store.registerAccount({
          id: 'acc_dave',
          identity: slackIdentity('UDAVE', 'TA'),
          displayName: 'Dave',
          locale: 'en',
          handleCandidates: ['alice-1', 'alice', 'dave'],
          now: NOW,
        });
        expect(dave.ok && dave.value.account.handle).toBe('dave');
        const renamed = await store.changeHandle({ accountId: 'acc_bob', handle: 'robert', now: NOW + 1 });
        expect(renamed.ok).toBe(true);
        expect(await store.resolveHandle('Robert', NOW + 2)).toMatchObject({
          via: 'handle',
          account: { id: 'acc_bob' },
        });
        expect(await store.resolveHandle('bob', NOW + 2)).toMatchObject({
          via: 'alias',
          account: { id: 'acc_bob', handle: 'robert' },
        });
        const taken = await store.changeHandle({ accountId: 'acc_carol', handle: 'DAVE', now: NOW + 3 });
        expect(taken).toEqual({ ok: false, error: { code: 'HANDLE_TAKEN' } });
        let n = 0;
        const accepted = await store.decideRequest({
          requestId: 'req_bob_alice',
          actorId: 'acc_alice',
          action: 'accept',
          now: NOW + 4,
          newId: () => `evt_${name}_${n++}`,
        });
        expect(accepted.ok && accepted.value.other?.handle).toBe('robert');
        expect(
          (await store.listContacts({ accountId: 'acc_alice', limit: 10 })).items.map((c) => c.account.id),
        ).toEqual(['acc_bob', 'acc_carol']);
        expect(store.integrityCheck()).toBe('ok');
      } finally {
        await store.close();
      }
      // Opening again runs nothing and changes nothing.
      const again = openSqliteStore({ path, now: NOW + 10 });
      try {
        expect((await again.getAccount('acc_alice'))?.identities).toEqual([alice.teams, alice.slack]);
        expect((await again.resolveHandle('dave', NOW + 10))?.account.id).toBe('acc_dave');
      } finally {
        await again.close();
      }
    }
  });

  it('refuses a migration that would leave a broken reference, and leaves the file at its version', async () => {
    const path = join(dir, 'orphan.db');
    writeVersion1(path, { orphan: true });
    expect(() => openSqliteStore({ path, now: NOW })).toThrow(StoreUnavailableError);
    expect(() => openSqliteStore({ path, now: NOW })).toThrow(/migration 2 would break foreign keys/);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
      expect(db.prepare('SELECT count(*) FROM identities').pluck().get()).toBe(5);
    } finally {
      db.close();
    }
  });

  it('foreign keys are on again after migrating, on a fresh file and on migrated ones', () => {
    const fresh = openDatabase(join(dir, 'fresh.db'), T0);
    expect(fresh.pragma('foreign_keys', { simple: true })).toBe(1);
    fresh.close();
    for (const [name, write] of [
      ['v1.db', writeVersion1],
      ['v3.db', writeVersion3],
    ] as const) {
      const path = join(dir, name);
      write(path);
      const migrated = openDatabase(path, T0);
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
    }
  });
});
