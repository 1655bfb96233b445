import { z } from 'zod';
import {
  type Account,
  checkSendLimit,
  err,
  ok,
  type RegisterUnclaimedCommand,
  type Result,
} from '../../core/index.js';
import { anyArray, identityParts, toAccount } from './codec.js';
import type { Ctx } from './context.js';
import { SCRIPTS } from './scripts.js';

const unclaimedReply = z.union([
  z.tuple([z.enum(['created', 'existing']), anyArray]),
  z.tuple([z.literal('RATE_LIMITED'), z.string().regex(/^\d+$/).transform(Number), z.string()]),
]);

/** `registerUnclaimed`: one script; the account gets no handle index and no scope entry. */
export function redisUnclaimed(ctx: Ctx) {
  return {
    registerUnclaimed: async (
      cmd: RegisterUnclaimedCommand,
    ): Promise<
      Result<{ account: Account; created: boolean }, { code: 'RATE_LIMITED'; retryAfterMs: number }>
    > => {
      const parts = identityParts(cmd.identity);
      const reply = unclaimedReply.parse(
        await ctx.net(SCRIPTS.registerUnclaimed, [
          cmd.id,
          parts.key,
          parts.prefix,
          parts.tuple,
          parts.user,
          cmd.displayName,
          cmd.locale,
          cmd.now,
          cmd.senderId,
        ]),
      );
      if (reply[0] !== 'RATE_LIMITED')
        return ok({ account: toAccount(reply[1]), created: reply[0] === 'created' });
      // The script refused at the limit; core's rule says so too (else a mismatch is reported) and how
      // long until the oldest request leaves the window.
      const oldestAt = reply[2] === '' ? null : Number(reply[2]);
      const limited = checkSendLimit({ count: reply[1], oldestAt }, cmd.now);
      ctx.check.status('registerUnclaimed', 'RATE_LIMITED', limited.ok ? 'created' : 'RATE_LIMITED');
      return err(limited.ok ? { code: 'RATE_LIMITED', retryAfterMs: 1 } : limited.error);
    },
  };
}
