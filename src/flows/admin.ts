import {
  type Actor,
  type AdminAction,
  assertNever,
  type CoreDeps,
  type Identity,
  issueAuditExport,
  type OrganisationPolicy,
  organisationOf,
  organisationPolicy,
  type PolicyChange,
  scopeKey,
  updateOrganisationPolicy,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { CardBlock, CardDoc } from './card.js';
import { adminPolicyCard, auditExportCard } from './cards/admin.js';
import type { Outcome } from './outcome.js';

/**
 * `admin …`, written once for every platform: an organisation's admins read and change its policy
 * (core's `updateOrganisationPolicy`) and take its audit records away (a one-time link). Who is an
 * admin is the platform's word, asked through `AdminRole` only when an admin command runs: Slack's
 * workspace admins and owners (`users.info`), and in Teams whoever first added the app in a tenant new
 * to it (`noteTeamsInstaller`) and `TEAMS_ADMINS` (`isTeamsAdmin`). Everyone else is refused and
 * nothing changes; so is an admin command where others would see the answer.
 */

/** What the adapter says about the person acting. */
export interface AdminRole {
  isAdmin(): Promise<boolean>;
}

/** The answer: a sentence, or a card (the policy, the export link). */
export type AdminView =
  | { kind: 'said'; said: Text; tone: 'good' | 'bad' | 'plain' }
  | { kind: 'card'; card: CardDoc };

const DAY_MS = 24 * 3_600_000;

const say = (said: Text, tone: 'good' | 'bad' | 'plain' = 'bad'): AdminView => ({ kind: 'said', said, tone });

/** The change each setting makes, and what the admin is told then. */
function changeOf(
  action: Exclude<AdminAction, { kind: 'show' | 'export' }>,
  policy: OrganisationPolicy,
): { change: PolicyChange; said: Text } | { unchanged: Text } {
  switch (action.kind) {
    case 'requests':
      return { change: { requests: action.mode }, said: { key: `admin.saved.requests.${action.mode}` } };
    case 'auto_connect':
      return {
        change: { autoConnectSameOrg: action.on },
        said: { key: action.on ? 'admin.saved.auto_connect.on' : 'admin.saved.auto_connect.off' },
      };
    case 'retention':
      return {
        change: { auditRetentionDays: action.days },
        said: { key: 'admin.saved.retention', params: { days: action.days } },
      };
    case 'allow': {
      const { list, value } = action.entry;
      const entry = { code: value };
      const now = policy.allowed[list];
      if (action.op === 'add' && now.includes(value))
        return { unchanged: { key: 'admin.allow.already', params: { entry } } };
      if (action.op === 'remove' && !now.includes(value))
        return { unchanged: { key: 'admin.allow.not_listed', params: { entry } } };
      const next = action.op === 'add' ? [...now, value] : now.filter((v) => v !== value);
      const key = action.op === 'add' ? 'admin.saved.allow_added' : 'admin.saved.allow_removed';
      return { change: { allowed: { [list]: next } }, said: { key, params: { entry } } };
    }
    default:
      return assertNever(action);
  }
}

/** `admin …`: only an admin, only where the answer is private. */
export async function runAdminCommand(
  deps: CoreDeps,
  role: AdminRole,
  input: { actor: Actor; action: AdminAction; privateReply: boolean },
): Promise<Outcome<AdminView>> {
  const { actor, action } = input;
  if (!input.privateReply) return { view: say({ key: 'admin.private_only' }), outcome: 'not_private' };
  if (!(await role.isAdmin())) return { view: say({ key: 'admin.refused' }), outcome: 'NOT_ADMIN' };
  const organisation = organisationOf(actor.identity);
  const current = await organisationPolicy(deps, organisation.key);
  if (!current.ok) return { view: say({ problem: current.error }), outcome: current.error.code };
  const policy = current.value.policy;
  if (action.kind === 'show')
    return { view: { kind: 'card', card: adminPolicyCard(organisation, policy) }, outcome: 'ok' };
  if (action.kind === 'export') return exportLink(deps, actor, organisation.key, action);
  const asked = changeOf(action, policy);
  if ('unchanged' in asked) {
    const card = adminPolicyCard(organisation, policy, { text: asked.unchanged, tone: 'subtle' });
    return { view: { kind: 'card', card }, outcome: 'unchanged' };
  }
  const done = await updateOrganisationPolicy(deps, organisation.key, asked.change, actor);
  if (!done.ok) {
    if (done.error.code === 'ORG_POLICY_INVALID')
      return { view: say({ key: 'slack.usage.admin' }), outcome: 'usage' };
    return { view: say({ problem: done.error }), outcome: done.error.code };
  }
  const card = adminPolicyCard(organisation, done.value, { text: asked.said, tone: 'good' });
  return { view: { kind: 'card', card }, outcome: 'ok' };
}

/** `admin export <from> <to>`: a one-time link to those whole UTC days, for this admin only. */
async function exportLink(
  deps: CoreDeps,
  admin: Actor,
  organisation: string,
  action: Extract<AdminAction, { kind: 'export' }>,
): Promise<Outcome<AdminView>> {
  const { from: fromDay, to: toDay, format } = action;
  const link = await issueAuditExport(deps, { admin, organisation, fromDay, toDay, format });
  if (link.ok)
    return { view: { kind: 'card', card: auditExportCard(action, link.value.url) }, outcome: 'ok' };
  if (link.error.code === 'AUDIT_RANGE_INVALID')
    return { view: say({ key: 'admin.export.too_long' }), outcome: link.error.code };
  return { view: say({ problem: link.error }), outcome: link.error.code };
}

/**
 * The admin section for someone the adapter says is an admin (null for everyone else, and when the
 * policy cannot be read): their organisation's policy as a card, for the Teams personal chat; `section`
 * gives its blocks to close a longer view (Slack App Home).
 */
export async function adminSection(deps: CoreDeps, role: AdminRole, actor: Actor): Promise<CardDoc | null> {
  if (!(await role.isAdmin())) return null;
  const organisation = organisationOf(actor.identity);
  const current = await organisationPolicy(deps, organisation.key);
  return current.ok ? adminPolicyCard(organisation, current.value.policy) : null;
}

/** A card's title and blocks as the closing part of a longer view, after a divider. */
export const section = (doc: CardDoc): CardBlock[] => [
  { kind: 'divider' },
  ...(doc.title ? [{ kind: 'heading' as const, text: doc.title }] : []),
  ...doc.blocks,
];

/** Far enough ahead to be forever for a record that must expire. */
const FOREVER_MS = 100 * 365 * DAY_MS;

/** Where the app was added: the installer's personal chat, or a team or group chat. */
export type TeamsInstallPlace = 'personal' | 'groupChat' | 'channel';

/**
 * The `teams_installer` records of a tenant: the personal installer and the team (or group chat)
 * installer, each written once. Their value is `<tenant>:<aad>`, so `delete my data` takes it away.
 */
const installerKey = (how: 'personal' | 'team', tenantId: string) => `${how}:${tenantId}`;

/**
 * Teams: `identity` added the app (`into` their personal chat, or a team or group chat). Only a tenant
 * new to the app gets an installer, so no ordinary user of a tenant that already uses it becomes its
 * admin by installing it. Someone who adds the app to a team or group chat (a person allowed to add apps
 * there) while no one of the tenant is known, or only its personal installer, is the installer for good.
 * Someone who installs it in their personal chat while no one of the tenant is known is the installer
 * until then. TEAMS_ADMINS is the dependable way (docs/rules.md).
 */
export async function noteTeamsInstaller(
  deps: CoreDeps,
  identity: Identity,
  into: TeamsInstallPlace,
): Promise<void> {
  if (identity.platform !== 'teams') return;
  const how = into === 'personal' ? 'personal' : 'team';
  if (!(await newToTheApp(deps, identity, how))) return;
  const key = installerKey(how, identity.tenantId);
  const now = deps.clock.now();
  if (await deps.store.claimOnce('teams_installer', `claim:${key}`, now + FOREVER_MS, now))
    await deps.store.putRecord('teams_installer', key, `${identity.tenantId}:${identity.aadObjectId}`, null);
}

/**
 * Whether the tenant is new to the app for this install: no person of it is known to the store (one
 * count, `countAccountsIn`); for an install into a team or group chat, no one but its personal installer.
 */
async function newToTheApp(
  deps: CoreDeps,
  identity: Extract<Identity, { platform: 'teams' }>,
  how: 'personal' | 'team',
): Promise<boolean> {
  const known = await deps.store.countAccountsIn(scopeKey(identity), 2);
  if (known === 0) return true;
  if (known > 1 || how === 'personal') return false;
  const { tenantId } = identity;
  const personal = await deps.store.getRecord(
    'teams_installer',
    installerKey('personal', tenantId),
    deps.clock.now(),
  );
  const aadObjectId = personal?.startsWith(`${tenantId}:`) ? personal.slice(tenantId.length + 1) : '';
  if (!aadObjectId) return false;
  return (await deps.store.getAccountByIdentity({ platform: 'teams', tenantId, aadObjectId })) !== null;
}

/**
 * Teams: an admin is one of `configured` (TEAMS_ADMINS, lower case), or the tenant's installer: the
 * team (or group chat) installer when there is one, else the personal installer.
 */
export async function isTeamsAdmin(
  deps: CoreDeps,
  identity: Identity,
  configured: readonly string[],
): Promise<boolean> {
  if (identity.platform !== 'teams') return false;
  const aad = identity.aadObjectId.toLowerCase();
  if (configured.includes(aad)) return true;
  const now = deps.clock.now();
  const [team, personal] = await Promise.all(
    (['team', 'personal'] as const).map((how) =>
      deps.store.getRecord('teams_installer', installerKey(how, identity.tenantId), now),
    ),
  );
  return (team ?? personal)?.toLowerCase() === `${identity.tenantId}:${aad}`.toLowerCase();
}
