import type { Actor, Locale } from '../../core/index.js';
import { adminSection, isTeamsAdmin, noteTeamsInstaller } from '../../flows/admin.js';
import { welcomeDoc } from '../../flows/cards/help.js';
import { settledDoc } from '../../flows/cards/requests.js';
import type { SettledCard } from '../../flows/clicks.js';
import { commandFailed, type PeoplePort, runCommand } from '../../flows/commands.js';
import { myRequestsDoc } from '../../flows/lists.js';
import { runFlow } from '../../flows/outcome.js';
import { profileRead } from '../../flows/platform-events.js';
import type { Text } from '../../i18n/text.js';
import type { TeamsInbound } from './activity.js';
import { commandCard } from './cards-commands.js';
import { parseTeamsCommand, type Who } from './commands.js';
import { type BotContext, flowRun } from './context.js';
import { renderCard } from './render-document.js';
import type { InboundTurn, SendResult } from './transport.js';

type Message = Extract<TeamsInbound, { kind: 'message' }>;
type Installed = Extract<TeamsInbound, { kind: 'installed' }>;
type Person = { actor: Actor; locale: Locale };

/** How long a message activity id is remembered, so a Teams retry does not act twice. */
const DEDUPE_MS = 10 * 60_000;

/** The actor's requests as a card (`myRequestsDoc`: null when unreadable, or none incoming when `onlyIncoming`). */
export async function requestsOf<M extends Person>(ctx: BotContext, m: M, lead?: Text, onlyIncoming = false) {
  const doc = await myRequestsDoc(ctx.core, m.actor, lead, onlyIncoming);
  return doc && renderCard(m.locale, doc);
}

/** After a notice could not be delivered: show pending requests the next time they talk to the bot. */
async function showMissed(ctx: BotContext, turn: InboundTurn, m: Message | Installed): Promise<void> {
  if (m.place.conversationType !== 'personal' || !(await ctx.convs.takeMissed(m.actor.identity))) return;
  const card = await requestsOf(ctx, m, { key: 'teams.missed' });
  if (card) await turn.reply({ card });
}

export async function onInstalled(ctx: BotContext, turn: InboundTurn, m: Installed): Promise<void> {
  await noteTeamsInstaller(ctx.core, m.actor.identity, m.place.conversationType);
  await (m.personalRef ? ctx.convs.saveRef(m.personalRef) : ctx.convs.saveTenant(m.place));
  if (m.place.conversationType !== 'personal') return;
  // Their e-mail domain, once, for organisations' allow-lists (a failed lookup forgets nothing).
  const me = m.personalRef ? await turn.getMember(m.personalRef.userId) : null;
  if (me) await profileRead(ctx.core, m.actor, me.email);
  await turn.reply({ card: renderCard(m.locale, welcomeDoc(m.actor.displayName)) });
  // The tenant's installer (or a TEAMS_ADMINS admin) gets the admin section after the welcome.
  const admin = await adminSection(ctx.core, roleOf(ctx, m.actor), m.actor);
  if (admin) await turn.reply({ card: renderCard(m.locale, admin) });
  await ctx.convs.takeMissed(m.actor.identity);
  const card = await requestsOf(ctx, m, { key: 'teams.missed' }, true);
  if (card) await turn.reply({ card });
}

/** Teams' admins: the tenant's installer and TEAMS_ADMINS (`src/flows/admin.ts`). */
const roleOf = (ctx: BotContext, actor: Actor) => ({
  isAdmin: () => isTeamsAdmin(ctx.core, actor.identity, ctx.admins),
});

/** Teams' people port: a mention or an e-mail is a member of this conversation, or no one. */
const teamsPeople = (turn: InboundTurn, tenantId: string): PeoplePort<Who> => ({
  async name(who) {
    if (who.kind === 'text') return { kind: 'text', text: who.text };
    const member = await turn.getMember(who.kind === 'mention' ? who.mention.id : who.email);
    if (!member) return { kind: 'problem', said: { problem: { code: 'NOT_FOUND' } }, outcome: 'NOT_FOUND' };
    const identity = { platform: 'teams' as const, tenantId, aadObjectId: member.aadObjectId };
    return { kind: 'person', actor: { identity, displayName: member.name }, source: who.kind };
  },
});

/** A message to the bot: parse, run the command flow, reply with its card. */
export async function onMessage(ctx: BotContext, turn: InboundTurn, m: Message): Promise<void> {
  const now = ctx.core.clock.now();
  const once = `teams:${m.activityId}`;
  if (m.activityId && !(await ctx.core.store.claimOnce('idempotency', once, now + DEDUPE_MS, now))) return;
  await (m.personalRef ? ctx.convs.saveRef(m.personalRef) : ctx.convs.saveTenant(m.place));
  await showMissed(ctx, turn, m);
  const command = parseTeamsCommand(m.text, m.mentions);
  const personal = m.place.conversationType === 'personal';
  const view = await runFlow(
    flowRun(ctx, `command.${command.kind}`),
    () =>
      runCommand(ctx.core, teamsPeople(turn, m.place.tenantId), {
        command,
        actor: m.actor,
        privateReply: personal,
        direct: personal,
        context: m.place.conversationName,
        role: roleOf(ctx, m.actor),
      }),
    commandFailed,
  );
  await turn.reply({ card: commandCard(m.locale, view, ctx.core.publicUrl, ctx.core.clock.now()) });
  if (view.settled) await settleMine(ctx, m, view.settled);
}

/** The actor's own cards of a settled request show it, at once; `except`: the clicked one, `more`: its update. */
export async function settleMine(
  ctx: BotContext,
  m: Person,
  settled: SettledCard,
  except: string | null = null,
  more: Promise<SendResult>[] = [],
): Promise<void> {
  const card = renderCard(m.locale, settledDoc(settled));
  const aad = 'aadObjectId' in m.actor.identity ? m.actor.identity.aadObjectId : null;
  const updates = [...more];
  for (const c of await ctx.convs.cardsOf(settled.request.id))
    if (c.activityId !== except && c.ref.aadObjectId === aad)
      updates.push(ctx.transport.update(c.ref, c.activityId, { card }));
  for (const updated of await Promise.all(updates))
    if (!updated.ok) ctx.log.warn({ failure: updated.failure }, 'teams: could not update the request card');
}
