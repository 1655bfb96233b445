import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/**
 * Versioned schema migrations. Append a new entry to change the schema; never change the shape a
 * shipped one leaves (migration 3 now fills `slot` plainly: migration 4 drops it). Each runs in its
 * own transaction and is recorded in `schema_migrations`.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'accounts, requests, contacts, outbox, records',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        handle TEXT NOT NULL,
        handle_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        locale TEXT NOT NULL,
        searchable INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE identities (
        identity_key TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        scope TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX identities_account ON identities(account_id);
      CREATE INDEX identities_scope ON identities(scope, account_id);
      CREATE TABLE aliases (
        handle_key TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE handle_changes (
        account_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX handle_changes_account ON handle_changes(account_id, at);
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        sender_id TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        state TEXT NOT NULL,
        note TEXT,
        source TEXT NOT NULL,
        context TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        decided_at INTEGER,
        reminded_at INTEGER
      );
      CREATE INDEX requests_pair ON requests(sender_id, recipient_id, created_at);
      CREATE INDEX requests_sender ON requests(sender_id, created_at);
      CREATE INDEX requests_recipient ON requests(recipient_id, state, created_at);
      CREATE INDEX requests_open ON requests(state, created_at) WHERE state = 'pending';
      CREATE TABLE contacts (
        account_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (account_id, other_id)
      ) WITHOUT ROWID;
      CREATE INDEX contacts_since ON contacts(account_id, since);
      CREATE TABLE blocks (
        blocker_id TEXT NOT NULL,
        blocked_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (blocker_id, blocked_id)
      ) WITHOUT ROWID;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        recipient_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        dead INTEGER NOT NULL DEFAULT 0,
        available_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_recipient ON outbox(recipient_id, dead, seq);
      CREATE INDEX outbox_ready ON outbox(dead, available_at, seq);
      CREATE TABLE records (
        ns TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at INTEGER,
        PRIMARY KEY (ns, key)
      ) WITHOUT ROWID;
      CREATE INDEX records_expiry ON records(expires_at) WHERE expires_at IS NOT NULL;
    `,
  },
  {
    // An account read is one B-tree descent by handle and two by id (the `id` index, then the row):
    // the account's identities live on its row as a JSON array, oldest first, and `identities` is only
    // the index from an identity (or a scope) to its account. Rebuilt tables keep every row.
    version: 2,
    name: 'accounts keyed by handle_key with their identities on the row; identities as an index',
    sql: `
      CREATE TABLE accounts_v2 (
        id TEXT NOT NULL UNIQUE,
        handle TEXT NOT NULL,
        handle_key TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        locale TEXT NOT NULL,
        searchable INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        identities TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO accounts_v2 (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
        SELECT a.id, a.handle, a.handle_key, a.display_name, a.search_text, a.locale, a.searchable, a.created_at,
          (SELECT json_group_array(json(data)) FROM (SELECT data FROM identities WHERE account_id = a.id ORDER BY rowid))
        FROM accounts a;
      CREATE TABLE identities_v2 (
        identity_key TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        scope TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO identities_v2 (identity_key, account_id, scope) SELECT identity_key, account_id, scope FROM identities;
      DROP TABLE identities;
      DROP TABLE accounts;
      ALTER TABLE accounts_v2 RENAME TO accounts;
      ALTER TABLE identities_v2 RENAME TO identities;
      CREATE INDEX identities_account ON identities(account_id);
      CREATE INDEX identities_scope ON identities(scope, account_id);
    `,
  },
  {
    // Shipped with a hashed rowid (`slot`, derived from the handle key) for a shallower handle
    // lookup. Migration 4 drops that column and nothing reads a slot any more, so this step now
    // copies the rows with plain rowids: the shape of a version-3 file is unchanged, and a file
    // migrated by the earlier code keeps its hashed slots only until migration 4 rebuilds the table.
    version: 3,
    name: 'accounts as a rowid table whose rowid (slot) is derived from the handle key',
    sql: `
      CREATE TABLE accounts_v3 (
        slot INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        handle TEXT NOT NULL,
        handle_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        locale TEXT NOT NULL,
        searchable INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        identities TEXT NOT NULL
      );
      INSERT INTO accounts_v3 (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
        SELECT id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities
        FROM accounts ORDER BY handle_key;
      DROP TABLE accounts;
      ALTER TABLE accounts_v3 RENAME TO accounts;
    `,
  },
  {
    // A handle lookup is the handle_key index, then the row: a B-tree grows with log n, which is
    // all the lookup needs, without a hash that is part of the file format. The table is rebuilt
    // (SQLite's procedure: new table, copy, drop, rename; `migrate` keeps foreign keys off and
    // checks them before it commits) with every row and without `slot`.
    version: 4,
    name: 'accounts without the hashed slot: a plain rowid table with handle_key and id indexed',
    sql: `
      CREATE TABLE accounts_v4 (
        id TEXT NOT NULL UNIQUE,
        handle TEXT NOT NULL,
        handle_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        locale TEXT NOT NULL,
        searchable INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        identities TEXT NOT NULL
      );
      INSERT INTO accounts_v4 (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
        SELECT id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities
        FROM accounts ORDER BY created_at, id;
      DROP TABLE accounts;
      ALTER TABLE accounts_v4 RENAME TO accounts;
    `,
  },
  {
    // Organisations (issue 15): admin policies, e-mail domains by identity, and the audit trail with
    // one row per organisation a record is listed under (export by organisation and time; purge by
    // the organisation's retention; a deleted person's id is set to NULL).
    version: 6,
    name: 'organisation policies, e-mail domains, audit',
    sql: `
      CREATE TABLE org_policies (
        organisation TEXT PRIMARY KEY,
        policy TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE email_domains (
        identity_key TEXT PRIMARY KEY,
        domain TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        organisation TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        actor_id TEXT,
        other_id TEXT,
        request_id TEXT,
        source TEXT,
        organisations TEXT NOT NULL
      );
      CREATE INDEX audit_organisation ON audit(organisation, at, seq);
      CREATE INDEX audit_actor ON audit(actor_id) WHERE actor_id IS NOT NULL;
      CREATE INDEX audit_other ON audit(other_id) WHERE other_id IS NOT NULL;
    `,
  },
  {
    // The posted-once mark lives on the outbox row (an earlier attempt may have reached the platform),
    // instead of a separate record read and written for every notice.
    version: 7,
    name: 'outbox.maybe_sent: an earlier attempt may have reached the platform',
    sql: 'ALTER TABLE outbox ADD COLUMN maybe_sent INTEGER NOT NULL DEFAULT 0;',
  },
  {
    // Enterprise Grid user ids belong to the organisation: an identity with an enterprise is keyed
    // `slack:<E>:*:<U>` (no workspace) and searched in `slack:enterprise:<E>` (core/types.ts). Keys
    // written before (`slack:<E>:<T>:<U>`) are rewritten; when one person was registered from two
    // workspaces, the older account keeps the identity and the other stays under its old key.
    version: 8,
    name: 'Enterprise Grid identities keyed by enterprise and user, searched in the enterprise',
    sql: `
      CREATE TEMP TABLE grid_keys AS
        SELECT old_key, at,
               'slack:' || ent || ':*:' || substr(team_user, instr(team_user, ':') + 1) AS new_key,
               'slack:enterprise:' || ent AS new_scope
        FROM (SELECT i.identity_key AS old_key, a.created_at AS at,
                     substr(i.identity_key, 7, instr(substr(i.identity_key, 7), ':') - 1) AS ent,
                     substr(i.identity_key, 7 + instr(substr(i.identity_key, 7), ':')) AS team_user
              FROM identities i JOIN accounts a ON a.id = i.account_id
              WHERE i.identity_key LIKE 'slack:%' AND i.identity_key NOT LIKE 'slack:-:%'
                AND i.identity_key NOT LIKE 'slack:%:*:%');
      DELETE FROM grid_keys WHERE old_key <> (SELECT g.old_key FROM grid_keys g
        WHERE g.new_key = grid_keys.new_key ORDER BY g.at, g.old_key LIMIT 1);
      DELETE FROM grid_keys WHERE new_key IN (SELECT identity_key FROM identities);
      UPDATE identities SET identity_key = g.new_key, scope = g.new_scope
        FROM grid_keys g WHERE identities.identity_key = g.old_key;
      UPDATE OR IGNORE email_domains SET identity_key = g.new_key
        FROM grid_keys g WHERE email_domains.identity_key = g.old_key;
      DROP TABLE grid_keys;
    `,
  },
];

const versionRow = z.object({ version: z.number().int() });

/**
 * Applies the pending migrations in order, each in its own IMMEDIATE transaction. Foreign keys are
 * off while they run (SQLite's procedure for rebuilding a table: a dropped parent would otherwise
 * fail, or be checked row by row against its children), and `foreign_key_check` must come back
 * empty before each commits. A migration another process applied meanwhile is skipped.
 */
export function migrate(db: Database, now: number): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const appliedNow = () =>
    new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((row) => versionRow.parse(row).version),
    );
  const pending = MIGRATIONS.filter((m) => !appliedNow().has(m.version));
  if (pending.length === 0) return [];
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  const ran: number[] = [];
  try {
    for (const m of pending) {
      const applied = db
        .transaction(() => {
          if (appliedNow().has(m.version)) return false;
          db.exec(m.sql);
          const broken = z.array(z.unknown()).parse(db.pragma('foreign_key_check'));
          if (broken.length > 0)
            throw new Error(
              `migration ${m.version} would break foreign keys: ${JSON.stringify(broken.slice(0, 3))}`,
            );
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
            m.version,
            m.name,
            now,
          );
          return true;
        })
        .immediate();
      if (applied) ran.push(m.version);
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return ran;
}
