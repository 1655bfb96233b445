import { assertNever, type Locale } from '../../core/index.js';
import { inviteDoc, unfurlDoc } from '../../flows/cards/invite.js';
import { settledDoc } from '../../flows/cards/requests.js';
import { type ClickResult, type ClickView, clickAction, clickFailed, runButton } from '../../flows/clicks.js';
import { myInvite, unfurlInvite } from '../../flows/invite-view.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import type { TeamsInbound } from './activity.js';
import { readAction, UNFURL_CARD_VERSION } from './card-kit.js';
import { type BotContext, flowRun } from './context.js';
import { requestsOf, settleMine } from './messages.js';
import { card, line, noticeCard, renderCard } from './render-document.js';
import type { Card, InboundTurn, InvokeAnswer } from './transport.js';

type CardAction = Extract<TeamsInbound, { kind: 'card_action' }>;

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

const answer = (type: string, value: unknown): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type, value },
});
/** Action.Execute answers: the refreshed card, or a short message with the card left as it was. */
export const cardAnswer = (card: Card) => answer(CARD_TYPE, card);
export const messageAnswer = (text: string) => answer('application/vnd.microsoft.activity.message', text);

/** A flow's view of a click as an Adaptive Card (or a short message, the card left as it was). */
function answerOf(locale: Locale, view: ClickView): { answer: InvokeAnswer; card: Card | null } {
  const card = (c: Card) => ({ answer: cardAnswer(c), card: c });
  switch (view.kind) {
    case 'said':
      return view.tone === 'good'
        ? card(noticeCard(renderText(locale, view.text), 'good'))
        : { answer: messageAnswer(renderText(locale, view.text)), card: null };
    case 'settled':
      return card(renderCard(locale, settledDoc(view.card)));
    case 'invite':
      return card(renderCard(locale, inviteDoc(view.invite)));
    case 'searchable':
      return card(noticeCard(t(locale, view.on ? 'teams.searchable.on' : 'teams.searchable.off'), 'good'));
    case 'outdated':
      return { answer: messageAnswer(t(locale, 'teams.card_outdated')), card: null };
    case 'doc':
      return card(renderCard(locale, view.doc));
    default:
      return assertNever(view);
  }
}

/**
 * `adaptiveCard/action`: the button's flow runs (a change is stored, a Chatwork request decided)
 * before the invoke is answered. The core decides who may act from the activity's own `from`, never
 * from the card data. A decision inside the `requests` list answers with the list again; a settled
 * request's other cards in this conversation (and the clicked message, for the clicker's other
 * devices) are updated alongside.
 */
export async function onCardAction(ctx: BotContext, turn: InboundTurn, a: CardAction): Promise<InvokeAnswer> {
  const saving = a.personalRef ? ctx.convs.saveRef(a.personalRef) : Promise.resolve();
  const button = readAction(a.verb, a.data, a.place.conversationName);
  const where = {
    reach: { publicUrl: ctx.core.publicUrl },
    privateReply: a.place.conversationType === 'personal',
  };
  const [result] = await Promise.all([
    runFlow(
      flowRun(ctx, clickAction(button)),
      () => runButton(ctx.core, a.actor, button, where),
      clickFailed,
    ),
    saving,
  ]);
  if (result.relist) {
    const lead = result.view.kind === 'said' ? result.view.text : undefined;
    const list = await requestsOf(ctx, { ...a, kind: 'installed' as const }, lead);
    if (list) {
      await settleCards(ctx, turn, a, result, list);
      return cardAnswer(list);
    }
  }
  const { answer, card } = answerOf(a.locale, result.view);
  await settleCards(ctx, turn, a, result, card);
  return answer;
}

/**
 * The invoke answer changes the card for the clicking client only. When a request was settled,
 * update the messages for all, at once (the answer waits for the slowest, not the sum): the clicked
 * one, and the clicker's other cards of that request, also when an [Add to contacts] settled it
 * (the other person had asked first). The other party's cards are the notifier's.
 */
async function settleCards(
  ctx: BotContext,
  turn: InboundTurn,
  a: CardAction,
  result: ClickResult,
  clicked: Card | null,
): Promise<void> {
  const { settled, view } = result;
  if (!settled) return;
  const clickedId = view.kind === 'settled' || result.relist ? a.replyToId : null;
  const answered = clicked && clickedId ? [turn.update(clickedId, { card: clicked })] : [];
  await settleMine(ctx, a, settled, clickedId, answered);
}

type Based = Extract<TeamsInbound, { kind: 'share_fetch' | 'share_submit' }>;

/** Messaging extension "Share my invite": a preview with Insert, then the card into the compose box. */
export async function onShare(ctx: BotContext, s: Based): Promise<InvokeAnswer> {
  const me = await myInvite(ctx.core, s.actor);
  if (!me.ok) {
    const value = renderText(s.locale, { problem: me.error });
    return { status: 200, body: { task: { type: 'message', value } } };
  }
  const { owner, link } = me.value;
  const invite = renderCard(s.locale, inviteDoc({ owner, link, state: null }));
  if (s.kind === 'share_fetch') {
    const content = card(
      [
        line(t(s.locale, 'teams.share.preview'), { isSubtle: true }),
        { type: 'Container', style: 'emphasis', items: invite.body },
      ],
      [{ type: 'Action.Submit', title: t(s.locale, 'teams.share.insert'), data: { insert: true } }],
    );
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
  return composeResult(invite, owner.displayName, link);
}

function composeResult(content: Card | null, title: string, text: string): InvokeAnswer {
  const preview = { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title, text } };
  const attachments = content ? [{ contentType: CARD_TYPE, content, preview }] : [];
  return {
    status: 200,
    body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } },
  };
}

/** Link unfurling for PUBLIC_URL's links: a card of at most version 1.3, cached by Teams for 30 min. */
export async function onQueryLink(ctx: BotContext, url: string, locale: Locale): Promise<InvokeAnswer> {
  const found = await unfurlInvite(ctx.core, url);
  if (!found) return composeResult(null, '', '');
  const { owner, link } = found;
  const content = renderCard(locale, unfurlDoc(found), { version: UNFURL_CARD_VERSION });
  return composeResult(content, owner.displayName, link);
}
