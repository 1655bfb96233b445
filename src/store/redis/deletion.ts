import { createHash } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { z } from 'zod';
import {
  type AccountData,
  type ConnectionRequest,
  type DeleteAccountCommand,
  err,
  handleKey,
  identityKey,
  ok,
  type Result,
  scopeKey,
  type Tombstone,
} from '../../core/index.js';
import { recordNeedles } from '../deletion-marks.js';
import { toAccountOrNull, toRequestOrNull } from './codec.js';
import type { Ctx } from './context.js';
import { LAYOUT } from './lua/prelude.js';
import { emailDomainsOf } from './organisations.js';
import { SCRIPTS } from './scripts.js';

/**
 * `delete my data` on Redis and Redis Cluster. The network part is ONE Lua script in the network's
 * slot (`lua/deletion.ts`): account, indexes, handle and aliases (tombstoned), requests, contacts,
 * blocks and outbox events go together or not at all. Three things have no index from the account
 * and are found first by SCAN of the namespace: aliases (`al:*`), settled requests (`r:*`) and other
 * people's block lists (`b:*`); the script re-checks each candidate against the account.
 *
 * Records live in other slots (spread over the cluster by their own key), so no script can take
 * them together with the network. They are deleted just BEFORE the script, found by SCAN of the
 * namespace's records on every master by the same marks as on SQLite (`recordNeedles`, plus the card
 * records of the account's requests): if the script then fails, the account is still there and the
 * person can ask again; a record written between the two steps refers to an account that no longer
 * exists (a session or token of a deleted account opens nothing). Both scans cost time in
 * proportion to the namespace: deletion is rare and asked for by one person at a time.
 */

const deleteReply = z.union([
  z.tuple([z.literal('ok'), z.array(z.string())]),
  z.tuple([z.literal('NOT_FOUND')]),
]);
const tombstoneReply = z.union([z.null(), z.string().regex(/^\d+$/).transform(Number)]);

async function scanAll(ctx: Ctx, match: string, each: (node: Redis, keys: string[]) => Promise<void>) {
  await ctx.conn.call('deleteAccount.scan', async (client) => {
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await each(node, keys);
      } while (cursor !== '0');
    }
  });
}

/** The uid the scripts use for an account id (the same digest as `IDS` in lua/prelude.ts). */
async function uidOf(ctx: Ctx, accountId: string): Promise<string | null> {
  const hex = createHash('sha1').update(accountId).digest('hex');
  const bucket = Number.parseInt(hex.slice(16, 22), 16) % LAYOUT.indexBuckets;
  return ctx.conn.call('deleteAccount.uid', (c) =>
    c.hget(ctx.keys.network('idIndex', bucket), hex.slice(0, 16)),
  );
}

/** Alias keys, request ids and blocker uids that may concern `uid` (the script checks each again). */
async function networkCandidates(ctx: Ctx, uid: string) {
  const found = { aliases: [] as string[], requests: [] as string[], blockers: [] as string[] };
  const prefix = (name: 'alias' | 'request' | 'blocks') => ctx.keys.network(name, '');
  await scanAll(ctx, `${ctx.keys.tag}*`, async (node, keys) => {
    for (const k of keys) {
      if (k.startsWith(prefix('alias'))) {
        if ((await node.hget(k, 'u')) === uid) found.aliases.push(k.slice(prefix('alias').length));
      } else if (k.startsWith(prefix('request'))) {
        const [s, t] = await node.hmget(k, 's', 't');
        if (s === uid || t === uid) found.requests.push(k.slice(prefix('request').length));
      } else if (k.startsWith(prefix('blocks'))) {
        if ((await node.zscore(k, uid)) !== null) found.blockers.push(k.slice(prefix('blocks').length));
      }
    }
  });
  return found;
}

interface FoundRecord {
  redisKey: string;
  namespace: string;
  key: string;
  value: string;
  expiresAt: number | null;
}

/**
 * Records whose key or value carries one of the needles, or that are a card of one of the requests
 * (never tombstones or earlier exports).
 */
