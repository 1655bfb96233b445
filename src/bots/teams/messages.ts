import {
  assertNever,
  blockPerson,
  buildInviteLink,
  changeHandle,
  ensureAccount,
  findPeople,
  issueSignInLink,
  listContacts,
  listRequests,
  removeContact,
  requestConnection,
  setSearchable,
  withdrawTo,
} from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import type { TeamsInbound } from './activity.js';
import { helpCard, idCard, inviteCard, linkCard, noticeCard, webCard, welcomeCard } from './cards.js';
import { contactsCard, findCard, requestsCard } from './cards-lists.js';
import { type Command, parseTeamsCommand } from './commands.js';
import { type BotContext, errorText, targetOf } from './context.js';
import type { Card, InboundTurn } from './transport.js';

type Message = Extract<TeamsInbound, { kind: 'message' }>;
type Installed = Extract<TeamsInbound, { kind: 'installed' }>;

/** How long a message activity id is remembered, so a Teams retry does not act twice. */
const DEDUPE_MS = 10 * 60_000;

/** Incoming and sent requests of the actor as one card (`requests`, and after a missed notice). */
export async function requestsOf(
  ctx: BotContext,
  m: Message | Installed,
  lead?: string,
): Promise<Card | null> {
  const me = await ensureAccount(ctx.core, m.actor);
  const incoming = await listRequests(ctx.core, m.actor, 'incoming');
  const outgoing = await listRequests(ctx.core, m.actor, 'outgoing');
  if (!me.ok || !incoming.ok || !outgoing.ok) return null;
  return requestsCard(
    m.locale,
    me.value.account.id,
    incoming.value.items,
    outgoing.value.items,
    ctx.core.clock.now(),
    lead,
  );
}

/** After a notice could not be delivered: show pending requests the next time they talk to the bot. */
async function showMissed(ctx: BotContext, turn: InboundTurn, m: Message | Installed): Promise<void> {
  if (m.place.conversationType !== 'personal' || !(await ctx.convs.takeMissed(m.actor.identity))) return;
  const card = await requestsOf(ctx, m, t(m.locale, 'teams.missed'));
  if (card) await turn.reply({ card });
}

export async function onInstalled(ctx: BotContext, turn: InboundTurn, m: Installed): Promise<void> {
  if (m.personalRef) await ctx.convs.saveRef(m.personalRef);
  else await ctx.convs.saveTenant(m.place.tenantId, m.place.serviceUrl, m.place.botId);
  if (m.place.conversationType !== 'personal') return;
  await turn.reply({ card: welcomeCard(m.locale, m.actor.displayName) });
  await ctx.convs.takeMissed(m.actor.identity);
  const incoming = await listRequests(ctx.core, m.actor, 'incoming');
  if (incoming.ok && incoming.value.items.length > 0) {
    const card = await requestsOf(ctx, m, t(m.locale, 'teams.missed'));
    if (card) await turn.reply({ card });
  }
}

export async function onMessage(ctx: BotContext, turn: InboundTurn, m: Message): Promise<void> {
  const now = ctx.core.clock.now();
  if (
    m.activityId &&
    !(await ctx.core.store.claimOnce('idempotency', `teams:${m.activityId}`, now + DEDUPE_MS, now))
  )
    return;
  if (m.personalRef) await ctx.convs.saveRef(m.personalRef);
  else await ctx.convs.saveTenant(m.place.tenantId, m.place.serviceUrl, m.place.botId);
  await showMissed(ctx, turn, m);
  const command = parseTeamsCommand(m.text, m.mentions);
  const card = await run(ctx, turn, m, command);
  ctx.telemetry.action('teams', `command.${command.kind}`, 'ok');
  await turn.reply({ card });
}

