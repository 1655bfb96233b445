import { assertNever, type Locale } from '../../core/index.js';
import type { CommandView } from '../../flows/commands.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { card, line, openUrl } from './card-kit.js';
import { helpCard, idCard, inviteCard, linkCard, noticeCard, webCard } from './cards.js';
import { contactsCard, findCard, requestsCard } from './cards-lists.js';
import { acceptAllConfirmCard, blockedCard } from './cards-people.js';
import { privacyCard } from './cards-privacy.js';
import { withChatworkLinkCard } from './chatwork.js';
import { renderCard } from './render-document.js';
import type { Card } from './transport.js';

const TONE = { good: 'good', bad: 'attention', plain: 'plain' } as const;

/** The command flow's view as an Adaptive Card: one line per kind. */
export function commandCard(locale: Locale, view: CommandView, publicUrl: string, now: number): Card {
  const c = view.content;
  switch (c.kind) {
    case 'said': {
      const text = renderText(locale, c.said);
      if (!c.help) return noticeCard(text, TONE[c.tone]);
      return helpCard(locale, `${t(locale, 'teams.help.unknown')} ${text}`);
    }
    case 'invite_card':
      return withChatworkLinkCard(locale, inviteCard(locale, c.account, c.link), c.chatworkUrl);
    case 'link':
      return linkCard(locale, c.link);
    case 'id':
      return idCard(locale, c.handle, c.link);
    case 'requests':
      return requestsCard(locale, c.me.id, c.incoming.items, c.outgoing.items, now, undefined, {
        incoming: c.incoming.nextCursor,
        outgoing: c.outgoing.nextCursor,
      });
    case 'contacts':
      return contactsCard(locale, publicUrl, c.contacts.items, c.contacts.nextCursor);
    case 'blocked':
      return blockedCard(locale, c.blocked);
    case 'accept_all_confirm':
      return acceptAllConfirmCard(locale, c.confirm);
    case 'found':
      return findCard(locale, c.query, c.people);
    case 'searchable':
      return noticeCard(t(locale, c.on ? 'teams.searchable.on' : 'teams.searchable.off'), 'good');
    case 'signin':
      return webCard(locale, c.url);
    case 'privacy':
      return privacyCard(locale, c.view);
    case 'chatwork_connect':
      return card(
        [line(t(locale, 'chatwork.connect.title'))],
        [openUrl(t(locale, 'chatwork.connect.button'), c.url)],
      );
    case 'signin_private_only':
      return noticeCard(t(locale, 'teams.web.personal_only'));
    case 'help':
      return helpCard(locale, c.unknown === undefined ? undefined : t(locale, 'teams.help.unknown'));
    case 'usage':
      return helpCard(locale);
    case 'card':
      return renderCard(locale, c.card);
    default:
      return assertNever(c);
  }
}
