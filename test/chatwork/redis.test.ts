import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRedisStore, type RedisStore } from '../../src/store/redis/index.js';
import { fixedClock } from '../helpers/clock.js';
import {
  adminClient,
  CLUSTER,
  dropNamespace,
  freshNamespace,
  STANDALONE,
  withRedis,
} from '../store/redis-support.js';
import { type Bridge, linkByToken, openBridge } from './support.js';

/** Two instances, each with its own Redis connection, share one network: the work splits, nothing doubles. */
for (const [name, target] of [
  ['Redis', STANDALONE],
  ['Redis Cluster', CLUSTER],
] as const) {
  await withRedis(`chatwork poller on ${name}`, target, () => {
    describe(`two pollers on one ${name}`, () => {
      let b: Bridge;
      let one: RedisStore;
      let two: RedisStore;
      let namespace: string;
      beforeEach(async () => {
        namespace = freshNamespace();
        const clock = fixedClock();
        one = await openRedisStore(target, { namespace, wallClock: clock.now });
        two = await openRedisStore(target, { namespace, wallClock: clock.now });
        b = await openBridge({ store: one, clock });
      });
      afterEach(async () => {
        await b.close();
        await one.close();
        await two.close();
        const admin = adminClient(target);
        await admin.connect(); // lazy: a cluster client knows its masters only once connected
        await dropNamespace(admin, namespace);
        admin.disconnect();
      });

      it('three incoming requests are announced once each; every person is polled once per round', async () => {
        const ann = await linkByToken(b, 'acc_ann');
        const requests = [1, 2, 3].map((i) => b.cw.addRequest(ann.accountId, { name: `Sender ${i}` }));
        for (const p of ['acc_bob', 'acc_cy']) await linkByToken(b, p);
        const first = b.poller();
        const second = b.poller({ store: two, linking: b.linkingOn(two) });
        for (let s = 0; s < 180; s++) {
          b.clock.advance(1000);
          await Promise.all([first.tick(), second.tick()]);
        }
        expect(b.heard.incoming.map((h) => h.request.request_id).sort()).toEqual(
          requests.map((r) => r.request_id).sort(),
        );
        expect(b.cw.callsTo('GET /incoming_requests')).toHaveLength(3 * 3);
      });

      it('linking on one instance shows in the index the other walks; disconnect there stops it here', async () => {
        await linkByToken(b, 'acc_ann');
        const other = b.linkingOn(two);
        expect(await other.records.linked()).toEqual(['acc_ann']);
        expect(await other.disconnect('acc_ann')).toEqual({ removed: true });
        expect(await b.linking.records.linked()).toEqual([]);
        expect(await b.linking.getLink('acc_ann')).toBeNull();
      });

      it('people linked at once on both instances all land in the index (the index lock holds)', async () => {
        const other = b.linkingOn(two);
        const accounts = Array.from({ length: 12 }, () => b.cw.addAccount());
        await Promise.all(
          accounts.map((a, i) => (i % 2 ? other : b.linking).linkApiToken(`acc_${i}`, a.apiToken)),
        );
        expect((await b.linking.records.linked()).sort()).toEqual(accounts.map((_, i) => `acc_${i}`).sort());
      });
    });
  });
}
