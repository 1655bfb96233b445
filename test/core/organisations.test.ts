import { describe, expect, it } from 'vitest';
import {
  emailDomainOf,
  organisationOf,
  parseOrganisationKey,
  partyOf,
} from '../../src/core/organisations.js';
import {
  DEFAULT_ORGANISATION_POLICY,
  decideOrganisationPolicy,
  type OrganisationPolicy,
  organisationPolicySchema,
} from '../../src/core/organisations-policy.js';
import { decideSend, decideTransition, type SendSnapshot } from '../../src/core/rules.js';
import { parseAllowedEntry } from '../../src/core/usecases/policy.js';
import { T0 } from '../helpers/clock.js';
import { gridIdentity, slackIdentity, teamsIdentity } from '../helpers/identities.js';
import { idGen } from '../helpers/random.js';
import { ACC_A, ACC_B, effectKinds, requestFixture } from '../helpers/requests.js';

const policy = (over: Partial<OrganisationPolicy> & { domains?: string[]; workspaces?: string[] }) =>
  organisationPolicySchema.parse({
    ...over,
    allowed: { workspaces: over.workspaces ?? [], tenants: [], domains: over.domains ?? [] },
  });

const acme = partyOf([slackIdentity('U1', 'TACME')], ['acme.example']);
const acme2 = partyOf([slackIdentity('U2', 'TACME')]);
const other = partyOf([slackIdentity('U3', 'TOTHER')], ['other.example']);
const guest = partyOf([teamsIdentity('aad-1', 'tenant-x')], ['partner.example']);

