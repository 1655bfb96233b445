import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { chatworkPollerCost } from './chatwork-poller.js';
import { actionRoundTrips, redisMemory, storeRoundTrips } from './counted.js';
import { type E2eRow, e2eTable, runE2ePhase } from './e2e.js';
import { startBenchRedis } from './redis-server.js';
import { startBenchConnector, startBenchSlack } from './remotes.js';
import { type ScaleRow, scaleRedis, scaleSqlite, scaleTable } from './scale.js';
import { beforeTwin, e2eAccepts, freshlySigned, type Load, type Scenario, scenarios } from './scenarios.js';
import { load, startTarget, stopTarget, type Target } from './targets.js';
import { checks, checksTable, type Row } from './verdict.js';

/**
 * `npm run bench`: every baseline and scenario in one invocation, same connections and duration, each
 * after a warm-up, each target in its own process (autocannon runs here); then the counted figures
 * (Redis round trips, Redis memory) and the scale figures (P5). Prints markdown tables and which
 * targets are met, and writes bench/results/latest.json. `--smoke` runs one second per scenario and
 * small sizes, and writes nothing (CI runs it so the bench does not rot).
 */
const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const DURATION = smoke ? 1 : Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = smoke ? 1 : 2;
const ROUNDS = smoke ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

// The bench's fakes (remotes.ts): users.info knows everyone, so each profile is fetched once and then
// read from the store's cache, as in production. BENCH_SLACK_429=1: over Slack's limits, answer 429.
const fakeSlack = await startBenchSlack();
fakeSlack.emulate429 = process.env.BENCH_SLACK_429 === '1';
const fakeConnector = await startBenchConnector();
const redis = await startBenchRedis();

/**
 * Every target is started (and seeded) once and stays up; then each is warmed up and the scenarios
 * are loaded round-robin, ROUNDS times, so that a slow minute on a noisy machine hits every scenario
 * alike. A scenario's figure is its median round by req/s (with that round's latencies).
 */
async function runScenarios(list: Scenario[]): Promise<Row[]> {
  if (redis) await redis.flush();
  const up: Array<{ s: Scenario; target: Target; load: Load }> = [];
  try {
    let db = 0;
    for (const s of list) {
      process.stderr.write(`bench: starting ${s.id} (${s.what})…\n`);
      // Each Redis scenario has a database of its own on the bench redis-server.
      const storeUrl: Record<string, string> =
        s.redis && redis ? { BENCH_STORE_URL: `${redis.url}/${++db}` } : {};
      const target = await startTarget(s.script, { ...s.env, ...storeUrl }, undefined, s.root);
      up.push({ s, target, load: s.request(target) });
    }
    for (const u of up) {
      freshlySigned(u.load);
      await load(u.target.port, u.load, WARMUP, CONNECTIONS);
    }
    const runs = new Map<string, Row[]>();
    for (let round = 1; round <= ROUNDS; round++)
      for (const u of up) {
        process.stderr.write(`bench: round ${round}/${ROUNDS} ${u.s.id}…\n`);
        freshlySigned(u.load);
        const r = await load(u.target.port, u.load, DURATION, CONNECTIONS);
        const row: Row = {
          id: u.s.id,
          what: u.s.what,
          reqPerSec: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        };
        runs.set(u.s.id, [...(runs.get(u.s.id) ?? []), row]);
      }
    return up.map(({ s }) => medianRound(runs.get(s.id) ?? []));
  } finally {
    for (const u of up) await stopTarget(u.target);
  }
}

/** The median round by req/s, with every round's req/s kept beside it; errors are summed over all rounds. */
function medianRound(rounds: Row[]): Row {
  const sorted = [...rounds].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no rounds');
  return {
    ...median,
    rounds: rounds.map((r) => r.reqPerSec),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
  };
}

function table(rows: Row[]): string {
  const a = rows.find((r) => r.id === 'A')?.reqPerSec ?? 0;
  const lines = [
    '| id | scenario | req/s | p50 ms | p99 ms | vs A | errors | non-2xx |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ratio = a > 0 ? `${(r.reqPerSec / a).toFixed(2)}×` : '–';
    lines.push(
      `| ${r.id} | ${r.what} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${ratio} | ${r.errors} | ${r.non2xx} |`,
    );
  }
  return lines.join('\n');
}

/** BENCH_ONLY=id,…: scenarios by id (A always runs) and the parts `counted`, `memory`, `scale`, `chatwork`. */
const only = process.env.BENCH_ONLY?.split(',');
const ours = scenarios({ slack: fakeSlack, connectorUrl: fakeConnector.url }, smoke, ROUNDS);
// BENCH_BEFORE=<checkout>: each twin is loaded right after its scenario, in the same minute.
const before = process.env.BENCH_BEFORE;
const all = before ? ours.flatMap((s) => [s, ...beforeTwin(s, resolve(before))]) : ours;
const selected = all.filter((s) => {
  if (only && !only.includes(s.id.replace(/@before$/, '')) && s.id !== 'A') return false;
  if (s.redis && !redis)
    process.stderr.write(
      `bench: ${s.id} skipped: redis-server is not installed (apt-get install redis-server)\n`,
    );
  return !s.redis || redis !== null;
});
const rows = await runScenarios(selected.filter((s) => !s.e2e));
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

