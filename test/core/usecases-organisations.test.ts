import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/core/usecases/accounts.js';
import { auditEntries, auditPage } from '../../src/core/usecases/audit.js';
import { auditLine } from '../../src/core/usecases/audit-export.js';
import {
  noteEmailDomain,
  organisationPolicy,
  updateOrganisationPolicy,
} from '../../src/core/usecases/policy.js';
import { decideRequest, requestConnection, sweepRequests } from '../../src/core/usecases/requests.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

const DAY = 86_400_000;
const ACME = 'slack-workspace:TACME';
let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const ann = slackActor('U_ANN', 'Ann', { teamId: 'TACME' });
const abe = slackActor('U_ABE', 'Abe', { teamId: 'TACME' });
const tess = teamsActor('aad-tess', 'Tess', 'tenant-p');
const ask = (from: typeof ann, to: typeof ann) =>
  requestConnection(t.deps, { actor: from, target: { kind: 'actor', actor: to }, source: 'mention' });

describe('organisation policy use cases', () => {
  it('reads the defaults, applies a partial change, refuses an invalid one and keeps the old policy', async () => {
    expect(await organisationPolicy(t.deps, ACME)).toMatchObject({
      ok: true,
      value: {
        stored: false,
        policy: { requests: 'all', autoConnectSameOrg: false, auditRetentionDays: 180 },
      },
    });
    const changed = await updateOrganisationPolicy(t.deps, ACME, {
      requests: 'listed',
      allowed: { domains: ['partner.example', 'partner.example'] },
    });
    expect(changed).toMatchObject({
      ok: true,
      value: { requests: 'listed', allowed: { domains: ['partner.example'] } },
    });
    expect(await updateOrganisationPolicy(t.deps, ACME, { auditRetentionDays: 0 })).toEqual({
      ok: false,
      error: { code: 'ORG_POLICY_INVALID', field: 'auditRetentionDays' },
    });
    expect(
      await updateOrganisationPolicy(t.deps, ACME, { allowed: { domains: ['not a domain'] } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ORG_POLICY_INVALID' },
    });
    expect(await updateOrganisationPolicy(t.deps, 'nonsense', { requests: 'none' })).toMatchObject({
      ok: false,
      error: { code: 'ORG_POLICY_INVALID', field: 'organisation' },
    });
    expect(await organisationPolicy(t.deps, ACME)).toMatchObject({
      value: { stored: true, policy: { requests: 'listed', auditRetentionDays: 180 } },
    });
  });

  it('a request refused by the policy is a value for the sender; the e-mail domain noted from a profile lets it through', async () => {
    await updateOrganisationPolicy(t.deps, ACME, {
      requests: 'listed',
      allowed: { domains: ['partner.example'] },
    });
    expect(await ask(tess, ann)).toMatchObject({
      ok: false,
      error: { code: 'ORG_POLICY_REFUSED', organisation: ACME },
    });
    expect(await noteEmailDomain(t.deps, tess.identity, 'Tess@Partner.Example')).toEqual({
      ok: true,
      value: { domain: 'partner.example' },
    });
    const sent = await ask(tess, ann);
    expect(sent).toMatchObject({ ok: true, value: { outcome: { status: 'sent' } } });
    await updateOrganisationPolicy(t.deps, ACME, { requests: 'none' });
    if (!sent.ok) throw new Error('unreachable');
    expect(
      await decideRequest(t.deps, { actor: ann, requestId: sent.value.outcome.request.id, action: 'accept' }),
    ).toMatchObject({ ok: false, error: { code: 'ORG_POLICY_REFUSED' } });
  });

  it('same-organisation auto-connect through the request use case', async () => {
    await updateOrganisationPolicy(t.deps, ACME, { autoConnectSameOrg: true });
    await ask(abe, ann); // registers abe; ann is named and connected at once
    const back = await ask(ann, abe);
    expect(back).toMatchObject({ ok: false, error: { code: 'ALREADY_CONTACTS' } });
  });
});

describe('audit use cases', () => {
  it('a policy change is audited with who (the admin’s account) and what they set; a refused change records nothing', async () => {
    const admin = await ensureAccount(t.deps, ann);
    if (!admin.ok) throw new Error(admin.error.code);
    const at = t.clock.now();
    await updateOrganisationPolicy(
      t.deps,
      ACME,
      { requests: 'listed', allowed: { domains: ['partner.example', 'other.example'] } },
      ann,
    );
    t.clock.advance(1);
    await updateOrganisationPolicy(t.deps, ACME, { autoConnectSameOrg: true, auditRetentionDays: 90 }, ann);
    await updateOrganisationPolicy(t.deps, ACME, { auditRetentionDays: 0 }, ann);
    // Someone with no account yet (never used the app) is recorded as null.
    await updateOrganisationPolicy(t.deps, ACME, { requests: 'none' }, abe);
    const page = await auditPage(t.deps, { organisation: ACME, from: at, to: at + DAY });
    if (!page.ok) throw new Error(page.error.code);
    const id = admin.value.account.id;
    expect(page.value.items).toEqual([
      {
        at,
        action: 'policy_changed',
        organisations: [ACME],
        actorId: id,
        otherId: null,
        requestId: null,
        source: 'requests=listed allowed.domains=partner.example,other.example',
      },
      expect.objectContaining({ actorId: id, source: 'autoConnectSameOrg=true auditRetentionDays=90' }),
      expect.objectContaining({ actorId: null, source: 'requests=none' }),
    ]);
    // The export carries it like any record (the list's commas quoted in CSV).
    expect(auditLine(page.value.items[0]!, 'csv')).toBe(
      `${new Date(at).toISOString()},policy_changed,${ACME},${id},,,"requests=listed allowed.domains=partner.example,other.example"\r\n`,
    );
  });

  it('pages an export and checks the range', async () => {
    await ask(ann, tess);
    t.clock.advance(1);
    await ask(abe, ann);
    const from = t.clock.now() - 10;
    const page = await auditPage(t.deps, { organisation: ACME, from, to: from + DAY, limit: 1 });
    expect(page).toMatchObject({ ok: true, value: { items: [{ action: 'request_sent' }] } });
    const all: unknown[] = [];
    for await (const chunk of auditEntries(t.deps, { organisation: ACME, from, to: from + DAY })) {
      if (!chunk.ok) throw new Error(chunk.error.code);
      all.push(...chunk.value);
    }
    expect(all).toHaveLength(2);
    for (const [f, to] of [
      [from, from],
      [from + 1, from],
      [from, from + 367 * DAY],
    ] as const)
      expect(await auditPage(t.deps, { organisation: ACME, from: f, to })).toEqual({
        ok: false,
        error: { code: 'AUDIT_RANGE_INVALID' },
      });
  });

  it('the sweep purges expired audit records at most once an hour', async () => {
    await updateOrganisationPolicy(t.deps, ACME, { auditRetentionDays: 1 });
    await ask(ann, abe);
    const records = async () =>
      (await t.store.listAudit({ organisation: ACME, from: 0, to: t.clock.now() + 1, limit: 10 })).items
        .length;
    t.clock.advance(2 * DAY);
    await sweepRequests(t.deps);
    expect(await records()).toBe(0);
    // A record already past retention (written with an old time) waits for the next hour's purge.
    const [a, b] = [
      await t.store.getAccountByIdentity(ann.identity),
      await t.store.getAccountByIdentity(abe.identity),
    ];
    await t.store.sendRequest({
      requestId: 'req_old',
      senderId: b!.id,
      recipientId: a!.id,
      note: null,
      source: 'link',
      context: null,
      now: t.clock.now() - 2 * DAY,
      newId: () => 'evt_old',
    });
    expect(await records()).toBe(1);
    t.clock.advance(60_000);
    await sweepRequests(t.deps);
    expect(await records()).toBe(1);
    t.clock.advance(3_600_000);
    await sweepRequests(t.deps);
    expect(await records()).toBe(0);
  });
});
