import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Composed, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { requestConnection } from '../../src/core/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { slackActor } from '../helpers/identities.js';
import { TEST_SECRET_KEY } from '../helpers/secret-key.js';
import { randomPort, startServer, UNPRIVILEGED, unprivilegedSkipReason } from './support/process.js';

/**
 * SQLite faults: a file another process holds locked, and a read-only data directory. Each gives a
 * clear error (STORE_UNAVAILABLE from use cases, 503 from /readyz, a fix-it message at startup),
 * and the file passes `PRAGMA integrity_check` afterwards.
 */
const SECRET_KEY = TEST_SECRET_KEY;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cwi-sqlite-fault-'));
  chmodSync(dir, 0o777);
});
afterEach(() => {
  chmodSync(dir, 0o777);
  rmSync(dir, { recursive: true, force: true });
});

function integrity(path: string): { check: string; requests: number } {
  const db = new Database(path, { readonly: true });
  try {
    const check = String(db.pragma('integrity_check', { simple: true }));
    const row = db.prepare('SELECT count(*) AS n FROM requests').get();
    const requests = row && typeof row === 'object' && 'n' in row ? Number(row.n) : -1;
    return { check, requests };
  } finally {
    db.close();
  }
}

async function composeOn(path: string): Promise<Composed> {
  const loaded = loadConfig({ STORE_URL: `sqlite:${path}`, SECRET_KEY, LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return compose(loaded.config, { logger: false, delivery: false });
}

describe('a database file locked by another process', () => {
  it('while running: writes answer STORE_UNAVAILABLE, /readyz 503, then recover with no corruption', async () => {
    const path = join(dir, 'db.sqlite');
    const app = await composeOn(path);
    try {
      const alice = slackActor('U_ALICE', 'Alice');
      const first = await requestConnection(app.core, {
        actor: alice,
        target: { kind: 'actor', actor: slackActor('U_BOB', 'Bob') },
        source: 'mention',
      });
      expect(first.ok).toBe(true);

      // Another process (a backup, a sqlite3 shell) takes the write lock and keeps it.
      const holder = new Database(path);
      holder.exec('BEGIN EXCLUSIVE');
      try {
        const started = Date.now();
        const blocked = await requestConnection(app.core, {
          actor: alice,
          target: { kind: 'actor', actor: slackActor('U_CAROL', 'Carol') },
          source: 'mention',
        });
        expect(blocked).toEqual({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
        expect(Date.now() - started).toBeLessThan(8_000);

        const ready = await app.app.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ status: 'unavailable', store: 'sqlite' });
        expect(ready.json().reason).toMatch(/locked/);
        expect((await app.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }

      // The lock is gone: the same action now works, by itself.
      expect((await app.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      const again = await requestConnection(app.core, {
        actor: alice,
        target: { kind: 'actor', actor: slackActor('U_CAROL', 'Carol') },
        source: 'mention',
      });
      expect(again.ok).toBe(true);
    } finally {
      await app.app.close();
      await app.shutdown();
    }
    expect(integrity(path)).toEqual({ check: 'ok', requests: 2 });
  });

  it('at startup: the process exits 1 with a message that names the file and the fix', async () => {
    const path = join(dir, 'db.sqlite');
    const seed = openSqliteStore({ path });
    await seed.close();
    // An exclusive-mode connection keeps its lock after the write: nobody else can open the file.
    const holder = new Database(path);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (x); COMMIT');
    try {
      const server = startServer({
        PORT: String(randomPort()),
        STORE_URL: `sqlite:${path}`,
        SECRET_KEY,
      });
      expect(await server.exited).toBe(1);
      const out = server.output();
      expect(out).toContain(`cannot open ${path}`);
      expect(out).toMatch(/locked by another process/);
      expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    } finally {
      holder.close();
    }
    expect(integrity(path).check).toBe('ok');
  });
});

const readOnlySkip = unprivilegedSkipReason();
if (readOnlySkip) console.warn(`[faults] skipping the read-only directory tests: ${readOnlySkip}`);

describe.skipIf(readOnlySkip !== null)('a read-only data directory', () => {
  it('a fresh data directory that is not writable: exit 1, a message that says to make it writable', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    chmodSync(data, 0o555);
    const server = startServer(
      { PORT: String(randomPort()), STORE_URL: `sqlite:${join(data, 'db.sqlite')}`, SECRET_KEY },
      UNPRIVILEGED,
    );
    expect(await server.exited).toBe(1);
    const out = server.output();
    expect(out).toContain(`cannot open ${join(data, 'db.sqlite')}`);
    expect(out).toMatch(/writable/);
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('an existing database in a read-only directory: exit 1, a clear message, the data intact', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    const path = join(data, 'db.sqlite');
    const app = await composeOn(path);
    const sent = await requestConnection(app.core, {
      actor: slackActor('U_ALICE', 'Alice'),
      target: { kind: 'actor', actor: slackActor('U_BOB', 'Bob') },
      source: 'mention',
    });
    expect(sent.ok).toBe(true);
    await app.app.close();
    await app.shutdown();
    chmodSync(path, 0o444);
    chmodSync(data, 0o555);

    const server = startServer(
      { PORT: String(randomPort()), STORE_URL: `sqlite:${path}`, SECRET_KEY },
      UNPRIVILEGED,
    );
    expect(await server.exited).toBe(1);
    const out = server.output();
    expect(out).toContain(`cannot open ${path}`);
    expect(out).toMatch(/read-only/);
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);

    chmodSync(data, 0o755);
    expect(integrity(path)).toEqual({ check: 'ok', requests: 1 });
  });
});