describe('organisationOf / partyOf', () => {
  it.each([
    [slackIdentity('U1', 'T1'), 'slack-workspace:T1'],
    [gridIdentity('U1', 'T1', 'E1'), 'slack-enterprise:E1'],
    [teamsIdentity('a', 'tid'), 'teams-tenant:tid'],
  ])('%j → %s', (identity, key) => {
    expect(organisationOf(identity).key).toBe(key);
    expect(parseOrganisationKey(key)).toEqual(organisationOf(identity));
  });

  it('a merged person belongs to every organisation of their identities; a Grid member lists team and enterprise', () => {
    expect(partyOf([gridIdentity('U1', 'T1', 'E1'), teamsIdentity('a', 'tid')], ['x.example'])).toEqual({
      organisations: ['slack-enterprise:E1', 'teams-tenant:tid'],
      workspaces: ['T1', 'E1'],
      tenants: ['tid'],
      domains: ['x.example'],
    });
  });

  it.each([
    ['Ann@Example.COM', 'example.com'],
    ['a@b@mail.example.co.jp', 'mail.example.co.jp'],
    ['no-at-sign', null],
    ['x@localhost', null],
    ['x@-bad.example', null],
    [null, null],
  ])('emailDomainOf(%s) = %s', (email, domain) => {
    expect(emailDomainOf(email)).toBe(domain);
  });

  it.each([
    ['example.com', { list: 'domains', value: 'example.com' }],
    ['@Partner.Example', { list: 'domains', value: 'partner.example' }],
    ['T0123ABC', { list: 'workspaces', value: 'T0123ABC' }],
    ['E0ABC', { list: 'workspaces', value: 'E0ABC' }],
    [
      '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
      { list: 'tenants', value: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    ],
    ['not a thing', null],
  ])('parseAllowedEntry(%s)', (text, entry) => {
    expect(parseAllowedEntry(text)).toEqual(entry);
  });
});

describe('decideOrganisationPolicy', () => {
  it('no stored policy: everything allowed, no auto-connect', () => {
    expect(DEFAULT_ORGANISATION_POLICY).toMatchObject({
      requests: 'all',
      autoConnectSameOrg: false,
      auditRetentionDays: 180,
    });
    expect(decideOrganisationPolicy({ sender: acme, recipient: other, policies: {} })).toEqual({
      ok: true,
      value: { sameOrganisation: false, autoConnect: false },
    });
  });

  it.each<[string, OrganisationPolicy, typeof acme, boolean]>([
    ['none refuses another company', policy({ requests: 'none' }), other, false],
    ['none never refuses the same organisation', policy({ requests: 'none' }), acme2, true],
    [
      'listed: a listed e-mail domain',
      policy({ requests: 'listed', domains: ['other.example'] }),
      other,
      true,
    ],
    ['listed: a listed workspace', policy({ requests: 'listed', workspaces: ['TOTHER'] }), other, true],
    ['listed: nothing matches', policy({ requests: 'listed', domains: ['third.example'] }), other, false],
    [
      'listed: a Teams guest by domain',
      policy({ requests: 'listed', domains: ['partner.example'] }),
      guest,
      true,
    ],
  ])('%s', (_, p, them, allowed) => {
    const asSender = decideOrganisationPolicy({
      sender: acme,
      recipient: them,
      policies: { 'slack-workspace:TACME': p },
    });
    const asRecipient = decideOrganisationPolicy({
      sender: them,
      recipient: acme,
      policies: { 'slack-workspace:TACME': p },
    });
    for (const [verdict, refusedBy] of [
      [asSender, 'sender'],
      [asRecipient, 'recipient'],
    ] as const) {
      expect(verdict.ok).toBe(allowed);
      if (!verdict.ok)
        expect(verdict.error).toEqual({
          code: 'ORG_POLICY_REFUSED',
          organisation: 'slack-workspace:TACME',
          refusedBy,
        });
    }
  });

  it('auto-connect only inside a shared organisation that turned it on', () => {
    const policies = { 'slack-workspace:TACME': policy({ autoConnectSameOrg: true }) };
    expect(decideOrganisationPolicy({ sender: acme, recipient: acme2, policies })).toMatchObject({
      value: { sameOrganisation: true, autoConnect: true },
    });
    expect(decideOrganisationPolicy({ sender: acme, recipient: other, policies })).toMatchObject({
      value: { sameOrganisation: false, autoConnect: false },
    });
  });
});

describe('request rules with organisations', () => {
  const snap = (over: Partial<SendSnapshot>): SendSnapshot => ({
    senderId: ACC_A,
    recipientId: ACC_B,
    areContacts: false,
    outgoing: null,
    incoming: null,
    recipientBlocksSender: false,
    senderBlocksRecipient: false,
    sentInWindow: { count: 0, oldestAt: null },
    ...over,
  });
  const input = () => ({
    requestId: 'req_new',
    note: null,
    source: 'link' as const,
    context: null,
    now: T0,
    newId: idGen(),
  });

  it('a refused request is a value and changes nothing', () => {
    const refused = decideSend(
      snap({
        organisations: {
          sender: acme,
          recipient: other,
          policies: { 'slack-workspace:TOTHER': policy({ requests: 'none' }) },
        },
      }),
      input(),
    );
    expect(refused).toEqual({
      result: {
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: 'slack-workspace:TOTHER', refusedBy: 'recipient' },
      },
      effects: [],
    });
  });

  it('same-organisation auto-connect stores the request as accepted, adds the contact and tells the person asked (auto_connected)', () => {
    const policies = { 'slack-workspace:TACME': policy({ autoConnectSameOrg: true }) };
    const connected = decideSend(
      snap({ organisations: { sender: acme, recipient: acme2, policies } }),
      input(),
    );
    expect(connected.result).toMatchObject({
      ok: true,
      value: { status: 'connected', request: { state: 'accepted', decidedAt: T0 } },
    });
    expect(effectKinds(connected.effects)).toEqual(['insert_request', 'add_contact', 'emit:auto_connected']);
    expect(connected.effects.at(-1)).toMatchObject({
      event: { type: 'auto_connected', recipientId: ACC_B, actorId: ACC_A, at: T0 },
    });
    // A recipient who blocks the sender is never connected: the request is silently declined as before.
    const silenced = decideSend(
      snap({ recipientBlocksSender: true, organisations: { sender: acme, recipient: acme2, policies } }),
      input(),
    );
    expect(silenced.result).toMatchObject({ ok: true, value: { status: 'sent' } });
    expect(effectKinds(silenced.effects)).toEqual(['insert_request']);
  });

  it('an accept is checked too; a decline is not', () => {
    const request = requestFixture({
      senderId: ACC_A,
      recipientId: ACC_B,
      createdAt: T0,
      expiresAt: T0 + 1000,
    });
    const organisations = {
      sender: acme,
      recipient: other,
      policies: { 'slack-workspace:TACME': policy({ requests: 'none' }) },
    };
    expect(decideTransition(request, ACC_B, 'accept', T0 + 1, idGen(), organisations)).toEqual({
      result: {
        ok: false,
        error: { code: 'ORG_POLICY_REFUSED', organisation: 'slack-workspace:TACME', refusedBy: 'sender' },
      },
      effects: [],
    });
    expect(decideTransition(request, ACC_B, 'decline', T0 + 1, idGen(), organisations).result.ok).toBe(true);
  });
});
