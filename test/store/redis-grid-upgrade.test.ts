import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Identity, identityKey, scopeKey } from '../../src/core/index.js';
import { openRedisStore, type RedisStore, type RedisTarget } from '../../src/store/redis/index.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { T0 } from '../helpers/clock.js';
import { gridIdentity, slackIdentity } from '../helpers/identities.js';
import { dumpRedis } from './redis-dump.js';
import {
  adminClient,
  CLUSTER,
  dropNamespace,
  freshNamespace,
  STANDALONE,
  withRedis,
} from './redis-support.js';

/**
 * Store version 1 (src/store/redis/upgrade.ts): a Redis namespace written while a Grid identity's key
 * still named its workspace (`slack:<E>:<T>:<U>`, searched in `slack:<T>`, before commit 909cd6a) opens
 * with the enterprise-wide keys, as SQLite migration 8 does: the same account, its contacts, one person
 * across the organisation's workspaces, the older account winning when the same user had two.
 */
type Slack = Extract<Identity, { platform: 'slack' }>;
const wendyTB = gridIdentity('W1', 'TB', 'E1') as Slack;
const wendyTA = gridIdentity('W1', 'TA', 'E1') as Slack;
const walt = gridIdentity('W2', 'TB', 'E1') as Slack;
const plain = slackIdentity('U1', 'TA') as Slack;
// uid order (registration order) is not createdAt order: the older createdAt wins, as in SQLite.
const OLD = [
  { id: 'acc_wendy_ta', handle: 'wendy-2', at: T0 + 2, identity: wendyTA },
  { id: 'acc_wendy_tb', handle: 'wendy', at: T0 + 1, identity: wendyTB },
  { id: 'acc_walt', handle: 'walt', at: T0 + 3, identity: walt },
  { id: 'acc_plain', handle: 'plain', at: T0 + 4, identity: plain },
];

const digest = (s: string) => {
  const h = createHash('sha1').update(s).digest('hex');
  return { d: h.slice(0, 16), b: Number.parseInt(h.slice(16, 22), 16) % 2048 };
};

/**
 * What the register script of 909cd6a^ wrote (create_account + take_handle), as raw commands: the
 * identity key and the interned prefix name the workspace (`slack:E1:TB:`, interned by prefix alone),
 * the search entry is the workspace's. Then the contacts: wendy (TB) with walt and plain.
 */
async function writeBeforeGrid(admin: Redis | Cluster, ns: string): Promise<void> {
  const k = redisKeys(ns).network;
  const uids: string[] = [];
  for (const a of OLD) {
    // walt comes after 12,000 other accounts: the upgrade reads the attribute buckets in several calls
    if (a.id === 'acc_walt') await admin.hset(k('seq'), 'acc', '11999');
    const uid = String(await admin.hincrby(k('seq'), 'acc', 1));
    uids.push(uid);
    const b = Math.floor(Number(uid) / 100);
    const i_ = a.identity;
    const ik = `slack:${i_.enterpriseId ?? '-'}:${i_.teamId}:${i_.userId}`;
    const prefix = ik.slice(0, ik.length - i_.userId.length);
    let p = await admin.hget(k('prefixNumber'), prefix);
    if (!p) {
      p = String(await admin.hincrby(k('seq'), 'ip', 1));
      await admin.hset(k('prefixNumber'), prefix, p);
      await admin.hset(k('prefixKey'), p, prefix);
      await admin.hset(k('prefixTuple'), p, JSON.stringify(['slack', i_.teamId, i_.enterpriseId ?? null]));
    }
    const x = digest(a.id);
    await admin.hset(k('idIndex', x.b), x.d, uid);
    const idd = digest(ik);
    await admin.hset(k('identityIndex', idd.b), idd.d, uid);
    await admin.hset(k('attrId', b), uid, a.id);
    await admin.hset(k('attrHandle', b), uid, a.handle);
    await admin.hset(k('attrName', b), uid, a.handle);
    await admin.hset(k('attrCreated', b), uid, String(a.at));
    await admin.hset(k('attrIdentities', b), uid, `${p},${i_.userId.length},${i_.userId}`);
    await admin.hset(k('handleIndex', digest(a.handle).b), a.handle, uid);
    await admin.sadd(k('scope', `slack:${i_.teamId}`), uid);
  }
  const [, wendy = '', waltUid = '', plainUid = ''] = uids;
  for (const other of [waltUid, plainUid]) {
    await admin.zadd(k('contacts', wendy), T0 + 5, other);
    await admin.zadd(k('contacts', other), T0 + 5, wendy);
  }
}

const ids = (accounts: Array<{ id: string }>) => accounts.map((a) => a.id).sort();

