import type { StorePort } from '../../src/core/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { CLUSTER, openFreshStore, STANDALONE, withRedis } from '../store/redis-support.js';

/** Opens one fresh store for a test, and closes it (dropping a Redis namespace). */
export type OpenOne = () => Promise<{ store: StorePort; close: () => Promise<void> }>;

/**
 * Registers an end-to-end suite once per store: in-memory SQLite, then Redis and Redis Cluster
 * (`cluster: false` leaves the cluster out). A missing Redis fails under CI=true (`withRedis`).
 */
export async function onEveryStore(
  what: string,
  suite: (label: string, open: OpenOne) => void,
  { cluster = true }: { cluster?: boolean } = {},
): Promise<void> {
  suite('sqlite', async () => {
    const store = openSqliteStore({ path: ':memory:', now: T0 });
    return { store, close: () => store.close() };
  });
  await withRedis(`${what} on redis`, STANDALONE, () => suite('redis', () => openFreshStore(STANDALONE)));
  if (cluster)
    await withRedis(`${what} on redis-cluster`, CLUSTER, () =>
      suite('redis-cluster', () => openFreshStore(CLUSTER)),
    );
}
