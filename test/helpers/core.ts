import type { CoreDeps } from '../../src/core/usecases/deps.js';
import { tokenDigest } from '../../src/runtime/token-digest.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { fixedClock, T0, type TestClock } from './clock.js';
import { seededRandom } from './random.js';

export const TEST_PUBLIC_URL = 'https://invite.example.com';

export interface TestCore {
  deps: CoreDeps;
  clock: TestClock;
  store: SqliteStore;
  close: () => Promise<void>;
}

/** Use-case dependencies on a real in-memory SQLite store, a fixed clock and seeded randomness. */
export function openTestCore(opts: { seed?: number; start?: number; publicUrl?: string } = {}): TestCore {
  const clock = fixedClock(opts.start ?? T0);
  const store = openSqliteStore({ path: ':memory:', now: clock.now() });
  const deps: CoreDeps = {
    store,
    clock,
    random: seededRandom(opts.seed ?? 42),
    publicUrl: opts.publicUrl ?? TEST_PUBLIC_URL,
    tokenDigest: tokenDigest(Buffer.alloc(32, 7), 'signin-token'),
  };
  return { deps, clock, store, close: () => store.close() };
}
