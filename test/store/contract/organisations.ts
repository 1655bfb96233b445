import { describe, expect, it } from 'vitest';
import { type OrganisationPolicy, organisationPolicySchema } from '../../../src/core/organisations-policy.js';
import type { StorePort } from '../../../src/core/ports.js';
import type { Account } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { gridIdentity, slackIdentity, teamsIdentity } from '../../helpers/identities.js';
import type { ContractContext, Fixture } from './support.js';

const ACME = 'slack-workspace:TACME';
const OTHER = 'slack-workspace:TOTHER';

export const policyOf = (over: {
  requests?: OrganisationPolicy['requests'];
  workspaces?: string[];
  tenants?: string[];
  domains?: string[];
  autoConnectSameOrg?: boolean;
  auditRetentionDays?: number;
}): OrganisationPolicy =>
  organisationPolicySchema.parse({
    ...over,
    allowed: { workspaces: over.workspaces ?? [], tenants: over.tenants ?? [], domains: over.domains ?? [] },
  });

export const setPolicy = (store: StorePort, organisation: string, policy: OrganisationPolicy, now = T0) =>
  store.putOrganisationPolicy({ organisation, policy, now });

/** Ann and Abe of Acme's workspace, Olga of another workspace, Tess of a Teams tenant. */
export async function companies(fx: Fixture) {
  const ann = await fx.account('ann', { identity: slackIdentity('U_ANN', 'TACME') });
  const abe = await fx.account('abe', { identity: slackIdentity('U_ABE', 'TACME') });
  const olga = await fx.account('olga', { identity: slackIdentity('U_OLGA', 'TOTHER') });
  const tess = await fx.account('tess', { identity: teamsIdentity('aad-tess', 'tenant-p') });
  return { ann, abe, olga, tess };
}

/**
 * Organisation policies (src/core/organisations-policy.ts), checked by every store inside the step of
 * the request or the accept: a refused one is a value and stores nothing, and a policy change racing
 * requests never lets a refused request through.
 */
