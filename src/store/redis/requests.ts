import { z } from 'zod';
import {
  type ConnectionRequest,
  type Contact,
  type DecideCommand,
  type DecidedRequest,
  decideBlock,
  decideExpireNow,
  decideRemoveContact,
  decideSend,
  decideSweep,
  decideTransition,
  err,
  ok,
  otherParty,
  type Page,
  type Relationship,
  type Result,
  type SendError,
  type SendOutcome,
  type SendRequestCommand,
  stateSeenBy,
  type TransitionError,
} from '../../core/index.js';
import { decodeCursor, pageOf, requestPage } from '../paging.js';
import {
  anyArray,
  flagSchema,
  flatSchema,
  optArg,
  toAccount,
  toAccountOrNull,
  toRequestOrNull,
} from './codec.js';
import type { Ctx } from './context.js';
import { eventIds, RuleMismatchError } from './crosscheck.js';
import { orgSnapshotReply, toOrganisationSnapshot } from './organisations.js';
import { SCRIPTS } from './scripts.js';

const sendReply = z.union([
  z.tuple([z.literal('NOT_FOUND')]),
  z.tuple([
    z.string(),
    z.tuple([
      flagSchema,
      flagSchema,
      flagSchema,
      z.string(),
      z.string(),
      flatSchema,
      flatSchema,
      orgSnapshotReply,
    ]),
    flatSchema,
  ]),
]);
/**
 * status, request before, applied effects, the other party on `ok` (an account reply, or `{}`), and what
 * the script read about organisations (`{}` when it stopped before: no such request, not a party).
 */
const decideReply = z.tuple([
  z.string(),
  flatSchema,
  flatSchema,
  z.unknown().optional(),
  z.union([orgSnapshotReply, z.tuple([])]).optional(),
]);
const blockReply = z.union([
  z.tuple([z.enum(['OWN_LINK', 'UNKNOWN'])]),
  z.tuple([z.literal('ok'), z.tuple([flagSchema, flagSchema, flatSchema]), flatSchema]),
]);
const removeReply = z.tuple([flagSchema, flatSchema]);
const sweepReply = z.array(z.tuple([flatSchema, flatSchema]));
const relationshipReply = z.tuple([flagSchema, flatSchema, flatSchema, flagSchema]);
const requestRows = z.array(z.tuple([z.string(), flatSchema]));
const contactPage = z.array(z.tuple([z.string().regex(/^\d+$/).transform(Number), z.string(), anyArray]));

const statusOf = (r: Result<unknown, { code: string }>, okStatus: string) => (r.ok ? okStatus : r.error.code);

/**
 * After a reported mismatch in which the script refused the action: it stored nothing for it, so the
 * call fails (crosscheck.ts).
 */
const refused = (method: string, status: string) =>
  new RuleMismatchError(
    `redis ${method}: the script answered ${status}, unlike the rules, and stored nothing`,
  );

function mustRequest(flat: string[]): ConnectionRequest {
  const r = toRequestOrNull(flat);
  if (!r) throw new RuleMismatchError('redis: a script returned an empty request snapshot');
  return r;
}

/**
 * Requests, contacts and blocks. Each command is ONE script (one round trip) that reads its
 * snapshot, applies the mirrored rule and appends the outbox events; the TypeScript rule is then
 * re-run on the returned snapshot to produce the result and to check the Lua mirror. When they
 * differ (and the check is not strict, see crosscheck.ts) the caller gets what the script committed,
 * read back in one more round trip.
 */
