import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { startBenchRedis } from './redis-server.js';
import { blockActionsBody } from './slack-payloads.js';
import { slackHeaders, slashCommandBody } from './slack-signing.js';

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
const SECRET = 'bench-signing-secret-0123456789abcdef';
const ROOT = resolve(import.meta.dirname, '..');

interface Target {
  port: number;
  extra: Record<string, unknown>;
  child: ChildProcess;
}

async function startTarget(script: string, env: Record<string, string> = {}): Promise<Target> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'targets', script)],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_SIGNING_SECRET: SECRET, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\d+) (.*)\n/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          port: Number(m[1]),
          extra: JSON.parse(m[2] ?? '{}') as Record<string, unknown>,
          child,
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
}

function stopTarget(t: Target): Promise<void> {
  return new Promise((res) => {
    t.child.once('exit', () => res());
    t.child.kill('SIGKILL');
  });
}

type Req = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

/**
 * A scenario's requests: one fixed request, or a list cycled through (e.g. each Accept click on a
 * distinct request). Everything is signed before the run so the load generator does no crypto.
 */
type Load = { fixed: Req } | { cycle: Req[] };

async function load(port: number, what: Load, seconds: number) {
  const base = { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: seconds };
  if ('fixed' in what) {
    const { path, ...rest } = what.fixed;
    return autocannon({ ...base, ...rest, url: `${base.url}${path}` });
  }
  let i = 0;
  const list = what.cycle;
  return autocannon({
    ...base,
    requests: [{ setupRequest: (req) => ({ ...req, ...list[i++ % list.length] }) }],
  });
}

export interface Row {
  id: string;
  what: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface Scenario {
  id: string;
  what: string;
  script: string;
  env?: Record<string, string>;
  /** Needs the bench Redis (flushed before the scenario); skipped with a note when there is none. */
  redis?: boolean;
  request: (target: Target) => Load;
}

const signedCommand = (text: string, userId = 'U0BENCH'): Load => {
  const body = slashCommandBody({ teamId: 'T0BENCH', userId, userName: 'bench', text });
  return { fixed: { method: 'POST', path: '/slack/events', headers: slackHeaders(SECRET, body), body } };
};

const seedsOf = (t: Target) =>
  JSON.parse(readFileSync(String(t.extra.seedFile), 'utf8')) as { handle: string; requestIds: string[] };

/** Each Accept click on a distinct pre-seeded request, signed before the run. */
const acceptClicks = (t: Target): Load => {
  const { requestIds } = seedsOf(t);
  return {
    cycle: requestIds.map((id) => {
      const body = blockActionsBody({
        teamId: 'T0BENCH',
        userId: 'U0OWNER',
        actionId: 'ci_accept',
        value: JSON.stringify({ r: id, s: 'dm' }),
        channel: 'D0OWNER',
        responseUrl: `${fakeSlackUrl}response/bench`,
      });
      return { method: 'POST', path: '/slack/events', headers: slackHeaders(SECRET, body), body };
    }),
  };
};

const fakeSlack = await startFakeSlack();
// Known to users.info, so each profile is fetched once and then read from the store's cache, as in production.
fakeSlack.addUser({ id: 'U0OWNER', teamId: 'T0BENCH', name: 'Bench Owner', locale: 'en-US' });
const fakeSlackUrl = fakeSlack.url;
const redis = await startBenchRedis();
const slackEnv = { BENCH_SLACK_API_URL: fakeSlack.apiUrl };
const redisEnv = (): Record<string, string> => (redis ? { BENCH_STORE_URL: redis.url } : {});

export const SCENARIOS: Scenario[] = [
  {
    id: 'A',
    what: 'bare fastify POST, constant JSON (baseline A)',
    script: 'fastify-bare.ts',
    request: () => signedCommand(''),
  },
  {
    id: 'B',
    what: 'stock Bolt App + HTTPReceiver, ack only (baseline B)',
    script: 'bolt-stock.ts',
    request: () => signedCommand(''),
  },
  {
    id: 'C',
    what: 'our server + Slack receiver, ack-only listener (baseline C)',
    script: 'our-ack-only.ts',
    request: () => signedCommand(''),
  },
  {
    id: 'P1-sqlite',
    what: '/chatwork-invite → invite card (SQLite)',
    script: 'our-server.ts',
    env: { ...slackEnv, BENCH_SEED: 'page' },
    request: () => signedCommand('', 'U0OWNER'),
  },
  {
    id: 'P1-redis',
    what: '/chatwork-invite → invite card (Redis)',
    script: 'our-server.ts',
    env: { ...slackEnv, BENCH_SEED: 'page' },
    redis: true,
    request: () => signedCommand('', 'U0OWNER'),
  },
  {
    id: 'P2-sqlite',
    what: 'Accept click, distinct pending requests (SQLite)',
    script: 'our-server.ts',
    env: { ...slackEnv, BENCH_SEED: 'accept' },
    request: acceptClicks,
  },
  {
    id: 'P2-redis',
    what: 'Accept click, distinct pending requests (Redis)',
    script: 'our-server.ts',
    env: { ...slackEnv, BENCH_SEED: 'accept' },
    redis: true,
    request: acceptClicks,
  },
  {
    id: 'page',
    what: 'GET /<handle> invite page (SQLite)',
    script: 'our-server.ts',
    // The page's per-IP rate limit would answer 429 to a load generator on one address.
    env: { BENCH_SEED: 'page', WEB_RATE_LIMIT_PER_MINUTE: '100000000' },
    request: (t) => {
      return { fixed: { method: 'GET', path: `/${seedsOf(t).handle}` } };
    },
  },
];

async function runScenario(s: Scenario): Promise<Row> {
  if (s.redis) await redis?.flush();
  const target = await startTarget(s.script, { ...s.env, ...(s.redis ? redisEnv() : {}) });
  try {
    const next = s.request(target);
    await load(target.port, next, WARMUP);
    const r = await load(target.port, next, DURATION);
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
for (const s of SCENARIOS) {
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
