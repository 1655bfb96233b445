import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { storeContract } from './contract.js';
import { adminClient, openFresh, STANDALONE, withRedis } from './redis-support.js';

/** The whole store contract against a real standalone redis-server, a fresh namespace per test. */
await withRedis('redis store contract', STANDALONE, () => {
  let admin: Redis | Cluster;
  beforeAll(async () => {
    admin = adminClient(STANDALONE);
    await admin.connect();
  });
  afterAll(() => admin.disconnect());
  storeContract(
    'redis',
    openFresh(STANDALONE, () => admin),
    { multiProcess: true },
  );
});
