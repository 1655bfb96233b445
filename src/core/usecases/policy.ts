import { z } from 'zod';
import { emailDomainOf, emailDomainSchema, organisationKeySchema } from '../organisations.js';
import {
  DEFAULT_ORGANISATION_POLICY,
  type OrganisationPolicy,
  organisationPolicySchema,
} from '../organisations-policy.js';
import { err, ok, type Result } from '../result.js';
import type { Identity } from '../types.js';
import { type Actor, type CoreDeps, guardStore } from './deps.js';

/**
 * Reading and changing an organisation's policy, and keeping the e-mail domains the policy matches.
 * Who may call `updateOrganisationPolicy` (an admin of that organisation) is decided by the caller
 * (src/flows/admin.ts); this module checks the values.
 */

export type PolicyProblem = { code: 'ORG_POLICY_INVALID'; field: string };

/** The organisation's policy as it applies now (`stored: false`: nobody set one, the defaults). */
export function organisationPolicy(deps: CoreDeps, organisation: string) {
  return guardStore(
    async (): Promise<Result<{ policy: OrganisationPolicy; stored: boolean }, PolicyProblem>> => {
      if (!organisationKeySchema.safeParse(organisation).success)
        return err({ code: 'ORG_POLICY_INVALID', field: 'organisation' });
      const stored = await deps.store.getOrganisationPolicy(organisation);
      return ok({ policy: stored ?? DEFAULT_ORGANISATION_POLICY, stored: stored !== null });
    },
  );
}

/** A partial change: fields left out keep their current value; `allowed` lists replace the old ones. */
export interface PolicyChange {
  requests?: OrganisationPolicy['requests'];
  allowed?: Partial<OrganisationPolicy['allowed']>;
  autoConnectSameOrg?: boolean;
  auditRetentionDays?: number;
}

/**
 * What an admin set, for the audit (`policy_changed`'s `source`): each field given in `change`, with
 * its value in the new policy (lists whole, comma-separated), e.g.
 * `requests=listed allowed.domains=partner.example,other.example autoConnectSameOrg=true`.
 */
export function describePolicyChange(change: PolicyChange, policy: OrganisationPolicy): string {
  const parts: string[] = [];
  if (change.requests !== undefined) parts.push(`requests=${policy.requests}`);
  for (const list of ['workspaces', 'tenants', 'domains'] as const)
    if (change.allowed?.[list] !== undefined) parts.push(`allowed.${list}=${policy.allowed[list].join(',')}`);
  if (change.autoConnectSameOrg !== undefined) parts.push(`autoConnectSameOrg=${policy.autoConnectSameOrg}`);
  if (change.auditRetentionDays !== undefined) parts.push(`auditRetentionDays=${policy.auditRetentionDays}`);
  // Stores keep a record's fields apart with '|'; no valid value has one.
  return (parts.join(' ') || 'nothing').replaceAll('|', '');
}

/**
 * Applies `change` to the current policy, checks it with the schema, stores it; returns the new policy.
 * The store audits it in the same step (`policy_changed`): `by` is the admin who asked (their account,
 * null when they have none yet) and what they set.
 */
export function updateOrganisationPolicy(
  deps: CoreDeps,
  organisation: string,
  change: PolicyChange,
  by?: Pick<Actor, 'identity'>,
) {
  return guardStore(async (): Promise<Result<OrganisationPolicy, PolicyProblem>> => {
    if (!organisationKeySchema.safeParse(organisation).success)
      return err({ code: 'ORG_POLICY_INVALID', field: 'organisation' });
    const base = (await deps.store.getOrganisationPolicy(organisation)) ?? DEFAULT_ORGANISATION_POLICY;
    const parsed = organisationPolicySchema.safeParse({
      ...base,
      ...change,
      allowed: { ...base.allowed, ...change.allowed },
    });
    if (!parsed.success) {
      return err({ code: 'ORG_POLICY_INVALID', field: parsed.error.issues[0]?.path.join('.') || 'policy' });
    }
    const policy = {
      ...parsed.data,
      allowed: {
        workspaces: [...new Set(parsed.data.allowed.workspaces)],
        tenants: [...new Set(parsed.data.allowed.tenants)],
        domains: [...new Set(parsed.data.allowed.domains)],
      },
    };
    const admin = by ? await deps.store.getAccountByIdentity(by.identity) : null;
    const audit = { actorId: admin?.id ?? null, change: describePolicyChange(change, policy) };
    await deps.store.putOrganisationPolicy({ organisation, policy, now: deps.clock.now(), audit });
    return ok(policy);
  });
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLACK_ID = /^[TE][A-Z0-9]{2,63}$/;

/**
 * What an admin typed for the allow-list: an e-mail domain (`example.com`, `@example.com`), a Slack
 * workspace or Enterprise Grid id (`T0123`, `E0123`) or a Teams tenant id (a GUID); null otherwise.
 */
export function parseAllowedEntry(
  text: string,
): { list: keyof OrganisationPolicy['allowed']; value: string } | null {
  const t = text.trim().replace(/^@/, '');
  if (GUID.test(t)) return { list: 'tenants', value: t.toLowerCase() };
  if (SLACK_ID.test(t)) return { list: 'workspaces', value: t };
  const domain = emailDomainSchema.safeParse(t);
  return domain.success ? { list: 'domains', value: domain.data } : null;
}

const emailSchema = z.string().max(320).nullable().optional();

/**
 * Keeps the e-mail domain of an identity as its profile gives it now (Slack `users.info`
 * `profile.email`, Teams member info `email` / `userPrincipalName`): what a `listed` policy's
 * domains match. No e-mail, or one without a valid domain, forgets the domain kept before.
 */
export function noteEmailDomain(deps: CoreDeps, identity: Identity, email: string | null | undefined) {
  return guardStore(async (): Promise<Result<{ domain: string | null }, never>> => {
    const parsed = emailSchema.safeParse(email);
    const domain = parsed.success ? emailDomainOf(parsed.data) : null;
    await deps.store.setEmailDomain({ identity, domain });
    return ok({ domain });
  });
}
