import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StorePort } from '../src/core/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

/**
 * P5: the p50 of Accept and of handle lookup at 1k accounts and at 1M pre-seeded accounts, through the
 * store port. Seeding uses a bulk loader (one transaction of raw inserts in the store's own schema) so a
 * million accounts take seconds; the measured operations go through the real store commands.
 */
export interface ScaleRow {
  store: string;
  accounts: number;
  lookupP50us: number;
  acceptP50us: number;
}

const SAMPLES = 2_000;
const T0 = 1_800_000_000_000;

const p50 = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

export function seedSqlite(path: string, accounts: number): void {
  openSqliteStore({ path, now: T0 }).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const account = db.prepare(
    `INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at)
     VALUES (?, ?, ?, ?, ?, 'en', 1, ?)`,
  );
  const identity = db.prepare(
    'INSERT INTO identities (identity_key, account_id, scope, data) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < accounts; i++) {
      const handle = `user-${i.toString(36).padStart(5, '0')}`;
      const id = `acc_${i}`;
      account.run(id, handle, handle, `User ${i}`, `user ${i}\n${handle}`, T0);
      const ident = { platform: 'slack', teamId: 'T0SCALE', userId: `U${i}` };
      identity.run(`slack:-:T0SCALE:U${i}`, id, 'slack:T0SCALE', JSON.stringify(ident));
    }
  })();
  db.close();
}

/** Measures lookups of random handles and Accepts of distinct pending requests between random pairs. */
export async function measure(store: StorePort, accounts: number, label: string): Promise<ScaleRow> {
  let seq = 0;
  const newId = () => `evt_scale_${seq++}`;
  const pick = () => Math.floor(Math.random() * accounts);
  const lookups: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const handle = `user-${pick().toString(36).padStart(5, '0')}`;
    const t = performance.now();
    const found = await store.resolveHandle(handle, T0);
    lookups.push((performance.now() - t) * 1000);
    if (!found) throw new Error(`seeded handle ${handle} not found`);
  }
  const pending: Array<{ id: string; recipientId: string }> = [];
  // Distinct people in every pair, so no request is connected early by a mutual one.
  const used = new Set<number>();
  const fresh = () => {
    let x = pick();
    while (used.has(x)) x = (x + 1) % accounts;
    used.add(x);
    return x;
  };
  for (let i = 0; i < Math.min(SAMPLES, Math.floor(accounts / 2)); i++) {
    const a = fresh();
    const b = fresh();
    const requestId = `req_scale_${i}`;
    const sent = await store.sendRequest({
      requestId,
      senderId: `acc_${a}`,
      recipientId: `acc_${b}`,
      note: null,
      source: 'link',
      context: null,
      now: T0 + i,
      newId,
    });
    if (sent.ok && sent.value.status === 'sent') pending.push({ id: requestId, recipientId: `acc_${b}` });
  }
  const accepts: number[] = [];
  for (const r of pending) {
    const t = performance.now();
    const done = await store.decideRequest({
      requestId: r.id,
      actorId: r.recipientId,
      action: 'accept',
      now: T0 + SAMPLES + 1,
      newId,
    });
    accepts.push((performance.now() - t) * 1000);
    if (!done.ok) throw new Error(`accept failed: ${done.error.code}`);
  }
  return { store: label, accounts, lookupP50us: p50(lookups), acceptP50us: p50(accepts) };
}

export async function scaleSqlite(sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const n of sizes) {
    const path = join(mkdtempSync(join(tmpdir(), 'cwi-scale-')), 'scale.db');
    seedSqlite(path, n);
    const store = openSqliteStore({ path });
    rows.push(await measure(store, n, 'sqlite'));
    await store.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.env.SCALE_SIZES ?? '1000,1000000').split(',').map(Number);
  const rows = await scaleSqlite(sizes);
  console.info('| store | accounts | handle lookup p50 µs | accept p50 µs |\n|---|---:|---:|---:|');
  for (const r of rows) console.info(`| ${r.store} | ${r.accounts} | ${r.lookupP50us} | ${r.acceptP50us} |`);
}
