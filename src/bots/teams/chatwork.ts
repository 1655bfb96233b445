import { z } from 'zod';
import type { Account, Identity, Locale } from '../../core/index.js';
import {
  type ChatworkClickView,
  type ChatworkRequestCard,
  decideChatworkRequest,
} from '../../flows/chatwork-requests.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import type { TeamsInbound } from './activity.js';
import { card, DATA_VERSION, heading, line, openUrl } from './card-kit.js';
import { noticeCard } from './cards.js';
import { type BotContext, flowRun } from './context.js';
import { sendPersonal } from './notifier.js';
import type { Card, InvokeAnswer } from './transport.js';

/**
 * Chatwork requests in Teams (the flow is `src/flows/chatwork-requests.ts`): the personal card an
 * incoming chatwork.com request becomes, with [Accept] [Not now], the answer to those buttons (the
 * card replaced in place, or a short message), and the card telling a person their link broke.
 * Every string is a TextRun (`card-kit.ts`), so user text shows literally.
 */
type TeamsIdentity = Extract<Identity, { platform: 'teams' }>;
type CardAction = Extract<TeamsInbound, { kind: 'card_action' }>;

export const CHATWORK_VERBS = { accept: 'chatwork-accept', decline: 'chatwork-decline' } as const;
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

const decideData = z.object({
  v: z.literal(DATA_VERSION),
  ownerId: z.string().min(1).max(100),
  requestId: z.string().regex(/^\d{1,15}$/),
  name: z.string().max(100),
});

const execute = (title: string, verb: string, data: Record<string, string>, style?: 'positive') => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { v: DATA_VERSION, ...data },
  ...(style ? { style } : {}),
});

/** The personal card of one incoming Chatwork request. */
export function chatworkRequestTeamsCard(locale: Locale, c: ChatworkRequestCard): Card {
  const data = { ownerId: c.ownerId, requestId: String(c.requestId), name: c.name.slice(0, 100) };
  const details = [
    c.organization ? `${t(locale, 'chatwork.req.organization')}: ${c.organization}` : '',
    c.department ? `${t(locale, 'chatwork.req.department')}: ${c.department}` : '',
  ].filter(Boolean);
  return card(
    [
      heading(t(locale, 'chatwork.req.title')),
      line(t(locale, 'chatwork.req.from', { name: c.name })),
      ...details.map((d) => line(d, { isSubtle: true }, 'Small')),
      ...(c.message.trim() ? [line(`${t(locale, 'chatwork.req.message')}: ${c.message}`)] : []),
    ],
    [
      execute(t(locale, 'chatwork.req.accept'), CHATWORK_VERBS.accept, data, 'positive'),
      execute(t(locale, 'chatwork.req.decline'), CHATWORK_VERBS.decline, data),
    ],
  );
}

/** The card after a decision: the sentence, and the new chat's link after an Accept. */
export function chatworkSettledTeamsCard(
  locale: Locale,
  view: Extract<ChatworkClickView, { kind: 'settled' }>,
) {
  const open = view.roomUrl ? [openUrl(t(locale, 'chatwork.req.open_chat'), view.roomUrl)] : [];
  return card([line(renderText(locale, view.said))], open);
}

/** Sends the chat side's Chatwork cards; `false` when the person has no Teams identity. Throws to retry. */
export function teamsChatworkDelivery(ctx: BotContext) {
  async function send(account: Account, content: Card): Promise<boolean> {
    const identity = account.identities.find((i): i is TeamsIdentity => i.platform === 'teams');
    if (!identity) return false;
    const sent = await sendPersonal(ctx, identity, { card: content });
    if (!sent.ok) throw new Error(sent.result.kind === 'delivered' ? 'teams: not sent' : sent.result.error);
    return true;
  }
  return {
    request: (account: Account, c: ChatworkRequestCard) =>
      send(account, chatworkRequestTeamsCard(account.locale, c)),
    broken: (account: Account, _linkId: string) =>
      send(account, noticeCard(t(account.locale, 'chatwork.req.broken'), 'attention')),
  };
}

/**
 * [Accept] / [Not now]: decided in Chatwork before the invoke is answered; the answer replaces the
 * card (settled) or is a short message (not theirs, try again later). Null for any other verb.
 */
export async function chatworkCardAction(ctx: BotContext, a: CardAction): Promise<InvokeAnswer | null> {
  if (a.verb !== CHATWORK_VERBS.accept && a.verb !== CHATWORK_VERBS.decline) return null;
  const data = decideData.safeParse(a.data);
  if (!data.success)
    return {
      status: 200,
      body: { statusCode: 200, type: CARD_TYPE, value: noticeCard(t(a.locale, 'teams.card_outdated')) },
    };
  const action = a.verb === CHATWORK_VERBS.accept ? 'accept' : 'decline';
  const click = { ...data.data, requestId: Number(data.data.requestId), action } as const;
  const view = await runFlow<ChatworkClickView>(
    flowRun(ctx, `click.chatwork_${action}`),
    () => decideChatworkRequest(ctx.core, a.actor, click),
    (said) => ({ kind: 'said', said }),
  );
  if (view.kind === 'settled')
    return {
      status: 200,
      body: { statusCode: 200, type: CARD_TYPE, value: chatworkSettledTeamsCard(a.locale, view) },
    };
  const text = renderText(a.locale, view.said);
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
  };
}

/** An invite card of someone linked to Chatwork: [Open in Chatwork] (their real link) beside [Add to contacts]. */
export function withChatworkLinkCard(locale: Locale, c: Card, url: string | undefined): Card {
  if (!url) return c;
  const actions = Array.isArray(c.actions) ? c.actions : [];
  return { ...c, actions: [...actions, openUrl(t(locale, 'chatwork.card.open'), url)] };
}
