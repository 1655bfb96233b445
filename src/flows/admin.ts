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
 * workspace admins and owners (`users.info`), and in Teams the person who installed the app in the
 * tenant (`noteTeamsInstaller`) and `TEAMS_ADMINS` (`isTeamsAdmin`). Everyone else is refused and
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

/**
 * Teams: the app was installed (or added to a team or chat) by `identity`. The first such person in a
 * tenant is its installer, kept for good: an admin of the tenant's policy from then on.
 */
export async function noteTeamsInstaller(deps: CoreDeps, identity: Identity): Promise<void> {
  if (identity.platform !== 'teams') return;
  const now = deps.clock.now();
  if (await deps.store.claimOnce('teams_installer', `claim:${identity.tenantId}`, now + FOREVER_MS, now))
    await deps.store.putRecord('teams_installer', identity.tenantId, identity.aadObjectId, null);
}

/** Teams: an admin is the tenant's installer, or one of `configured` (TEAMS_ADMINS, lower case). */
export async function isTeamsAdmin(
  deps: CoreDeps,
  identity: Identity,
  configured: readonly string[],
): Promise<boolean> {
  if (identity.platform !== 'teams') return false;
  const aad = identity.aadObjectId.toLowerCase();
  if (configured.includes(aad)) return true;
  const installer = await deps.store.getRecord('teams_installer', identity.tenantId, deps.clock.now());
  return installer !== null && installer.toLowerCase() === aad;
}
