import { z } from 'zod';
import {
  type Account,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  auditEntrySchema,
  DEFAULT_ORGANISATION_POLICY,
  type Identity,
  identityKey,
  type OrganisationPolicy,
  type OrganisationSnapshot,
  organisationPolicySchema,
  organisationsOf,
  type Page,
  partyOf,
} from '../../core/index.js';
import { decodeCursor, pageOf } from '../paging.js';
import { type Db, guarded, inTransaction } from './db.js';

/**
 * Organisations on SQLite (migration 5): policies (`org_policies`, JSON parsed with core's schema on
 * every read), e-mail domains by identity (`email_domains`; an account's domains are those of the
 * identities it holds now, so a merge or unmerge needs no change here) and the audit trail (`audit`,
 * one row per organisation of a record). The request commands (`requests.ts`) call `snapshot` and
 * `record` inside their own transaction.
 */

const policyRow = z.object({ policy: z.string() });
const domainRow = z.object({ domain: z.string() });
const auditRow = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  action: z.string(),
  actor_id: z.string().nullable(),
  other_id: z.string().nullable(),
  request_id: z.string().nullable(),
  source: z.string().nullable(),
  organisations: z.string(),
});
const orgRow = z.object({ organisation: z.string() });

/** What one audit record says besides where it is listed (computed from the parties). */
export interface AuditFact {
  action: AuditAction;
  at: number;
  actorId: string | null;
  otherId: string | null;
  requestId: string | null;
  source: string | null;
}

const DAY = 24 * 3_600_000;

