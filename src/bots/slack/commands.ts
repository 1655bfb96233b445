import type { Actor, Command } from '../../core/index.js';
import {
  type CommandView,
  commandFailed,
  type Named,
  type PeoplePort,
  runCommand,
} from '../../flows/commands.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { updateStoredCard } from './cardstore.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import { parseSlackCommand, type Who } from './grammar.js';
import { refreshHome } from './home.js';
import type { SlackInput, SlackUser } from './parse.js';
import { renderCommand } from './render/commands.js';
import { slackToPlain } from './render/mrkdwn.js';

type CommandInput = Extract<SlackInput, { kind: 'command' }>;
type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** The registered slash command (the manifest test checks it against the manifest). */
export const SLASH_COMMAND = '/chatwork-invite';

/** Where a request came from, for the recipient: `#channel · workspace`. Plain text; escaped when shown. */
export function contextOf(channelName: string | null, teamDomain: string | null): string | null {
  const channel =
    channelName && channelName !== 'directmessage' && channelName !== 'privategroup'
      ? `#${channelName}`
      : null;
  return [channel, teamDomain].filter(Boolean).join(' · ') || null;
}

/** With `should_escape` on, "&" arrives as "&amp;" and "@ann" as `<@U1|ann>`: the flow gets what was typed. */
function plain(c: Command<Who>): Command<Who> {
  switch (c.kind) {
    case 'find':
      return { ...c, query: slackToPlain(c.query) };
    case 'id_set':
      return { ...c, handle: slackToPlain(c.handle) };
    case 'request':
      return c.note === null ? c : { ...c, note: slackToPlain(c.note) };
    case 'unknown':
      return { ...c, word: slackToPlain(c.word) };
    default:
      return c;
  }
}

/** A Slack user named in a command, as an actor; someone never seen gets their profile read first (after the ack). */
async function personOf(
  ctx: BotContext,
  teamId: string,
  user: SlackUser,
  label: string | null,
  source: 'mention' | 'email',
) {
  let found = await ctx.profiles.actor(user, label);
  if (!found.known) {
    await ctx.profiles.refresh(user, teamId);
    found = await ctx.profiles.actor(user, label);
  }
  const { known: _, registered: __, ...actor } = found;
  return { kind: 'person', actor: actor satisfies Actor, source } as const;
}

/** Slack's people port: a mention is that user, an email is looked up (`users.lookupByEmail`). */
function slackPeople(ctx: BotContext, cmd: CommandInput): PeoplePort<Who> {
  return {
    async name(who): Promise<Named> {
      if (who.kind === 'text') return { kind: 'text', text: who.text };
      if (who.kind === 'mention') {
        const user = { ...cmd.user, userId: who.userId, name: who.label };
        return personOf(ctx, cmd.teamId, user, who.label, 'mention');
      }
      const token = await ctx.tokens({ teamId: cmd.teamId, enterpriseId: cmd.user.enterpriseId });
      const found = token ? await ctx.api.call(token, 'users.lookupByEmail', { email: who.email }) : null;
      const user = found?.ok ? Reflect.get(Object(found.data.user), 'id') : null;
      if (typeof user === 'string' && user !== '')
        return personOf(ctx, cmd.teamId, { ...cmd.user, userId: user, name: null }, null, 'email');
      const notFound = found && !found.ok && ['users_not_found', 'user_not_found'].includes(found.error);
      return notFound
        ? {
            kind: 'problem',
            said: { key: 'slack.email_not_found', params: { email: who.email } },
            outcome: 'NOT_FOUND',
          }
        : { kind: 'problem', said: { key: 'slack.lookup_failed' }, outcome: 'lookup_failed' };
    },
  };
}

/** A command naming a person whose Slack profile we lack (an email, an unseen mention) needs Slack first. */
async function needsLookup(ctx: BotContext, cmd: CommandInput, c: Command<Who>): Promise<boolean> {
  if (c.kind !== 'request' && c.kind !== 'withdraw' && c.kind !== 'remove' && c.kind !== 'block')
    return false;
  if (c.who.kind !== 'mention') return c.who.kind === 'email';
  return !(await ctx.profiles.actor({ ...cmd.user, userId: c.who.userId, name: c.who.label })).known;
}

/**
 * `/chatwork-invite …`: parse, run the command flow, render, deliver. Answered in the ack, so a
 * change is stored before the ack confirms it; a newcomer's first command first reads their profile,
 * within `FIRST_CONTACT_WAIT_MS` (well inside Slack's 3 s). A command naming a person to look up in
 * Slack is acked at once and answered on `response_url`.
 */
export async function handleCommand(ctx: BotContext, cmd: CommandInput, ack: Ack): Promise<void> {
  const refreshing = ctx.profiles.refresh(cmd.user, cmd.teamId);
  ctx.later(() => refreshing);
  if (cmd.command !== SLASH_COMMAND) {
    await ack({ response_type: 'ephemeral', text: t('en', 'slack.hint') });
    return;
  }
  const command = plain(parseSlackCommand(cmd.text));
  const onResponseUrl = await needsLookup(ctx, cmd, command);
  if (onResponseUrl) await ack();
  const actor = await ctx.profiles.firstContact(cmd.user, refreshing);
  const view: CommandView = await runFlow(
    flowRun(ctx, `command.${command.kind}`),
    () =>
      runCommand(ctx.deps, slackPeople(ctx, cmd), {
        command,
        actor,
        privateReply: true,
        direct: cmd.channelName === 'directmessage',
        context: contextOf(cmd.channelName, cmd.teamDomain),
        role: {
          isAdmin() {
            return ctx.profiles.isAdmin(cmd.user, cmd.teamId);
          },
        },
      }),
    commandFailed,
  );
  const reply = renderCommand(localeOf(actor), view, cmd.user.teamId, ctx.deps.clock.now());
  if (!onResponseUrl) await ack({ ...reply });
  else if (cmd.responseUrl) await ctx.api.respond(cmd.responseUrl, { ...reply, replace_original: false });
  const { settled } = view;
  if (settled) ctx.later(() => updateStoredCard(ctx, settled.request));
  if (view.changed) ctx.later(() => refreshHome(ctx, cmd.user, cmd.teamId));
}
