import { z } from 'zod';
import { clickerOf, type SlackWorkspace } from '../../core/index.js';
import { jsonOf } from '../../runtime/json.js';

/**
 * Slack payload → a small tagged union. Everything the listeners need is read here with zod; anything
 * else becomes `unsupported` (logged and acknowledged). Identities are scoped by team and enterprise.
 */

/** What a payload means to us: the union of what the parsers below return. */
export type SlackInput = ReturnType<typeof parseSlackBody>;

const unsupported = (reason: string) => ({ kind: 'unsupported' as const, reason });

/** A workspace (the one whose installation received the request), in its Grid organisation when it has one. */
const received = (teamId: string, enterpriseId: string | null | undefined) =>
  enterpriseId ? { teamId, enterpriseId } : { teamId };

export interface SlackUser {
  teamId: string;
  enterpriseId?: string;
  userId: string;
  /** `user_name` / `user.name`: a fallback display name only. */
  name: string | null;
}
/** Built key by key: a spread of `at` here costs a slow object clone on every request. */
const user = (at: SlackWorkspace, userId: string, name?: string | null): SlackUser =>
  at.enterpriseId
    ? { teamId: at.teamId, enterpriseId: at.enterpriseId, userId, name: name || null }
    : { teamId: at.teamId, userId, name: name || null };

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

/** Who a click or a modal's submission comes from, and the installation that received it. */
const interactive = z.object({
  team: z.object({ id, domain: z.string().nullish() }).nullish(),
  enterprise: z.object({ id }).nullish(),
  user: z.object({ id, team_id: optId, name: z.string().nullish(), username: z.string().nullish() }),
});
const actionItem = z.looseObject({
  action_id: z.string().max(255),
  action_ts: z.string().default(''),
  value: z.string().max(2000).nullish(),
  selected_option: z.object({ value: z.string().max(2000) }).nullish(),
});
const actionSchema = interactive.extend({
  type: z.literal('block_actions'),
  container: z.looseObject({ type: z.string(), channel_id: z.string().nullish() }),
  channel: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  response_url: responseUrl,
  trigger_id: z.string().nullish(),
  actions: z.tuple([actionItem], actionItem),
});
const viewSubmissionSchema = interactive.extend({
  type: z.literal('view_submission'),
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
/** The Events API events we subscribe to, by their `type`. */
const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('app_home_opened'), user: id, tab: z.string().default('home') }),
  z.object({
    type: z.literal('link_shared'),
    user: id,
    channel: z.string(),
    message_ts: z.string(),
    unfurl_id: z.string().nullish(),
    source: z.string().nullish(),
    links: z.array(z.object({ url: z.string().max(3000) })).max(20),
  }),
  z.object({ type: z.literal('app_uninstalled') }),
  z.object({ type: z.literal('tokens_revoked'), tokens: z.object({ bot: z.array(z.string()).nullish() }) }),
  // `deleted: true`: the person left the workspace.
  z.object({
    type: z.literal('user_change'),
    user: z.object({ id, team_id: optId, deleted: z.boolean().optional() }),
  }),
]);
/** The Events API subscriptions the manifest declares (the manifest test checks them). */
export const SLACK_EVENTS: readonly string[] = eventSchema.options.map((o) => o.shape.type.value);

function parseEvent(body: unknown) {
  const env = envelopeSchema.safeParse(body);
  if (!env.success) return unsupported('malformed event envelope');
  const { event_id: eventId, event } = env.data;
  const auth = env.data.authorizations?.[0];
  const enterpriseId = env.data.enterprise_id ?? auth?.enterprise_id ?? undefined;
  const teamId = env.data.team_id ?? auth?.team_id ?? enterpriseId;
  if (!teamId) return unsupported('event without workspace');
  const parsed = eventSchema.safeParse(event);
  const known = SLACK_EVENTS.includes(event.type);
  if (!parsed.success) return unsupported(`${known ? 'malformed' : 'event'} ${event.type.slice(0, 40)}`);
  const e = parsed.data;
  const at = { eventId, ...received(teamId, enterpriseId) };
  const person = (userId: string, team = teamId) => user(received(team, enterpriseId), userId, null);
  /** Of the org-wide installation (`authorizations[].is_enterprise_install`): for an uninstall. */
  const enterpriseWide = auth?.is_enterprise_install === true;
  switch (e.type) {
    case 'app_home_opened':
      return { kind: 'home_opened' as const, ...at, user: person(e.user), tab: e.tab };
    case 'link_shared':
      return {
        kind: 'link_shared' as const,
        ...at,
        user: person(e.user),
        channel: e.channel,
        messageTs: e.message_ts,
        unfurlId: e.unfurl_id ?? null,
        source: e.source ?? null,
        urls: e.links.map((l) => l.url),
      };
    case 'app_uninstalled':
      return { kind: 'app_uninstalled' as const, ...at, enterpriseWide };
    case 'tokens_revoked':
      return { kind: 'tokens_revoked' as const, ...at, enterpriseWide, botUserIds: e.tokens.bot ?? [] };
    case 'user_change':
      if (e.user.deleted !== true) return unsupported('user_change (still there)');
      return { kind: 'user_left' as const, ...at, user: person(e.user.id, e.user.team_id ?? teamId) };
  }
}

