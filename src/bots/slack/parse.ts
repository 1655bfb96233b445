import { z } from 'zod';
import { clickerOf } from '../../core/index.js';

/**
 * Slack payload → a small tagged union. Everything the listeners need is read here with zod; anything
 * else becomes `unsupported` (logged and acknowledged). Identities are scoped by team and enterprise.
 */

export interface SlackUser {
  teamId: string;
  enterpriseId?: string;
  userId: string;
  /** `user_name` / `user.name`: a fallback display name only. */
  name: string | null;
}

export type Container =
  | { type: 'message'; channelId: string | null; messageTs: string | null; isEphemeral: boolean }
  | { type: 'view'; viewId: string | null };

/** `enterpriseWide`: the org-wide installation's (`authorizations[].is_enterprise_install`). */
type Uninstall = { eventId: string; teamId: string; enterpriseId?: string; enterpriseWide: boolean };

export type SlackInput =
  | {
      kind: 'command';
      /** The workspace the app is installed in, for tokens. */
      teamId: string;
      /** Its Grid organisation, when it has one (an org-wide install serves it). */
      enterpriseId?: string;
      user: SlackUser;
      command: string;
      text: string;
      channelId: string;
      channelName: string | null;
      teamDomain: string | null;
      responseUrl: string | null;
    }
  | {
      kind: 'action';
      /** The workspace whose installation received the click (`team.id`), and its organisation. */
      teamId: string;
      enterpriseId?: string;
      /** The clicker in their own workspace; `guest`: of another organisation (Slack Connect). */
      user: SlackUser;
      guest: boolean;
      actionId: string;
      /** The button value, or the selected option's value of an overflow. */
      value: string;
      actionTs: string;
      container: Container;
      channelName: string | null;
      teamDomain: string | null;
      responseUrl: string | null;
      triggerId: string | null;
    }
  | {
      kind: 'view_submission';
      /** As for `action`. */
      teamId: string;
      enterpriseId?: string;
      user: SlackUser;
      guest: boolean;
      callbackId: string;
      /** The modal's one input, trimmed: the new handle, or the note of "Add with a note". */
      handle: string;
      /** The modal's `private_metadata` (what we put there when it was opened), or ''. */
      metadata: string;
    }
  | { kind: 'home_opened'; eventId: string; teamId: string; user: SlackUser; tab: string }
  | {
      kind: 'link_shared';
      eventId: string;
      teamId: string;
      user: SlackUser;
      channel: string;
      messageTs: string;
      unfurlId: string | null;
      source: string | null;
      urls: string[];
    }
  | ({ kind: 'app_uninstalled' } & Uninstall)
  /** `user_change` with `deleted: true`: the person left the workspace. */
  | { kind: 'user_left'; eventId: string; teamId: string; user: SlackUser }
  | ({ kind: 'tokens_revoked'; botUserIds: string[] } & Uninstall)
  | { kind: 'unsupported'; reason: string; eventId?: string };

const id = z.string().min(1).max(64);
const optId = z.string().min(1).max(64).nullish();
/** Checked by shape only (`SlackApi.respond` posts to nothing else); a full URL parse per request costs more. */
const responseUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/]+\/\S*$/i)
  .nullish();

const commandSchema = z.object({
  command: z.string().max(64),
  team_id: id,
  enterprise_id: optId,
  user_id: id,
  user_name: z.string().max(200).nullish(),
  channel_id: id,
  channel_name: z.string().max(200).nullish(),
  team_domain: z.string().max(200).nullish(),
  text: z.string().max(4000).default(''),
  response_url: responseUrl,
});

const actionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id, domain: z.string().nullish() }).nullish(),
  enterprise: z.object({ id }).nullish(),
  user: z.object({ id, team_id: optId, name: z.string().nullish(), username: z.string().nullish() }),
  container: z.looseObject({
    type: z.string(),
    channel_id: z.string().nullish(),
    message_ts: z.string().nullish(),
    is_ephemeral: z.boolean().nullish(),
    view_id: z.string().nullish(),
  }),
  channel: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  response_url: responseUrl,
  trigger_id: z.string().nullish(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().max(255),
        action_ts: z.string().default(''),
        value: z.string().max(2000).nullish(),
        selected_option: z.object({ value: z.string().max(2000) }).nullish(),
      }),
    )
    .min(1),
});

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  team: z.object({ id }).nullish(),
  enterprise: z.object({ id }).nullish(),
  user: z.object({ id, team_id: optId, name: z.string().nullish() }),
  view: z.object({
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).nullish(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
    }),
  }),
});

