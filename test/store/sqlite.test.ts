import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { storeContract } from './contract.js';

storeContract('sqlite (:memory:)', async () => {
  const store = openSqliteStore({ path: ':memory:', now: T0 });
  return { store, close: () => store.close() };
});

/** A real file (WAL) with several connections to it: the concurrency part spreads calls over them. */
storeContract(
  'sqlite (file, several connections)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-store-'));
    const path = join(dir, 'store.db');
    const store = openSqliteStore({ path, now: T0 });
    return {
      store,
      connect: async () => openSqliteStore({ path, now: T0 }),
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { multiProcess: true },
  ['concurrency', 'records', 'organisations'],
);
