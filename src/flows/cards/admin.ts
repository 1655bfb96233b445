import type { Organisation, OrganisationPolicy } from '../../core/index.js';
import type { Text } from '../../i18n/text.js';
import type { CardBlock, CardDoc, Tone } from '../card.js';

/**
 * The admin section, written once: an organisation's policy as a card (the answer to `admin`, the
 * section at the end of Slack App Home, the card in the Teams personal chat), each change's answer on
 * top of it, and the one-time audit download. Rendered by each platform's generic `CardDoc` renderer.
 */

const ORGANISATION_KIND: Record<Organisation['kind'], Text> = {
  'slack-workspace': { key: 'admin.org.slack_team' },
  'slack-enterprise': { key: 'admin.org.slack_enterprise' },
  'teams-tenant': { key: 'admin.org.teams_tenant' },
};

/** The allow-list, one fact per entry: what kind of entry, and its id or domain. */
function allowList(policy: OrganisationPolicy): CardBlock[] {
  const { workspaces, tenants, domains } = policy.allowed;
  const facts: CardBlock[] = [
    ...workspaces.map((id) => ({
      kind: 'fact' as const,
      label: { key: 'admin.entry.workspace' as const },
      value: id,
    })),
    ...tenants.map((id) => ({
      kind: 'fact' as const,
      label: { key: 'admin.entry.tenant' as const },
      value: id,
    })),
    ...domains.map((d) => ({
      kind: 'fact' as const,
      label: { key: 'admin.entry.domain' as const },
      value: d,
    })),
  ];
  return facts.length > 0 ? facts : [{ kind: 'text', text: { key: 'admin.allow.empty' } }];
}

/** The policy of `organisation`; `said` (a change's answer) goes first. */
export function adminPolicyCard(
  organisation: Organisation,
  policy: OrganisationPolicy,
  said?: { text: Text; tone: Tone },
): CardDoc {
  return {
    title: { key: 'admin.title' },
    summary: said?.text ?? { key: 'admin.title' },
    blocks: [
      ...(said ? [{ kind: 'text' as const, text: said.text, tone: said.tone }] : []),
      { kind: 'fact', label: ORGANISATION_KIND[organisation.kind], value: organisation.id },
      { kind: 'text', text: { key: `admin.line.requests.${policy.requests}` } },
      {
        kind: 'text',
        text: {
          key: policy.autoConnectSameOrg ? 'admin.line.auto_connect.on' : 'admin.line.auto_connect.off',
        },
      },
      { kind: 'text', text: { key: 'admin.line.retention', params: { days: policy.auditRetentionDays } } },
      { kind: 'heading', text: { key: 'admin.allow.label' } },
      ...allowList(policy),
      { kind: 'context', text: { key: 'admin.usage' } },
    ],
  };
}

/** The one-time audit download, for the admin only. */
export function auditExportCard(
  range: { from: string; to: string; format: 'csv' | 'jsonl' },
  url: string,
): CardDoc {
  const text: Text = {
    key: 'admin.export.title',
    params: { from: range.from, to: range.to, format: range.format === 'csv' ? 'CSV' : 'JSON Lines' },
  };
  return {
    summary: text,
    blocks: [{ kind: 'text', text }],
    buttons: [{ kind: 'url', label: { key: 'admin.export.button' }, url, style: 'primary' }],
  };
}
