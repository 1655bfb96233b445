import { z } from 'zod';
import type { Account, Identity } from './types.js';

/**
 * Organisations: who a person belongs to, for the admin policy (`organisations-policy.ts`) and the
 * audit (`audit.ts`). Slack: the Enterprise Grid organisation when the identity has one, else the
 * workspace (team); Teams: the tenant. An organisation is named by its key, e.g.
 * `slack-enterprise:E1`, `slack-workspace:T1`, `teams-tenant:<tenant id>`.
 *
 * The Lua mirror is `party_of` in src/store/redis/lua/organisations.ts; change both together.
 */

export const ORGANISATION_KINDS = ['slack-enterprise', 'slack-workspace', 'teams-tenant'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  kind: OrganisationKind;
  /** The platform's id: enterprise id, team id or tenant id. */
  id: string;
  /** `<kind>:<id>`: how policies and audit records are keyed. */
  key: string;
}

export const organisationKeySchema = z
  .string()
  .regex(/^(slack-enterprise|slack-workspace|teams-tenant):[^:\s]{1,64}$/, 'not an organisation key');

const organisation = (kind: OrganisationKind, id: string): Organisation => ({
  kind,
  id,
  key: `${kind}:${id}`,
});

/** The organisation an identity belongs to: the enterprise when present, else the workspace; the tenant. */
export function organisationOf(identity: Identity): Organisation {
  if (identity.platform === 'teams') return organisation('teams-tenant', identity.tenantId);
  return identity.enterpriseId
    ? organisation('slack-enterprise', identity.enterpriseId)
    : organisation('slack-workspace', identity.teamId);
}

/** Parses an organisation key back (`null` when it is not one). */
export function parseOrganisationKey(key: string): Organisation | null {
  if (!organisationKeySchema.safeParse(key).success) return null;
  const at = key.indexOf(':');
  return organisation(key.slice(0, at) as OrganisationKind, key.slice(at + 1));
}

/**
 * What the policy needs to know about one party of a request, in identity order (oldest first):
 * its organisations, every workspace or enterprise id and tenant id it is a member of (what a
 * `listed` policy names), and the e-mail domains its profiles gave (`noteEmailDomain`).
 */
export interface Party {
  organisations: string[];
  /** Slack team ids and enterprise ids. */
  workspaces: string[];
  tenants: string[];
  domains: string[];
}

const pushNew = (list: string[], value: string) => {
  if (!list.includes(value)) list.push(value);
};

/** The party of an account's identities (oldest first) and its known e-mail domains. */
export function partyOf(identities: readonly Identity[], domains: readonly string[] = []): Party {
  const party: Party = { organisations: [], workspaces: [], tenants: [], domains: [] };
  for (const identity of identities) {
    pushNew(party.organisations, organisationOf(identity).key);
    if (identity.platform === 'slack') {
      pushNew(party.workspaces, identity.teamId);
      if (identity.enterpriseId) pushNew(party.workspaces, identity.enterpriseId);
    } else {
      pushNew(party.tenants, identity.tenantId);
    }
  }
  for (const domain of domains) pushNew(party.domains, domain);
  return party;
}

/** The organisation keys of an account, in identity order. */
export const organisationsOfAccount = (account: Pick<Account, 'identities'>): string[] =>
  partyOf(account.identities).organisations;

/** A lower-case e-mail domain: labels of letters, digits and hyphens, at least one dot. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'not an e-mail domain');

/** The domain of an e-mail address (`Ann@Example.COM` → `example.com`), or null when it has none. */
export function emailDomainOf(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const parsed = emailDomainSchema.safeParse(email.slice(at + 1));
  return parsed.success ? parsed.data : null;
}
