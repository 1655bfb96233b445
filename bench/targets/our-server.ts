import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { type CoreDeps, ensureAccount, requestConnection } from '../../src/core/index.js';
import { announceReady, portOf } from './ready.js';
import { retried } from './retried.js';
import { seedTeams, type TeamsSeed } from './seed-teams.js';

/**
 * Our real server (compose → buildServer, Slack on, store from BENCH_STORE_URL) at LOG_LEVEL=warn.
 * BENCH_SEED: `page` seeds one owner; `accept` also seeds BENCH_PENDING pending requests to that owner,
 * each from a distinct sender, and writes their ids for the runner to sign clicks on; `teams-*`: the
 * Teams seeds of `seed-teams.ts`. Teams is on (unauthenticated, as in our Teams tests, see the README).
 * BENCH_DELIVERY=1 runs the delivery loop (the end-to-end scenarios); otherwise notices stay queued.
 */
const dir = mkdtempSync(join(tmpdir(), 'cwi-bench-'));
const loaded = loadConfig({
  ...process.env,
  STORE_URL: process.env.BENCH_STORE_URL ?? `sqlite:${join(dir, 'bench.db')}`,
  DATA_DIR: dir,
  LOG_LEVEL: 'warn',
  SLACK_SIGNING_SECRET: process.env.BENCH_SIGNING_SECRET ?? '',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_API_URL: process.env.BENCH_SLACK_API_URL ?? 'http://127.0.0.1:9/api/',
  TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  // The per-IP limit would answer 429 to a load generator on one address.
  TEAMS_RATE_LIMIT_PER_MINUTE: '100000000',
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const delivery = process.env.BENCH_DELIVERY === '1';
// Seeded without the delivery loop; with it (below), the server is composed again over the same store.
const seeding = await compose(loaded.config, { delivery: false });
const core: CoreDeps = seeding.core;

const OWNER = {
  identity: { platform: 'slack' as const, teamId: 'T0BENCH', userId: 'U0OWNER' },
  displayName: 'Bench Owner',
  locale: 'en' as const,
};
const seeds: { handle?: string; requestIds?: string[]; ownerId?: string } = {};
if (process.env.BENCH_SEED === 'page' || process.env.BENCH_SEED === 'accept') {
  const owner = await retried(() => ensureAccount(core, OWNER));
  if (!owner.ok) throw new Error(owner.error.code);
  seeds.handle = owner.value.account.handle;
}
if (process.env.BENCH_SEED === 'accept') {
  const count = Number(process.env.BENCH_PENDING ?? 50_000);
  const ids: string[] = [];
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const sent = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, k) =>
        retried(() =>
          requestConnection(core, {
            actor: {
              identity: { platform: 'slack', teamId: 'T0BENCH', userId: `US${start + k}` },
              displayName: `Sender ${start + k}`,
              locale: 'en',
            },
            target: { kind: 'text', text: seeds.handle ?? '' },
            source: 'link',
          }),
        ),
      ),
    );
    for (const s of sent) {
      if (!s.ok) throw new Error(`seeding failed: ${s.error.code}`);
      ids.push(s.value.outcome.request.id);
    }
  }
  seeds.requestIds = ids;
}
const seed = process.env.BENCH_SEED ?? '';
if (seed.startsWith('teams-'))
  Object.assign(
    seeds,
    await seedTeams(
      core,
      seed as TeamsSeed,
      Number(process.env.BENCH_PENDING ?? 1000),
      process.env.BENCH_CONNECTOR_URL ?? 'http://127.0.0.1:9/',
    ),
  );
const seedFile = join(dir, 'seeds.json');
writeFileSync(seedFile, JSON.stringify(seeds));
let composed = seeding;
if (delivery) {
  // The seed's own notices (each pending request's "wants to connect") count as delivered long ago:
  // in production each went out when its request was made, not in the measured minute.
  for (;;) {
    const items = await core.store.claimOutbox({
      owner: 'bench-seed',
      now: Date.now(),
      leaseMs: 600_000,
      limit: 1000,
    });
    if (items.length === 0) break;
    await core.store.ackOutboxMany({ eventIds: items.map((i) => i.event.id), owner: 'bench-seed' });
  }
  await seeding.app.close();
  await seeding.shutdown();
  composed = await compose(loaded.config, { delivery: true });
}
process.stderr.write(
  `bench: ${process.env.BENCH_SEED ?? 'no'} seed ready in ${Math.round(performance.now() / 100) / 10} s\n`,
);
const address = await composed.app.listen({ port: 0, host: '127.0.0.1' });
announceReady(portOf(address), { seedFile });