/**
 * `teamId`/`enterpriseId`: the workspace whose installation received it; `user`: the clicker in their
 * own workspace, `guest` when that is of another organisation (Slack Connect). Null without a workspace.
 */
function clicker(
  { team, enterprise, user: u }: z.output<typeof interactive>,
  name: string | null | undefined,
) {
  const teamId = team?.id ?? u.team_id;
  if (!teamId) return null;
  const at = received(teamId, enterprise?.id);
  const { kind, home } = clickerOf(at, u.team_id);
  // `guest` first: an object that starts with a spread is a slow clone.
  return { guest: kind === 'guest', ...at, user: user(home, u.id, name) };
}

function parseAction(body: unknown) {
  const p = actionSchema.safeParse(body);
  if (!p.success) return unsupported('malformed block_actions');
  const a = p.data;
  const who = clicker(a, a.user.name ?? a.user.username);
  if (!who) return unsupported('block_actions without team');
  const [action] = a.actions;
  return {
    kind: 'action' as const,
    ...who,
    actionId: action.action_id,
    // The button's value, or the selected option's of an overflow.
    value: action.selected_option?.value ?? action.value ?? '',
    actionTs: action.action_ts,
    /** Where it was clicked: App Home (`view`) or a message, in its channel. */
    container: {
      type: a.container.type === 'view' ? ('view' as const) : ('message' as const),
      channelId: a.container.channel_id ?? a.channel?.id ?? null,
    },
    channelName: a.channel?.name ?? null,
    teamDomain: a.team?.domain ?? null,
    responseUrl: a.response_url ?? null,
    triggerId: a.trigger_id ?? null,
  };
}

function parseViewSubmission(body: unknown) {
  const p = viewSubmissionSchema.safeParse(body);
  if (!p.success) return unsupported('malformed view_submission');
  const v = p.data;
  const who = clicker(v, v.user.name);
  if (!who) return unsupported('view_submission without team');
  const handle = Object.values(v.view.state.values).flatMap((b) => Object.values(b))[0]?.value ?? '';
  return {
    kind: 'view_submission' as const,
    ...who,
    callbackId: v.view.callback_id,
    /** The modal's one input, trimmed: the new handle, or the note of "Add with a note". */
    handle: handle.trim(),
    /** The modal's `private_metadata` (what we put there when it was opened), or ''. */
    metadata: v.view.private_metadata ?? '',
  };
}

function parseCommand(body: unknown) {
  const p = commandSchema.safeParse(body);
  if (!p.success) return unsupported('malformed slash command');
  const c = p.data;
  const at = received(c.team_id, c.enterprise_id);
  return {
    kind: 'command' as const,
    ...at,
    user: user(at, c.user_id, c.user_name),
    command: c.command,
    text: c.text,
    channelName: c.channel_name ?? null,
    teamDomain: c.team_domain ?? null,
    responseUrl: c.response_url ?? null,
  };
}

/** The one entry point: a verified, decoded Slack body → what it means to us. */
export function parseSlackBody(body: unknown) {
  if (typeof body !== 'object' || body === null) return unsupported('not an object');
  if ('command' in body) return parseCommand(body);
  const type = 'type' in body ? body.type : undefined;
  if (type === 'event_callback') return parseEvent(body);
  if (type === 'block_actions') return parseAction(body);
  if (type === 'view_submission') return parseViewSubmission(body);
  return unsupported(`payload type ${String(type).slice(0, 40)}`);
}

/** A parsed JSON object is already a record of its fields: read as it is, never copied. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Decodes a raw Slack request body (form with or without `payload`, or JSON). Null when unreadable. */
export function decodeBody(
  raw: string,
  contentType: string | null | undefined,
): Record<string, unknown> | null {
  if ((contentType ?? '').includes('application/json')) {
    const parsed = jsonOf(raw);
    return isObject(parsed) && !Array.isArray(parsed) ? parsed : null;
  }
  const form = Object.fromEntries(new URLSearchParams(raw));
  const body = typeof form.payload === 'string' ? jsonOf(form.payload) : form;
  return isObject(body) ? body : null;
}
