import {
  type Actor,
  assertNever,
  blockPerson,
  changeHandle,
  ensureAccount,
  findPeople,
  isStoreUnavailable,
  issueSignInLink,
  type Locale,
  listContacts,
  listRequests,
  type RequestSource,
  removeContact,
  requestConnection,
  setSearchable,
  type TargetRef,
  withdrawTo,
} from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { type BotContext, localeOf } from './context.js';
import { type Command, parseSlackCommand, type Who } from './grammar.js';
import { refreshHome } from './home.js';
import type { SlackInput, SlackUser } from './parse.js';
import { findResults, inviteCard, type Message, textMessage } from './render/cards.js';
import { contactsMessage, PAGE, requestsMessage } from './render/lists.js';
import { esc, slackToPlain } from './render/mrkdwn.js';
import { type Block, section } from './render/people.js';
import { problemText, sendReplyText } from './replies.js';
import { ACTION } from './values.js';

type CommandInput = Extract<SlackInput, { kind: 'command' }>;
export type Reply = Message & { response_type: 'ephemeral' | 'in_channel' };
type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** The registered slash command (the manifest test checks it against the manifest). */
export const SLASH_COMMAND = '/chatwork-invite';

const ephemeral = (m: Message): Reply => ({ response_type: 'ephemeral', ...m });
const say = (text: string): Reply => ephemeral(textMessage(text));

/** A person named in a command, as a core target; null with the reason when they cannot be. */
type Resolved = { ok: true; target: TargetRef; name: string } | { ok: false; reply: Reply };

async function resolveWho(
  ctx: BotContext,
  cmd: CommandInput,
  who: Who,
  locale: Locale,
  /** For withdraw and remove, a person with no account cannot be a party: answer with this code. */
  ifUnknown: 'NO_PENDING_REQUEST' | 'NOT_CONTACTS' | null,
): Promise<Resolved> {
  let user: SlackUser;
  let label: string | null = null;
  if (who.kind === 'text') return { ok: true, target: { kind: 'text', text: who.text }, name: '' };
  if (who.kind === 'mention') {
    user = { ...cmd.user, userId: who.userId, name: who.label };
    label = who.label;
  } else {
    const token = await ctx.tokens({
      teamId: cmd.teamId,
      ...(cmd.user.enterpriseId ? { enterpriseId: cmd.user.enterpriseId } : {}),
    });
    const found = token ? await ctx.api.call(token, 'users.lookupByEmail', { email: who.email }) : null;
    const id = found?.ok ? userIdOf(found.data) : null;
    if (!id) {
      const missing =
        !found || (!found.ok && found.error !== 'users_not_found' && found.error !== 'user_not_found');
      return {
        ok: false,
        reply: say(
          missing
            ? t(locale, 'slack.lookup_failed')
            : t(locale, 'slack.email_not_found', { email: esc(who.email) }),
        ),
      };
    }
    user = { ...cmd.user, userId: id, name: null };
  }
  // Someone we have never seen: read their Slack profile first (this command was acked already),
  // so their account gets their real name and locale.
  let target: Actor & { known: boolean } = await ctx.profiles.actor(user, label);
  if (!target.known) {
    await ctx.profiles.refresh(user, cmd.teamId);
    target = await ctx.profiles.actor(user, label);
  }
  const name = target.displayName;
  if (!ifUnknown) {
    const actor: Actor = {
      identity: target.identity,
      displayName: name,
      ...(target.locale ? { locale: target.locale } : {}),
    };
    return { ok: true, target: { kind: 'actor', actor }, name };
  }
  const account = await ctx.deps.store.getAccountByIdentity(target.identity);
  return account
    ? { ok: true, target: { kind: 'account', accountId: account.id }, name: account.displayName }
    : { ok: false, reply: say(problemText(locale, { code: ifUnknown }, name)) };
}

function userIdOf(data: Record<string, unknown>): string | null {
  const user = data.user;
  if (typeof user !== 'object' || user === null) return null;
  const id: unknown = Reflect.get(user, 'id');
  return typeof id === 'string' && id !== '' ? id : null;
}

const sourceOf = (who: Who): RequestSource =>
  who.kind === 'mention'
    ? 'mention'
    : who.kind === 'email'
      ? 'email'
      : /[/.]/.test(who.text)
        ? 'link'
        : 'handle';

