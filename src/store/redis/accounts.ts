import { z } from 'zod';
import {
  type Account,
  type ChangeHandleCommand,
  type ChangeHandleError,
  err,
  type HandleResolution,
  handleKey,
  type Identity,
  identityKey,
  type Locale,
  ok,
  type RegisterAccountCommand,
  type Result,
  scopeKey,
} from '../../core/index.js';
import { anyArray, identityParts, optArg, toAccount, toAccountOrNull } from './codec.js';
import type { Ctx } from './context.js';
import { SCRIPTS } from './scripts.js';

/** The Lua side lower-cases handles with string.lower, which is ASCII-only: so handles must be ASCII. */
function asciiHandle(handle: string): string {
  if (!/^[\x21-\x7e]+$/.test(handle))
    throw new Error(`redis store: handle is not printable ASCII: ${handle}`);
  return handle;
}

const registerReply = z.union([
  z.tuple([z.enum(['created', 'existing']), anyArray]),
  z.tuple([z.literal('NO_HANDLE_AVAILABLE')]),
]);
const resolveReply = z.union([z.tuple([]), z.tuple([z.enum(['handle', 'alias']), anyArray])]);
const changeReply = z.union([
  z.tuple([z.literal('ok'), z.string(), anyArray]),
  z.tuple([z.enum(['NOT_FOUND', 'HANDLE_TAKEN', 'HANDLE_UNCHANGED'])]),
  z.tuple([z.literal('HANDLE_CHANGE_LIMIT'), z.string().regex(/^\d+$/).transform(Number)]),
]);

const searchText = (a: Account) => `${a.displayName}\n${a.handle}`.toLowerCase();
const binaryOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Accounts, identities and handles: one script per command, each a single round trip. */
export function redisAccounts(ctx: Ctx) {
  return {
    getAccount: async (id: string): Promise<Account | null> =>
      toAccountOrNull(await ctx.net(SCRIPTS.accountById, [id])),

    getAccountByIdentity: async (identity: Identity): Promise<Account | null> =>
      toAccountOrNull(await ctx.net(SCRIPTS.accountByIdentity, [identityKey(identity)])),

    resolveHandle: async (handle: string, now: number): Promise<HandleResolution | null> => {
      const reply = resolveReply.parse(await ctx.net(SCRIPTS.resolveHandle, [handleKey(handle), now]));
      return reply.length === 0 ? null : { account: toAccount(reply[1]), via: reply[0] };
    },

    registerAccount: async (
      cmd: RegisterAccountCommand,
    ): Promise<Result<{ account: Account; created: boolean }, { code: 'NO_HANDLE_AVAILABLE' }>> => {
      const parts = identityParts(cmd.identity);
      const candidates = cmd.handleCandidates.flatMap((h) => [asciiHandle(h), handleKey(h)]);
      const reply = registerReply.parse(
        await ctx.net(SCRIPTS.register, [
          cmd.id,
          parts.key,
          parts.prefix,
          parts.tuple,
          parts.user,
          scopeKey(cmd.identity),
          cmd.displayName,
          cmd.locale,
          cmd.now,
          ...candidates,
        ]),
      );
      if (reply[0] === 'NO_HANDLE_AVAILABLE') return err({ code: 'NO_HANDLE_AVAILABLE' });
      return ok({ account: toAccount(reply[1]), created: reply[0] === 'created' });
    },

    updateProfile: async (cmd: {
      accountId: string;
      displayName?: string;
      locale?: Locale;
      searchable?: boolean;
    }): Promise<Account | null> => {
      const searchable = cmd.searchable === undefined ? null : cmd.searchable ? '1' : '0';
      return toAccountOrNull(
        await ctx.net(SCRIPTS.updateProfile, [
          cmd.accountId,
          optArg(cmd.displayName),
          optArg(cmd.locale),
          optArg(searchable),
        ]),
      );
    },

    changeHandle: async (
      cmd: ChangeHandleCommand,
    ): Promise<Result<{ account: Account; previous: string }, ChangeHandleError>> => {
      const handle = asciiHandle(cmd.handle);
      const reply = changeReply.parse(
        await ctx.net(SCRIPTS.changeHandle, [cmd.accountId, handle, handleKey(handle), cmd.now]),
      );
      switch (reply[0]) {
        case 'ok':
          return ok({ account: toAccount(reply[2]), previous: reply[1] });
        case 'HANDLE_CHANGE_LIMIT':
          return err({ code: 'HANDLE_CHANGE_LIMIT', retryAfterMs: reply[1] });
        default:
          return err({ code: reply[0] });
      }
    },

    /** The scope's members are filtered in Lua where that is exact (ASCII), here for the rest. */
    searchAccounts: async (q: { scope: string; query: string; limit: number }): Promise<Account[]> => {
      const query = q.query.toLowerCase();
      const reply = z.array(z.unknown()).parse(await ctx.net(SCRIPTS.searchCandidates, [q.scope, query]));
      return reply
        .map(toAccount)
        .filter((a) => a.searchable && searchText(a).includes(query))
        .sort((a, b) => binaryOrder(a.displayName, b.displayName) || binaryOrder(a.id, b.id))
        .slice(0, Math.max(0, q.limit));
    },

    /** The scope's set holds exactly the registered accounts with an identity there: one SCARD. */
    countAccountsIn: async (scope: string, atMost: number): Promise<number> => {
      const n = await ctx.conn.call('countAccountsIn', (c) => c.scard(ctx.keys.network('scope', scope)));
      return Math.min(z.number().parse(n), Math.max(0, atMost));
    },
  };
}
