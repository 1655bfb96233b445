import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StorePort } from '../src/core/index.js';
import { openRedisStore } from '../src/store/redis/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { startBenchRedis } from './redis-server.js';

/**
 * P5: the p50 of Accept and of handle lookup at 1k accounts and at 1M pre-seeded accounts, through the
 * store port, on SQLite and on Redis. SQLite is seeded by a bulk loader (one transaction of raw inserts
 * in the store's own schema, seconds for a million); Redis through the store's own `registerAccount`,
 * pipelined (see `seedRedis`). The measured operations go through the real store commands.
 * `npm run bench:scale` (SCALE_SIZES=1000,1000000); `npm run bench` includes it.
 */
export interface ScaleRow {
  store: string;
  accounts: number;
  lookupP50us: number;
  acceptP50us: number;
}

/**
 * P5 targets: the figure at the largest size over the figure at the smallest. A SQLite handle lookup
 * is a B-tree descent (the handle_key index, then the row), which grows with log n: from 1k to 1M
 * accounts that is one or two more levels, so it may grow by half. Everything else stays within 1.2×.
 */
export function scaleTarget(store: string, figure: 'handle lookup' | 'Accept'): number {
  return store === 'sqlite' && figure === 'handle lookup' ? 1.5 : 1.2;
}

const SAMPLES = 2_000;
const CONCURRENCY = 1_000;
const WARMUP_LOOKUPS = Number(process.env.SCALE_WARMUP ?? 50_000);
const handleOf = (i: number) => `user-${i.toString(36).padStart(5, '0')}`;
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
    `INSERT INTO accounts (id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
     VALUES (?, ?, ?, ?, ?, 'en', 1, ?, ?)`,
  );
  const identity = db.prepare('INSERT INTO identities (identity_key, account_id, scope) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < accounts; i++) {
      const handle = handleOf(i);
      const id = `acc_${i}`;
      const ident = { platform: 'slack', teamId: 'T0SCALE', userId: `U${i}` };
      account.run(id, handle, handle, `User ${i}`, `user ${i}\n${handle}`, T0, JSON.stringify([ident]));
      identity.run(`slack:-:T0SCALE:U${i}`, id, 'slack:T0SCALE');
    }
  })();
  db.close();
}

interface Seeded {
  store: StorePort;
  accounts: number;
  /** Distinct pending requests, each between two people who have nothing else between them. */
  pending: Array<{ id: string; recipientId: string }>;
}

/** Sends SAMPLES pending requests between random distinct pairs (no request is connected early by a mutual one). */
async function preparePending(store: StorePort, accounts: number): Promise<Seeded> {
  let seq = 0;
  const newId = () => `evt_prep_${seq++}`;
  const used = new Set<number>();
  const fresh = () => {
    let x = Math.floor(Math.random() * accounts);
    while (used.has(x)) x = (x + 1) % accounts;
    used.add(x);
    return x;
  };
  const pending: Seeded['pending'] = [];
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
  return { store, accounts, pending };
}

/**
 * Lookups of random handles, then Accepts of the pending requests, on every size of one store in
 * turn (sample i on each size, then sample i + 1): a noisy machine slows all sizes alike, so the
 * ratio between sizes holds even when the absolute figures wander.
 */
async function measureInterleaved(label: string, sizes: Seeded[]): Promise<ScaleRow[]> {
  let seq = 0;
  const newId = () => `evt_scale_${seq++}`;
  const lookups = sizes.map(() => [] as number[]);
  const accepts = sizes.map(() => [] as number[]);
  // Warm-up, not measured: a long-running server has the index and table pages it reads mapped and
  // cached; a freshly opened store faults every page in on first touch (2–3× slower at a million).
  for (let i = 0; i < WARMUP_LOOKUPS; i++)
    for (const s of sizes) await s.store.resolveHandle(handleOf(Math.floor(Math.random() * s.accounts)), T0);
  for (let i = 0; i < SAMPLES; i++)
    for (const [k, s] of sizes.entries()) {
      const handle = handleOf(Math.floor(Math.random() * s.accounts));
      const t = performance.now();
      const found = await s.store.resolveHandle(handle, T0);
      lookups[k]?.push((performance.now() - t) * 1000);
      if (!found) throw new Error(`seeded handle ${handle} not found`);
    }
  const rounds = Math.max(...sizes.map((s) => s.pending.length));
  for (let i = 0; i < rounds; i++)
    for (const [k, s] of sizes.entries()) {
      const r = s.pending[i];
      if (!r) continue;
      const t = performance.now();
      const done = await s.store.decideRequest({
        requestId: r.id,
        actorId: r.recipientId,
        action: 'accept',
        now: T0 + SAMPLES + 1,
        newId,
      });
      accepts[k]?.push((performance.now() - t) * 1000);
      if (!done.ok) throw new Error(`accept failed: ${done.error.code}`);
    }
  return sizes.map((s, k) => ({
    store: label,
    accounts: s.accounts,
    lookupP50us: p50(lookups[k] ?? []),
    acceptP50us: p50(accepts[k] ?? []),
  }));
}

