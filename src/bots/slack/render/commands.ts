import { assertNever, type Locale } from '../../../core/index.js';
import type { CommandView } from '../../../flows/commands.js';
import { t } from '../../../i18n/catalog.js';
import { withChatworkLink } from '../chatwork.js';
import { ACTION } from '../values.js';
import { findResults, inviteCard, type Message, said, textMessage } from './cards.js';
import { contactsMessage, requestsMessage } from './lists.js';
import { renderMessage } from './document.js';
import { esc } from './mrkdwn.js';
import { section } from './people.js';
import { acceptAllConfirmMessage, blockedMessage } from './people-lists.js';
import { privacyMessage } from './privacy.js';

/** A slash command's answer: ephemeral (only the actor sees it) or in the channel. */
export type Reply = Message & { response_type: 'ephemeral' | 'in_channel' };

const ephemeral = (m: Message): Reply => ({ response_type: 'ephemeral', ...m });
const say = (text: string): Reply => ephemeral(textMessage(text));

/** The command flow's view in Block Kit: one line per kind. */
export function renderCommand(locale: Locale, view: CommandView, teamId: string): Reply {
  const c = view.content;
  switch (c.kind) {
    case 'said':
      return say(c.help ? `${said(locale, c.said)}\n${t(locale, 'slack.hint')}` : said(locale, c.said));
    case 'invite_card':
      return {
        response_type: 'in_channel',
        ...withChatworkLink(locale, inviteCard(locale, c.account, c.link), c.chatworkUrl),
      };
    case 'link':
      return ephemeral({
        text: c.link,
        blocks: [
          section(`${t(locale, 'slack.link.title')}\n<${c.link}|${esc(c.link)}>\n\`${esc(c.link)}\``),
          ...(c.link.startsWith('https://')
            ? [{ type: 'image', image_url: `${c.link}/qr.png`, alt_text: t(locale, 'slack.link.qr') }]
            : []),
        ],
      });
    case 'id':
      return say(t(locale, 'slack.id.current', { handle: esc(c.handle), link: c.link }));
    case 'requests':
      return ephemeral(requestsMessage(locale, c.incoming, c.outgoing));
    case 'contacts':
      return ephemeral(contactsMessage(locale, c.contacts, teamId));
    case 'blocked':
      return ephemeral(blockedMessage(locale, c.blocked));
    case 'accept_all_confirm':
      return ephemeral(acceptAllConfirmMessage(locale, c.confirm));
    case 'found':
      return ephemeral(findResults(locale, c.query, c.people));
    case 'searchable':
      return say(t(locale, c.on ? 'slack.searchable.on' : 'slack.searchable.off'));
    case 'signin': {
      const open = { type: 'plain_text', text: t(locale, 'slack.web.open') };
      const button = { type: 'button', action_id: ACTION.link, text: open, url: c.url, style: 'primary' };
      const title = t(locale, 'slack.web.title');
      return ephemeral({ text: title, blocks: [section(title), { type: 'actions', elements: [button] }] });
    }
    case 'privacy':
      return ephemeral(privacyMessage(locale, c.view));
    case 'chatwork_connect': {
      const open = { type: 'plain_text', text: t(locale, 'chatwork.connect.button') };
      const button = { type: 'button', action_id: ACTION.link, text: open, url: c.url, style: 'primary' };
      const title = t(locale, 'chatwork.connect.title');
      return ephemeral({ text: title, blocks: [section(title), { type: 'actions', elements: [button] }] });
    }
    // Slack answers every command privately, so `web` always gets its link; kept for completeness.
    case 'signin_private_only':
    case 'help':
      return c.kind === 'help' && c.unknown !== undefined
        ? say(`${t(locale, 'slack.unknown', { word: esc(c.unknown) })}\n${t(locale, 'slack.hint')}`)
        : say(t(locale, 'slack.help'));
    case 'usage':
      return say(t(locale, `slack.usage.${c.usage}`));
    case 'card':
      return ephemeral(renderMessage(locale, c.card));
    default:
      return assertNever(c);
  }
}