/** Where a request came from, for the recipient: `#channel · workspace`. Plain text; escaped when shown. */
export function contextOf(channelName: string | null, teamDomain: string | null): string | null {
  const channel =
    channelName && channelName !== 'directmessage' && channelName !== 'privategroup'
      ? `#${channelName}`
      : null;
  return [channel, teamDomain].filter(Boolean).join(' · ') || null;
}

async function run(
  ctx: BotContext,
  cmd: CommandInput,
  command: Command,
  actor: Actor,
  locale: Locale,
): Promise<Reply> {
  const deps = ctx.deps;
  switch (command.kind) {
    case 'invite': {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return say(problemText(locale, me.error));
      // Posting a card changes nothing unless it just registered the person: only then refresh App Home.
      if (me.value.created) ctx.later(() => refreshHome(ctx, cmd.user, cmd.teamId));
      return { response_type: 'in_channel', ...inviteCard(locale, me.value.account, me.value.link) };
    }
    case 'link': {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return say(problemText(locale, me.error));
      const { link } = me.value;
      const blocks: Block[] = [
        section(`${t(locale, 'slack.link.title')}\n<${link}|${esc(link)}>\n\`${esc(link)}\``),
      ];
      if (link.startsWith('https://'))
        blocks.push({ type: 'image', image_url: `${link}/qr.png`, alt_text: t(locale, 'slack.link.qr') });
      return ephemeral({ text: link, blocks });
    }
    case 'id': {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return say(problemText(locale, me.error));
      return say(
        t(locale, 'slack.id.current', { handle: esc(me.value.account.handle), link: me.value.link }),
      );
    }
    case 'id_set': {
      const changed = await changeHandle(deps, actor, slackToPlain(command.handle));
      if (!changed.ok) return say(problemText(locale, changed.error));
      const { account, previous } = changed.value;
      return say(
        t(locale, 'outcome.handle_changed', {
          handle: `\`${esc(account.handle)}\``,
          previous: `\`${esc(previous)}\``,
        }),
      );
    }
    case 'requests': {
      const [incoming, outgoing] = await Promise.all([
        listRequests(deps, actor, 'incoming', { limit: PAGE.incoming }),
        listRequests(deps, actor, 'outgoing', { limit: PAGE.outgoing }),
      ]);
      if (!incoming.ok) return say(problemText(locale, incoming.error));
      if (!outgoing.ok) return say(problemText(locale, outgoing.error));
      return ephemeral(requestsMessage(locale, incoming.value, outgoing.value));
    }
    case 'contacts': {
      const page = await listContacts(deps, actor, { limit: PAGE.contacts });
      if (!page.ok) return say(problemText(locale, page.error));
      return ephemeral(contactsMessage(locale, page.value, cmd.user.teamId));
    }
    case 'find': {
      // With should_escape on, "&" arrives as "&amp;": search for what the user typed.
      const query = slackToPlain(command.query);
      const found = await findPeople(deps, actor, query, 20);
      if (!found.ok) return say(problemText(locale, found.error));
      return ephemeral(findResults(locale, query, found.value));
    }
    case 'searchable': {
      const set = await setSearchable(deps, actor, command.on);
      if (!set.ok) return say(problemText(locale, set.error));
      return say(t(locale, command.on ? 'slack.searchable.on' : 'slack.searchable.off'));
    }
    case 'withdraw':
    case 'remove':
    case 'block': {
      const ifUnknown =
        command.kind === 'withdraw'
          ? 'NO_PENDING_REQUEST'
          : command.kind === 'remove'
            ? 'NOT_CONTACTS'
            : null;
      const who = await resolveWho(ctx, cmd, command.who, locale, ifUnknown);
      if (!who.ok) return who.reply;
      if (command.kind === 'withdraw') {
        const r = await withdrawTo(deps, actor, who.target);
        return say(
          r.ok
            ? t(locale, 'outcome.withdrawn', { name: esc(r.value.other.displayName) })
            : problemText(locale, r.error, who.name),
        );
      }
      if (command.kind === 'remove') {
        const r = await removeContact(deps, actor, who.target);
        return say(
          r.ok
            ? t(locale, 'outcome.removed', { name: esc(r.value.other.displayName) })
            : problemText(locale, r.error, who.name),
        );
      }
      const r = await blockPerson(deps, actor, who.target);
      return say(
        r.ok
          ? t(locale, 'outcome.blocked', { name: esc(r.value.other.displayName) })
          : problemText(locale, r.error, who.name),
      );
    }
    case 'web': {
      const link = await issueSignInLink(deps, actor);
      if (!link.ok) return say(problemText(locale, link.error));
      return ephemeral({
        text: t(locale, 'slack.web.title'),
        blocks: [
          section(t(locale, 'slack.web.title')),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: ACTION.link,
                text: { type: 'plain_text', text: t(locale, 'slack.web.open') },
                url: link.value.url,
                style: 'primary',
              },
            ],
          },
        ],
      });
    }
    case 'help':
      return say(t(locale, 'slack.help'));
    case 'request': {
      const who = await resolveWho(ctx, cmd, command.who, locale, null);
      if (!who.ok) return who.reply;
      const sent = await requestConnection(deps, {
        actor,
        target: who.target,
        note: command.note === null ? null : slackToPlain(command.note),
        source: sourceOf(command.who),
        context: contextOf(cmd.channelName, cmd.teamDomain),
      });
      const text = sendReplyText(locale, sent, who.name);
      const unreadable =
        !sent.ok &&
        ['NOT_FOUND', 'HANDLE_INVALID', 'HANDLE_RESERVED', 'LINK_FOREIGN_HOST'].includes(sent.error.code);
      const hint = unreadable ? `\n${t(locale, 'slack.hint')}` : '';
      return say(`${text}${hint}`);
    }
    case 'usage':
      return say(t(locale, `slack.usage.${command.usage}`));
    case 'unknown':
      return say(
        `${t(locale, 'slack.unknown', { word: esc(slackToPlain(command.word)) })}\n${t(locale, 'slack.hint')}`,
      );
    default:
      return assertNever(command);
  }
}

