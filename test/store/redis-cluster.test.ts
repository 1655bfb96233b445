import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { storeContract } from './contract.js';
import { adminClient, CLUSTER, openFresh, withRedis } from './redis-support.js';

/** The whole store contract against a real 3-master Redis Cluster, a fresh namespace per test. */
await withRedis('redis-cluster store contract', CLUSTER, () => {
  let admin: Redis | Cluster;
  beforeAll(async () => {
    admin = adminClient(CLUSTER);
    await admin.connect();
  });
  afterAll(() => admin.disconnect());
  storeContract(
    'redis-cluster',
    openFresh(CLUSTER, () => admin),
    { multiProcess: true },
  );
});
