import { z } from 'zod';
import { organisationKeySchema } from './organisations.js';
import type { Decision } from './types.js';

/**
 * The audit trail an organisation's admins export (`exportAudit`). Every change between people is
 * recorded by the store in the same atomic step as the change, once per organisation of either
 * party, with ids only: no names, handles, notes or contexts. When a person deletes their data their
 * id disappears from every record (`actorId`/`otherId` become null), so later exports hold nothing
 * about them. Records older than the organisation's `auditRetentionDays` are purged (`purgeAudit`).
 */
export const AUDIT_ACTIONS = [
  /** A new request (including one silently declined because the recipient blocks the sender). */
  'request_sent',
  /** A request that connected at once: the other had asked already, or the same-organisation auto-connect. */
  'request_connected',
  'request_accepted',
  'request_declined',
  'request_withdrawn',
  /** A block, from a request card or from `block <who>`. */
  'blocked',
  'contact_removed',
  /** Two accounts of one person joined (`actorId` kept, `otherId` merged into it). */
  'accounts_merged',
  /** The person deleted their data: `actorId` is null from the start. */
  'account_deleted',
  /**
   * An admin changed the organisation's policy (`updateOrganisationPolicy`): `actorId` is the admin,
   * `source` what they set (`describePolicyChange`), listed under that organisation only.
   */
  'policy_changed',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  at: z.number().int(),
  action: auditActionSchema,
  /**
   * Every organisation of either party at the time, the request's sender's (or the actor's) first; the
   * record is listed under each.
   */
  organisations: z.array(organisationKeySchema),
  /** Who acted; null once that person deleted their data. */
  actorId: z.string().min(1).nullable(),
  /** The other party; null when there is none or once they deleted their data. */
  otherId: z.string().min(1).nullable(),
  requestId: z.string().min(1).nullable(),
  /**
   * How the request came about (`link`, `mention`, …), when the change concerns a request; for
   * `policy_changed`, what was set (`requests=listed allowed.domains=partner.example`).
   */
  source: z.string().min(1).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The audit action of a request decision. */
export const auditActionOfDecision = (action: Decision): AuditAction =>
  (
    ({
      accept: 'request_accepted',
      decline: 'request_declined',
      withdraw: 'request_withdrawn',
      block: 'blocked',
    }) as const
  )[action];

/** `listAudit`: one organisation's records with `from <= at < to`, oldest first, a page at a time. */
export interface AuditQuery {
  organisation: string;
  from: number;
  to: number;
  limit: number;
  cursor?: string | null;
}

/** The longest date range one export may cover. */
export const AUDIT_EXPORT_MAX_RANGE_MS = 366 * 24 * 3_600_000;
