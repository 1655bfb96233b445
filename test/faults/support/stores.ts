import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { StoreConfig } from '../../../src/config.js';
import type { StorePort } from '../../../src/core/index.js';
import { systemClock } from '../../../src/runtime/system.js';
import { createStore } from '../../../src/store/index.js';

/**
 * The real stores a fault test runs on: a SQLite file, and the standalone redis-server of
 * `.ci/start-redis.sh` (a database of its own, flushed per test). With CI=true a missing Redis
 * fails the test; locally it is skipped with a printed reason.
 */
export const REDIS_FAULTS_URL = process.env.REDIS_FAULTS_URL ?? 'redis://127.0.0.1:6390/13';

export interface OpenedFaultStore {
  store: StorePort;
  config: StoreConfig;
  /** STORE_URL for a child process on the same data. */
  storeUrl: string;
  close(): Promise<void>;
}

export interface FaultStore {
  name: string;
  /** Null when it can run; otherwise why it is skipped. */
  skip: string | null;
  open(): Promise<OpenedFaultStore>;
}

async function redisAnswers(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (e) {
    return `redis at ${url} does not answer (${e instanceof Error ? e.message : String(e)}); run .ci/start-redis.sh`;
  } finally {
    client.disconnect();
  }
}

/** Whether this build's createStore opens Redis yet (the Redis store lands separately). */
async function redisBuilt(url: string): Promise<string | null> {
  try {
    const store = await createStore({ kind: 'redis', url }, systemClock);
    await store.close();
    return null;
  } catch (e) {
    return `this build cannot open a Redis store: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function flushRedis(url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

export async function faultStores(): Promise<FaultStore[]> {
  const sqlite: FaultStore = {
    name: 'sqlite',
    skip: null,
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cwi-faults-'));
      const path = join(dir, 'db.sqlite');
      const config: StoreConfig = { kind: 'sqlite', path };
      const store = await createStore(config, systemClock);
      return {
        store,
        config,
        storeUrl: `sqlite:${path}`,
        close: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
  const skip = (await redisAnswers(REDIS_FAULTS_URL)) ?? (await redisBuilt(REDIS_FAULTS_URL));
  if (skip && process.env.CI === 'true') throw new Error(`CI needs Redis for the fault tests: ${skip}`);
  if (skip) console.warn(`[faults] skipping redis: ${skip}`);
  const redis: FaultStore = {
    name: 'redis',
    skip,
    open: async () => {
      await flushRedis(REDIS_FAULTS_URL);
      const config: StoreConfig = { kind: 'redis', url: REDIS_FAULTS_URL };
      const store = await createStore(config, systemClock);
      return { store, config, storeUrl: REDIS_FAULTS_URL, close: () => store.close() };
    },
  };
  return [sqlite, redis];
}
