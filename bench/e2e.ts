import autocannon from 'autocannon';
import type { Remote } from './remotes.js';
import { freshlySigned, type Req, type Scenario } from './scenarios.js';
import { startTarget, stopTarget, type Target } from './targets.js';

/**
 * End to end: N clicks on distinct pending requests (autocannon, `amount` N, optionally at a fixed
 * overall rate), timed from the first click until the fake remote has received every requester's
 * message. Per requester, the notice latency is from the moment its click was sent to the moment its
 * message arrived. Everything runs in the runner's process on one clock (`performance.now()`).
 */
export interface E2eRun {
  accepts: number;
  /** Click answers per second: N over the time from the first click to the last answer. */
  clicksPerSec: number;
  clickP50: number;
  clickP99: number;
  /** Accepts per second with every requester told: N over the time from the first click to the last notice. */
  acceptsPerSec: number;
  /** Requesters told (of N) when the wait ended. */
  told: number;
  noticeP50: number;
  noticeP99: number;
  /** Seconds from the first click to the last notice. */
  seconds: number;
  errors: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** Where each list goes on, so a later run sends requests (and pending requests) not used yet. */
const cursors = new WeakMap<Req[], number>();

export async function timeE2e(o: {
  port: number;
  list: Req[];
  remote: Remote;
  accepts: number;
  connections: number;
  /** Clicks per second for the whole run (rate-limited load); default: as fast as answered. */
  rate?: number;
  /** How long to wait for the last notice after the last click (ms). */
  waitMs?: number;
}): Promise<E2eRun> {
  freshlySigned({ cycle: o.list });
  const start = cursors.get(o.list) ?? 0;
  if (start + o.accepts > o.list.length)
    throw new Error(`e2e: only ${o.list.length - start} pending requests left for ${o.accepts} accepts`);
  cursors.set(o.list, start + o.accepts);
  const batch = o.list.slice(start, start + o.accepts);
  const sentAt = new Map<string, number>();
  o.remote.told.clear();
  let next = 0;
  // autocannon ends a run with `amount` on its one-second tick: the last answer is timed here.
  let answered = 0;
  const t0 = performance.now();
  const r = await autocannon({
    url: `http://127.0.0.1:${o.port}`,
    connections: Math.min(o.connections, o.accepts),
    amount: o.accepts,
    ...(o.rate ? { overallRate: Math.max(1, Math.round(o.rate)) } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const { tell, ...http } = batch[next++ % batch.length] ?? batch[0]!;
          if (tell) sentAt.set(tell, performance.now());
          return { ...req, ...http };
        },
        onResponse: () => {
          answered = performance.now();
        },
      },
    ],
  });
  const wanted = batch.flatMap((q) => (q.tell ? [q.tell] : []));
  const deadline = performance.now() + (o.waitMs ?? 120_000);
  const allTold = () => wanted.every((w) => o.remote.told.has(w));
  while (!allTold() && performance.now() < deadline) await new Promise((res) => setTimeout(res, 10));
  const latencies: number[] = [];
  let last = answered;
  for (const w of wanted) {
    const at = o.remote.told.get(w);
    const sent = sentAt.get(w);
    if (at === undefined || sent === undefined) continue;
    latencies.push(at - sent);
    last = Math.max(last, at);
  }
  latencies.sort((a, b) => a - b);
  const seconds = (last - t0) / 1000;
  return {
    accepts: o.accepts,
    clicksPerSec: Math.round(o.accepts / ((answered - t0) / 1000)),
    clickP50: r.latency.p50,
    clickP99: r.latency.p99,
    acceptsPerSec: Math.round(latencies.length / seconds),
    told: latencies.length,
    noticeP50: Math.round(percentile(latencies, 50)),
    noticeP99: Math.round(percentile(latencies, 99)),
    seconds: Math.round(seconds * 100) / 100,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export interface E2eRow extends E2eRun {
  id: string;
  what: string;
  /** accepts/s (end to end) of every round; the row is the median one. */
  rounds: number[];
}

/**
 * The end-to-end phase: every e2e scenario's target started and seeded once, warmed up (a small run
 * whose notices are all awaited), then loaded round-robin like the other scenarios; a figure is the
 * median round by accepts/s. Then each of our scenarios (not the B2/T2 baselines) once more at 70% of
 * the click rate it sustained in its median round, over `seconds`: its notice latency under a load the
 * server can carry (`<id>@70%`).
 */
export async function runE2ePhase(o: {
  list: Scenario[];
  remotes: { slack: Remote; connector: Remote };
  storeUrl: (s: Scenario) => Record<string, string>;
  accepts: number;
  warmup: number;
  rounds: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<{ rows: E2eRow[]; paced: E2eRow[] }> {
  const up: Array<{ s: Scenario; target: Target; list: Req[]; remote: Remote }> = [];
  try {
    for (const s of o.list) {
      o.log(`starting ${s.id} (${s.what})…`);
      const target = await startTarget(s.script, { ...s.env, ...o.storeUrl(s) });
      const loadOf = s.request(target);
      const list = 'cycle' in loadOf ? loadOf.cycle : [loadOf.fixed];
      up.push({ s, target, list, remote: s.e2e === 'connector' ? o.remotes.connector : o.remotes.slack });
    }
    const run = (u: (typeof up)[number], accepts: number, rate?: number) =>
      timeE2e({
        port: u.target.port,
        list: u.list,
        remote: u.remote,
        accepts,
        connections: o.connections,
        ...(rate ? { rate } : {}),
      });
    for (const u of up) await run(u, o.warmup);
    const runs = new Map<string, E2eRun[]>();
    for (let round = 1; round <= o.rounds; round++)
      for (const u of up) {
        o.log(`e2e round ${round}/${o.rounds} ${u.s.id}: ${o.accepts} accepts…`);
        runs.set(u.s.id, [...(runs.get(u.s.id) ?? []), await run(u, o.accepts)]);
      }
    const rows = up.map(({ s }) => {
      const all = runs.get(s.id) ?? [];
      const sorted = [...all].sort((a, b) => a.acceptsPerSec - b.acceptsPerSec);
      const median = sorted[Math.floor(sorted.length / 2)];
      if (!median) throw new Error('no rounds');
      return { ...median, id: s.id, what: s.what, rounds: all.map((r) => r.acceptsPerSec) };
    });
    const paced: E2eRow[] = [];
    for (const u of up) {
      if (BASELINES.has(u.s.id)) continue;
      const clicks = rows.find((r) => r.id === u.s.id)?.clicksPerSec ?? 0;
      const rate = Math.max(1, Math.round(clicks * 0.7));
      const accepts = Math.max(
        10,
        Math.min(Math.round(rate * o.seconds), u.list.length - (cursors.get(u.list) ?? 0)),
      );
      o.log(`e2e ${u.s.id} at 70% of ${clicks} clicks/s: ${accepts} accepts at ${rate}/s…`);
      const r = await run(u, accepts, rate);
      paced.push({
        ...r,
        id: `${u.s.id}@70%`,
        what: `${u.s.what}, at ${rate} clicks/s`,
        rounds: [r.acceptsPerSec],
      });
    }
    return { rows, paced };
  } finally {
    for (const u of up) await stopTarget(u.target);
  }
}

const BASELINES = new Set(['B2-e2e', 'T2-e2e']);

export function e2eTable(rows: E2eRow[]): string {
  return [
    '| id | scenario | accepts | clicks/s | click p50 / p99 ms | accepts/s told | told | notice p50 / p99 ms | s | errors | non-2xx |',
    '|---|---|---:|---:|---|---:|---:|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.what} | ${r.accepts} | ${r.clicksPerSec} | ${r.clickP50} / ${r.clickP99} | ${r.acceptsPerSec} | ${r.told} | ${r.noticeP50} / ${r.noticeP99} | ${r.seconds} | ${r.errors} | ${r.non2xx} |`,
    ),
  ].join('\n');
}
