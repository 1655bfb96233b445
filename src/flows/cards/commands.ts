import type { CardDoc } from '../card.js';
import type { CommandContent } from '../commands.js';
import { chatworkConnectDoc } from './chatwork.js';
import { idDoc, inviteDoc, linkDoc } from './invite.js';
import { type ContactReach, contactsDoc, foundDoc, requestsDoc, t } from './lists.js';
import { saidDoc } from './notices.js';
import { acceptAllConfirmDoc, blockedDoc } from './people.js';
import { privacyDoc } from './privacy.js';

/**
 * A command's answer as a card, for every kind that is one. A sentence (`said`), `help` and `usage`
 * are each platform's own words (its command syntax), and `searchable` its own sentence.
 */
export type CardContent = Exclude<CommandContent, { kind: 'said' | 'help' | 'usage' | 'searchable' }>;

export function commandDoc(c: CardContent, reach: ContactReach, now: number): CardDoc {
  switch (c.kind) {
    case 'invite_card':
      return inviteDoc({ owner: c.account, link: c.link, state: null, chatworkUrl: c.chatworkUrl });
    case 'link':
      return linkDoc(c.link);
    case 'id':
      return idDoc(c.handle, c.link);
    case 'requests':
      return requestsDoc({ incoming: c.incoming, outgoing: c.outgoing }, now);
    case 'contacts':
      return contactsDoc(c.contacts, reach);
    case 'blocked':
      return blockedDoc(c.blocked);
    case 'accept_all_confirm':
      return acceptAllConfirmDoc(c.confirm);
    case 'found':
      return foundDoc(c.query, c.people);
    case 'signin':
      return {
        summary: t('card.web.text'),
        blocks: [{ kind: 'text', text: t('card.web.text') }],
        buttons: [{ kind: 'url', label: t('card.web.button'), url: c.url, style: 'primary' }],
      };
    case 'privacy':
      return privacyDoc(c.view);
    case 'chatwork_connect':
      return chatworkConnectDoc(c.url);
    case 'signin_private_only':
      return saidDoc(t('card.web.personal_only'));
    default:
      // `admin …` answers with a card of its own (`kind: 'card'`).
      return (c as { card: CardDoc }).card;
  }
}
