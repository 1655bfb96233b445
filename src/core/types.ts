import { z } from 'zod';

export const LOCALES = ['en', 'ja', 'vi'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Maps a platform locale tag (`ja-JP`, `vi_VN`, `en-US`, …) to a supported locale; English otherwise. */
export function toLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'ja' || base === 'vi' ? base : 'en';
}

/**
 * A platform identity, scoped by workspace or tenant. The same Slack user id in two workspaces is
 * two identities, except inside one Enterprise Grid organisation (`enterpriseId`), where user ids are
 * the organisation's: there the same user id in two of its workspaces is one person (`identityKey`),
 * and `teamId` is the workspace the person was first seen in.
 */
export const identitySchema = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('slack'),
    enterpriseId: z.string().min(1).max(64).optional(),
    teamId: z.string().min(1).max(64),
    userId: z.string().min(1).max(64),
  }),
  z.object({
    platform: z.literal('teams'),
    tenantId: z.string().min(1).max(64),
    aadObjectId: z.string().min(1).max(64),
  }),
]);
export type Identity = z.infer<typeof identitySchema>;
export type Platform = Identity['platform'];

/** Stable string key of an identity; the one way to index identities. */
export function identityKey(id: Identity): string {
  if (id.platform === 'teams') return `teams:${id.tenantId}:${id.aadObjectId}`;
  // Grid user ids belong to the enterprise: its workspace is left out, and enterprises never collide.
  return id.enterpriseId ? `slack:${id.enterpriseId}:*:${id.userId}` : `slack:-:${id.teamId}:${id.userId}`;
}

/**
 * The organisation an identity belongs to: the Grid enterprise when there is one, else the workspace or
 * tenant. The scope of `find` (people of one Grid organisation find each other across its workspaces).
 */
export function scopeKey(id: Identity): string {
  if (id.platform === 'teams') return `teams:${id.tenantId}`;
  return id.enterpriseId ? `slack:enterprise:${id.enterpriseId}` : `slack:${id.teamId}`;
}

export const accountSchema = z.object({
  /** Internal id, never shown to anyone. */
  id: z.string().min(1),
  /**
   * The handle (Chatwork ID) as its owner typed it. Unique without regard to case. Empty while the
   * account is unclaimed (`isUnclaimed`).
   */
  handle: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  /** Search opt-out: when false, `find` never returns this account. */
  searchable: z.boolean(),
  identities: z.array(identitySchema),
  createdAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

/**
 * Unclaimed: registered on someone else's behalf (an @mention, an e-mail) by a person who never used
 * the app. They may receive requests, but have no handle, no public page and no search entry until they
 * first act themselves (`ensureAccount` claims the account then).
 */
export const isUnclaimed = (account: Account): boolean => account.handle === '';

export const REQUEST_STATES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export const requestStateSchema = z.enum(REQUEST_STATES);
export type RequestState = z.infer<typeof requestStateSchema>;

export const REQUEST_SOURCES = ['link', 'mention', 'email', 'handle', 'search'] as const;
export const requestSourceSchema = z.enum(REQUEST_SOURCES);
export type RequestSource = z.infer<typeof requestSourceSchema>;

export const connectionRequestSchema = z.object({
  id: z.string().min(1),
  senderId: z.string().min(1),
  recipientId: z.string().min(1),
  state: requestStateSchema,
  note: z.string().nullable(),
  source: requestSourceSchema,
  /** Where it came from, for the recipient: a channel or workspace name, plain text. */
  context: z.string().nullable(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  decidedAt: z.number().int().nullable(),
  remindedAt: z.number().int().nullable(),
});
export type ConnectionRequest = z.infer<typeof connectionRequestSchema>;

export type Decision = 'accept' | 'decline' | 'withdraw' | 'block';
export const decisionSchema = z.enum(['accept', 'decline', 'withdraw', 'block']);

export interface Contact {
  account: Account;
  since: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}
