import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { ensureAccount } from '../../src/core/index.js';
import { announceReady, portOf } from './ready.js';

/**
 * Our real server (compose → buildServer) for the bench, on the store named by BENCH_STORE_URL.
 * BENCH_SEED=page seeds one account whose page is fetched. Logging is at `warn`, as in production
 * with LOG_LEVEL=warn, so the bench measures the product rather than log I/O.
 */
const dir = mkdtempSync(join(tmpdir(), 'cwi-bench-'));
const loaded = loadConfig({
  ...process.env,
  STORE_URL: process.env.BENCH_STORE_URL ?? `sqlite:${join(dir, 'bench.db')}`,
  DATA_DIR: dir,
  LOG_LEVEL: 'warn',
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const composed = await compose(loaded.config, { delivery: false });

const seeds: Record<string, unknown> = {};
if (process.env.BENCH_SEED === 'page') {
  const owner = await ensureAccount(composed.core, {
    identity: { platform: 'slack', teamId: 'T0BENCH', userId: 'U0OWNER' },
    displayName: 'Bench Owner',
    locale: 'en',
  });
  if (!owner.ok) throw new Error(owner.error.code);
  seeds.handle = owner.value.account.handle;
}
const seedFile = join(dir, 'seeds.json');
writeFileSync(seedFile, JSON.stringify(seeds));
const address = await composed.app.listen({ port: 0, host: '127.0.0.1' });
announceReady(portOf(address), { seedFile });
