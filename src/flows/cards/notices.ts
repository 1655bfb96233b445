import type { Text } from '../../i18n/text.js';
import type { CardDoc, Tone } from '../card.js';
import type { NoticeView } from '../notices.js';
import { acceptedDoc, requestDoc, settledDoc } from './requests.js';

/**
 * What an outbox event shows its recipient (`noticeFor`), as a card: a request (or its reminder),
 * the accepted notice, or the request's earlier cards settled. Null when nothing is shown.
 */
export function noticeDoc(view: NoticeView): CardDoc | null {
  switch (view.kind) {
    case 'request':
      return requestDoc(view.request, view.sender, view.senderLink, view.reminder);
    case 'accepted':
      return acceptedDoc(view.other, view.otherLink);
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
