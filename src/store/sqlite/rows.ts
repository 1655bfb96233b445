import { z } from 'zod';
import {
  type Account,
  type ConnectionRequest,
  connectionRequestSchema,
  domainEventSchema,
  identitySchema,
  localeSchema,
  type OutboxItem,
} from '../../core/index.js';

/** Rows read back from SQLite are parsed, never cast. */

const accountRow = z.object({
  id: z.string(),
  handle: z.string(),
  display_name: z.string(),
  locale: localeSchema,
  searchable: z.number().int(),
  created_at: z.number().int(),
  identities: z.string(),
});
const identitiesJson = z.array(identitySchema);

/**
 * What to select for an account read (alias `a` for `accounts`). The account's identities are a
 * JSON array on its own row, oldest first (migration 2), so a read touches no other table.
 */
export const ACCOUNT_COLUMNS =
  'a.id, a.handle, a.display_name, a.locale, a.searchable, a.created_at, a.identities';

export function toAccount(row: unknown): Account {
  const r = accountRow.parse(row);
  return {
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    locale: r.locale,
    searchable: r.searchable === 1,
    identities: identitiesJson.parse(JSON.parse(r.identities)),
    createdAt: r.created_at,
  };
}

const requestRow = z.object({
  id: z.string(),
  sender_id: z.string(),
  recipient_id: z.string(),
  state: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  context: z.string().nullable(),
  created_at: z.number().int(),
  expires_at: z.number().int(),
  decided_at: z.number().int().nullable(),
  reminded_at: z.number().int().nullable(),
});

export function toRequest(row: unknown): ConnectionRequest {
  const r = requestRow.parse(row);
  return connectionRequestSchema.parse({
    id: r.id,
    senderId: r.sender_id,
    recipientId: r.recipient_id,
    state: r.state,
    note: r.note,
    source: r.source,
    context: r.context,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    decidedAt: r.decided_at,
    remindedAt: r.reminded_at,
  });
}

const outboxRow = z.object({
  payload: z.string(),
  attempts: z.number().int(),
  lease_until: z.number().int(),
  last_error: z.string().nullable(),
  maybe_sent: z.number().int(),
});

/** An outbox row as an item; `maybeSent` also when the row's last lease ended with neither ack nor retry. */
export function toOutboxItem(row: unknown): OutboxItem {
  const r = outboxRow.parse(row);
  return {
    event: domainEventSchema.parse(JSON.parse(r.payload)),
    attempts: r.attempts,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    maybeSent: r.maybe_sent === 1 || r.lease_until > 0,
  };
}

const idRow = z.object({ id: z.string() });
const accountIdRow = z.object({ account_id: z.string() });
const atRow = z.object({ at: z.number().int() });

const windowRow = z.object({ n: z.number().int(), oldest: z.number().int().nullable() });
const sinceRow = z.object({ since: z.number().int() });

/** Small parsers for single-column rows; undefined rows give null. */
export const cols = {
  id: (row: unknown) => (row === undefined ? null : idRow.parse(row).id),
  accountId: (row: unknown) => (row === undefined ? null : accountIdRow.parse(row).account_id),
  at: (row: unknown) => atRow.parse(row).at,
  window: (row: unknown) => windowRow.parse(row),
  since: (row: unknown) => sinceRow.parse(row).since,
};