const envelopeSchema = z.object({
  type: z.literal('event_callback'),
  /** Null for an org-wide installation's organisation-level events: then `authorizations` names it. */
  team_id: optId,
  enterprise_id: optId,
  event_id: id,
  authorizations: z
    .array(z.object({ enterprise_id: optId, team_id: optId, is_enterprise_install: z.boolean().nullish() }))
    .nullish(),
  event: z.looseObject({ type: z.string() }),
});

const homeSchema = z.object({ user: id, tab: z.string().default('home') });
const linkSharedSchema = z.object({
  user: id,
  channel: z.string(),
  message_ts: z.string(),
  unfurl_id: z.string().nullish(),
  source: z.string().nullish(),
  links: z.array(z.object({ url: z.string().max(3000) })).max(20),
});
const userChangeSchema = z.object({
  user: z.object({ id, team_id: optId, deleted: z.boolean().optional() }),
});
const tokensRevokedSchema = z.object({
  tokens: z.object({ bot: z.array(z.string()).nullish(), oauth: z.array(z.string()).nullish() }),
});

const user = (
  teamId: string,
  enterpriseId: string | null | undefined,
  userId: string,
  name: string | null | undefined,
): SlackUser => ({ teamId, ...(enterpriseId ? { enterpriseId } : {}), userId, name: name || null });

function parseEvent(body: unknown): SlackInput {
  const env = envelopeSchema.safeParse(body);
  if (!env.success) return { kind: 'unsupported', reason: 'malformed event envelope' };
  const { event_id: eventId, event } = env.data;
  const auth = env.data.authorizations?.[0];
  const enterpriseId = env.data.enterprise_id ?? auth?.enterprise_id ?? undefined;
  const teamId = env.data.team_id ?? auth?.team_id ?? enterpriseId;
  if (!teamId) return { kind: 'unsupported', reason: 'event without workspace', eventId };
  const ent = {
    ...(enterpriseId ? { enterpriseId } : {}),
    enterpriseWide: auth?.is_enterprise_install === true,
  };
  switch (event.type) {
    case 'app_home_opened': {
      const e = homeSchema.safeParse(event);
      if (!e.success) return { kind: 'unsupported', reason: 'malformed app_home_opened', eventId };
      return {
        kind: 'home_opened',
        eventId,
        teamId,
        user: user(teamId, enterpriseId, e.data.user, null),
        tab: e.data.tab,
      };
    }
    case 'link_shared': {
      const e = linkSharedSchema.safeParse(event);
      if (!e.success) return { kind: 'unsupported', reason: 'malformed link_shared', eventId };
      return {
        kind: 'link_shared',
        eventId,
        teamId,
        user: user(teamId, enterpriseId, e.data.user, null),
        channel: e.data.channel,
        messageTs: e.data.message_ts,
        unfurlId: e.data.unfurl_id ?? null,
        source: e.data.source ?? null,
        urls: e.data.links.map((l) => l.url),
      };
    }
    case 'app_uninstalled':
      return { kind: 'app_uninstalled', eventId, teamId, ...ent };
    case 'user_change': {
      const e = userChangeSchema.safeParse(event);
      if (!e.success) return { kind: 'unsupported', reason: 'malformed user_change', eventId };
      if (e.data.user.deleted !== true)
        return { kind: 'unsupported', reason: 'user_change (still there)', eventId };
      const u = user(e.data.user.team_id ?? teamId, enterpriseId, e.data.user.id, null);
      return { kind: 'user_left', eventId, teamId, user: u };
    }
    case 'tokens_revoked': {
      const e = tokensRevokedSchema.safeParse(event);
      if (!e.success) return { kind: 'unsupported', reason: 'malformed tokens_revoked', eventId };
      return { kind: 'tokens_revoked', eventId, teamId, ...ent, botUserIds: e.data.tokens.bot ?? [] };
    }
    default:
      return { kind: 'unsupported', reason: `event ${event.type.slice(0, 40)}`, eventId };
  }
}

