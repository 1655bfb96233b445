import type { Account, ConnectionRequest, RequestState } from '../../core/index.js';
import type { Text } from '../../i18n/text.js';
import type { CardBlock, CardButton, CardDoc } from '../card.js';
import type { SettledCard } from '../clicks.js';
import { action, t } from './lists.js';

/**
 * A contact request as its recipient sees it, written once: the card with [Accept] [Decline] (Block
 * aside), its reminder, the same card once settled (the final state, no buttons), and the sender's
 * notice that it was accepted.
 */

/** The note and where it came from, under the request. */
const details = (request: ConnectionRequest): CardBlock[] => [
  ...(request.note ? [{ kind: 'note' as const, note: request.note }] : []),
  ...(request.context
    ? [{ kind: 'context' as const, text: t('card.request.context', { context: request.context }) }]
    : []),
];

/** Accept, Decline, and Block (secondary): the recipient's controls on the card itself. */
const decisions = (requestId: string): CardButton[] => [
  action(t('term.accept'), { kind: 'accept', requestId, on: 'card' }, { style: 'primary' }),
  action(t('term.decline'), { kind: 'decline', requestId, on: 'card' }),
  action(t('term.block'), { kind: 'block', requestId, on: 'card' }, { style: 'danger', secondary: true }),
];

/** The recipient's card; `reminder` when the sender is still waiting; `link`: the sender's page. */
export function requestDoc(
  request: ConnectionRequest,
  sender: Account,
  link: string | null,
  reminder = false,
): CardDoc {
  const name = { strong: sender.displayName };
  const said = t(reminder ? 'card.request.reminder' : 'card.request.text', { name });
  return {
    title: t('card.request.title'),
    summary: said,
    blocks: [
      { kind: 'text', text: said },
      ...(sender.handle
        ? [{ kind: 'fact' as const, label: t('term.chatwork_id'), value: sender.handle }]
        : []),
      ...details(request),
    ],
    buttons: [
      ...decisions(request.id),
      ...(link ? [{ kind: 'url' as const, label: t('term.profile_link'), url: link }] : []),
    ],
  };
}

/** The card after the fact, as the recipient sees it; `said`: what the click did, or why it did nothing. */
export function settledDoc({ request, other, state, said }: SettledCard): CardDoc {
  const line = resolved(other, state);
  return {
    title: t('card.request.title'),
    summary: line,
    blocks: [
      { kind: 'text', text: line, ...(state === 'accepted' ? { tone: 'good' as const } : {}) },
      ...(said ? [{ kind: 'context' as const, text: said }] : []),
      ...details(request),
    ],
  };
}

const resolved = (other: Account | null, state: RequestState): Text =>
  t('card.request.resolved', {
    name: { strong: other?.displayName ?? '?' },
    state: { term: `state.${state}` },
  });

/** The sender's notice: accepted, with the other's page. */
export function acceptedDoc(other: Account, link: string): CardDoc {
  const said = t('card.accepted', { name: { strong: other.displayName } });
  return {
    title: t('term.contacts'),
    summary: said,
    blocks: [{ kind: 'text', text: said }],
    buttons: [{ kind: 'url', label: t('term.profile_link'), url: link }],
  };
}
