import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Cluster, Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/bots/slack/values.js';
import type { StorePort } from '../../src/core/index.js';
import { openRedisStore } from '../../src/store/redis/index.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { actionsOf, TEAM, textOf } from '../bots/slack/support.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import {
  adminClient,
  CLUSTER,
  dropNamespace,
  freshNamespace,
  STANDALONE,
  withRedis,
} from '../store/redis-support.js';
import { listeningServer } from './support.js';

/**
 * Consent before a public page, end to end: the real server on 127.0.0.1, signed Slack requests over
 * HTTP, the fake Slack Web API. An @mention of someone who never used the app sends them a request
 * but gives them no handle and no page (GET answers 404, no handle row or key is stored) until they
 * act; their first command gives them both, and the waiting request is theirs to accept.
 */
interface Opened {
  store: StorePort;
  /** Every place the raw store holds `text` as a handle: SQLite rows, Redis key names, hash fields, values. */
  rawHandleHits(text: string): Promise<number>;
  close(): Promise<void>;
}

async function openWorld(opened: Opened) {
  const server = await listeningServer({ store: opened.store, closeStore: opened.close, seed: 12 });
  const { slack } = server;
  const post = async (body: string) => {
    const { status, text } = await server.post(body);
    expect(status).toBe(200);
    return text ? (JSON.parse(text) as { text?: string; blocks?: unknown[] }) : {};
  };
  return {
    ...opened,
    slack,
    /** `/chatwork-invite <text>`: the ack's body, else what was posted to the response_url. */
    async command(userId: string, text: string) {
      const before = slack.responses.length;
      const ack = await post(server.commandBody(userId, text));
      const later = slack.responses.slice(before).at(-1)?.body as { text?: string; blocks?: unknown[] };
      return ack.text || ack.blocks ? ack : (later ?? {});
    },
    async click(userId: string, actionId: string, value: string) {
      await post(server.clickBody(userId, actionId, value));
    },
    page: async (handle: string) => (await fetch(`${server.base}/${handle}`)).status,
    deliverAll: server.deliverAll,
    close: server.close,
  };
}

function consentSuite(name: string, open: () => Promise<Opened>) {
  describe(`${name}: a mention of a never-seen person creates no page until they act`, () => {
    let w: Awaited<ReturnType<typeof openWorld>>;
    beforeEach(async () => {
      w = await openWorld(await open());
      w.slack.addUser({ id: 'UANN', teamId: TEAM, name: 'Ann Lee' });
      w.slack.addUser({ id: 'UBOB', teamId: TEAM, name: 'Bob Baker' });
    });
    afterEach(async () => w.close());
    const accountOf = (userId: string) => w.store.getAccountByIdentity(slackIdentity(userId, TEAM));

    it('request waits, no page and no handle stored; their first command gives both; they accept', async () => {
      await w.command('UANN', 'id');
      const sent = await w.command('UANN', '<@UBOB> hello');
      expect(sent.text).toBe(
        'Request sent to Bob Baker. It waits until they open Chatwork Invite; you will be told when they accept.',
      );
      expect((await accountOf('UBOB'))?.handle).toBe('');
      expect(await w.page('bob-baker')).toBe(404);
      expect(await w.rawHandleHits('bob-baker')).toBe(0);

      // Slack can DM them: the request card names Ann, and nothing of Bob's own.
      await w.deliverAll();
      const dms = w.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UBOB');
      expect(dms).toHaveLength(1);
      const card = textOf(dms[0]?.args.blocks);
      expect(card).toContain('ann-lee');
      expect(card).not.toContain('bob-baker');
      expect(await w.page('bob-baker')).toBe(404);

      // Their first command: a handle, a page, and the request waiting for them.
      const mine = await w.command('UBOB', 'requests');
      expect((await accountOf('UBOB'))?.handle).toBe('bob-baker');
      expect(await w.page('bob-baker')).toBe(200);
      expect(await w.rawHandleHits('bob-baker')).toBeGreaterThan(0);
      const accept = actionsOf(mine.blocks).find((a) => a.action_id === ACTION.accept);
      expect(accept).toBeDefined();
      await w.click('UBOB', ACTION.accept, accept!.value);
      const [ann, bob] = [await accountOf('UANN'), await accountOf('UBOB')];
      expect((await w.store.relationship(ann!.id, bob!.id)).areContacts).toBe(true);
    });
  });
}

consentSuite('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consent-'));
  const path = join(dir, 'store.db');
  const store = openSqliteStore({ path, now: T0 });
  return {
    store,
    async rawHandleHits(text) {
      const db = new Database(path, { readonly: true });
      try {
        const row = db
          .prepare('SELECT count(*) AS n FROM accounts WHERE handle = ? OR handle_key = ?')
          .get(text, text) as { n: number };
        const alias = db.prepare('SELECT count(*) AS n FROM aliases WHERE handle_key = ?').get(text) as {
          n: number;
        };
        return row.n + alias.n;
      } finally {
        db.close();
      }
    },
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

/** Key names, hash fields and values, and string values of a namespace that equal or contain `text`. */
async function redisHits(admin: Redis | Cluster, namespace: string, text: string): Promise<number> {
  const nodes =
    'nodes' in admin && typeof admin.nodes === 'function' ? (admin as Cluster).nodes('master') : [admin];
  let hits = 0;
  for (const node of nodes as Redis[]) {
    for (const match of redisKeys(namespace).patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) {
          if (k.includes(text)) hits++;
          const type = await node.type(k);
          if (type === 'hash') {
            const all = await node.hgetall(k);
            for (const [f, v] of Object.entries(all)) if (f === text || v === text) hits++;
          } else if (type === 'string' && (await node.get(k)) === text) hits++;
        }
      } while (cursor !== '0');
    }
  }
  return hits;
}

for (const [label, target] of [
  ['redis', STANDALONE],
  ['redis-cluster', CLUSTER],
] as const) {
  await withRedis(`consent e2e on ${label}`, target, () => {
    consentSuite(label, async () => {
      const namespace = freshNamespace();
      const store = await openRedisStore(target, { namespace, strictRuleCheck: true });
      const admin = adminClient(target);
      await admin.connect();
      return {
        store,
        rawHandleHits: (text) => redisHits(admin, namespace, text),
        close: async () => {
          await store.close();
          await dropNamespace(admin, namespace);
          admin.disconnect();
        },
      };
    });
  });
}
