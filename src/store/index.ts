import type { StoreConfig } from '../config.js';
import type { StorePort } from '../core/index.js';
import { openRedisStore } from './redis/index.js';
import { openSqliteStore } from './sqlite/index.js';

/** Opens the store the configuration names. The embedded SQLite store is the default. */
export async function createStore(config: StoreConfig): Promise<StorePort> {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore({ path: config.path });
    case 'redis':
      return openRedisStore({ url: config.url });
    case 'redis-cluster':
      return openRedisStore({ clusterNodes: config.nodes });
  }
}
