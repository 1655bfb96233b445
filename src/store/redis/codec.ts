import { z } from 'zod';
import {
  type Account,
  accountSchema,
  type ConnectionRequest,
  connectionRequestSchema,
  domainEventSchema,
  type Identity,
  identityKey,
  identitySchema,
  localeSchema,
  type OutboxItem,
  outboxItemSchema,
} from '../../core/index.js';

/** Replies from the Lua scripts are parsed here, never cast. */

export const flatSchema = z.array(z.string());
/** A nested reply that its own parser (e.g. `toAccount`) checks. */
export const anyArray = z.array(z.unknown());
export const flagSchema = z.enum(['0', '1']);
const intText = z
  .string()
  .regex(/^-?\d+$/)
  .transform(Number);

/** `['k1', 'v1', 'k2', 'v2', …]` (HGETALL shape) → record. */
export function fromFlat(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

// ------------------------------------------------------------------------------------------------
// identities: stored as (interned prefix, user id); the prefix tuple rebuilds the Identity
// ------------------------------------------------------------------------------------------------

const prefixTupleSchema = z.union([
  z.tuple([z.literal('slack'), z.string(), z.string().nullable()]),
  z.tuple([z.literal('teams'), z.string()]),
]);

export interface IdentityParts {
  /** `identityKey()`: the one way identities are indexed. */
  key: string;
  /** The key without the user id: interned once per workspace or tenant. */
  prefix: string;
  /** What rebuilds the identity from the prefix. */
  tuple: string;
  user: string;
}

export function identityParts(identity: Identity): IdentityParts {
  const key = identityKey(identity);
  const user = identity.platform === 'slack' ? identity.userId : identity.aadObjectId;
  if (!key.endsWith(user)) throw new Error('identityKey no longer ends with the user id');
  const tuple =
    identity.platform === 'slack'
      ? ['slack', identity.teamId, identity.enterpriseId ?? null]
      : ['teams', identity.tenantId];
  return { key, prefix: key.slice(0, key.length - user.length), tuple: JSON.stringify(tuple), user };
}

export function identityFrom(tupleJson: string, user: string): Identity {
  const t = prefixTupleSchema.parse(JSON.parse(tupleJson));
  if (t[0] === 'teams') return identitySchema.parse({ platform: 'teams', tenantId: t[1], aadObjectId: user });
  const [, teamId, enterpriseId] = t;
  return identitySchema.parse({
    platform: 'slack',
    teamId,
    userId: user,
    ...(enterpriseId === null ? {} : { enterpriseId }),
  });
}

// ------------------------------------------------------------------------------------------------
// accounts: {id, handle, name, locale, searchable, createdAt, {prefixTuple, userId, …}}
// ------------------------------------------------------------------------------------------------

export const accountReplySchema = z.tuple([
  z.string(),
  z.string(),
  z.string(),
  localeSchema,
  flagSchema,
  intText,
  flatSchema,
]);

export function toAccount(reply: unknown): Account {
  const [id, handle, displayName, locale, searchable, createdAt, idents] = accountReplySchema.parse(reply);
  const identities: Identity[] = [];
  for (let i = 0; i + 1 < idents.length; i += 2) identities.push(identityFrom(idents[i]!, idents[i + 1]!));
  return accountSchema.parse({
    id,
    handle,
    displayName,
    locale,
    searchable: searchable === '1',
    identities,
    createdAt,
  });
}

/** An account reply, or `{}` (an empty array) for none. */
export function toAccountOrNull(reply: unknown): Account | null {
  return Array.isArray(reply) && reply.length === 0 ? null : toAccount(reply);
}

// ------------------------------------------------------------------------------------------------
// requests: HGETALL-like flat arrays with short field names; `{}` for none
// ------------------------------------------------------------------------------------------------

const requestFieldsSchema = z.object({
  id: z.string(),
  s: z.string(),
  t: z.string(),
  st: z.string(),
  o: z.string(),
  c: intText,
  e: intText,
  n: z.string().optional(),
  x: z.string().optional(),
  d: intText.optional(),
  m: intText.optional(),
});

export function toRequestOrNull(reply: unknown): ConnectionRequest | null {
  const flat = flatSchema.parse(reply);
  if (flat.length === 0) return null;
  const r = requestFieldsSchema.parse(fromFlat(flat));
  return connectionRequestSchema.parse({
    id: r.id,
    senderId: r.s,
    recipientId: r.t,
    state: r.st,
    note: r.n ?? null,
    source: r.o,
    context: r.x ?? null,
    createdAt: r.c,
    expiresAt: r.e,
    decidedAt: r.d ?? null,
    remindedAt: r.m ?? null,
  });
}

// ------------------------------------------------------------------------------------------------
// outbox events: {eventId, event hash flat}
// ------------------------------------------------------------------------------------------------

const eventFieldsSchema = z.object({
  ty: z.string(),
  r: z.string(),
  q: z.string(),
  a: z.string().optional(),
  at: intText,
  k: intText,
  lu: intText,
  le: z.string().optional(),
  /** '1': an earlier attempt may have reached the platform (see the CLAIM and FAIL scripts) */
  ms: z.literal('1').optional(),
});

export const claimedSchema = z.array(z.tuple([z.string(), flatSchema]));

export function toOutboxItem([id, flat]: [string, string[]]): OutboxItem {
  const e = eventFieldsSchema.parse(fromFlat(flat));
  return outboxItemSchema.parse({
    event: domainEventSchema.parse({
      id,
      type: e.ty,
      recipientId: e.r,
      requestId: e.q,
      actorId: e.a ?? null,
      at: e.at,
    }),
    attempts: e.k,
    leaseUntil: e.lu,
    lastError: e.le ?? null,
    maybeSent: e.ms === '1',
  });
}

/** Nullable strings travel as '0' (null) or '1<text>' (see `opt()` in the Lua prelude). */
export const optArg = (v: string | null | undefined): string => (v == null ? '0' : `1${v}`);
