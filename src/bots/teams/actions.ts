import { z } from 'zod';
import {
  buildInviteLink,
  type Decision,
  decideRequest,
  ensureAccount,
  type Locale,
  otherParty,
  removeContact,
  resolveTarget,
} from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import type { TeamsInbound } from './activity.js';
import { DATA_VERSION, VERBS } from './card-kit.js';
import { inviteCard, noticeCard, resolvedCard, sharePreviewCard, unfurlCard } from './cards.js';
import { type BotContext, errorText } from './context.js';
import { requestsOf } from './messages.js';
import type { Card, InboundTurn, InvokeAnswer } from './transport.js';
import { addToContacts, viewInvite } from './viewer.js';

type CardAction = Extract<TeamsInbound, { kind: 'card_action' }>;

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const id = z.string().min(1).max(100);
const v = z.literal(DATA_VERSION);
const requestData = z.object({ v, requestId: id, view: z.literal('list').optional() });
const ownerData = z.object({ v, ownerId: id });
const accountData = z.object({ v, accountId: id });

/** Action.Execute answers: the refreshed card, or a short message with the card left as it was. */
export const cardAnswer = (card: Card): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: CARD_TYPE, value: card },
});
const messageAnswer = (text: string): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});

const OUTCOME_KEY = {
  accept: 'outcome.accepted',
  decline: 'outcome.declined',
  block: 'outcome.blocked',
  withdraw: 'outcome.withdrawn',
} as const;

export async function onCardAction(ctx: BotContext, turn: InboundTurn, a: CardAction): Promise<InvokeAnswer> {
  if (a.personalRef) await ctx.convs.saveRef(a.personalRef);
  const outdated = messageAnswer(t(a.locale, 'teams.card_outdated'));
  switch (a.verb) {
    case VERBS.refresh:
    case VERBS.addToContacts: {
      const data = ownerData.safeParse(a.data);
      const owner = data.success ? await ctx.core.store.getAccount(data.data.ownerId) : null;
      if (!owner) return outdated;
      if (a.verb === VERBS.refresh) return cardAnswer(await viewInvite(ctx, a.actor, owner));
      return cardAnswer(await addToContacts(ctx, a.actor, owner, 'link', a.place.conversationName));
    }
    case VERBS.accept:
    case VERBS.decline:
    case VERBS.block:
    case VERBS.withdraw: {
      const data = requestData.safeParse(a.data);
      if (!data.success) return outdated;
      return decide(ctx, turn, a, a.verb, data.data);
    }
    case VERBS.remove: {
      const data = accountData.safeParse(a.data);
      if (!data.success) return outdated;
      const removed = await removeContact(ctx.core, a.actor, {
        kind: 'account',
        accountId: data.data.accountId,
      });
      if (!removed.ok) return messageAnswer(errorText(a.locale, removed.error));
      return cardAnswer(
        noticeCard(t(a.locale, 'outcome.removed', { name: removed.value.other.displayName }), 'good'),
      );
    }
    default:
      return outdated;
  }
}

/**
 * Accept, decline, block (recipient) or withdraw (sender). The core decides who may act, from the
 * activity's own `from`, never from the card data. A stale or repeated click gets the final state
 * and changes nothing; a click by anyone else gets NOT_YOURS.
 */
async function decide(
  ctx: BotContext,
  turn: InboundTurn,
  a: CardAction,
  action: Decision,
  data: z.infer<typeof requestData>,
): Promise<InvokeAnswer> {
  const { locale } = a;
  const decided = await decideRequest(ctx.core, { actor: a.actor, requestId: data.requestId, action });
  ctx.telemetry.action('teams', `click.${action}`, decided.ok ? 'ok' : decided.error.code);
  if (!decided.ok) {
    if (decided.error.code !== 'ALREADY_DECIDED') return messageAnswer(errorText(locale, decided.error));
    const { request, state } = decided.error;
    if (data.view === 'list') return listAnswer(ctx, a, errorText(locale, decided.error));
    const other = await ctx.core.store.getAccount(otherParty(request, action));
    return cardAnswer(resolvedCard(locale, request, other, state));
  }
  const { request, other } = decided.value;
  const outcome = t(locale, OUTCOME_KEY[action], { name: other?.displayName ?? '?' });
  const resolved = resolvedCard(locale, request, other, request.state, outcome);
  const card =
    data.view === 'list'
      ? ((await requestsOf(ctx, { ...a, kind: 'installed' }, outcome)) ?? noticeCard(outcome, 'good'))
      : resolved;
  // The invoke answer changes the card for the clicking client only; update the messages for all:
  // the one clicked, and the request cards we sent into this conversation.
  const updates = new Map<string, Card>(a.replyToId ? [[a.replyToId, card]] : []);
  for (const c of await ctx.convs.cardsOf(request.id))
    if (c.ref.conversationId === a.place.conversationId && !updates.has(c.activityId))
      updates.set(c.activityId, resolved);
  for (const [activityId, next] of updates) {
    const updated = await turn.update(activityId, { card: next });
    if (!updated.ok) ctx.log.warn({ failure: updated.failure }, 'teams: could not update the request card');
  }
  return cardAnswer(card);
}

async function listAnswer(ctx: BotContext, a: CardAction, lead: string): Promise<InvokeAnswer> {
  const card = await requestsOf(ctx, { ...a, kind: 'installed' }, lead);
  return card ? cardAnswer(card) : messageAnswer(lead);
}

type Based = Extract<TeamsInbound, { kind: 'share_fetch' | 'share_submit' }>;

/** Messaging extension "Share my invite": a preview with Insert, then the card into the compose box. */
export async function onShare(ctx: BotContext, s: Based): Promise<InvokeAnswer> {
  const me = await ensureAccount(ctx.core, s.actor);
  if (!me.ok)
    return { status: 200, body: { task: { type: 'message', value: errorText(s.locale, me.error) } } };
  const invite = inviteCard(s.locale, me.value.account, me.value.link);
  if (s.kind === 'share_fetch') {
    const content = sharePreviewCard(s.locale, invite);
    const title = t(s.locale, 'teams.share.title');
    return {
      status: 200,
      body: {
        task: {
          type: 'continue',
          value: { title, width: 'medium', card: { contentType: CARD_TYPE, content } },
        },
      },
    };
  }
  return composeResult(invite, me.value.account.displayName, me.value.link);
}

function composeResult(content: Card | null, title: string, text: string): InvokeAnswer {
  const attachments = content
    ? [
        {
          contentType: CARD_TYPE,
          content,
          preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title, text } },
        },
      ]
    : [];
  return {
    status: 200,
    body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } },
  };
}

/** Link unfurling for PUBLIC_URL's links: a card of at most version 1.3, cached by Teams for 30 min. */
export async function onQueryLink(ctx: BotContext, url: string, locale: Locale): Promise<InvokeAnswer> {
  const found = await resolveTarget(ctx.core, url);
  if (!found.ok) return composeResult(null, '', '');
  const { account } = found.value;
  const link = buildInviteLink(ctx.core.publicUrl, account.handle);
  return composeResult(unfurlCard(locale, account, link), account.displayName, link);
}
