import type { FastifyInstance } from 'fastify';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  type CoreDeps,
  deleteMyData,
  ensureAccount,
  issueSignInLink,
  requestConnection,
} from '../../src/core/index.js';
import { buildServer } from '../../src/http/server.js';
import { tokenDigest } from '../../src/runtime/token-digest.js';
import type { RedisTarget } from '../../src/store/redis/connection.js';
import { openRedisStore, type RedisStore } from '../../src/store/redis/index.js';
import { fixedClock } from '../helpers/clock.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { seededRandom } from '../helpers/random.js';
import { dumpRedis } from '../store/redis-dump.js';
import {
  adminClient,
  CLUSTER,
  dropNamespace,
  freshNamespace,
  STANDALONE,
  withRedis,
} from '../store/redis-support.js';
import { SECRET } from './support.js';

/**
 * `delete my data` on Redis and Redis Cluster behind the real server: the page answers 410 and no key
 * of the namespace (name or content, records included) mentions the person, except the tombstone.
 */
const ann = slackActor('UANNQZ', 'Annqz Lee');
const bob = teamsActor('aad-bobqz', 'Bob Tran');

for (const [name, target] of [
  ['redis', STANDALONE],
  ['redis cluster', CLUSTER],
] as Array<[string, RedisTarget]>) {
  await withRedis(`${name}: delete my data over HTTP`, target, () => {
    describe(`${name}: delete my data over HTTP`, () => {
      let admin: Redis | Cluster;
      let store: RedisStore;
      let app: FastifyInstance;
      let deps: CoreDeps;
      const namespace = freshNamespace();
      beforeAll(async () => {
        admin = adminClient(target);
        await admin.connect();
        store = await openRedisStore(target, { strictRuleCheck: true, namespace });
        deps = {
          store,
          clock: fixedClock(),
          random: seededRandom(7),
          publicUrl: TEST_PUBLIC_URL,
          tokenDigest: tokenDigest(SECRET, 'signin-token'),
        };
        const loaded = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL });
        if (!loaded.ok) throw new Error(loaded.problems.join('; '));
        app = await buildServer({ config: loaded.config, core: deps, secretKey: SECRET });
      });
      afterAll(async () => {
        await app.close();
        await store.close();
        await dropNamespace(admin, namespace);
        admin.disconnect();
      });

      it('410 Gone, and nothing about the person is left in the keyspace', async () => {
        const me = await ensureAccount(deps, ann);
        if (!me.ok) throw new Error('fixture');
        const handle = me.value.account.handle;
        const sent = await requestConnection(deps, {
          actor: bob,
          target: { kind: 'text', text: handle },
          note: 'hello',
          source: 'handle',
          context: null,
        });
        expect(sent.ok).toBe(true);
        expect((await issueSignInLink(deps, ann)).ok).toBe(true);
        const needles = [me.value.account.id, 'UANNQZ', 'annqz'];
        const mentions = async () =>
          (await dumpRedis(admin, namespace))
            .map((r) => r.text)
            .filter((text) => needles.some((n) => text.toLowerCase().includes(n.toLowerCase())));
        expect((await mentions()).length).toBeGreaterThan(3);
        expect((await app.inject({ url: `/${handle}` })).statusCode).toBe(200);
        expect((await deleteMyData(deps, ann, handle)).ok).toBe(true);
        const page = await app.inject({ url: `/${handle}` });
        expect(page.statusCode).toBe(410);
        expect(page.body).not.toContain('Annqz');
        expect(await mentions()).toEqual([`{${namespace}}tb:${handle} "${deps.clock.now()}"`]);
      });
    });
  });
}