async function expectUpgraded(store: RedisStore): Promise<void> {
  const wendy = await store.getAccountByIdentity(gridIdentity('W1', 'TZ', 'E1'));
  expect(wendy?.id).toBe('acc_wendy_tb');
  expect(wendy?.identities).toEqual([wendyTB]);
  expect((await store.getAccountByIdentity(wendyTA))?.id).toBe('acc_wendy_tb');
  expect((await store.getAccountByIdentity(gridIdentity('W2', 'TA', 'E1')))?.id).toBe('acc_walt');
  expect(await store.getAccountByIdentity(gridIdentity('W1', 'TA', 'E2'))).toBeNull();
  expect((await store.getAccountByIdentity(plain))?.id).toBe('acc_plain');
  const contacts = await store.listContacts({ accountId: 'acc_wendy_tb', limit: 10 });
  expect(ids(contacts.items.map((c) => c.account))).toEqual(['acc_plain', 'acc_walt']);
  expect(ids(await store.searchAccounts({ scope: scopeKey(wendyTA), query: 'w', limit: 10 }))).toEqual([
    'acc_walt',
    'acc_wendy_tb',
  ]);
  expect(await store.searchAccounts({ scope: 'slack:TB', query: 'w', limit: 10 })).toEqual([]);
  expect(ids(await store.searchAccounts({ scope: 'slack:TA', query: '', limit: 10 }))).toEqual([
    'acc_plain',
    'acc_wendy_ta',
  ]);
}

function suite(name: string, target: RedisTarget): void {
  describe(`${name}: Grid identities stored before 909cd6a`, () => {
    let admin: Redis | Cluster;
    const opened: RedisStore[] = [];
    let ns: string;
    const open = async () => {
      const store = await openRedisStore(target, { namespace: ns, strictRuleCheck: true });
      opened.push(store);
      return store;
    };
    beforeAll(async () => {
      admin = adminClient(target);
      await admin.connect();
    });
    afterAll(() => admin.disconnect());
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await dropNamespace(admin, ns);
    });

    it('finds the same account with its contacts; one person across workspaces, the older account keeps the identity', async () => {
      ns = freshNamespace();
      await writeBeforeGrid(admin, ns);
      const store = await open();
      await expectUpgraded(store);
      // A request from a workspace never seen before registers nobody new: the account is found.
      const again = await store.registerAccount({
        id: 'acc_new',
        identity: gridIdentity('W1', 'TZ', 'E1'),
        displayName: 'Wendy',
        locale: 'en',
        handleCandidates: ['wendy-3'],
        now: T0 + 10,
      });
      expect(again).toMatchObject({ ok: true, value: { created: false, account: { id: 'acc_wendy_tb' } } });
      expect(await admin.get(redisKeys(ns).network('storeVersion'))).toBe('1');
      // The other account of the same person stays under its old key, as in SQLite.
      const k = redisKeys(ns).network;
      const old = digest(`slack:E1:TA:W1`);
      expect(await admin.hget(k('identityIndex', old.b), old.d)).toBe('1');
      const moved = digest(identityKey(wendyTB));
      expect(await admin.hget(k('identityIndex', moved.b), moved.d)).toBe('2');
    });

    it('leaves a new key that is already held (an account made after 909cd6a) where it is, as SQLite does', async () => {
      ns = freshNamespace();
      await writeBeforeGrid(admin, ns);
      // What a release between 909cd6a and the upgrade wrote for walt's next click: a second account under the new key.
      const k = redisKeys(ns).network;
      const tuple = JSON.stringify(['slack', 'TA', 'E1']);
      const p = String(await admin.hincrby(k('seq'), 'ip', 1));
      await admin.hset(k('prefixNumber'), `slack:E1:*:${tuple}`, p);
      await admin.hset(k('prefixKey'), p, 'slack:E1:*:');
      await admin.hset(k('prefixTuple'), p, tuple);
      const uid = String(await admin.hincrby(k('seq'), 'acc', 1));
      const b = Math.floor(Number(uid) / 100);
      const x = digest('acc_walt_again');
      await admin.hset(k('idIndex', x.b), x.d, uid);
      const nk = digest(identityKey(walt));
      await admin.hset(k('identityIndex', nk.b), nk.d, uid);
      await admin.hset(k('attrId', b), uid, 'acc_walt_again');
      await admin.hset(k('attrHandle', b), uid, 'walt-2');
      await admin.hset(k('attrName', b), uid, 'walt-2');
      await admin.hset(k('attrCreated', b), uid, String(T0 + 9));
      await admin.hset(k('attrIdentities', b), uid, `${p},2,W2`);
      await admin.hset(k('handleIndex', digest('walt-2').b), 'walt-2', uid);
      await admin.sadd(k('scope', 'slack:enterprise:E1'), uid);
      const store = await open();
      expect((await store.getAccountByIdentity(walt))?.id).toBe('acc_walt_again');
      expect((await store.getAccountByIdentity(gridIdentity('W1', 'TZ', 'E1')))?.id).toBe('acc_wendy_tb');
      const old = digest('slack:E1:TB:W2');
      expect(await admin.hget(k('identityIndex', old.b), old.d)).toBe('12000');
    });

    it('is idempotent: processes starting together and later ones change nothing more', async () => {
      ns = freshNamespace();
      await writeBeforeGrid(admin, ns);
      const stores = await Promise.all([open(), open(), open()]);
      for (const store of stores) await expectUpgraded(store);
      const after = (await dumpRedis(admin, ns)).map((e) => e.text).sort();
      // Even with the version key gone, a new run moves nothing and leaves every key as it was.
      await admin.del(redisKeys(ns).network('storeVersion'));
      const later = await open();
      await expectUpgraded(later);
      expect((await dumpRedis(admin, ns)).map((e) => e.text).sort()).toEqual(after);
    });
  });
}

await withRedis('redis grid upgrade', STANDALONE, () => suite('redis', STANDALONE));
await withRedis('redis-cluster grid upgrade', CLUSTER, () => suite('redis-cluster', CLUSTER));
