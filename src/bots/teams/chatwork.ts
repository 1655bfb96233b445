import type { Account, Identity } from '../../core/index.js';
import type { CardDoc } from '../../flows/card.js';
import { chatworkSettledDoc } from '../../flows/cards/chatwork.js';
import { type ChatworkClickView, decideChatworkRequest } from '../../flows/chatwork-requests.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import type { TeamsInbound } from './activity.js';
import { readAction, VERBS } from './card-kit.js';
import { type BotContext, flowRun } from './context.js';
import { sendPersonal } from './notifier.js';
import { noticeCard, renderCard } from './render-document.js';
import type { InvokeAnswer } from './transport.js';

/**
 * Chatwork requests in Teams (the flow is `src/flows/chatwork-requests.ts`, the cards
 * `src/flows/cards/chatwork.ts`): the personal card an incoming chatwork.com request becomes, the answer
 * to its [Accept] [Not now] (the card replaced in place, or a short message), and the card telling a
 * person their link broke.
 */
type TeamsIdentity = Extract<Identity, { platform: 'teams' }>;
type CardAction = Extract<TeamsInbound, { kind: 'card_action' }>;

const answer = (type: 'card.adaptive' | 'activity.message', value: unknown): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: `application/vnd.microsoft.${type}`, value },
});

/** Sends a Chatwork bridge card (chosen by `compose.ts`); `false` when the person has no Teams identity. Throws to retry. */
export function teamsChatworkDelivery(ctx: BotContext) {
  return async (account: Account, doc: CardDoc, _key: string): Promise<boolean> => {
    const identity = account.identities.find((i): i is TeamsIdentity => i.platform === 'teams');
    if (!identity) return false;
    const sent = await sendPersonal(ctx, identity, { card: renderCard(account.locale, doc) });
    if (!sent.ok) throw new Error(sent.result.kind === 'delivered' ? 'teams: not sent' : sent.result.error);
    return true;
  };
}

/**
 * [Accept] / [Not now]: decided in Chatwork before the invoke is answered; the answer replaces the
 * card (settled) or is a short message (not theirs, try again later). Null for any other verb.
 */
export async function chatworkCardAction(ctx: BotContext, a: CardAction): Promise<InvokeAnswer | null> {
  if (a.verb !== VERBS.chatworkAccept && a.verb !== VERBS.chatworkDecline) return null;
  const click = readAction(a.verb, a.data);
  if (click.kind !== 'chatwork')
    return answer('card.adaptive', noticeCard(t(a.locale, 'teams.card_outdated')));
  const view = await runFlow<ChatworkClickView>(
    flowRun(ctx, `click.chatwork_${click.decide.action}`),
    () => decideChatworkRequest(ctx.core, a.actor, click.decide),
    (said) => ({ kind: 'said', said }),
  );
  return view.kind === 'settled'
    ? answer('card.adaptive', renderCard(a.locale, chatworkSettledDoc(view)))
    : answer('activity.message', renderText(a.locale, view.said));
}
