import type { Text } from '../../i18n/text.js';
import type { CardDoc, Tone } from '../card.js';
import type { NoticeView } from '../notices.js';
import { t } from './lists.js';
import { acceptedDoc, requestDoc, settledDoc } from './requests.js';

type ContactNotice = Extract<NoticeView, { kind: 'accepted' | 'auto_connected' }>;

/**
 * Someone is now a contact: the original sender's "accepted", or, for the person asked, the
 * same-organisation auto-connect (no request to answer: they are told, with the other's link).
 */
export function contactNoticeDoc(view: ContactNotice): CardDoc {
  if (view.kind === 'accepted') return acceptedDoc(view.other, view.otherLink);
  const said = t('card.auto_connected', { name: { strong: view.other.displayName } });
  return {
    title: t('term.contacts'),
    summary: said,
    blocks: [{ kind: 'text', text: said }],
    buttons: [{ kind: 'url', label: t('term.profile_link'), url: view.otherLink }],
  };
}

/**
 * What an outbox event shows its recipient (`noticeFor`), as a card: a request (or its reminder),
 * the accepted notice, or the request's earlier cards settled. Null when nothing is shown.
 */
export function noticeDoc(view: NoticeView): CardDoc | null {
  switch (view.kind) {
    case 'request':
      return requestDoc(view.request, view.sender, view.senderLink, view.reminder);
    case 'accepted':
    case 'auto_connected':
      return contactNoticeDoc(view);
    case 'settled':
      return settledDoc({ request: view.request, other: view.sender, state: view.state });
    default:
      return null;
  }
}

/** A short message as a card: an outcome, an error, a confirmation. */
export const saidDoc = (text: Text, tone?: Tone): CardDoc => ({
  summary: text,
  blocks: [{ kind: 'text', text, ...(tone ? { tone } : {}) }],
});
