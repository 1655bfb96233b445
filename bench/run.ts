import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { startBenchRedis } from './redis-server.js';
import { type Scenario, scenarios } from './scenarios.js';
import { load, startTarget, stopTarget } from './targets.js';

/**
 * `npm run bench`: every baseline and scenario in one invocation, same connections and duration, each
 * after a warm-up, each target in its own process (autocannon runs here). Prints a markdown table and
 * writes bench/results/latest.json. `--smoke` runs one second per scenario (CI keeps it from rotting).
 */
const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const DURATION = smoke ? 1 : Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = smoke ? 1 : 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export interface Row {
  id: string;
  what: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const fakeSlack = await startFakeSlack();
// Known to users.info, so each profile is fetched once and then read from the store's cache, as in production.
fakeSlack.addUser({ id: 'U0OWNER', teamId: 'T0BENCH', name: 'Bench Owner', locale: 'en-US' });
const redis = await startBenchRedis();

async function runScenario(s: Scenario): Promise<Row> {
  if (s.redis) await redis?.flush();
  const target = await startTarget(s.script, {
    ...s.env,
    ...(s.redis && redis ? { BENCH_STORE_URL: redis.url } : {}),
  });
  try {
    const next = s.request(target);
    await load(target.port, next, WARMUP, CONNECTIONS);
    const r = await load(target.port, next, DURATION, CONNECTIONS);
    return {
      id: s.id,
      what: s.what,
      reqPerSec: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    };
  } finally {
    await stopTarget(target);
  }
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

const only = process.env.BENCH_ONLY?.split(',');
const rows: Row[] = [];
for (const s of scenarios(fakeSlack)) {
  if (only && !only.includes(s.id) && s.id !== 'A') continue;
  if (s.redis && !redis) {
    process.stderr.write(
      `bench: ${s.id} skipped: redis-server is not installed (apt-get install redis-server)\n`,
    );
    continue;
  }
  process.stderr.write(`bench: ${s.id} ${s.what}…\n`);
  rows.push(await runScenario(s));
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const output = {
  at: new Date().toISOString(),
  machine,
  connections: CONNECTIONS,
  durationSeconds: DURATION,
  smoke,
  rows,
};
console.info(`\n${machine}; ${CONNECTIONS} connections, ${DURATION} s each after a ${WARMUP} s warm-up\n`);
console.info(table(rows));
if (!smoke) {
  mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    resolve(import.meta.dirname, 'results', 'latest.json'),
    `${JSON.stringify(output, null, 2)}\n`,
  );
}
await fakeSlack.close();
await redis?.stop();
const bad = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
if (bad.length > 0) {
  console.error(`bench: ${bad.map((r) => r.id).join(', ')} had errors or non-2xx answers`);
  process.exitCode = 1;
}
