import { z } from 'zod';
import type { OutboxItem, OutboxStats, RecordNamespace } from '../../core/index.js';
import { claimedSchema, toOutboxItem } from './codec.js';
import type { Ctx } from './context.js';
import { SCRIPTS } from './scripts.js';

const oneOrZero = z.union([z.literal(0), z.literal(1)]);
const statsReply = z.tuple([z.number().int(), z.string(), z.number().int()]);
const recordReply = z.tuple([z.string().nullable(), z.string().nullable()]);

/**
 * Records with an expiry keep their key this long past it (measured on the wall clock), so that a
 * caller whose `now` lags the wall clock still sees them; expiry itself is always decided against
 * the caller's `now`. `putRecord` gets no `now`, hence the wall clock here.
 */
const RECORD_GRACE_MS = 3_600_000;

/** The outbox (lease, ack, retry, dead letter) and the small records. */
export function redisOutbox(ctx: Ctx, wallClock: () => number) {
  const ttl = (expiresAt: number, now: number) => Math.max(1, expiresAt - now) + RECORD_GRACE_MS;
  const live = (expiresAt: string | null, now: number) => expiresAt === null || Number(expiresAt) > now;

  return {
    claimOutbox: async (cmd: {
      owner: string;
      now: number;
      leaseMs: number;
      limit: number;
    }): Promise<OutboxItem[]> => {
      if (cmd.limit <= 0) return [];
      const reply = await ctx.net(SCRIPTS.claim, [cmd.owner, cmd.now, cmd.leaseMs, cmd.limit]);
      return claimedSchema.parse(reply).map(toOutboxItem);
    },

    ackOutbox: async (cmd: { eventId: string; owner: string }): Promise<boolean> =>
      oneOrZero.parse(await ctx.net(SCRIPTS.ack, [cmd.owner, cmd.eventId])) === 1,

    ackOutboxMany: async (cmd: { eventIds: readonly string[]; owner: string }): Promise<number> =>
      cmd.eventIds.length === 0
        ? 0
        : z
            .number()
            .int()
            .parse(await ctx.net(SCRIPTS.ack, [cmd.owner, ...cmd.eventIds])),

    failOutbox: async (cmd: {
      eventId: string;
      owner: string;
      retryAt: number;
      error: string;
      dead: boolean;
      maybeSent?: boolean;
    }): Promise<boolean> =>
      oneOrZero.parse(
        await ctx.net(SCRIPTS.fail, [
          cmd.eventId,
          cmd.owner,
          cmd.retryAt,
          cmd.error.slice(0, 500),
          cmd.dead ? '1' : '0',
          cmd.maybeSent ? '1' : '0',
        ]),
      ) === 1,

    outboxStats: async (now: number): Promise<OutboxStats> => {
      const [depth, oldest, dead] = statsReply.parse(await ctx.net(SCRIPTS.stats, [now]));
      return { depth, oldestAgeMs: oldest === '' ? 0 : Math.max(0, now - Number(oldest)), dead };
    },

    getRecord: async (ns: RecordNamespace, key: string, now: number): Promise<string | null> => {
      const [value, expiresAt] = recordReply.parse(
        await ctx.conn.call('getRecord', (c) => c.hmget(ctx.keys.record(ns, key), 'v', 'e')),
      );
      return value !== null && live(expiresAt, now) ? value : null;
    },

    putRecord: async (ns: RecordNamespace, key: string, value: string, expiresAt: number | null) => {
      const k = ctx.keys.record(ns, key);
      const args = expiresAt === null ? [value, '', ''] : [value, expiresAt, ttl(expiresAt, wallClock())];
      await ctx.conn.run(SCRIPTS.recordPut, [k], args);
    },

    deleteRecord: async (ns: RecordNamespace, key: string) => {
      await ctx.conn.call('deleteRecord', (c) => c.del(ctx.keys.record(ns, key)));
    },

    claimOnce: async (ns: RecordNamespace, key: string, expiresAt: number, now: number): Promise<boolean> => {
      const k = ctx.keys.record(ns, key);
      const reply = await ctx.conn.run(SCRIPTS.recordClaimOnce, [k], [expiresAt, now, ttl(expiresAt, now)]);
      return oneOrZero.parse(reply) === 1;
    },

    takeRecord: async (ns: RecordNamespace, key: string, now: number): Promise<string | null> =>
      z
        .string()
        .nullable()
        .parse(await ctx.conn.run(SCRIPTS.recordTake, [ctx.keys.record(ns, key)], [now])),
  };
}
