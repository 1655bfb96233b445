import { z } from 'zod';
import { emailDomainSchema, type Party } from './organisations.js';
import { err, ok, type Result } from './result.js';

/**
 * An organisation's policy, set by its admins (`setOrganisationPolicy`), stored per organisation key
 * and parsed with this schema whenever a store reads it back. No stored policy = the defaults.
 *
 * - `requests`: requests with people of OTHER organisations: `all` (default), `listed` (only with
 *   the workspaces or enterprises, tenants and e-mail domains in `allowed`), or `none`.
 * - `autoConnectSameOrg`: a request between two people of this organisation connects them at once.
 * - `auditRetentionDays`: how long audit records of this organisation are kept.
 */
export const REQUEST_POLICIES = ['all', 'listed', 'none'] as const;
export type RequestPolicy = (typeof REQUEST_POLICIES)[number];

const platformId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^:\s]+$/);

export const organisationPolicySchema = z.object({
  requests: z.enum(REQUEST_POLICIES).default('all'),
  allowed: z
    .object({
      /** Slack team ids (`T…`) or Enterprise Grid ids (`E…`). */
      workspaces: z.array(platformId).max(500).default([]),
      /** Microsoft Entra tenant ids. */
      tenants: z.array(platformId).max(500).default([]),
      domains: z.array(emailDomainSchema).max(500).default([]),
    })
    .default({ workspaces: [], tenants: [], domains: [] }),
  autoConnectSameOrg: z.boolean().default(false),
  auditRetentionDays: z.number().int().min(1).max(3650).default(180),
});
export type OrganisationPolicy = z.infer<typeof organisationPolicySchema>;

export const DEFAULT_ORGANISATION_POLICY: OrganisationPolicy = organisationPolicySchema.parse({});

/** The policies a decision read, by organisation key; an organisation missing here has the defaults. */
export type PolicyMap = Readonly<Record<string, OrganisationPolicy>>;

/** What the request rules need about organisations, read by the store in the same step. */
export interface OrganisationSnapshot {
  sender: Party;
  recipient: Party;
  policies: PolicyMap;
}

/**
 * A refusal names the organisation that refused and whose it is: the request's `sender`'s or its
 * `recipient`'s (the person sending is told "your organisation" or "<name>'s organisation").
 */
export type OrgPolicyRefused = {
  code: 'ORG_POLICY_REFUSED';
  organisation: string;
  refusedBy: 'sender' | 'recipient';
};

export interface OrgVerdict {
  /** The two share an organisation. */
  sameOrganisation: boolean;
  /** A shared organisation connects its members at once. */
  autoConnect: boolean;
}

export const policyFor = (policies: PolicyMap, organisation: string): OrganisationPolicy =>
  policies[organisation] ?? DEFAULT_ORGANISATION_POLICY;

const meets = (list: readonly string[], values: readonly string[]) => values.some((v) => list.includes(v));

/** Whether `organisation`'s policy lets its member deal with `other`. */
function allows(policy: OrganisationPolicy, organisation: string, other: Party): boolean {
  if (other.organisations.includes(organisation)) return true;
  switch (policy.requests) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'listed':
      return (
        meets(policy.allowed.workspaces, other.workspaces) ||
        meets(policy.allowed.tenants, other.tenants) ||
        meets(policy.allowed.domains, other.domains)
      );
  }
}

/**
 * The policy check of a request or an accept, for both parties' organisations: every organisation
 * of either party must allow the other party (the sender's organisations first, in identity order;
 * the first that refuses is named). Two people of one organisation are never "another company" to
 * it. The Lua mirror is `org_verdict` in src/store/redis/lua/organisations.ts.
 */
export function decideOrganisationPolicy(s: OrganisationSnapshot): Result<OrgVerdict, OrgPolicyRefused> {
  for (const [self, other, refusedBy] of [
    [s.sender, s.recipient, 'sender'],
    [s.recipient, s.sender, 'recipient'],
  ] as const) {
    for (const organisation of self.organisations) {
      if (!allows(policyFor(s.policies, organisation), organisation, other))
        return err({ code: 'ORG_POLICY_REFUSED', organisation, refusedBy });
    }
  }
  const shared = s.sender.organisations.filter((o) => s.recipient.organisations.includes(o));
  return ok({
    sameOrganisation: shared.length > 0,
    autoConnect: shared.some((o) => policyFor(s.policies, o).autoConnectSameOrg),
  });
}

/** Every organisation whose policy a decision between the two parties reads. */
export const organisationsOf = (a: Party, b: Party): string[] => [
  ...new Set([...a.organisations, ...b.organisations]),
];