let e2e: { rows: E2eRow[]; paced: E2eRow[] } = { rows: [], paced: [] };
const e2eList = selected.filter((s) => s.e2e);
if (e2eList.length > 0 && redis) {
  await redis.flush();
  let db = 8;
  e2e = await runE2ePhase({
    list: e2eList,
    remotes: { slack: fakeSlack, connector: fakeConnector },
    storeUrl: (s): Record<string, string> =>
      s.redis && redis ? { BENCH_STORE_URL: `${redis.url}/${++db}` } : {},
    accepts: e2eAccepts(smoke),
    // A quarter of a round: both sides' code paths hot (JIT) before the first timed click.
    warmup: smoke ? 50 : Math.round(e2eAccepts(smoke) / 4),
    rounds: ROUNDS,
    seconds: DURATION,
    connections: CONNECTIONS,
    log,
  });
}
const slackLimits = {
  chatPostMessageOverLimit: fakeSlack.overLimit,
  channelsOverLimit: Object.fromEntries(
    [...fakeSlack.overLimitChannels].sort((a, b) => b[1] - a[1]).slice(0, 5),
  ),
  answered429: fakeSlack.emulate429,
  calls: Object.fromEntries(fakeSlack.counts),
};
const skipRedis = (what: string) => log(`${what} skipped: redis-server is not installed`);
const wanted = (part: string) => !only || only.includes(part);

let storeTrips: Record<string, number> | null = null;
let actionTrips: { acceptClick: number; inviteCard: number } | null = null;
if (wanted('counted') && redis) {
  log('P3 Redis round trips (MONITOR)…');
  await redis.flush();
  storeTrips = await storeRoundTrips(redis.url);
  actionTrips = await actionRoundTrips(redis.url, fakeSlack, smoke ? 5 : 20);
} else if (wanted('counted')) skipRedis('P3');

let memory: Awaited<ReturnType<typeof redisMemory>> | null = null;
if (wanted('memory') && redis) {
  const accounts = Number(process.env.BENCH_MEMORY_ACCOUNTS ?? (smoke ? 2_000 : 100_000));
  const edges = Number(process.env.BENCH_MEMORY_EDGES ?? (smoke ? 20_000 : 1_000_000));
  log(`P4 Redis memory: ${accounts} accounts, ${edges} edges (bench/redis-memory.ts)…`);
  memory = await redisMemory(accounts, edges);
} else if (wanted('memory')) skipRedis('P4');

const scale: ScaleRow[] = [];
if (wanted('scale')) {
  const sizes = (process.env.SCALE_SIZES ?? (smoke ? '1000,10000' : '1000,1000000')).split(',').map(Number);
  log(`P5 scale: ${sizes.join(' and ')} accounts…`);
  scale.push(...(await scaleSqlite(sizes)));
  if (redis) {
    await redis.flush();
    scale.push(...(await scaleRedis(redis.url, sizes, log)));
    await redis.flush();
  } else skipRedis('P5 on Redis');
}

const chatwork = wanted('chatwork') ? await chatworkPollerCost(smoke ? 100 : 1000, smoke ? 2 : 5) : null;

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const verdict = checks({
  rows,
  e2e: [...e2e.rows, ...e2e.paced],
  storeRoundTrips: storeTrips,
  actionRoundTrips: actionTrips,
  memory,
  scale,
});
const output = {
  at: new Date().toISOString(),
  machine,
  connections: CONNECTIONS,
  durationSeconds: DURATION,
  rounds: ROUNDS,
  smoke,
  rows,
  endToEnd: e2e,
  slackLimits,
  redisRoundTrips: { perStoreCall: storeTrips, perSlackAction: actionTrips },
  redisMemory: memory,
  scale,
  chatworkPoller: chatwork,
  targets: verdict,
};
console.info(
  `\n${machine}; ${CONNECTIONS} connections, ${DURATION} s per round after a ${WARMUP} s warm-up, ${ROUNDS} rounds round-robin, median round shown\n`,
);
console.info(table(rows));
if (e2e.rows.length > 0) {
  console.info(`\nEnd to end (each run: N accepts timed until every requester is told):\n`);
  console.info(e2eTable([...e2e.rows, ...e2e.paced]));
}
console.info(
  `\nSlack's limits at the fake Slack API: ${slackLimits.chatPostMessageOverLimit} chat.postMessage over ~1/s per channel (burst 3) (most: ${JSON.stringify(slackLimits.channelsOverLimit)})${slackLimits.answered429 ? ', answered 429 + Retry-After' : ' (counted, not refused; BENCH_SLACK_429=1 answers 429)'}; calls: ${Object.entries(
    slackLimits.calls,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
if (storeTrips)
  console.info(
    `\nRedis commands per store call: ${Object.entries(storeTrips)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
if (actionTrips)
  console.info(
    `Redis commands per whole Slack action (before and after the ack): Accept click ${actionTrips.acceptClick}, invite card ${actionTrips.inviteCard}`,
  );
if (memory)
  console.info(
    `Redis memory: ${memory.bytesPerAccount} B per account (${memory.accounts} accounts), ${memory.bytesPerEdge} B per contact edge (${memory.edges} edges)`,
  );
if (scale.length > 0) console.info(`\n${scaleTable(scale)}`);
if (chatwork)
  console.info(
    `\nChatwork poller: ${chatwork.people} people, ${chatwork.polls} polls at 60 s: ${chatwork.cpuUsPerPersonPerMinute} µs CPU per person per minute`,
  );
console.info(`\n${checksTable(verdict)}`);
if (!smoke) {
  // Only a full run is the record; a partial one (BENCH_ONLY) goes next to it, ignored by git.
  const file = only ? 'partial.tmp.json' : 'latest.json';
  mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, 'results', file), `${JSON.stringify(output, null, 2)}\n`);
  log(`figures written to bench/results/${file}`);
}
await fakeSlack.close();
await fakeConnector.close();
await redis?.stop();
const bad = [...rows, ...e2e.rows, ...e2e.paced].filter((r) => r.errors > 0 || r.non2xx > 0);
if (bad.length > 0) {
  console.error(`bench: ${bad.map((r) => r.id).join(', ')} had errors or non-2xx answers`);
  process.exitCode = 1;
}
