import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type AuditEntry,
  type AuditQuery,
  auditEntrySchema,
  type Identity,
  identityKey,
  type OrganisationPolicy,
  type OrganisationSnapshot,
  organisationPolicySchema,
  type Page,
  partyOf,
} from '../../core/index.js';
import { decodeCursor, pageOf } from '../paging.js';
import { flatSchema, identityFrom } from './codec.js';
import type { Ctx } from './context.js';
import { LAYOUT } from './lua/prelude.js';
import { SCRIPTS } from './scripts.js';

/**
 * Organisations on Redis and Redis Cluster: policies (`op:<organisation>`, JSON parsed with core's
 * schema on every read), e-mail domains by identity digest (`ed:<bucket>`) and the audit trail
 * (`au:<organisation>`), all in the network slot so the request scripts read and write them in
 * their own step (lua/organisations.ts).
 */

/** What a request script read about organisations: `org_snapshot` in lua/organisations.ts. */
export const orgSnapshotReply = z.tuple([flatSchema, flatSchema, flatSchema, flatSchema, flatSchema]);

const identitiesOf = (flat: readonly string[]): Identity[] => {
  const out: Identity[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push(identityFrom(flat[i]!, flat[i + 1]!));
  return out;
};

/** The snapshot the core rule is re-run on: the parties rebuilt from their identities, the policies parsed. */
export function toOrganisationSnapshot(reply: z.infer<typeof orgSnapshotReply>): OrganisationSnapshot {
  const [senderIds, senderDomains, recipientIds, recipientDomains, raw] = reply;
  const policies: Record<string, OrganisationPolicy> = {};
  for (let i = 0; i + 1 < raw.length; i += 2)
    policies[raw[i]!] = organisationPolicySchema.parse(JSON.parse(raw[i + 1]!));
  return {
    sender: partyOf(identitiesOf(senderIds), senderDomains),
    recipient: partyOf(identitiesOf(recipientIds), recipientDomains),
    policies,
  };
}

const auditRows = z.array(
  z.tuple([
    z.string().regex(/^\d+$/).transform(Number),
    z.string(),
    z.string(),
    z.string(),
    z.string(),
    z.string(),
    z.string(),
    z.string(),
  ]),
);
const orNull = (s: string) => (s === '' ? null : s);

/** The e-mail domains kept for an account's identities, sorted (`accountData`; the digest of lua/prelude.ts). */
export async function emailDomainsOf(ctx: Ctx, identities: readonly Identity[]): Promise<string[]> {
  const out = new Set<string>();
  for (const identity of identities) {
    const hex = createHash('sha1').update(identityKey(identity)).digest('hex');
    const bucket = Number.parseInt(hex.slice(16, 22), 16) % LAYOUT.indexBuckets;
    const domain = await ctx.conn.call('accountData.emailDomain', (c) =>
      c.hget(ctx.keys.network('emailDomain', bucket), hex.slice(0, 16)),
    );
    if (domain !== null) out.add(domain);
  }
  return [...out].sort();
}

export function redisOrganisations(ctx: Ctx) {
  return {
    getOrganisationPolicy: async (organisation: string): Promise<OrganisationPolicy | null> => {
      const raw = await ctx.conn.call('getOrganisationPolicy', (c) =>
        c.get(ctx.keys.network('orgPolicy', organisation)),
      );
      return raw === null ? null : organisationPolicySchema.parse(JSON.parse(raw));
    },
    putOrganisationPolicy: async (cmd: {
      organisation: string;
      policy: OrganisationPolicy;
      now: number;
      audit?: { actorId: string | null; change: string };
    }) => {
      const policy = organisationPolicySchema.parse(cmd.policy);
      await ctx.net(SCRIPTS.putPolicy, [
        cmd.organisation,
        JSON.stringify(policy),
        cmd.now,
        cmd.audit?.actorId ?? '',
        cmd.audit ? cmd.audit.change || 'nothing' : '',
      ]);
    },
    setEmailDomain: async (cmd: { identity: Identity; domain: string | null }) => {
      await ctx.net(SCRIPTS.setEmailDomain, [identityKey(cmd.identity), cmd.domain ?? '']);
    },
    listAudit: async (q: AuditQuery): Promise<Page<AuditEntry>> => {
      const after = decodeCursor(q.cursor);
      const rows = auditRows.parse(
        await ctx.net(SCRIPTS.auditPage, [
          q.organisation,
          q.from,
          q.to,
          after?.at ?? '',
          after?.id ?? '',
          q.limit + 1,
        ]),
      );
      return pageOf(
        rows,
        q.limit,
        ([at, , action, actor, other, requestId, source, orgs]) =>
          auditEntrySchema.parse({
            at,
            action,
            organisations: orgs === '' ? [] : orgs.split(','),
            actorId: orNull(actor),
            otherId: orNull(other),
            requestId: orNull(requestId),
            source: orNull(source),
          }),
        ([at, seq]) => [at, seq],
      );
    },
    purgeAudit: async (cmd: { now: number }) =>
      z
        .number()
        .int()
        .parse(await ctx.net(SCRIPTS.auditPurge, [cmd.now])),
  };
}