export async function scaleSqlite(sizes: number[]): Promise<ScaleRow[]> {
  const seeded: Seeded[] = [];
  for (const n of sizes) {
    const path = join(mkdtempSync(join(tmpdir(), 'cwi-scale-')), 'scale.db');
    seedSqlite(path, n);
    seeded.push(await preparePending(openSqliteStore({ path }), n));
  }
  try {
    return await measureInterleaved('sqlite', seeded);
  } finally {
    for (const s of seeded) await s.store.close();
  }
}

/**
 * Seeds Redis through the store's own `registerAccount` (the real script, so the key layout of
 * src/store/redis/keys.ts cannot drift from a bulk loader's copy of it), CONCURRENCY calls in flight
 * on the one connection, which ioredis pipelines: about a minute for a million on a 2-core machine.
 */
export async function seedRedis(store: StorePort, accounts: number, log = (_: string) => {}): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < accounts; i = next++) {
      const handle = handleOf(i);
      const r = await store.registerAccount({
        id: `acc_${i}`,
        identity: { platform: 'slack', teamId: 'T0SCALE', userId: `U${i}` },
        displayName: `User ${i}`,
        locale: 'en',
        handleCandidates: [handle],
        now: T0,
      });
      if (!r.ok || r.value.account.handle !== handle) throw new Error(`seeding ${handle} failed`);
      if ((i + 1) % 200_000 === 0) log(`redis: ${i + 1}/${accounts} accounts`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export async function scaleRedis(
  url: string,
  sizes: number[],
  log?: (line: string) => void,
): Promise<ScaleRow[]> {
  const seeded: Seeded[] = [];
  try {
    for (const n of sizes) {
      const store = await openRedisStore({ url }, { namespace: `scale${n}`, commandTimeoutMs: 10_000 });
      const t = performance.now();
      await seedRedis(store, n, log);
      log?.(`redis: ${n} accounts seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      seeded.push(await preparePending(store, n));
    }
    return await measureInterleaved('redis', seeded);
  } finally {
    for (const s of seeded) await s.store.close();
  }
}

export function scaleTable(rows: ScaleRow[]): string {
  const base = (r: ScaleRow) => rows.find((b) => b.store === r.store);
  const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '–');
  return [
    '| store | accounts | handle lookup p50 µs | vs smallest | Accept p50 µs | vs smallest |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.store} | ${r.accounts} | ${r.lookupP50us} | ${ratio(r.lookupP50us, base(r)?.lookupP50us)} | ${r.acceptP50us} | ${ratio(r.acceptP50us, base(r)?.acceptP50us)} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.env.SCALE_SIZES ?? '1000,1000000').split(',').map(Number);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows = await scaleSqlite(sizes);
  const redis = await startBenchRedis();
  if (redis) {
    rows.push(...(await scaleRedis(redis.url, sizes, log)));
    await redis.stop();
  } else log('redis-server is not installed: the Redis rows are skipped');
  console.info(scaleTable(rows));
  for (const store of new Set(rows.map((r) => r.store))) {
    const mine = rows.filter((r) => r.store === store);
    const [small, large] = [mine[0], mine.at(-1)];
    if (!small || !large || small === large) continue;
    for (const [figure, pick] of [
      ['handle lookup', (r: ScaleRow) => r.lookupP50us],
      ['Accept', (r: ScaleRow) => r.acceptP50us],
    ] as const) {
      const ratio = pick(large) / pick(small);
      const target = scaleTarget(store, figure);
      console.info(
        `${store} ${figure}: ${ratio.toFixed(2)}× from ${small.accounts} to ${large.accounts} accounts ` +
          `(target ≤ ${target.toFixed(2)}×: ${ratio <= target ? 'met' : 'missed'})`,
      );
    }
  }
}
