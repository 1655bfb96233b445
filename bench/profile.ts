import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchRedis } from './redis-server.js';
import { startBenchConnector, startBenchSlack } from './remotes.js';
import { scenarios } from './scenarios.js';
import { load, startTarget, stopTarget } from './targets.js';

/**
 * `npm run bench:profile -- <scenario id> [seconds]`: runs one scenario of `npm run bench` with the
 * V8 CPU profiler on in the target, after a warm-up (so start-up is not in it), and prints where the
 * time went: self time by package, the top functions by self time and by inclusive time. The
 * `.cpuprofile` is kept (open it in Chrome DevTools or speedscope). PROFILE_FILTER=<regex> keeps only
 * the matching functions; PROFILE_ROWS sets how many are listed.
 */
const id = process.argv[2] ?? 'C';
const seconds = Number(process.argv[3] ?? 8);
const fakeSlack = await startBenchSlack();
const fakeConnector = await startBenchConnector();
const scenario = scenarios({ slack: fakeSlack, connectorUrl: fakeConnector.url }).find((s) => s.id === id);
if (!scenario) throw new Error(`no scenario ${id}`);
const redis = scenario.redis ? await startBenchRedis() : null;
if (scenario.redis && !redis) throw new Error('redis-server is not installed');
const out = join(mkdtempSync(join(tmpdir(), 'cwi-prof-')), `${id}.cpuprofile`);
const target = await startTarget(
  scenario.script,
  { ...scenario.env, ...(redis ? { BENCH_STORE_URL: redis.url } : {}) },
  out,
);
const what = scenario.request(target);
await load(target.port, what, 2, 50);
target.child.kill('SIGUSR2');
await new Promise((r) => setTimeout(r, 200));
const r = await load(target.port, what, seconds, 50);
await stopTarget(target, 'SIGTERM');
await fakeSlack.close();
await fakeConnector.close();
await redis?.stop();
console.info(
  `${id}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}\n${out}`,
);

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
};
const profile = JSON.parse(readFileSync(out, 'utf8')) as { nodes: Node[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const total = profile.nodes.reduce((s, n) => s + n.hitCount, 0);
const nameOf = (n: Node) =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/[^/]+\//, '')}:${n.callFrame.lineNumber + 1}`;
const packageOf = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] ?? url;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]?.split('/').slice(0, -1).join('/')}`;
  if (url.includes('/bench/')) return 'bench';
  return url === '' ? '(native, gc, idle)' : url.replace(/^node:internal\//, 'node:');
};
const self = new Map<string, number>();
const byPackage = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
for (const n of profile.nodes) {
  add(self, nameOf(n), n.hitCount);
  add(byPackage, packageOf(n.callFrame.url), n.hitCount);
}
/** Inclusive time: a function's subtree, counted once per call path (recursion is not double-counted). */
const inclusive = new Map<string, number>();
const walk = (nodeId: number, onPath: Set<string>): number => {
  const n = byId.get(nodeId);
  if (!n) return 0;
  const k = nameOf(n);
  const fresh = !onPath.has(k);
  if (fresh) onPath.add(k);
  let sum = n.hitCount;
  for (const c of n.children ?? []) sum += walk(c, onPath);
  if (fresh) {
    onPath.delete(k);
    add(inclusive, k, sum);
  }
  return sum;
};
walk(profile.nodes[0]?.id ?? 0, new Set());
const only = process.env.PROFILE_FILTER ? new RegExp(process.env.PROFILE_FILTER) : null;
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .filter(([k]) => !only || only.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
const rows = Number(process.env.PROFILE_ROWS ?? 40);
console.info(`\n## self time by package\n${top(byPackage, 20)}`);
console.info(`\n## self time by function\n${top(self, rows)}`);
console.info(`\n## inclusive time by function\n${top(inclusive, rows)}`);
