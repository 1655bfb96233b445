import { createHash } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { z } from 'zod';
import {
  type Account,
  decideMerge,
  decideUnmerge,
  err,
  handleKey,
  identityKey,
  MERGE_CODE,
  type MergeAccountsCommand,
  type MergeSide,
  ok,
  type PutMergeCodeCommand,
  scopeKey,
  type UnmergeCommand,
} from '../../core/index.js';
import { identityParts, toAccount, toAccountOrNull, toRequestOrNull } from './codec.js';
import type { Ctx } from './context.js';
import { LAYOUT } from './lua/prelude.js';
import { SCRIPTS } from './scripts.js';

/**
 * One person, two platforms on Redis and Redis Cluster (src/core/merge.ts; Lua in lua/merge.ts). A merge
 * reads its snapshot (one script), asks `decideMerge`, and applies the effects in one script that first
 * checks the snapshot is unchanged; when it changed in between, it reads again. Three things have no
 * index from the account and are found first by SCAN of the namespace, as for `delete my data`: other
 * people's block lists, settled requests and aliases; the scripts check each candidate again.
 */

const MAX_ATTEMPTS = 5;
/** cjson writes an empty Lua table as `{}`. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? [] : v), z.array(item));
const pair = z.tuple([z.string(), z.string().regex(/^\d+$/).transform(Number)]);
const sideSchema = z.union([z.literal(false), z.tuple([z.unknown(), list(pair), list(pair), list(pair)])]);
const snapshotSchema = z.tuple([
  z.union([
    z.literal(false),
    z.tuple([z.enum(['slack', 'teams']), z.string().regex(/^\d+$/).transform(Number), z.string()]),
  ]),
  sideSchema,
  sideSchema,
  list(list(z.string())),
]);
const readReply = z.tuple([z.string(), z.string()]);
const applyReply = z.union([z.tuple([z.literal('ok'), z.unknown()]), z.tuple([z.literal('STALE')])]);
const unmergeReply = z.union([
  z.tuple([z.literal('ok'), z.unknown(), z.unknown()]),
  z.tuple([z.enum(['NOT_FOUND', 'NO_HANDLE_AVAILABLE'])]),
]);

function toSide(raw: z.infer<typeof sideSchema>): MergeSide | null {
  if (raw === false) return null;
  const [account, contacts, blocks, blockedBy] = raw;
  return {
    account: toAccount(account),
    contacts: contacts.map(([id, since]) => ({ id, since })),
    blocks: blocks.map(([id, at]) => ({ id, at })),
    blockedBy: blockedBy.map(([id, at]) => ({ id, at })),
  };
}

async function uidOf(ctx: Ctx, accountId: string): Promise<string | null> {
  const hex = createHash('sha1').update(accountId).digest('hex');
  const bucket = Number.parseInt(hex.slice(16, 22), 16) % LAYOUT.indexBuckets;
  return ctx.conn.call('merge.uid', (c) => c.hget(ctx.keys.network('idIndex', bucket), hex.slice(0, 16)));
}

/** Block lists, requests and aliases that may concern one of `uids`. */
async function candidates(ctx: Ctx, uids: ReadonlyArray<string | null>) {
  const mine = new Set(uids.filter((u): u is string => u !== null));
  const found = { blockers: [] as string[], requests: [] as string[], aliases: [] as string[] };
  const prefix = (name: 'alias' | 'request' | 'blocks') => ctx.keys.network(name, '');
  await ctx.conn.call('merge.scan', async (client) => {
    const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${ctx.keys.tag}*`, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) {
          if (k.startsWith(prefix('blocks'))) {
            for (const u of mine) {
              if ((await node.zscore(k, u)) !== null) {
                found.blockers.push(k.slice(prefix('blocks').length));
                break;
              }
            }
          } else if (k.startsWith(prefix('request'))) {
            const [s, t] = await node.hmget(k, 's', 't');
            if (mine.has(s ?? '') || mine.has(t ?? ''))
              found.requests.push(k.slice(prefix('request').length));
          } else if (k.startsWith(prefix('alias'))) {
            if (mine.has((await node.hget(k, 'u')) ?? ''))
              found.aliases.push(k.slice(prefix('alias').length));
          }
        }
      } while (cursor !== '0');
    }
  });
  // cjson decodes [] as an empty table either way; keep the order stable for the snapshot digest
  for (const v of Object.values(found)) v.sort();
  return found;
}

export function redisMerge(ctx: Ctx) {
  const codeKey = (code: string) => ctx.keys.network('mergeCode', code);
  return {
    putMergeCode: async (cmd: PutMergeCodeCommand) => {
      await ctx.net(SCRIPTS.mergeCodePut, [
        cmd.code,
        cmd.platform,
        cmd.expiresAt,
        cmd.accountId,
        // the expiry is decided against the caller's clock; the TTL only reclaims memory
        MERGE_CODE.ttlMs + 3_600_000,
      ]);
    },
    mergeAccounts: async (cmd: MergeAccountsCommand) => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const raw = await ctx.conn.call('merge.code', (c) => c.get(codeKey(cmd.code)));
        const issuerId = raw?.split('|').slice(2).join('|') ?? null;
        const uids = await Promise.all([uidOf(ctx, cmd.accountId), issuerId ? uidOf(ctx, issuerId) : null]);
        const found = JSON.stringify(await candidates(ctx, uids));
        const [json, sha] = readReply.parse(
          await ctx.net(SCRIPTS.mergeRead, [cmd.code, cmd.accountId, found]),
        );
        const [code, joiner, issuer, open] = snapshotSchema.parse(JSON.parse(json));
        const decided = decideMerge(
          {
            code: code === false ? null : { platform: code[0], expiresAt: code[1], accountId: code[2] },
            joiner: toSide(joiner),
            issuer: toSide(issuer),
            platform: cmd.platform,
            open: open.map((r) => toRequestOrNull(r)).filter((r) => r !== null),
            now: cmd.now,
          },
          cmd.newId,
        );
        if (!decided.result.ok) return decided.result;
        const outcome = decided.result.value;
        const gone = [toSide(joiner), toSide(issuer)].find((s) => s?.account.id === outcome.goneId);
        const effects = decided.effects.map((e) =>
          e.kind === 'absorb_account'
            ? {
                ...e,
                identityKeys: gone?.account.identities.map(identityKey) ?? [],
                scopes: [...new Set(gone?.account.identities.map(scopeKey) ?? [])],
              }
            : e,
        );
        const reply = applyReply.parse(
          await ctx.net(SCRIPTS.mergeApply, [
            cmd.code,
            cmd.accountId,
            found,
            sha,
            cmd.now,
            JSON.stringify(effects),
          ]),
        );
        if (reply[0] === 'ok') return ok({ ...outcome, account: toAccount(reply[1]) });
      }
      throw new Error(`mergeAccounts: the snapshot kept changing (${MAX_ATTEMPTS} attempts)`);
    },
    unmergeIdentity: async (cmd: UnmergeCommand) => {
      const current = toAccountOrNull(await ctx.net(SCRIPTS.accountById, [cmd.accountId]));
      const decided = decideUnmerge(current, cmd.identity);
      if (!decided.ok) return decided;
      const p = identityParts(cmd.identity);
      const reply = unmergeReply.parse(
        await ctx.net(SCRIPTS.unmerge, [
          cmd.accountId,
          p.key,
          p.prefix,
          p.tuple,
          p.user,
          scopeKey(cmd.identity),
          cmd.newAccountId,
          cmd.displayName,
          cmd.locale,
          cmd.now,
          ...cmd.handleCandidates.flatMap((h) => [h, handleKey(h)]),
        ]),
      );
      if (reply[0] !== 'ok') return err({ code: reply[0] });
      return ok({ account: toAccount(reply[1]) as Account, split: toAccount(reply[2]) });
    },
  };
}
