import { z } from 'zod';
import { type BlockedAccount, decideUnblock, type Page } from '../../core/index.js';
import { decodeCursor, pageOf } from '../paging.js';
import { anyArray, flagSchema, flatSchema, toAccount } from './codec.js';
import type { Ctx } from './context.js';
import { SCRIPTS } from './scripts.js';

const unblockReply = z.tuple([flagSchema, flatSchema]);
const blockPage = z.array(z.tuple([z.string().regex(/^\d+$/).transform(Number), z.string(), anyArray]));

/**
 * The block list: who an account blocked, and lifting a block. One script each (one round trip);
 * the unblock decision is checked against core's `decideUnblock` like every other decision.
 */
export function redisBlocks(ctx: Ctx) {
  return {
    unblockAccount: async (cmd: { actorId: string; otherId: string; now: number }) => {
      const [blocked, applied] = unblockReply.parse(
        await ctx.net(SCRIPTS.unblock, [cmd.actorId, cmd.otherId]),
      );
      const decided = decideUnblock(cmd.actorId, cmd.otherId, blocked === '1');
      ctx.check.effects('unblockAccount', decided.effects, applied);
      return decided.result;
    },

    listBlocks: async (q: {
      accountId: string;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<BlockedAccount>> => {
      const after = decodeCursor(q.cursor);
      const rows = blockPage.parse(
        await ctx.net(SCRIPTS.listBlocks, [q.accountId, q.limit + 1, after?.at ?? '', after?.id ?? '']),
      );
      return pageOf(
        rows,
        q.limit,
        ([blockedAt, , account]) => ({ account: toAccount(account), blockedAt }),
        ([at, member]) => [at, member],
      );
    },
  };
}