async function matchingRecords(ctx: Ctx, needles: readonly string[], requestIds: readonly string[]) {
  const cards = new Set(
    requestIds.flatMap((id) => [
      ctx.keys.record('slack_card', id),
      ctx.keys.record('teams_conversation', `card:${id}`),
    ]),
  );
  const pattern = ctx.keys.patterns[1] ?? '';
  const prefix = pattern.slice(0, -1);
  const found: FoundRecord[] = [];
  await scanAll(ctx, pattern, async (node, keys) => {
    for (const k of keys) {
      const [value, e] = await node.hmget(k, 'v', 'e');
      if (typeof value !== 'string') continue;
      if (!cards.has(k) && !needles.some((n) => k.includes(n) || value.includes(n))) continue;
      const m = /^([a-z_]+):\{(.*)\}$/s.exec(k.slice(prefix.length));
      if (!m || m[1] === 'data_export') continue;
      found.push({
        redisKey: k,
        namespace: m[1] ?? '',
        key: m[2] ?? '',
        value,
        expiresAt: e ? Number(e) : null,
      });
    }
  });
  return found;
}

async function dropRecords(ctx: Ctx, needles: readonly string[], requestIds: readonly string[]) {
  const found = await matchingRecords(ctx, needles, requestIds);
  const all = [...found.map((f) => f.redisKey)];
  // earlier exports carry the account id too
  await scanAll(ctx, `${ctx.keys.record('data_export', '')}`.replace('{}', '*'), async (node, keys) => {
    for (const k of keys) {
      const v = await node.hget(k, 'v');
      if (v !== null && needles.some((n) => v.includes(n))) all.push(k);
    }
  });
  for (const k of all) await ctx.conn.call('deleteAccount.record', (c) => c.del(k));
}

export function redisDeletion(ctx: Ctx) {
  return {
    deleteAccount: async (
      cmd: DeleteAccountCommand,
    ): Promise<Result<{ tombstones: Tombstone[] }, { code: 'NOT_FOUND' }>> => {
      const account = toAccountOrNull(await ctx.net(SCRIPTS.accountById, [cmd.accountId]));
      const uid = account ? await uidOf(ctx, cmd.accountId) : null;
      if (!account || uid === null) return err({ code: 'NOT_FOUND' });
      const found = await networkCandidates(ctx, uid);
      await dropRecords(ctx, recordNeedles(account.id, account.identities), found.requests);
      const reply = deleteReply.parse(
        await ctx.net(SCRIPTS.deleteAccount, [
          cmd.accountId,
          cmd.now,
          JSON.stringify({
            identities: account.identities.map(identityKey),
            scopes: [...new Set(account.identities.map(scopeKey))],
            ...found,
          }),
        ]),
      );
      if (reply[0] === 'NOT_FOUND') return err({ code: 'NOT_FOUND' });
      return ok({ tombstones: reply[1].map((k) => ({ handleKey: k, deletedAt: cmd.now })) });
    },
    accountData: async (accountId: string, now: number): Promise<AccountData | null> => {
      const account = toAccountOrNull(await ctx.net(SCRIPTS.accountById, [accountId]));
      const uid = account ? await uidOf(ctx, accountId) : null;
      if (!account || uid === null) return null;
      const found = await networkCandidates(ctx, uid);
      const aliases: AccountData['aliases'] = [];
      for (const handleKey of found.aliases) {
        const e = await ctx.conn.call('accountData.alias', (c) =>
          c.hget(ctx.keys.network('alias', handleKey), 'e'),
        );
        if (e !== null && Number(e) > now) aliases.push({ handleKey, expiresAt: Number(e) });
      }
      const requests: ConnectionRequest[] = [];
      for (const id of found.requests) {
        const r = toRequestOrNull(await ctx.net(SCRIPTS.getRequest, [id]));
        if (r) requests.push(r);
      }
      requests.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const records = (
        await matchingRecords(ctx, recordNeedles(accountId, account.identities), found.requests)
      )
        .filter((r) => r.expiresAt === null || r.expiresAt > now)
        .map(({ namespace, key, value, expiresAt }) => ({ namespace, key, value, expiresAt }));
      return {
        account,
        aliases,
        requests,
        records,
        emailDomains: await emailDomainsOf(ctx, account.identities),
      };
    },
    tombstone: async (handle: string): Promise<Tombstone | null> => {
      const at = tombstoneReply.parse(await ctx.net(SCRIPTS.tombstone, [handleKey(handle)]));
      return at === null ? null : { handleKey: handleKey(handle), deletedAt: at };
    },
  };
}