function parseAction(body: unknown): SlackInput {
  const p = actionSchema.safeParse(body);
  if (!p.success) return { kind: 'unsupported', reason: 'malformed block_actions' };
  const a = p.data;
  const action = a.actions[0];
  if (!action) return { kind: 'unsupported', reason: 'block_actions without actions' };
  const teamId = a.team?.id ?? a.user.team_id;
  if (!teamId) return { kind: 'unsupported', reason: 'block_actions without team' };
  const received = { teamId, ...(a.enterprise ? { enterpriseId: a.enterprise.id } : {}) };
  const { kind, home } = clickerOf(received, a.user.team_id);
  const c = a.container;
  const container: Container =
    c.type === 'view'
      ? { type: 'view', viewId: c.view_id ?? null }
      : {
          type: 'message',
          channelId: c.channel_id ?? a.channel?.id ?? null,
          messageTs: c.message_ts ?? null,
          isEphemeral: c.is_ephemeral ?? false,
        };
  return {
    kind: 'action',
    ...received,
    user: user(home.teamId, home.enterpriseId, a.user.id, a.user.name ?? a.user.username),
    guest: kind === 'guest',
    actionId: action.action_id,
    value: action.selected_option?.value ?? action.value ?? '',
    actionTs: action.action_ts,
    container,
    channelName: a.channel?.name ?? null,
    teamDomain: a.team?.domain ?? null,
    responseUrl: a.response_url ?? null,
    triggerId: a.trigger_id ?? null,
  };
}

function parseViewSubmission(body: unknown): SlackInput {
  const p = viewSubmissionSchema.safeParse(body);
  if (!p.success) return { kind: 'unsupported', reason: 'malformed view_submission' };
  const v = p.data;
  const teamId = v.team?.id ?? v.user.team_id;
  if (!teamId) return { kind: 'unsupported', reason: 'view_submission without team' };
  const received = { teamId, ...(v.enterprise ? { enterpriseId: v.enterprise.id } : {}) };
  const { kind, home } = clickerOf(received, v.user.team_id);
  const handle = Object.values(v.view.state.values).flatMap((b) => Object.values(b))[0]?.value ?? '';
  return {
    kind: 'view_submission',
    ...received,
    user: user(home.teamId, home.enterpriseId, v.user.id, v.user.name),
    guest: kind === 'guest',
    callbackId: v.view.callback_id,
    handle: handle.trim(),
    metadata: v.view.private_metadata ?? '',
  };
}

/** The one entry point: a verified, decoded Slack body → what it means to us. */
export function parseSlackBody(body: unknown): SlackInput {
  if (typeof body !== 'object' || body === null) return { kind: 'unsupported', reason: 'not an object' };
  if ('command' in body) {
    const p = commandSchema.safeParse(body);
    if (!p.success) return { kind: 'unsupported', reason: 'malformed slash command' };
    const c = p.data;
    return {
      kind: 'command',
      teamId: c.team_id,
      ...(c.enterprise_id ? { enterpriseId: c.enterprise_id } : {}),
      user: user(c.team_id, c.enterprise_id, c.user_id, c.user_name),
      command: c.command,
      text: c.text,
      channelId: c.channel_id,
      channelName: c.channel_name ?? null,
      teamDomain: c.team_domain ?? null,
      responseUrl: c.response_url ?? null,
    };
  }
  const type = 'type' in body ? body.type : undefined;
  if (type === 'event_callback') return parseEvent(body);
  if (type === 'block_actions') return parseAction(body);
  if (type === 'view_submission') return parseViewSubmission(body);
  return { kind: 'unsupported', reason: `payload type ${String(type).slice(0, 40)}` };
}

/** Decodes a raw Slack request body (form with or without `payload`, or JSON). Null when unreadable. */
export function decodeBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if ((contentType ?? '').includes('application/json')) {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? Object.fromEntries(Object.entries(parsed))
        : null;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') {
      const parsed: unknown = JSON.parse(form.payload);
      return typeof parsed === 'object' && parsed !== null
        ? Object.fromEntries(Object.entries(parsed))
        : null;
    }
    return form;
  } catch {
    return null;
  }
}
