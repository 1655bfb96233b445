import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Command, ensureAccount, parseCommand, redeemAuditExport } from '../../src/core/index.js';
import { adminSection, isTeamsAdmin, noteTeamsInstaller, section } from '../../src/flows/admin.js';
import type { CardDoc } from '../../src/flows/card.js';
import { helpDoc } from '../../src/flows/cards/help.js';
import { type CommandView, runCommand } from '../../src/flows/commands.js';
import { t as say } from '../../src/i18n/catalog.js';
import { renderText, type Text } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor, teamsIdentity } from '../helpers/identities.js';
import { directoryPeople } from './support.js';

/** `admin …` without a platform: the grammar, who may, what changes, the export link; real SQLite. */
let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const ORG = 'slack-workspace:T0001';
const people = directoryPeople(() => new Map());
const parse = (text: string): Command<string> => parseCommand(text, (w) => w);

const words = (text: Text) => renderText('en', text);
function shown(view: CommandView): string {
  const c = view.content;
  if (c.kind === 'said') return words(c.said);
  if (c.kind !== 'card') return c.kind;
  const doc: CardDoc = c.card;
  return doc.blocks
    .map((b) => ('text' in b ? words(b.text) : b.kind === 'fact' ? `${words(b.label)}: ${b.value}` : ''))
    .join('\n');
}

async function admin(text: string, opts: { isAdmin?: boolean; privateReply?: boolean } = {}) {
  const done = await runCommand(t.deps, people, {
    command: parse(text),
    actor: ann,
    privateReply: opts.privateReply ?? true,
    context: null,
    role: { isAdmin: async () => opts.isAdmin ?? true },
  });
  return { ...done, words: shown(done.view) };
}