export function redisRequests(ctx: Ctx) {
  const getRequest = async (id: string): Promise<ConnectionRequest | null> =>
    toRequestOrNull(await ctx.net(SCRIPTS.getRequest, [id]));

  const relationship = async (a: string, b: string): Promise<Relationship> => {
    const [contacts, outgoing, incoming, blocks] = relationshipReply.parse(
      await ctx.net(SCRIPTS.relationship, [a, b]),
    );
    return {
      areContacts: contacts === '1',
      outgoing: toRequestOrNull(outgoing),
      incoming: toRequestOrNull(incoming),
      aBlocksB: blocks === '1',
    };
  };

  /** The outcome of a send the script committed although the rules answered otherwise. */
  const committedSend = async (
    status: string,
    cmd: SendRequestCommand,
  ): Promise<Result<SendOutcome, never>> => {
    const stored = await relationship(cmd.senderId, cmd.recipientId);
    if ((status === 'sent' || status === 'already_pending') && stored.outgoing)
      return ok({
        status,
        request: { ...stored.outgoing, state: stateSeenBy(stored.outgoing, cmd.senderId, cmd.now) },
      });
    if (status === 'connected') {
      // The other's request, accepted now, or (same-organisation auto-connect) this one stored accepted.
      const accepted = [stored.incoming, stored.outgoing].find(
        (r) => r?.state === 'accepted' && r.decidedAt === cmd.now,
      );
      if (accepted) return ok({ status, request: accepted });
    }
    throw refused('sendRequest', status);
  };

  /** The other party the decide script returned, checked against the rules' (and read again if it differs). */
  const otherOf = async (request: ConnectionRequest, cmd: DecideCommand, fromScript: unknown) => {
    const account = toAccountOrNull(fromScript ?? []);
    const expected = otherParty(request, cmd.action);
    if (!account || account.id === expected) return account;
    ctx.check.mismatch(
      'decideRequest',
      `the script returned ${account.id} as the other party, not ${expected}`,
    );
    return toAccountOrNull(await ctx.net(SCRIPTS.accountById, [expected]));
  };

  return {
    sendRequest: async (
      cmd: SendRequestCommand,
    ): Promise<Result<SendOutcome, SendError | { code: 'NOT_FOUND' }>> => {
      const evt = eventIds(cmd.newId, 1);
      const reply = sendReply.parse(
        await ctx.net(SCRIPTS.send, [
          cmd.senderId,
          cmd.recipientId,
          cmd.requestId,
          optArg(cmd.note),
          cmd.source,
          optArg(cmd.context),
          cmd.now,
          ...evt.ids,
        ]),
      );
      if (reply.length === 1) return err({ code: 'NOT_FOUND' });
      const [status, [contacts, rbs, sbr, count, oldest, outgoing, incoming, orgs], applied] = reply;
      const decided = decideSend(
        {
          senderId: cmd.senderId,
          recipientId: cmd.recipientId,
          areContacts: contacts === '1',
          outgoing: toRequestOrNull(outgoing),
          incoming: toRequestOrNull(incoming),
          recipientBlocksSender: rbs === '1',
          senderBlocksRecipient: sbr === '1',
          sentInWindow: { count: Number(count), oldestAt: oldest === '' ? null : Number(oldest) },
          organisations: toOrganisationSnapshot(orgs),
        },
        { ...cmd, newId: evt.replay },
      );
      const agreed = ctx.check.status(
        'sendRequest',
        status,
        decided.result.ok ? decided.result.value.status : decided.result.error.code,
      );
      ctx.check.effects('sendRequest', decided.effects, applied);
      return agreed ? decided.result : committedSend(status, cmd);
    },

    decideRequest: async (cmd: DecideCommand): Promise<Result<DecidedRequest, TransitionError>> => {
      const evt = eventIds(cmd.newId, 1);
      const [status, before, applied, other, orgs] = decideReply.parse(
        await ctx.net(SCRIPTS.decide, [cmd.requestId, cmd.actorId, cmd.action, cmd.now, ...evt.ids]),
      );
      const decided = decideTransition(
        toRequestOrNull(before),
        cmd.actorId,
        cmd.action,
        cmd.now,
        evt.replay,
        orgs && orgs.length === 5 ? toOrganisationSnapshot(orgs) : undefined,
      );
      const agreed = ctx.check.status('decideRequest', status, statusOf(decided.result, 'ok'));
      ctx.check.effects('decideRequest', decided.effects, applied);
      if (agreed) {
        if (!decided.result.ok) return decided.result;
        const { request } = decided.result.value;
        return ok({ request, other: await otherOf(request, cmd, other) });
      }
      if (status !== 'ok') throw refused('decideRequest', status);
      // The script committed the decision: answer with the request as it is stored.
      const stored = await getRequest(cmd.requestId);
      if (!stored) throw refused('decideRequest', 'ok without a request');
      return ok({ request: stored, other: await otherOf(stored, cmd, other) });
    },

    blockAccount: async (cmd: { actorId: string; otherId: string; now: number }) => {
      const reply = blockReply.parse(await ctx.net(SCRIPTS.block, [cmd.actorId, cmd.otherId, cmd.now]));
      if (reply[0] === 'UNKNOWN') throw new Error('redis blockAccount: unknown account');
      const [alreadyBlocked, areContacts, incoming] = reply[0] === 'ok' ? reply[1] : ['0', '0', []];
      const decided = decideBlock(
        {
          actorId: cmd.actorId,
          otherId: cmd.otherId,
          alreadyBlocked: alreadyBlocked === '1',
          areContacts: areContacts === '1',
          incoming: toRequestOrNull(incoming),
        },
        cmd.now,
      );
      const agreed = ctx.check.status('blockAccount', reply[0], statusOf(decided.result, 'ok'));
      ctx.check.effects('blockAccount', decided.effects, reply[0] === 'ok' ? reply[2] : []);
      if (agreed) return decided.result;
      if (reply[0] !== 'ok') throw refused('blockAccount', reply[0]);
      return ok({ alreadyBlocked: alreadyBlocked === '1' });
    },

    removeContact: async (cmd: { actorId: string; otherId: string; now: number }) => {
      const [areContacts, applied] = removeReply.parse(
        await ctx.net(SCRIPTS.removeContact, [cmd.actorId, cmd.otherId, cmd.now]),
      );
      const decided = decideRemoveContact(cmd.actorId, cmd.otherId, areContacts === '1');
      ctx.check.effects('removeContact', decided.effects, applied);
      return decided.result;
    },

    /** Two round trips: how many are due (so that one event id per due request can be made), then the sweep. */
    sweepRequests: async (cmd: { now: number; limit: number; newId: () => string }) => {
      const due = await ctx.conn.call('sweep count', (c) =>
        c.zcount(ctx.keys.network('due'), '-inf', cmd.now),
      );
      const n = Math.min(due, Math.max(0, cmd.limit));
      if (n === 0) return { expired: 0, reminded: 0 };
      const evt = eventIds(cmd.newId, n);
      const reply = sweepReply.parse(await ctx.net(SCRIPTS.sweep, [cmd.now, ...evt.ids]));
      let expired = 0;
      let reminded = 0;
      for (const [before, applied] of reply) {
        ctx.check.effects('sweepRequests', decideSweep(mustRequest(before), cmd.now, evt.replay), applied);
        // Counted from what the script committed.
        if (applied.some((d) => d.startsWith('upd|'))) expired++;
        else if (applied.length > 0) reminded++;
      }
      return { expired, reminded };
    },

    /** One script: the departed account's pending incoming requests expire now (`decideExpireNow`). */
    expireIncomingRequests: async (cmd: {
      accountId: string;
      now: number;
      limit: number;
      newId: () => string;
    }) => {
      const evt = eventIds(cmd.newId, Math.max(0, cmd.limit));
      const reply = sweepReply.parse(
        await ctx.net(SCRIPTS.expireIncoming, [cmd.accountId, cmd.now, ...evt.ids]),
      );
      for (const [before, applied] of reply) {
        ctx.check.effects(
          'expireIncomingRequests',
          decideExpireNow(mustRequest(before), cmd.now, evt.replay),
          applied,
        );
      }
      return reply.length;
    },

    getRequest,
    relationship,

    /** Newest first; outgoing shows a declined request as pending (a decline is silent). */
    listRequests: async (q: {
      accountId: string;
      direction: 'incoming' | 'outgoing';
      now: number;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<ConnectionRequest>> => {
      const after = decodeCursor(q.cursor);
      const rows = requestRows
        .parse(
          await ctx.net(SCRIPTS.listRequests, [
            q.accountId,
            q.direction,
            q.now,
            q.limit + 1,
            after?.at ?? '',
            after?.id ?? '',
          ]),
        )
        .map(([, flat]) => mustRequest(flat));
      return requestPage(rows, q.limit, q.accountId, q.now);
    },

    listContacts: async (q: {
      accountId: string;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<Contact>> => {
      const after = decodeCursor(q.cursor);
      const rows = contactPage.parse(
        await ctx.net(SCRIPTS.listContacts, [q.accountId, q.limit + 1, after?.at ?? '', after?.id ?? '']),
      );
      return pageOf(
        rows,
        q.limit,
        ([since, , account]) => ({ account: toAccount(account), since }),
        ([since, member]) => [since, member],
      );
    },
  };
}
