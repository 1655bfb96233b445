import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisTarget } from '../../src/store/redis/connection.js';
import { openRedisStore } from '../../src/store/redis/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { seedDeletion } from './contract/deletion.js';
import { Fixture } from './contract/support.js';
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
 * `delete my data` leaves nothing: after the store command, no SQLite row and no Redis key (name or
 * content) mentions the person's account id, identity or handle, except the tombstone of each handle.
 * The world is the contract's `seedDeletion` (every kind of data, plus other people's).
 */
const mentions = (text: string, needles: readonly string[]) =>
  needles.filter((n) => text.toLowerCase().includes(n.toLowerCase()));

describe('sqlite: no row mentions a deleted person', () => {
  it('scans every table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-delete-'));
    const path = join(dir, 'store.db');
    const store = openSqliteStore({ path, now: T0 });
    try {
      const world = await seedDeletion(new Fixture(store, {}, undefined));
      const raw = new Database(path, { readonly: true });
      const dump = () => {
        const tables = raw
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all()
          .map((r) => String((r as { name: unknown }).name));
        return tables.flatMap((t) =>
          raw
            .prepare(`SELECT * FROM "${t}"`)
            .all()
            .map((row) => ({ table: t, text: JSON.stringify(row) })),
        );
      };
      const before = dump().filter((r) => mentions(r.text, world.needles).length > 0);
      expect(new Set(before.map((r) => r.table))).toEqual(
        new Set([
          'accounts',
          'identities',
          'aliases',
          'handle_changes',
          'requests',
          'contacts',
          'blocks',
          'outbox',
          'records',
          'audit',
          'email_domains',
        ]),
      );
      expect((await store.deleteAccount({ accountId: world.gone.id, now: T0 + 100 })).ok).toBe(true);
      const left = dump().filter((r) => mentions(r.text, world.needles).length > 0);
      expect(left.map((r) => r.text).sort()).toEqual([
        JSON.stringify({
          ns: 'tombstone',
          key: 'zyxwvut-first',
          value: JSON.stringify({ deletedAt: T0 + 100 }),
          expires_at: null,
        }),
        JSON.stringify({
          ns: 'tombstone',
          key: 'zyxwvut-now',
          value: JSON.stringify({ deletedAt: T0 + 100 }),
          expires_at: null,
        }),
      ]);
      expect(dump().some((r) => r.text.includes(world.others.bobby.id))).toBe(true);
      raw.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const [name, target] of [
  ['redis', STANDALONE],
  ['redis cluster', CLUSTER],
] as Array<[string, RedisTarget]>) {
  await withRedis(`${name}: no key mentions a deleted person`, target, () => {
    describe(`${name}: no key mentions a deleted person`, () => {
      let admin: Redis | Cluster;
      beforeAll(async () => {
        admin = adminClient(target);
        await admin.connect();
      });
      afterAll(() => admin.disconnect());

      it('scans the whole keyspace of the namespace', async () => {
        const namespace = freshNamespace();
        const store = await openRedisStore(target, { strictRuleCheck: true, namespace });
        try {
          const world = await seedDeletion(new Fixture(store, {}, undefined));
          const ids = await admin.hgetall(`{${namespace}}ai:0`);
          const uid = Object.entries(ids).find(([, id]) => id === world.gone.id)?.[0];
          expect(uid).toBeDefined();
          const ofUid = new RegExp(`^\\{${namespace}\\}[a-z]+(:[0-9]+)*:${uid}(:|$)`);
          const before = (await dumpRedis(admin, namespace)).filter(
            (r) => mentions(r.text, world.needles).length > 0,
          );
          expect(before.length).toBeGreaterThan(5);
          expect((await dumpRedis(admin, namespace)).filter((r) => ofUid.test(r.key)).length).toBeGreaterThan(
            3,
          );
          expect(before.some((r) => r.key.includes(':rec:'))).toBe(true);
          expect((await store.deleteAccount({ accountId: world.gone.id, now: T0 + 100 })).ok).toBe(true);
          const left = (await dumpRedis(admin, namespace)).filter(
            (r) => mentions(r.text, world.needles).length > 0,
          );
          expect(left.map((r) => r.text).sort()).toEqual([
            `{${namespace}}tb:zyxwvut-first "${T0 + 100}"`,
            `{${namespace}}tb:zyxwvut-now "${T0 + 100}"`,
          ]);
          expect(
            (await dumpRedis(admin, namespace)).filter((r) => ofUid.test(r.key)).map((r) => r.key),
          ).toEqual([]);
          // uids of the person are gone from every structure of the others too
          const { bobby, frank } = world.others;
          expect(await store.listContacts({ accountId: bobby.id, limit: 10 })).toMatchObject({ items: [] });
          expect((await store.relationship(frank.id, world.gone.id)).aBlocksB).toBe(false);
        } finally {
          await store.close();
          await dropNamespace(admin, namespace);
        }
      });
    });
  });
}
