import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/core/audit.js';
import { MERGE_CODE } from '../../../src/core/merge.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../../helpers/identities.js';
import { companies, policyOf, setPolicy } from './organisations.js';
import { type ContractContext, DAY, type Fixture } from './support.js';

const ACME = 'slack-workspace:TACME';
const OTHER = 'slack-workspace:TOTHER';
const TENANT = 'teams-tenant:tenant-p';

/** Every page of one organisation's records in [from, to), `limit` at a time. */
async function allAudit(fx: Fixture, organisation: string, from: number, to: number, limit = 100) {
  const out: AuditEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await fx.store.listAudit({ organisation, from, to, limit, cursor });
    out.push(...res.items);
    cursor = res.nextCursor;
    if (cursor === null) return out;
  }
  throw new Error('audit: too many pages');
}

const row = (
  at: number,
  action: AuditEntry['action'],
  organisations: string[],
  actorId: string | null,
  otherId: string | null,
  requestId: string | null = null,
  source: string | null = null,
): AuditEntry => ({ at, action, organisations, actorId, otherId, requestId, source });

/**
 * The audit trail (src/core/audit.ts): written by each store in the same step as the change, listed
 * under every organisation of both parties, ids only; a deleted person's id leaves every record.
 */
export function auditContract(ctx: ContractContext): void {
  describe('audit', () => {
    it('records every request, decision, withdrawal, block and removal under both organisations, oldest first', async () => {
      const { fx } = ctx;
      const s = fx.store;
      const { ann, abe, olga, tess } = await companies(fx);
      const r1 = await fx.pending(ann, olga, T0);
      await fx.decide(r1.id, olga, 'accept', T0 + 1);
      const r2 = await fx.pending(abe, ann, T0 + 2);
      await fx.decide(r2.id, ann, 'decline', T0 + 3);
      const r3 = await fx.pending(ann, abe, T0 + 4);
      await fx.decide(r3.id, ann, 'withdraw', T0 + 5);
      await s.removeContact({ actorId: olga.id, otherId: ann.id, now: T0 + 6 });
      await s.blockAccount({ actorId: olga.id, otherId: abe.id, now: T0 + 7 });
      await s.blockAccount({ actorId: olga.id, otherId: abe.id, now: T0 + 7 }); // nothing changes: no record
      const r4 = await fx.pending(tess, ann, T0 + 8);
      await fx.decide(r4.id, ann, 'block', T0 + 9);
      const r5 = await fx.pending(olga, tess, T0 + 10);
      const back = await fx.send(tess, olga, T0 + 11); // tess had been asked: connected
      expect(back).toMatchObject({ ok: true, value: { status: 'connected' } });
      await s.removeContact({ actorId: olga.id, otherId: ann.id, now: T0 + 12 }); // not contacts: no record

      const both = [ACME, OTHER];
      expect(await allAudit(fx, ACME, T0, T0 + 100)).toEqual([
        row(T0, 'request_sent', both, ann.id, olga.id, r1.id, 'link'),
        row(T0 + 1, 'request_accepted', [ACME, OTHER], olga.id, ann.id, r1.id, 'link'),
        row(T0 + 2, 'request_sent', [ACME], abe.id, ann.id, r2.id, 'link'),
        row(T0 + 3, 'request_declined', [ACME], ann.id, abe.id, r2.id, 'link'),
        row(T0 + 4, 'request_sent', [ACME], ann.id, abe.id, r3.id, 'link'),
        row(T0 + 5, 'request_withdrawn', [ACME], ann.id, abe.id, r3.id, 'link'),
        row(T0 + 6, 'contact_removed', [OTHER, ACME], olga.id, ann.id),
        row(T0 + 7, 'blocked', [OTHER, ACME], olga.id, abe.id),
        row(T0 + 8, 'request_sent', [TENANT, ACME], tess.id, ann.id, r4.id, 'link'),
        row(T0 + 9, 'blocked', [TENANT, ACME], ann.id, tess.id, r4.id, 'link'),
      ]);
      expect(await allAudit(fx, TENANT, T0 + 10, T0 + 12)).toEqual([
        row(T0 + 10, 'request_sent', [OTHER, TENANT], olga.id, tess.id, r5.id, 'link'),
        row(T0 + 11, 'request_connected', [TENANT, OTHER], tess.id, olga.id, r5.id, 'link'),
      ]);
      // The range is from ≤ at < to, and pages of any size read the same rows.
      expect((await allAudit(fx, ACME, T0 + 1, T0 + 3)).map((e) => e.at)).toEqual([T0 + 1, T0 + 2]);
      const whole = await allAudit(fx, OTHER, T0, T0 + 100);
      expect(whole.map((e) => e.at)).toEqual([T0, T0 + 1, T0 + 6, T0 + 7, T0 + 10, T0 + 11]);
      expect(await allAudit(fx, OTHER, T0, T0 + 100, 2)).toEqual(whole);
      expect(await allAudit(fx, 'slack-workspace:TNOBODY', T0, T0 + 100)).toEqual([]);
    });

    it('same-organisation auto-connect is recorded as connected', async () => {
      const { fx } = ctx;
      const { ann, abe } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ autoConnectSameOrg: true }));
      const res = await fx.send(ann, abe, T0, { source: 'mention' });
      if (!res.ok) throw new Error('not sent');
      expect(await allAudit(fx, ACME, T0, T0 + 1)).toEqual([
        row(T0, 'request_connected', [ACME], ann.id, abe.id, res.value.request.id, 'mention'),
      ]);
    });

    it('a policy change is recorded with the policy (who, what), under that organisation only; the admin’s id leaves it when they delete their data', async () => {
      const { fx } = ctx;
      const s = fx.store;
      const { ann } = await companies(fx);
      const listed = policyOf({ requests: 'listed', domains: ['partner.example'] });
      const change = 'requests=listed allowed.domains=partner.example';
      await s.putOrganisationPolicy({
        organisation: ACME,
        policy: listed,
        now: T0,
        audit: { actorId: ann.id, change },
      });
      // Without `audit` (a seed, a migration) nothing is recorded; an unknown admin is recorded as null.
      await s.putOrganisationPolicy({ organisation: ACME, policy: listed, now: T0 + 1 });
      await s.putOrganisationPolicy({
        organisation: ACME,
        policy: policyOf({ autoConnectSameOrg: true }),
        now: T0 + 2,
        audit: { actorId: null, change: 'autoConnectSameOrg=true' },
      });
      expect(await s.getOrganisationPolicy(ACME)).toEqual(policyOf({ autoConnectSameOrg: true }));
      expect(await allAudit(fx, ACME, T0, T0 + 100)).toEqual([
        row(T0, 'policy_changed', [ACME], ann.id, null, null, change),
        row(T0 + 2, 'policy_changed', [ACME], null, null, null, 'autoConnectSameOrg=true'),
      ]);
      expect(await allAudit(fx, OTHER, T0, T0 + 100)).toEqual([]);
      // Retention applies to them like any record, and deleting the admin's data takes their id out.
      expect((await s.deleteAccount({ accountId: ann.id, now: T0 + 3 })).ok).toBe(true);
      const after = await allAudit(fx, ACME, T0, T0 + 100);
      expect(after[0]).toEqual(row(T0, 'policy_changed', [ACME], null, null, null, change));
      expect(JSON.stringify(after)).not.toContain(ann.id);
    });

    it('a person who deletes their data leaves no id in any record; the deletion itself is recorded', async () => {
      const { fx } = ctx;
      const { ann, abe, olga } = await companies(fx);
      const r1 = await fx.pending(ann, olga, T0);
      await fx.decide(r1.id, olga, 'accept', T0 + 1);
      const r2 = await fx.pending(abe, ann, T0 + 2);
      await fx.store.blockAccount({ actorId: olga.id, otherId: abe.id, now: T0 + 3 });
      expect((await fx.store.deleteAccount({ accountId: ann.id, now: T0 + 4 })).ok).toBe(true);
      const acme = await allAudit(fx, ACME, T0, T0 + 100);
      expect(acme).toEqual([
        row(T0, 'request_sent', [ACME, OTHER], null, olga.id, r1.id, 'link'),
        row(T0 + 1, 'request_accepted', [ACME, OTHER], olga.id, null, r1.id, 'link'),
        row(T0 + 2, 'request_sent', [ACME], abe.id, null, r2.id, 'link'),
        row(T0 + 3, 'blocked', [OTHER, ACME], olga.id, abe.id),
        row(T0 + 4, 'account_deleted', [ACME], null, null),
      ]);
      const other = await allAudit(fx, OTHER, T0, T0 + 100);
      expect(JSON.stringify([acme, other])).not.toContain(ann.id);
      expect(other[0]).toEqual(acme[0]);
    });

    it('after a merge, earlier records name the account the person kept', async () => {
      const { fx } = ctx;
      const { olga } = await companies(fx);
      const slack = await fx.account('sam', { identity: slackIdentity('U_SAM', 'TACME'), now: T0 });
      const teams = await fx.account('samt', { identity: teamsIdentity('aad-sam', 'tenant-p'), now: T0 + 1 });
      const r1 = await fx.pending(teams, olga, T0 + 2);
      const code = fx.id('code');
      await fx.store.putMergeCode({
        code,
        accountId: slack.id,
        platform: 'slack',
        expiresAt: T0 + MERGE_CODE.ttlMs,
      });
      const merged = await fx.store.mergeAccounts({
        code,
        accountId: teams.id,
        platform: 'teams',
        now: T0 + 3,
        newId: fx.newId,
      });
      expect(merged).toMatchObject({ ok: true, value: { keepId: slack.id, goneId: teams.id } });
      expect(await allAudit(fx, TENANT, T0, T0 + 100)).toEqual([
        row(T0 + 2, 'request_sent', [TENANT, OTHER], slack.id, olga.id, r1.id, 'link'),
        row(T0 + 3, 'accounts_merged', [ACME, TENANT], slack.id, null),
      ]);
    });

    it('purgeAudit drops records older than each organisation’s retention (default 180 days)', async () => {
      const { fx } = ctx;
      const { ann, olga } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ auditRetentionDays: 1 }));
      await fx.pending(ann, olga, T0);
      await fx.pending(
        olga,
        await fx.account('oleg', { identity: slackIdentity('U_OLEG', 'TOTHER') }),
        T0 + 2 * DAY,
      );
      expect(await fx.store.purgeAudit({ now: T0 + DAY })).toBe(0);
      expect(await fx.store.purgeAudit({ now: T0 + 2 * DAY })).toBe(1);
      expect(await allAudit(fx, ACME, T0, T0 + 300 * DAY)).toEqual([]);
      expect((await allAudit(fx, OTHER, T0, T0 + 300 * DAY)).map((e) => e.at)).toEqual([T0, T0 + 2 * DAY]);
      expect(await fx.store.purgeAudit({ now: T0 + 181 * DAY })).toBe(1);
      expect((await allAudit(fx, OTHER, T0, T0 + 300 * DAY)).map((e) => e.at)).toEqual([T0 + 2 * DAY]);
    });
  });
}
