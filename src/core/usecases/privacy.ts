import { z } from 'zod';
import { handleKey } from '../handles.js';
import type { Tombstone } from '../ports.js';
import { err, ok, type Result } from '../result.js';
import { type Account, accountSchema, connectionRequestSchema } from '../types.js';
import { claimIfNamed } from './accounts.js';
import { type Actor, type CoreDeps, guardStore, type StoreUnavailable } from './deps.js';
import { mintOneTimeToken, readOneTimeToken } from './one-time-token.js';

/**
 * A person's own data: `delete my data` (asked, then confirmed by a click) and `export my data` (a
 * one-time download link). Neither registers anyone: a person the app never saw has nothing stored.
 */
export const DATA_EXPORT = { ttlMs: 10 * 60_000, path: '/export' } as const;
/** Lists are read this many at a time for an export. */
const EXPORT_PAGE = 200;

const personSchema = z.object({ handle: z.string(), displayName: z.string() });
/** The export document, as the person downloads it; read back from the store with this schema. */
export const dataExportSchema = z.object({
  format: z.literal('chatwork-invite-export/1'),
  exportedAt: z.number().int(),
  account: accountSchema,
  aliases: z.array(z.object({ handleKey: z.string(), expiresAt: z.number().int() })),
  requests: z.array(
    connectionRequestSchema.extend({
      direction: z.enum(['sent', 'received']),
      other: personSchema.nullable(),
    }),
  ),
  contacts: z.array(personSchema.extend({ since: z.number().int() })),
  blocked: z.array(personSchema.extend({ blockedAt: z.number().int() })),
  records: z.array(
    z.object({
      namespace: z.string(),
      key: z.string(),
      value: z.string(),
      expiresAt: z.number().int().nullable(),
    }),
  ),
  /** The e-mail domains kept from the person's profiles (organisation policies); absent in older documents. */
  emailDomains: z.array(z.string()).default([]),
});
export type DataExport = z.infer<typeof dataExportSchema>;

const person = (a: Account) => ({ handle: a.handle, displayName: a.displayName });

/** `delete my data` typed or its button: what to confirm (the handle that will go), or NOT_FOUND. */
export function deletionToConfirm(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<
      Result<{ handle: string }, { code: 'NOT_FOUND' } | { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>
    > => {
      // Asking is an act: someone a request was waiting for claims their account (the button names its handle).
      const me = await claimIfNamed(deps, actor);
      if (!me.ok) return me;
      return me.value ? ok({ handle: me.value.handle }) : err({ code: 'NOT_FOUND' });
    },
  );
}

/**
 * The confirmation click: `handle` comes from the button (already parsed); only the person whose
 * account holds it now may confirm. One store command removes everything.
 */
export function deleteMyData(deps: CoreDeps, actor: Actor, handle: string) {
  return guardStore(
    async (): Promise<
      Result<{ handle: string; tombstones: Tombstone[] }, { code: 'NOT_FOUND' } | { code: 'NOT_YOURS' }>
    > => {
      const me = await deps.store.getAccountByIdentity(actor.identity);
      if (!me) return err({ code: 'NOT_FOUND' });
      if (handleKey(me.handle) !== handleKey(handle)) return err({ code: 'NOT_YOURS' });
      const done = await deps.store.deleteAccount({ accountId: me.id, now: deps.clock.now() });
      if (!done.ok) return done;
      return ok({ handle: me.handle, tombstones: done.value.tombstones });
    },
  );
}

async function allPages<T>(
  read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Everything stored about the actor, as one document. */
export async function buildExport(deps: CoreDeps, accountId: string): Promise<DataExport | null> {
  const now = deps.clock.now();
  const data = await deps.store.accountData(accountId, now);
  if (!data) return null;
  const contacts = await allPages((cursor) =>
    deps.store.listContacts({ accountId, limit: EXPORT_PAGE, cursor }),
  );
  const blocked = await allPages((cursor) =>
    deps.store.listBlocks({ accountId, limit: EXPORT_PAGE, cursor }),
  );
  const others = new Map<string, Account | null>();
  for (const r of data.requests) {
    const otherId = r.senderId === accountId ? r.recipientId : r.senderId;
    if (!others.has(otherId)) others.set(otherId, await deps.store.getAccount(otherId));
  }
  return dataExportSchema.parse({
    format: 'chatwork-invite-export/1',
    exportedAt: now,
    account: data.account,
    aliases: data.aliases,
    requests: data.requests.map((r) => {
      const sent = r.senderId === accountId;
      const other = others.get(sent ? r.recipientId : r.senderId) ?? null;
      return { ...r, direction: sent ? 'sent' : 'received', other: other ? person(other) : null };
    }),
    contacts: contacts.map((c) => ({ ...person(c.account), since: c.since })),
    blocked: blocked.map((b) => ({ ...person(b.account), blockedAt: b.blockedAt })),
    records: data.records,
    emailDomains: data.emailDomains,
  });
}

/** `export my data`: a link that works once, for 10 minutes, to the document. */
export function issueDataExport(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<
      Result<{ url: string; expiresAt: number; document: DataExport }, { code: 'NOT_FOUND' }>
    > => {
      const me = await deps.store.getAccountByIdentity(actor.identity);
      const document = me ? await buildExport(deps, me.id) : null;
      if (!document) return err({ code: 'NOT_FOUND' });
      const { token, expiresAt } = await mintOneTimeToken(deps, 'data_export', document, DATA_EXPORT.ttlMs);
      return ok({ url: `${deps.publicUrl}${DATA_EXPORT.path}/${token}`, expiresAt, document });
    },
  );
}

/** The download: the document the first time, NOT_FOUND when unknown, used or expired. */
export function redeemDataExport(deps: CoreDeps, token: string) {
  return guardStore(async (): Promise<Result<DataExport, { code: 'NOT_FOUND' }>> => {
    const doc = await readOneTimeToken(deps, 'data_export', token, dataExportSchema, 'take');
    return doc ? ok(doc) : err({ code: 'NOT_FOUND' });
  });
}

/** A deleted person's page: the tombstone of the handle, or null. */
export function tombstoneOf(deps: CoreDeps, handle: string) {
  return guardStore(
    async (): Promise<Result<Tombstone | null, never>> => ok(await deps.store.tombstone(handle)),
  );
}
