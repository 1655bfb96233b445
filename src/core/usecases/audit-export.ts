import { z } from 'zod';
import { AUDIT_EXPORT_MAX_RANGE_MS, type AuditEntry } from '../audit.js';
import { organisationKeySchema } from '../organisations.js';
import { err, ok, type Result } from '../result.js';
import { identityKey } from '../types.js';
import { auditEntries } from './audit.js';
import { type Actor, type CoreDeps, guardStore } from './deps.js';
import { mintOneTimeToken, readOneTimeToken } from './one-time-token.js';

/**
 * `admin export <from> <to>`: an organisation's audit records of whole UTC days as a download, through
 * a link that works once, for 10 minutes (`GET /audit-export/<token>`). The link is given to the admin
 * who asked, privately (src/flows/admin.ts decides who is an admin); the store keeps only the token's
 * keyed hash and what it is for, never the records: they are read when the link is used, so a person
 * who deleted their data meanwhile is not in it.
 */
export const AUDIT_EXPORT = { ttlMs: 10 * 60_000, path: '/audit-export' } as const;

export const AUDIT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

const DAY_MS = 24 * 3_600_000;

const ticketSchema = z.object({
  organisation: organisationKeySchema,
  from: z.number().int(),
  to: z.number().int(),
  format: z.enum(AUDIT_FORMATS),
  /** The admin it was given to (identity key), for the server's log line. */
  admin: z.string().max(300),
});
export type AuditExportTicket = z.infer<typeof ticketSchema>;

/** `YYYY-MM-DD` to `YYYY-MM-DD`, both included, as `[from, to)` in ms; null past the longest range. */
export function auditDays(fromDay: string, toDay: string): { from: number; to: number } | null {
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const to = Date.parse(`${toDay}T00:00:00Z`) + DAY_MS;
  return Number.isFinite(from) && Number.isFinite(to) && from < to && to - from <= AUDIT_EXPORT_MAX_RANGE_MS
    ? { from, to }
    : null;
}

/** The link for `admin`'s organisation and those days. */
export function issueAuditExport(
  deps: CoreDeps,
  cmd: { admin: Actor; organisation: string; fromDay: string; toDay: string; format: AuditFormat },
) {
  return guardStore(async (): Promise<Result<{ url: string }, { code: 'AUDIT_RANGE_INVALID' }>> => {
    const days = auditDays(cmd.fromDay, cmd.toDay);
    if (!days) return err({ code: 'AUDIT_RANGE_INVALID' });
    const ticket: AuditExportTicket = {
      organisation: cmd.organisation,
      ...days,
      format: cmd.format,
      admin: identityKey(cmd.admin.identity),
    };
    const { token } = await mintOneTimeToken(deps, 'audit_export', ticket, AUDIT_EXPORT.ttlMs);
    return ok({ url: `${deps.publicUrl}${AUDIT_EXPORT.path}/${token}` });
  });
}

/** The download: what the link is for (used up now), NOT_FOUND when unknown, used or expired. */
export function redeemAuditExport(deps: CoreDeps, token: string) {
  return guardStore(async (): Promise<Result<AuditExportTicket, { code: 'NOT_FOUND' }>> => {
    const ticket = await readOneTimeToken(deps, 'audit_export', token, ticketSchema, 'take');
    return ticket ? ok(ticket) : err({ code: 'NOT_FOUND' });
  });
}

const CSV_COLUMNS = [
  'at',
  'action',
  'organisations',
  'actor_id',
  'other_id',
  'request_id',
  'source',
] as const;

/** A CSV field: quoted when it holds a comma, a quote or a line break; a leading formula sign is defused. */
const csvField = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The first line of the file: the CSV header; JSON Lines has none. */
export const auditHeader = (format: AuditFormat): string =>
  format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';

/** One record as one line of the file (`at` as ISO 8601 UTC). */
export function auditLine(entry: AuditEntry, format: AuditFormat): string {
  const row = {
    at: new Date(entry.at).toISOString(),
    action: entry.action,
    organisations: entry.organisations,
    actor_id: entry.actorId,
    other_id: entry.otherId,
    request_id: entry.requestId,
    source: entry.source,
  };
  if (format === 'jsonl') return `${JSON.stringify(row)}\n`;
  const cells = CSV_COLUMNS.map((c) => {
    const v = row[c];
    return csvField(Array.isArray(v) ? v.join(' ') : (v ?? ''));
  });
  return `${cells.join(',')}\r\n`;
}

/** The whole file, page by page as the store gives it; an error value stops it. */
export async function* auditFile(
  deps: CoreDeps,
  ticket: AuditExportTicket,
): AsyncGenerator<Result<string, { code: string }>> {
  yield ok(auditHeader(ticket.format));
  for await (const page of auditEntries(deps, ticket)) {
    if (!page.ok) {
      yield page;
      return;
    }
    yield ok(page.value.map((e) => auditLine(e, ticket.format)).join(''));
  }
}