export function organisationQueries(db: Db) {
  const s = {
    policy: db.prepare('SELECT policy FROM org_policies WHERE organisation = ?'),
    putPolicy: db.prepare(
      `INSERT INTO org_policies (organisation, policy, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (organisation) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
    ),
    domains: db.prepare(
      `SELECT d.domain AS domain FROM identities i JOIN email_domains d ON d.identity_key = i.identity_key
        WHERE i.account_id = ?`,
    ),
    putDomain: db.prepare(
      `INSERT INTO email_domains (identity_key, domain) VALUES (?, ?)
       ON CONFLICT (identity_key) DO UPDATE SET domain = excluded.domain`,
    ),
    dropDomain: db.prepare('DELETE FROM email_domains WHERE identity_key = ?'),
    dropDomainsOf: db.prepare(
      'DELETE FROM email_domains WHERE identity_key IN (SELECT identity_key FROM identities WHERE account_id = ?)',
    ),
    audit: db.prepare(
      `INSERT INTO audit (organisation, at, action, actor_id, other_id, request_id, source, organisations)
       VALUES (@organisation, @at, @action, @actorId, @otherId, @requestId, @source, @organisations)`,
    ),
    scrubActor: db.prepare('UPDATE audit SET actor_id = NULL WHERE actor_id = ?'),
    scrubOther: db.prepare('UPDATE audit SET other_id = NULL WHERE other_id = ?'),
    renameActor: db.prepare('UPDATE audit SET actor_id = ? WHERE actor_id = ?'),
    renameOther: db.prepare('UPDATE audit SET other_id = ? WHERE other_id = ?'),
    page: db.prepare(
      `SELECT * FROM audit WHERE organisation = @org AND at >= @from AND at < @to
         AND (at > @at OR (at = @at AND seq > @seq)) ORDER BY at, seq LIMIT @limit`,
    ),
    // The distinct organisations by skipping through the (organisation, at, seq) index: one descent each.
    auditedOrgs: db.prepare(
      `WITH RECURSIVE o(organisation) AS (
         SELECT min(organisation) FROM audit
         UNION ALL SELECT (SELECT min(organisation) FROM audit WHERE organisation > o.organisation) FROM o
           WHERE o.organisation IS NOT NULL)
       SELECT organisation FROM o WHERE organisation IS NOT NULL`,
    ),
    purge: db.prepare('DELETE FROM audit WHERE organisation = ? AND at < ?'),
  };

  const policyOf = (organisation: string): OrganisationPolicy | null => {
    const row = s.policy.get(organisation);
    return row ? organisationPolicySchema.parse(JSON.parse(policyRow.parse(row).policy)) : null;
  };
  const domainsOf = (accountId: string): string[] =>
    s.domains.all(accountId).map((row) => domainRow.parse(row).domain);

  return {
    /** Both parties and every policy they fall under, read inside the caller's transaction. */
    snapshot(sender: Account, recipient: Account): OrganisationSnapshot {
      const policies: Record<string, OrganisationPolicy> = {};
      const parties = { sender: partyOf(sender.identities), recipient: partyOf(recipient.identities) };
      for (const org of organisationsOf(parties.sender, parties.recipient)) {
        const policy = policyOf(org);
        if (policy) policies[org] = policy;
      }
      // E-mail domains matter only to a policy that lists some (as on Redis): read them only then.
      const byDomain = Object.values(policies).some(
        (p) => p.requests === 'listed' && p.allowed.domains.length > 0,
      );
      if (!byDomain) return { ...parties, policies };
      return {
        sender: partyOf(sender.identities, domainsOf(sender.id)),
        recipient: partyOf(recipient.identities, domainsOf(recipient.id)),
        policies,
      };
    },
    /** Appends one audit record, listed under every organisation of the parties; inside the caller's transaction. */
    record(fact: AuditFact, parties: ReadonlyArray<Pick<Account, 'identities'> | null>): void {
      const orgs = [...new Set(parties.flatMap((p) => (p ? partyOf(p.identities).organisations : [])))];
      const organisations = JSON.stringify(orgs);
      for (const organisation of orgs) s.audit.run({ ...fact, organisation, organisations });
    },
    /** The e-mail domains of the identities an account holds, sorted (`accountData`). */
    emailDomains: (accountId: string): string[] => [...new Set(domainsOf(accountId))].sort(),
    /** `deleteAccount`: the person's id leaves every audit record, and their identities' domains go. */
    forget(accountId: string): void {
      s.dropDomainsOf.run(accountId);
      s.scrubActor.run(accountId);
      s.scrubOther.run(accountId);
    },
    /** `mergeAccounts`: records of the merged-away account now name the account it joined. */
    renameInAudit(fromId: string, toId: string): void {
      s.renameActor.run(toId, fromId);
      s.renameOther.run(toId, fromId);
    },
    port: {
      getOrganisationPolicy: async (organisation: string) =>
        guarded('getOrganisationPolicy', () => policyOf(organisation)),
      putOrganisationPolicy: async (cmd: {
        organisation: string;
        policy: OrganisationPolicy;
        now: number;
        audit?: { actorId: string | null; change: string };
      }) =>
        inTransaction(db, 'putOrganisationPolicy', () => {
          const policy = organisationPolicySchema.parse(cmd.policy);
          s.putPolicy.run(cmd.organisation, JSON.stringify(policy), cmd.now);
          if (!cmd.audit) return;
          // The policy change, listed under its organisation only, in the same transaction.
          s.audit.run({
            organisation: cmd.organisation,
            organisations: JSON.stringify([cmd.organisation]),
            at: cmd.now,
            action: 'policy_changed',
            actorId: cmd.audit.actorId,
            otherId: null,
            requestId: null,
            source: cmd.audit.change,
          });
        }),
      setEmailDomain: async (cmd: { identity: Identity; domain: string | null }) =>
        guarded('setEmailDomain', () => {
          const key = identityKey(cmd.identity);
          if (cmd.domain === null) s.dropDomain.run(key);
          else s.putDomain.run(key, cmd.domain);
        }),
      listAudit: async (q: AuditQuery): Promise<Page<AuditEntry>> =>
        guarded('listAudit', () => {
          const after = decodeCursor(q.cursor) ?? { at: Number.MIN_SAFE_INTEGER, id: '0' };
          const rows = s.page
            .all({
              org: q.organisation,
              from: q.from,
              to: q.to,
              at: after.at,
              seq: Number(after.id) || 0,
              limit: q.limit + 1,
            })
            .map((row) => auditRow.parse(row));
          return pageOf(
            rows,
            q.limit,
            (r) =>
              auditEntrySchema.parse({
                at: r.at,
                action: r.action,
                organisations: JSON.parse(r.organisations),
                actorId: r.actor_id,
                otherId: r.other_id,
                requestId: r.request_id,
                source: r.source,
              }),
            (r) => [r.at, String(r.seq)],
          );
        }),
      purgeAudit: async (cmd: { now: number }) =>
        inTransaction(db, 'purgeAudit', () => {
          let purged = 0;
          for (const row of s.auditedOrgs.all()) {
            const { organisation } = orgRow.parse(row);
            const days = (policyOf(organisation) ?? DEFAULT_ORGANISATION_POLICY).auditRetentionDays;
            purged += s.purge.run(organisation, cmd.now - days * DAY).changes;
          }
          return purged;
        }),
    },
  };
}

export type OrganisationQueries = ReturnType<typeof organisationQueries>;
