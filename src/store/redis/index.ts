import { type StorePort, StoreUnavailableError } from '../../core/index.js';
import { redisAccounts } from './accounts.js';
import { redisBlocks } from './blocks.js';
import { Connection, type ConnectionOptions, type RedisTarget } from './connection.js';
import { createCtx } from './context.js';
import { type RuleCheckOptions, ruleCheck } from './crosscheck.js';
import { redisDeletion } from './deletion.js';
import { redisKeys } from './keys.js';
import { redisMerge } from './merge.js';
import { redisOrganisations } from './organisations.js';
import { redisOutbox } from './outbox.js';
import { redisRequests } from './requests.js';
import { redisUnclaimed } from './unclaimed.js';
import { STORE_VERSION, upgradeGate } from './upgrade.js';

export type { RedisTarget } from './connection.js';
export type { RuleCheckOptions, RuleMismatch } from './crosscheck.js';

export interface RedisStoreOptions extends ConnectionOptions, RuleCheckOptions {
  /**
   * Names one contact network: all of its keys share the hash tag `{namespace}` (one cluster slot),
   * records use `namespace:rec:…`. Default `cw`. Tests use a fresh one per store.
   */
  namespace?: string;
  /** Wall clock, only for record TTLs (`putRecord` gets no `now`). Default `Date.now`. */
  wallClock?: () => number;
}

export interface RedisStore extends StorePort {
  readonly kind: 'redis' | 'redis-cluster';
  readonly namespace: string;
}

/**
 * The Redis and Redis Cluster store. Every command is one Lua script (EVALSHA, EVAL on NOSCRIPT)
 * mirroring the rules of src/core/rules.ts, with its outbox write, so each action is one round
 * trip. Commands fail fast (≤ 1 s) with StoreUnavailableError while Redis is unreachable, and the
 * client reconnects by itself. Opening waits briefly for the first connection, then returns anyway.
 */
export async function openRedisStore(target: RedisTarget, opts: RedisStoreOptions = {}): Promise<RedisStore> {
  const namespace = opts.namespace ?? 'cw';
  const keys = redisKeys(namespace);
  const conn = new Connection(target, opts);
  await conn.ready(opts.connectWaitMs ?? 2000);
  const ctx = createCtx(conn, keys, ruleCheck(opts));
  // Data an older release wrote differently is upgraded before identities are looked up (upgrade.ts).
  const upgrade = upgradeGate(ctx, (report) =>
    opts.log?.info(
      { store: conn.kind, namespace, ...report, to: STORE_VERSION },
      'redis store data upgraded',
    ),
  );
  await upgrade.ready().catch((e: unknown) => {
    if (!(e instanceof StoreUnavailableError)) throw e;
  });
  const accounts = redisAccounts(ctx);
  const unclaimed = redisUnclaimed(ctx);
  return {
    kind: conn.kind,
    namespace,
    ...accounts,
    getAccountByIdentity: (identity) => upgrade.ready().then(() => accounts.getAccountByIdentity(identity)),
    registerAccount: (cmd) => upgrade.ready().then(() => accounts.registerAccount(cmd)),
    searchAccounts: (q) => upgrade.ready().then(() => accounts.searchAccounts(q)),
    countAccountsIn: (scope, atMost) => upgrade.ready().then(() => accounts.countAccountsIn(scope, atMost)),
    ...redisRequests(ctx),
    ...redisBlocks(ctx),
    ...redisOutbox(ctx, opts.wallClock ?? Date.now),
    ...redisDeletion(ctx),
    ...unclaimed,
    registerUnclaimed: (cmd) => upgrade.ready().then(() => unclaimed.registerUnclaimed(cmd)),
    ...redisMerge(ctx),
    ...redisOrganisations(ctx),
    ping: async () => {
      await conn.call('ping', (c) => c.ping());
    },
    // Records carry Redis TTLs: nothing to prune by hand.
    pruneExpiredRecords: async () => 0,
    close: () => conn.close(),
  };
}