describe('the admin grammar', () => {
  it.each<[string, Command<string>]>([
    ['admin', { kind: 'admin', action: { kind: 'show' } }],
    ['ADMIN policy', { kind: 'admin', action: { kind: 'show' } }],
    ['admin requests listed', { kind: 'admin', action: { kind: 'requests', mode: 'listed' } }],
    ['admin requests only', { kind: 'admin', action: { kind: 'requests', mode: 'listed' } }],
    ['admin requests NONE', { kind: 'admin', action: { kind: 'requests', mode: 'none' } }],
    [
      'admin allow add @Partner.example',
      {
        kind: 'admin',
        action: { kind: 'allow', op: 'add', entry: { list: 'domains', value: 'partner.example' } },
      },
    ],
    [
      'admin allow add <http://partner.example|partner.example>',
      {
        kind: 'admin',
        action: { kind: 'allow', op: 'add', entry: { list: 'domains', value: 'partner.example' } },
      },
    ],
    [
      'admin allow remove T0ABC',
      {
        kind: 'admin',
        action: { kind: 'allow', op: 'remove', entry: { list: 'workspaces', value: 'T0ABC' } },
      },
    ],
    [
      'admin allow add 0F0E0D0C-0000-4000-8000-00000000000A',
      {
        kind: 'admin',
        action: {
          kind: 'allow',
          op: 'add',
          entry: { list: 'tenants', value: '0f0e0d0c-0000-4000-8000-00000000000a' },
        },
      },
    ],
    ['admin auto-connect on', { kind: 'admin', action: { kind: 'auto_connect', on: true } }],
    ['admin retention 30', { kind: 'admin', action: { kind: 'retention', days: 30 } }],
    [
      'admin export 2026-11-01 2026-11-30',
      { kind: 'admin', action: { kind: 'export', from: '2026-11-01', to: '2026-11-30', format: 'csv' } },
    ],
    [
      'admin export 2026-11-01 2026-11-01 JSONL',
      { kind: 'admin', action: { kind: 'export', from: '2026-11-01', to: '2026-11-01', format: 'jsonl' } },
    ],
    ['admin requests', { kind: 'usage', usage: 'admin' }],
    ['admin allow add not a domain', { kind: 'usage', usage: 'admin' }],
    ['admin allow add localhost', { kind: 'usage', usage: 'admin' }],
    ['admin auto-connect maybe', { kind: 'usage', usage: 'admin' }],
    ['admin retention soon', { kind: 'usage', usage: 'admin' }],
    ['admin export 2026-11-30 2026-11-01', { kind: 'usage', usage: 'admin' }],
    ['admin export 2026-02-30 2026-03-01', { kind: 'usage', usage: 'admin' }],
    ['admin export 2026-11-01 2026-11-02 xml', { kind: 'usage', usage: 'admin' }],
    ['admin sudo', { kind: 'usage', usage: 'admin' }],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});

describe('admin commands', () => {
  it('refuses someone who is not an admin, and anywhere others would see the answer; nothing changes', async () => {
    const refused = await admin('admin requests none', { isAdmin: false });
    expect(refused.outcome).toBe('NOT_ADMIN');
    expect(refused.words).toMatch(/Only an admin of your organisation can do this/);
    const inChannel = await admin('admin requests none', { privateReply: false });
    expect(inChannel.outcome).toBe('not_private');
    expect(await t.store.getOrganisationPolicy(ORG)).toBeNull();
    // Without a role (an adapter that has none) nobody is an admin.
    const none = await runCommand(t.deps, people, {
      command: parse('admin'),
      actor: ann,
      privateReply: true,
      context: null,
    });
    expect(none.outcome).toBe('NOT_ADMIN');
  });

  it('shows the defaults, then each change on top of the policy as stored', async () => {
    const shownFirst = await admin('admin');
    expect(shownFirst.words).toContain('Slack workspace: T0001');
    expect(shownFirst.words).toContain('Requests with other organisations: allowed with everyone.');
    expect(shownFirst.words).toContain('Audit records are kept for 180 days.');
    expect(shownFirst.words).toContain('The allow-list is empty.');

    expect((await admin('admin requests listed')).words).toContain(
      'only with the organisations and e-mail domains',
    );
    const added = await admin('admin allow add partner.example');
    expect(added.words).toContain('partner.example is on the allow-list now.');
    expect(added.words).toContain('E-mail domain: partner.example');
    expect((await admin('admin allow add partner.example')).outcome).toBe('unchanged');
    expect((await admin('admin allow remove other.example')).words).toContain('is not on the allow-list');
    await admin('admin auto-connect on');
    await admin('admin retention 30');
    expect(await t.store.getOrganisationPolicy(ORG)).toEqual({
      requests: 'listed',
      allowed: { workspaces: [], tenants: [], domains: ['partner.example'] },
      autoConnectSameOrg: true,
      auditRetentionDays: 30,
    });
    const bad = await admin('admin retention 0');
    expect(bad.outcome).toBe('usage');
    expect((await t.store.getOrganisationPolicy(ORG))?.auditRetentionDays).toBe(30);
  });

  it('admin export: a one-time link to whole UTC days of this organisation; more than 366 days is refused', async () => {
    const done = await admin('admin export 2026-11-01 2026-11-30 jsonl');
    expect(done.outcome).toBe('ok');
    const c = done.view.content;
    const button = c.kind === 'card' ? c.card.buttons?.[0] : undefined;
    if (button?.kind !== 'url') throw new Error('no link');
    const token = button.url.split('/audit-export/')[1] ?? '';
    const ticket = await redeemAuditExport(t.deps, token);
    expect(ticket.ok && ticket.value).toMatchObject({
      organisation: ORG,
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-12-01T00:00:00Z'),
      format: 'jsonl',
    });
    expect((await redeemAuditExport(t.deps, token)).ok).toBe(false);
    const tooLong = await admin('admin export 2025-01-01 2026-01-02');
    expect(tooLong.outcome).toBe('AUDIT_RANGE_INVALID');
  });
});

describe('the admin section', () => {
  it('is the policy card for an admin and nothing for anyone else', async () => {
    await admin('admin requests none');
    const card = await adminSection(t.deps, { isAdmin: async () => true }, ann);
    expect(card?.blocks.map((b) => ('text' in b ? words(b.text) : ''))).toContain(
      'Requests with other organisations: not allowed.',
    );
    expect(section(card ?? { summary: { key: 'admin.title' }, blocks: [] })[0]).toEqual({ kind: 'divider' });
    expect(await adminSection(t.deps, { isAdmin: async () => false }, ann)).toBeNull();
  });
});

describe('help', () => {
  it('names the admin command on both platforms', () => {
    expect(
      helpDoc()
        .blocks.map((b) => ('text' in b ? words(b.text) : ''))
        .join('\n'),
    ).toContain('"admin"');
    for (const locale of ['en', 'ja', 'vi'] as const)
      expect(say(locale, 'slack.help')).toContain('/chatwork-invite admin');
  });
});

describe('Teams admins', () => {
  it('the first person to install the app in a tenant is its admin, and so is everyone of TEAMS_ADMINS', async () => {
    const tina = teamsIdentity('aad-tina', 'tenant-x');
    const tom = teamsIdentity('aad-tom', 'tenant-x');
    expect(await isTeamsAdmin(t.deps, tina, [])).toBe(false);
    await noteTeamsInstaller(t.deps, tina, 'personal');
    await noteTeamsInstaller(t.deps, tom, 'personal');
    expect(await isTeamsAdmin(t.deps, tina, [])).toBe(true);
    expect(await isTeamsAdmin(t.deps, tom, [])).toBe(false);
    expect(await isTeamsAdmin(t.deps, tom, ['aad-tom'])).toBe(true);
    // Another tenant's installer is not this tenant's admin.
    expect(await isTeamsAdmin(t.deps, teamsIdentity('aad-tina', 'tenant-y'), [])).toBe(false);
  });

  it('an installer who deletes their data is no admin any more, and no later installer takes their place', async () => {
    const tina = teamsActor('aad-tina', 'Tina Ho', 'tenant-z');
    await noteTeamsInstaller(t.deps, tina.identity, 'channel');
    const me = await ensureAccount(t.deps, tina);
    if (!me.ok) throw new Error('no account');
    expect(await isTeamsAdmin(t.deps, tina.identity, [])).toBe(true);
    expect(
      (await t.deps.store.deleteAccount({ accountId: me.value.account.id, now: t.clock.now() })).ok,
    ).toBe(true);
    expect(await isTeamsAdmin(t.deps, tina.identity, [])).toBe(false);
    const tom = teamsIdentity('aad-tom', 'tenant-z');
    await noteTeamsInstaller(t.deps, tom, 'channel');
    expect(await isTeamsAdmin(t.deps, tom, [])).toBe(false);
  });
});