async function run(ctx: BotContext, turn: InboundTurn, m: Message, command: Command): Promise<Card> {
  const { core } = ctx;
  const { locale, actor } = m;
  const fail = (error: { code: string }, name = '') =>
    noticeCard(errorText(locale, error, name), 'attention');
  switch (command.kind) {
    case 'invite':
    case 'link':
    case 'id': {
      const me = await ensureAccount(core, actor);
      if (!me.ok) return fail(me.error);
      const { account, link } = me.value;
      if (command.kind === 'invite') return inviteCard(locale, account, link);
      return command.kind === 'link' ? linkCard(locale, link) : idCard(locale, account.handle, link);
    }
    case 'id_set': {
      const changed = await changeHandle(core, actor, command.handle);
      if (!changed.ok) return fail(changed.error);
      const { account, previous } = changed.value;
      return noticeCard(
        t(locale, 'outcome.handle_changed', {
          handle: account.handle,
          previous: buildInviteLink(core.publicUrl, previous),
        }),
        'good',
      );
    }
    case 'requests':
      return (await requestsOf(ctx, m)) ?? fail({ code: 'STORE_UNAVAILABLE' });
    case 'contacts': {
      const contacts = await listContacts(core, actor);
      return contacts.ok ? contactsCard(locale, core.publicUrl, contacts.value.items) : fail(contacts.error);
    }
    case 'find': {
      const found = await findPeople(core, actor, command.query);
      return found.ok ? findCard(locale, command.query, found.value) : fail(found.error);
    }
    case 'searchable': {
      const set = await setSearchable(core, actor, command.on);
      if (!set.ok) return fail(set.error);
      return noticeCard(t(locale, command.on ? 'teams.searchable.on' : 'teams.searchable.off'), 'good');
    }
    case 'withdraw':
    case 'remove':
    case 'block': {
      const target = await targetOf(turn, command.who, m.place.tenantId);
      if (!target) return fail({ code: 'NOT_FOUND' });
      if (command.kind === 'withdraw') {
        const done = await withdrawTo(core, actor, target);
        if (!done.ok) return fail(done.error);
        return noticeCard(t(locale, 'outcome.withdrawn', { name: done.value.other.displayName }), 'good');
      }
      if (command.kind === 'remove') {
        const done = await removeContact(core, actor, target);
        if (!done.ok) return fail(done.error);
        return noticeCard(t(locale, 'outcome.removed', { name: done.value.other.displayName }), 'good');
      }
      const done = await blockPerson(core, actor, target);
      if (!done.ok) return fail(done.error);
      return noticeCard(t(locale, 'outcome.blocked', { name: done.value.other.displayName }), 'good');
    }
    case 'web': {
      if (m.place.conversationType !== 'personal') return noticeCard(t(locale, 'teams.web.personal_only'));
      const issued = await issueSignInLink(core, actor);
      return issued.ok ? webCard(locale, issued.value.url) : fail(issued.error);
    }
    case 'request': {
      const target = await targetOf(turn, command.who, m.place.tenantId);
      if (!target) return fail({ code: 'NOT_FOUND' });
      const sent = await requestConnection(core, {
        actor,
        target,
        note: command.note,
        source: target.kind === 'text' ? 'handle' : command.who.kind === 'email' ? 'email' : 'mention',
        context: m.place.conversationName,
      });
      if (!sent.ok) {
        // A word that is no one's Chatwork ID is most likely not meant as one: answer with help.
        if (sent.error.code === 'NOT_FOUND' && command.who.kind === 'text' && !command.who.text.includes('/'))
          return helpCard(locale, t(locale, 'teams.help.unknown'));
        return fail(sent.error);
      }
      const name = sent.value.recipient.displayName;
      const { outcome, sender } = sent.value;
      if (outcome.status === 'connected') return noticeCard(t(locale, 'viewer.connected', { name }), 'good');
      if (outcome.status === 'already_pending') return noticeCard(t(locale, 'viewer.requested', { name }));
      return noticeCard(
        sender.created
          ? t(locale, 'viewer.signed_up', { handle: sender.account.handle, name })
          : t(locale, 'viewer.sent', { name }),
        'good',
      );
    }
    case 'help':
    case 'usage':
      return helpCard(locale);
    case 'unknown':
      return helpCard(locale, t(locale, 'teams.help.unknown'));
    default:
      return assertNever(command);
  }
}
