import { Redis } from 'ioredis';
import { autoHandleCandidates } from '../src/core/handles.js';
import type { Identity, Locale } from '../src/core/types.js';
import { systemRandom } from '../src/runtime/system.js';
import { openRedisStore } from '../src/store/redis/index.js';
import { seededFloat } from '../test/helpers/random.js';
import { startBenchRedis } from './redis-server.js';

/**
 * `npm run bench:redis-memory`: fills a fresh redis-server (started here, stock settings) through
 * the store's own commands with BENCH_ACCOUNTS accounts (default 100,000) and BENCH_EDGES contact
 * edges (default 1,000,000: each account asks 10 others, who accept), and prints bytes per account
 * and per edge from INFO memory (used_memory deltas).
 *
 * An edge is measured in steady state: once the dispatcher has delivered the outbox events and
 * the settled requests have reached their retention TTL. Both are simulated by deleting those keys
 * (what their TTL and the acks would do); the transient cost per accepted request is printed too.
 * BENCH_REDIS_URL uses an existing server instead (it must be otherwise idle).
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const EDGES = Number(process.env.BENCH_EDGES ?? 1_000_000);
const PER_ACCOUNT = Math.round(EDGES / ACCOUNTS);
const CONCURRENCY = 256;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const NS = 'bench';

const random = seededFloat(20250106);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const alnum = (n: number) =>
  Array.from({ length: n }, () => pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'])).join('');
const hex = (n: number) => Array.from({ length: n }, () => pick([...'0123456789abcdef'])).join('');
const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const NAMES: Record<Locale, { first: string[]; last: string[] }> = {
  en: {
    first: ['Alice', 'Bob', 'Carol', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Isabel', 'Jack', 'Olivia'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Garcia', 'Wilson', 'Taylor'],
  },
  ja: {
    first: ['翔太', '陽菜', '蓮', '結衣', 'さくら', '大翔', '美咲', 'ゆうと', '葵', '健太'],
    last: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'],
  },
  vi: {
    first: ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hương', 'Khánh', 'Linh', 'Minh', 'Thảo'],
    last: ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi'],
  },
};
const SLACK_TEAMS = Array.from({ length: 500 }, () => `T${alnum(10)}`);
const TEAMS_TENANTS = Array.from({ length: 100 }, guid);

function person(): { identity: Identity; displayName: string; locale: Locale } {
  const locale = pick<Locale>(['en', 'en', 'en', 'ja', 'vi']);
  const n = NAMES[locale];
  const displayName =
    locale === 'en' ? `${pick(n.first)} ${pick(n.last)}` : `${pick(n.last)} ${pick(n.first)}`;
  const identity: Identity =
    random() < 0.8
      ? { platform: 'slack', teamId: pick(SLACK_TEAMS), userId: `U${alnum(10)}` }
      : { platform: 'teams', tenantId: pick(TEAMS_TENANTS), aadObjectId: guid() };
  return { identity, displayName, locale };
}

/** Redis CPU per EVALSHA since the last call (INFO commandstats), then resets the counters. */
async function scriptCpu(admin: Redis): Promise<number> {
  const stats = await admin.info('commandstats');
  await admin.config('RESETSTAT');
  return Number(/cmdstat_evalsha:.*usec_per_call=([\d.]+)/.exec(stats)?.[1] ?? Number.NaN);
}

async function usedMemory(admin: Redis): Promise<number> {
  const info = await admin.info('memory');
  const m = /used_memory:(\d+)/.exec(info);
  if (!m) throw new Error('INFO memory has no used_memory');
  return Number(m[1]);
}

/** Runs `fn(0..n-1)` with at most CONCURRENCY in flight, printing progress. */
async function inParallel(label: string, n: number, fn: (i: number) => Promise<void>): Promise<number> {
  const t = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      await fn(i);
      if ((i + 1) % 100_000 === 0) process.stderr.write(`  ${label}: ${i + 1}/${n}\n`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - t) / 1000;
}

/** DEL, not UNLINK: memory must be freed before used_memory is read again. */
async function deleteMatching(admin: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) count += await admin.del(...keys);
  } while (cursor !== '0');
  return count;
}

const redis = process.env.BENCH_REDIS_URL
  ? { url: process.env.BENCH_REDIS_URL, stop: async () => {} }
  : await startBenchRedis();
