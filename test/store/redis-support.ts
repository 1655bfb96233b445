import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import {
  openRedisStore,
  type RedisStore,
  type RedisStoreOptions,
  type RedisTarget,
} from '../../src/store/redis/index.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { serviceMissing } from '../helpers/services.js';
import type { OpenStore } from './contract.js';

/**
 * Real Redis for the store tests: `TEST_REDIS_URL` (standalone) and `TEST_REDIS_CLUSTER_NODES`
 * (a 3-master cluster), as started by `.ci/start-redis.sh`. Each store gets its own namespace, and
 * its keys are deleted when it closes.
 */
export const STANDALONE: { url: string } = { url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6390' };
export const CLUSTER: { clusterNodes: Array<{ host: string; port: number }> } = {
  clusterNodes: (process.env.TEST_REDIS_CLUSTER_NODES ?? '127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003')
    .split(',')
    .map((n) => {
      const [host = '127.0.0.1', port = '0'] = n.trim().split(':');
      return { host, port: Number(port) };
    }),
};

export const freshNamespace = () => `t${randomBytes(6).toString('hex')}`;

/** A raw client for checks and cleanup (not the store's own). */
export function adminClient(target: RedisTarget): Redis | Cluster {
  return 'url' in target
    ? new Redis(target.url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 1 })
    : new Cluster(target.clusterNodes, { lazyConnect: true, redisOptions: { connectTimeout: 1000 } });
}

/** Null when the target answers (and a cluster is healthy), else the reason. */
export async function unreachable(target: RedisTarget): Promise<string | null> {
  const client =
    'url' in target
      ? new Redis(target.url, { lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null })
      : new Cluster(target.clusterNodes, { lazyConnect: true, clusterRetryStrategy: () => null });
  client.on('error', () => {});
  const where =
    'url' in target ? target.url : target.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',');
  try {
    await client.connect();
    await client.ping();
    if (client instanceof Cluster) {
      const info = await client.cluster('INFO');
      if (!String(info).includes('cluster_state:ok')) return `cluster at ${where} is not ok`;
    }
    return null;
  } catch (e) {
    return `no Redis at ${where}: ${e instanceof Error ? e.message : String(e)} (run .ci/start-redis.sh)`;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key of a namespace (on every master of a cluster). */
export async function dropNamespace(admin: Redis | Cluster, namespace: string): Promise<void> {
  const nodes = admin instanceof Cluster ? admin.nodes('master') : [admin];
  for (const node of nodes) {
    for (const match of redisKeys(namespace).patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await Promise.all(keys.map((k) => node.unlink(k)));
      } while (cursor !== '0');
    }
  }
}

/**
 * Registers `body` when Redis is reachable. Otherwise: under CI=true one failing test (Redis is
 * required there), locally a skipped test and a printed reason.
 */
export async function withRedis(name: string, target: RedisTarget, body: () => void): Promise<void> {
  const reason = await unreachable(target);
  if (reason === null) return body();
  serviceMissing(name, reason);
}

/**
 * The contract's `open`: a fresh namespace per store, `connect()` for peers, cleanup on close. The
 * store's rule cross-check is strict: a Lua decision that differs from core's rules fails the test.
 */
export function openFresh(
  target: RedisTarget,
  admin: () => Redis | Cluster,
  opts: RedisStoreOptions = {},
): OpenStore {
  return async () => {
    const namespace = freshNamespace();
    const open = (): Promise<RedisStore> =>
      openRedisStore(target, { strictRuleCheck: true, ...opts, namespace });
    const store = await open();
    return {
      store,
      connect: open,
      close: async () => {
        await store.close();
        await dropNamespace(admin(), namespace);
      },
    };
  };
}

/**
 * One store on a fresh namespace (strict rule cross-check) whose `close` also drops the namespace,
 * with an admin client of its own: what a suite that opens one store per test needs.
 */
export async function openFreshStore(
  target: RedisTarget,
): Promise<{ store: RedisStore; close: () => Promise<void> }> {
  const namespace = freshNamespace();
  const store = await openRedisStore(target, { namespace, strictRuleCheck: true });
  return {
    store,
    close: async () => {
      await store.close();
      const admin = adminClient(target);
      await admin.connect();
      await dropNamespace(admin, namespace);
      admin.disconnect();
    },
  };
}
