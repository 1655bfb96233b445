import type { CardBlock, CardDoc } from '../card.js';
import type { ChatworkClickView, ChatworkRequestCard } from '../chatwork-requests.js';
import { action, t } from './lists.js';

/**
 * The Chatwork bridge's cards, written once: an incoming chatwork.com request with [Accept] [Not now],
 * the same card once decided, the notice that a link broke, and `chatwork connect`'s sign-in link.
 */

/** The card of one incoming Chatwork request. */
export function chatworkRequestDoc(c: ChatworkRequestCard): CardDoc {
  const decide = { ownerId: c.ownerId, requestId: c.requestId, name: c.name.slice(0, 100) };
  const details: CardBlock[] = [
    ...(c.organization
      ? [{ kind: 'context' as const, text: t('chatwork.req.organization_is', { name: c.organization }) }]
      : []),
    ...(c.department
      ? [{ kind: 'context' as const, text: t('chatwork.req.department_is', { name: c.department }) }]
      : []),
  ];
  return {
    title: t('chatwork.req.title'),
    summary: t('chatwork.req.summary', { name: c.name }),
    blocks: [
      { kind: 'text', text: t('chatwork.req.from', { name: { strong: c.name } }) },
      ...details,
      ...(c.message.trim() ? [{ kind: 'note' as const, note: c.message }] : []),
    ],
    buttons: [
      action(
        t('chatwork.req.accept'),
        { kind: 'chatwork', decide: { ...decide, action: 'accept' } },
        { style: 'primary' },
      ),
      action(t('chatwork.req.decline'), { kind: 'chatwork', decide: { ...decide, action: 'decline' } }),
    ],
  };
}

/** The card after a decision: the sentence, and the new chat's link after an Accept. */
export const chatworkSettledDoc = (view: Extract<ChatworkClickView, { kind: 'settled' }>): CardDoc => ({
  summary: view.said,
  blocks: [{ kind: 'text', text: view.said }],
  buttons: view.roomUrl ? [{ kind: 'url', label: t('chatwork.req.open_chat'), url: view.roomUrl }] : [],
});

/** The linked account's token stopped working: its requests no longer arrive. */
export const chatworkBrokenDoc = (): CardDoc => ({
  summary: t('chatwork.req.broken'),
  blocks: [{ kind: 'text', text: t('chatwork.req.broken'), tone: 'attention' }],
});

/** `chatwork connect`: Chatwork's consent screen, for the actor only. */
export const chatworkConnectDoc = (url: string): CardDoc => ({
  summary: t('chatwork.connect.title'),
  blocks: [{ kind: 'text', text: t('chatwork.connect.title') }],
  buttons: [{ kind: 'url', label: t('chatwork.connect.button'), url, style: 'primary' }],
});
