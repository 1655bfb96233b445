import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/**
 * Versioned schema migrations. Append a new entry to change the schema; never edit a shipped one.
 * Each runs in its own transaction and is recorded in `schema_migrations`.
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
];

export function migrate(db: Database, now: number): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => z.object({ version: z.number().int() }).parse(row).version),
  );
  const ran: number[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        now,
      );
    }).immediate();
    ran.push(m.version);
  }
  return ran;
}
