import type { StoreConfig } from '../config.js';
import type { Clock, StorePort } from '../core/index.js';
import { withAccountCache } from './account-cache.js';
import type { ConnectionLog } from './redis/connection.js';
import { openRedisStore, type RuleCheckOptions } from './redis/index.js';
import { openSqliteStore } from './sqlite/index.js';

export type { RuleMismatch } from './redis/index.js';

/**
 * Opens the store the configuration names (the embedded SQLite store is the default), with recently
 * read accounts kept in this process for a few seconds in front of it (`account-cache.ts`).
 * `ruleCheck` goes to the Redis store: how a Lua decision that differs from core's rules is
 * reported (`redis/crosscheck.ts`); `log` gets a Redis outage's two lines (`redis/connection.ts`).
 */
export async function createStore(
  config: StoreConfig,
  clock: Clock,
  ruleCheck: RuleCheckOptions & { log?: ConnectionLog } = {},
): Promise<StorePort> {
  return withAccountCache(await openConfigured(config, ruleCheck), { clock });
}

function openConfigured(
  config: StoreConfig,
  ruleCheck: RuleCheckOptions & { log?: ConnectionLog },
): Promise<StorePort> | StorePort {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore({ path: config.path });
    case 'redis':
      return openRedisStore({ url: config.url }, ruleCheck);
    case 'redis-cluster':
      return openRedisStore({ clusterNodes: config.nodes }, ruleCheck);
  }
}