export function organisationsContract(ctx: ContractContext): void {
  describe('organisation policies', () => {
    /** Nothing between the two: no request either way, no contact, no notice, no audit record. */
    const expectNothingBetween = async (fx: Fixture, a: Account, b: Account, now: number) => {
      const rel = await fx.store.relationship(a.id, b.id);
      expect(rel).toMatchObject({ areContacts: false, outgoing: null, incoming: null });
      expect(await fx.drain(now)).toEqual([]);
    };

    it('a policy reads back as stored, parsed; none stored is null', async () => {
      const s = ctx.fx.store;
      expect(await s.getOrganisationPolicy(ACME)).toBeNull();
      const policy = policyOf({ requests: 'listed', domains: ['partner.example'], auditRetentionDays: 30 });
      await setPolicy(s, ACME, policy);
      expect(await s.getOrganisationPolicy(ACME)).toEqual(policy);
      expect(await s.getOrganisationPolicy(OTHER)).toBeNull();
    });

    it('none: a request to or from another company is refused with the organisation named, and stores nothing', async () => {
      const { fx } = ctx;
      const { ann, olga } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ requests: 'none' }));
      expect(await fx.send(ann, olga, T0)).toEqual({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: ACME, refusedBy: 'sender' },
      });
      expect(await fx.send(olga, ann, T0)).toEqual({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: ACME, refusedBy: 'recipient' },
      });
      await expectNothingBetween(fx, ann, olga, T0);
      expect(
        (await fx.store.listAudit({ organisation: OTHER, from: 0, to: T0 + 1, limit: 10 })).items,
      ).toEqual([]);
    });

    it('none never refuses two people of the same organisation', async () => {
      const { fx } = ctx;
      const { ann, abe } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ requests: 'none' }));
      expect(await fx.send(ann, abe, T0)).toMatchObject({ ok: true, value: { status: 'sent' } });
    });

    it('listed: an allowed e-mail domain of the other party passes; another, or none known, is refused', async () => {
      const { fx } = ctx;
      const { ann, olga, tess } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ requests: 'listed', domains: ['partner.example'] }));
      expect(await fx.send(tess, ann, T0)).toMatchObject({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED' },
      });
      await fx.store.setEmailDomain({
        identity: teamsIdentity('aad-tess', 'tenant-p'),
        domain: 'partner.example',
      });
      await fx.store.setEmailDomain({
        identity: slackIdentity('U_OLGA', 'TOTHER'),
        domain: 'elsewhere.example',
      });
      expect(await fx.send(tess, ann, T0)).toMatchObject({ ok: true, value: { status: 'sent' } });
      expect(await fx.send(olga, ann, T0)).toMatchObject({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED' },
      });
      // The profile changed: the domain kept for the identity is replaced, then forgotten.
      await fx.store.setEmailDomain({ identity: teamsIdentity('aad-tess', 'tenant-p'), domain: null });
      const req = (await fx.store.relationship(tess.id, ann.id)).outgoing!;
      expect(await fx.decide(req.id, ann, 'accept', T0 + 1)).toMatchObject({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: ACME, refusedBy: 'recipient' },
      });
    });

    it('listed: a listed workspace, Grid enterprise or tenant passes', async () => {
      const { fx } = ctx;
      const { ann, olga, tess } = await companies(fx);
      const grid = await fx.account('gina', { identity: gridIdentity('U_GINA', 'TGRID1', 'EGRID') });
      await setPolicy(
        fx.store,
        ACME,
        policyOf({ requests: 'listed', workspaces: ['TOTHER', 'EGRID'], tenants: ['tenant-p'] }),
      );
      for (const them of [olga, tess, grid])
        expect(await fx.send(ann, them, T0)).toMatchObject({ ok: true, value: { status: 'sent' } });
      // The Grid organisation's own policy is keyed by the enterprise.
      await setPolicy(fx.store, 'slack-enterprise:EGRID', policyOf({ requests: 'none' }));
      const other = await fx.account('oleg', { identity: slackIdentity('U_OLEG', 'TOTHER') });
      expect(await fx.send(other, grid, T0)).toEqual({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: 'slack-enterprise:EGRID', refusedBy: 'recipient' },
      });
    });

    it('same-organisation auto-connect: a request between members connects them at once; only the person asked is told (auto_connected, same step)', async () => {
      const { fx } = ctx;
      const { ann, abe, olga } = await companies(fx);
      await setPolicy(fx.store, ACME, policyOf({ autoConnectSameOrg: true }));
      const res = await fx.send(ann, abe, T0);
      expect(res).toMatchObject({
        ok: true,
        value: { status: 'connected', request: { state: 'accepted', decidedAt: T0 } },
      });
      const rel = await fx.store.relationship(ann.id, abe.id);
      expect(rel.areContacts).toBe(true);
      expect(rel.outgoing).toMatchObject({ state: 'accepted' });
      expect(await fx.drain(T0)).toEqual([
        expect.objectContaining({
          type: 'auto_connected',
          recipientId: abe.id,
          actorId: ann.id,
          requestId: res.ok ? res.value.request.id : '',
          at: T0,
        }),
      ]);
      expect(
        (await fx.store.listRequests({ accountId: ann.id, direction: 'outgoing', now: T0, limit: 5 })).items,
      ).toEqual([]);
      // Another company is asked as usual.
      expect(await fx.send(ann, olga, T0)).toMatchObject({ ok: true, value: { status: 'sent' } });
      // A recipient who blocks the sender is never connected by it.
      const ada = await fx.account('ada', { identity: slackIdentity('U_ADA', 'TACME') });
      await fx.store.blockAccount({ actorId: ada.id, otherId: ann.id, now: T0 });
      expect(await fx.send(ann, ada, T0 + 1)).toMatchObject({ ok: true, value: { status: 'sent' } });
      expect((await fx.store.relationship(ann.id, ada.id)).areContacts).toBe(false);
    });

    it('an accept after the policy changed is refused and leaves the request pending; a decline still works', async () => {
      const { fx } = ctx;
      const { ann, olga, tess } = await companies(fx);
      const toAnn = await fx.pending(olga, ann, T0);
      const toAnn2 = await fx.pending(tess, ann, T0);
      await fx.drain(T0);
      await setPolicy(fx.store, ACME, policyOf({ requests: 'none' }));
      expect(await fx.decide(toAnn.id, ann, 'accept', T0 + 1)).toEqual({
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: ACME, refusedBy: 'recipient' },
      });
      expect(await fx.store.getRequest(toAnn.id)).toMatchObject({ state: 'pending' });
      expect((await fx.store.relationship(ann.id, olga.id)).areContacts).toBe(false);
      expect(await fx.drain(T0 + 1)).toEqual([]);
      expect(await fx.decide(toAnn2.id, ann, 'decline', T0 + 1)).toMatchObject({ ok: true });
    });

    it('a policy change racing requests never lets a refused request through', async () => {
      const { fx } = ctx;
      const stores = await fx.handles(4);
      const ann = await fx.account('ann', { identity: slackIdentity('U_ANN', 'TACME') });
      const senders = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fx.account(`out${i}`, { identity: slackIdentity(`U_O${i}`, 'TOTHER') }),
        ),
      );
      const send = (i: number) =>
        stores[i % stores.length]!.sendRequest(fx.sendCmd(senders[i]!, ann, T0 + 1));
      // The first wave races the change; the second starts once the change is stored.
      const wave1 = Promise.all(senders.slice(0, 20).map((_, i) => send(i)));
      await setPolicy(stores[1 % stores.length]!, ACME, policyOf({ requests: 'none' }));
      const wave2 = await Promise.all(senders.slice(20).map((_, i) => send(20 + i)));
      for (const r of wave2) expect(r).toMatchObject({ ok: false, error: { code: 'ORG_POLICY_REFUSED' } });
      const first = await wave1;
      // Every answer tells the truth about what was stored.
      const results = [...first, ...wave2];
      for (const [i, r] of results.entries()) {
        const stored = (await fx.store.relationship(senders[i]!.id, ann.id)).outgoing;
        if (r.ok) expect(stored).toMatchObject({ id: r.value.request.id, state: 'pending' });
        else expect(stored).toBeNull();
      }
      const sent = results.filter((r) => r.ok).length;
      const notices = await fx.drain(T0 + 1);
      expect(notices).toHaveLength(sent);
      const audit = await fx.store.listAudit({ organisation: ACME, from: T0, to: T0 + 2, limit: 100 });
      expect(audit.items).toHaveLength(sent);
      // After the change nothing more gets through, on any connection.
      for (const store of stores) {
        const late = await fx.account(`late${stores.indexOf(store)}`, {
          identity: slackIdentity(`U_LATE${stores.indexOf(store)}`, 'TOTHER'),
        });
        expect(await store.sendRequest(fx.sendCmd(late, ann, T0 + 2))).toMatchObject({
          ok: false,
          error: { code: 'ORG_POLICY_REFUSED' },
        });
      }
    });

    it('a policy flipping while requests and accepts run: each answer matches the policy it was decided under', async () => {
      const { fx } = ctx;
      const stores = await fx.handles(4);
      const ann = await fx.account('ann', { identity: slackIdentity('U_ANN', 'TACME') });
      const others = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fx.account(`oth${i}`, { identity: slackIdentity(`U_T${i}`, 'TOTHER') }),
        ),
      );
      const pending = await Promise.all(others.slice(0, 15).map((o) => fx.pending(o, ann, T0)));
      const on = (i: number) => stores[i % stores.length]!;
      const flips = [2, 7, 12].map((i) =>
        setPolicy(on(i), ACME, policyOf({ requests: i % 2 ? 'none' : 'all' })),
      );
      const accepts = pending.map((p, i) =>
        on(i).decideRequest({
          requestId: p.id,
          actorId: ann.id,
          action: 'accept',
          now: T0 + 1,
          newId: fx.newId,
        }),
      );
      const sends = others.slice(15).map((o, i) => on(i + 1).sendRequest(fx.sendCmd(o, ann, T0 + 1)));
      const [accepted, sent] = await Promise.all([
        Promise.all(accepts),
        Promise.all(sends),
        Promise.all(flips),
      ]);
      for (const r of [...accepted, ...sent]) if (!r.ok) expect(r.error.code).toBe('ORG_POLICY_REFUSED');
      for (const [i, r] of accepted.entries()) {
        expect((await fx.store.getRequest(pending[i]!.id))?.state).toBe(r.ok ? 'accepted' : 'pending');
        expect((await fx.store.relationship(ann.id, others[i]!.id)).areContacts).toBe(r.ok);
      }
      for (const [i, r] of sent.entries()) {
        const stored = (await fx.store.relationship(others[15 + i]!.id, ann.id)).outgoing;
        expect(stored === null).toBe(!r.ok);
      }
    });
  });
}
