import type { StoreConfig } from '../config.js';
import type { Clock, StorePort } from '../core/index.js';
import { withAccountCache } from './account-cache.js';
import { openRedisStore } from './redis/index.js';
import { openSqliteStore } from './sqlite/index.js';

/**
 * Opens the store the configuration names (the embedded SQLite store is the default), with recently
 * read accounts kept in this process for a few seconds in front of it (`account-cache.ts`).
 */
export async function createStore(config: StoreConfig, clock: Clock): Promise<StorePort> {
  return withAccountCache(await openConfigured(config), { clock });
}

function openConfigured(config: StoreConfig): Promise<StorePort> | StorePort {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore({ path: config.path });
    case 'redis':
      return openRedisStore({ url: config.url });
    case 'redis-cluster':
      return openRedisStore({ clusterNodes: config.nodes });
  }
}