/**
 * Commands whose answer needs a Slack lookup (an email, or a mentioned person whose profile we do
 * not have yet) are acked first and answered on response_url, so the ack never waits on Slack.
 */
async function needsLookup(ctx: BotContext, cmd: CommandInput, c: Command): Promise<boolean> {
  if (c.kind !== 'request' && c.kind !== 'withdraw' && c.kind !== 'remove' && c.kind !== 'block')
    return false;
  if (c.who.kind === 'email') return true;
  if (c.who.kind !== 'mention') return false;
  const mentioned = await ctx.profiles.actor({ ...cmd.user, userId: c.who.userId, name: c.who.label });
  return !mentioned.known;
}

const CHANGES: ReadonlySet<Command['kind']> = new Set(['id_set', 'withdraw', 'remove', 'block', 'request']);

export async function handleCommand(ctx: BotContext, cmd: CommandInput, ack: Ack): Promise<void> {
  ctx.later(() => ctx.profiles.refresh(cmd.user, cmd.teamId));
  if (cmd.command !== SLASH_COMMAND) {
    await ack({ response_type: 'ephemeral', text: t('en', 'slack.hint') });
    return;
  }
  const actor = await ctx.profiles.actor(cmd.user);
  const locale = localeOf(actor);
  const command = parseSlackCommand(cmd.text);
  const execute = async (): Promise<Reply> => {
    try {
      return await run(ctx, cmd, command, actor, locale);
    } catch (e) {
      if (isStoreUnavailable(e)) return say(problemText(locale, { code: 'STORE_UNAVAILABLE' }));
      ctx.log.error({ err: e, command: command.kind }, 'slack command failed');
      return say(t(locale, 'error.generic'));
    }
  };
  ctx.telemetry.action('slack', `command.${command.kind}`, 'ok');
  if (await needsLookup(ctx, cmd, command)) {
    await ack();
    const reply = await execute();
    if (cmd.responseUrl) await ctx.api.respond(cmd.responseUrl, { ...reply, replace_original: false });
  } else {
    await ack({ ...(await execute()) });
  }
  if (CHANGES.has(command.kind)) ctx.later(() => refreshHome(ctx, cmd.user, cmd.teamId));
}