if (!redis) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
const admin = new Redis(redis.url);
const store = await openRedisStore({ url: redis.url }, { namespace: NS, commandTimeoutMs: 120_000 });
try {
  await store.getAccount('warm-up');
  await scriptCpu(admin);
  const m0 = await usedMemory(admin);

  const ids: string[] = [];
  const tAccounts = await inParallel('accounts', ACCOUNTS, async (i) => {
    const p = person();
    const r = await store.registerAccount({
      id: systemRandom.id('acc'),
      ...p,
      handleCandidates: autoHandleCandidates(p.displayName, random),
      now: T0,
    });
    if (!r.ok) throw new Error(`register ${i}: ${r.error.code}`);
    ids[i] = r.value.account.id;
  });
  const m1 = await usedMemory(admin);
  const cpuAccounts = await scriptCpu(admin);

  // Account i asks accounts i+d (d one of PER_ACCOUNT distinct offsets below N/2): no pair twice.
  const offsets = Array.from(
    { length: PER_ACCOUNT },
    (_, k) => 1 + Math.floor(((k + 0.5) * (ACCOUNTS / 2 - 2)) / PER_ACCOUNT),
  );
  const edges = ACCOUNTS * PER_ACCOUNT;
  const newId = () => systemRandom.id('evt');
  const tEdges = await inParallel('edges', edges, async (e) => {
    const a = ids[Math.floor(e / PER_ACCOUNT)]!;
    const b = ids[(Math.floor(e / PER_ACCOUNT) + offsets[e % PER_ACCOUNT]!) % ACCOUNTS]!;
    const now = T0 + 1000 + (e % 1000);
    const sent = await store.sendRequest({
      requestId: systemRandom.id('req'),
      senderId: a,
      recipientId: b,
      note: null,
      source: 'link',
      context: null,
      now,
      newId,
    });
    if (!sent.ok || sent.value.status !== 'sent') throw new Error(`send ${e}: ${JSON.stringify(sent)}`);
    const accepted = await store.decideRequest({
      requestId: sent.value.request.id,
      actorId: b,
      action: 'accept',
      now: now + 1,
      newId,
    });
    if (!accepted.ok) throw new Error(`accept ${e}: ${accepted.error.code}`);
  });
  const m2 = await usedMemory(admin);
  const cpuEdges = await scriptCpu(admin);

  // What the TTLs (settled requests, pointers, rate windows) and the dispatcher's acks remove.
  const transient = ['r:*', 'lr:*', 'sw:*', 'oe:*', 'oq:*', 'oh', 'ow', 'oa', 'due'];
  let removed = 0;
  for (const p of transient) removed += await deleteMatching(admin, `{${NS}}${p}`);
  const m3 = await usedMemory(admin);

  const sample = ids[0]!;
  const encodings = {
    attributes: await admin.object('ENCODING', `{${NS}}an:0`),
    contacts: await admin.object('ENCODING', `{${NS}}c:1`),
    handleIndex: await admin.object('ENCODING', `{${NS}}h:0`),
  };
  const contacts = await store.listContacts({ accountId: sample, limit: 100 });
  const fmt = (n: number) => n.toFixed(0);
  console.info(`redis-memory bench: ${ACCOUNTS} accounts, ${edges} contact edges (redis ${redis.url})`);
  console.info(
    `  accounts: ${fmt(tAccounts)} s (${fmt(ACCOUNTS / tAccounts)}/s); edges: ${fmt(tEdges)} s (${fmt((2 * edges) / tEdges)} transitions/s)`,
  );
  console.info(
    `  Redis CPU per script: register ${cpuAccounts.toFixed(0)} µs, send/accept ${cpuEdges.toFixed(0)} µs (average)`,
  );
  console.info(`  bytes per account: ${fmt((m1 - m0) / ACCOUNTS)} (target ≤ 300)`);
  console.info(`  bytes per edge (steady state): ${fmt((m3 - m1) / edges)} (target ≤ 150)`);
  console.info(
    `  bytes per accepted request while retained and undelivered: ${fmt((m2 - m3) / edges)} (${removed} transient keys)`,
  );
  console.info(`  used_memory: empty ${m0}, accounts ${m1}, edges+transient ${m2}, steady ${m3}`);
  console.info(
    `  encodings: ${JSON.stringify(encodings)}; account ${sample} has ${contacts.items.length} contacts`,
  );
} finally {
  await store.close();
  admin.disconnect();
  await redis.stop();
}
