import type { Account, ConnectionRequest, Locale, RequestState } from '../../../core/index.js';
import { stateLabel, t } from '../../../i18n/catalog.js';
import { ACTION, encode } from '../values.js';
import { clamp, esc, type Message, mrkdwn } from './mrkdwn.js';
import { button, context, decisionActions, noteLine, section, who } from './people.js';

export type { Message } from './mrkdwn.js';
export { MRKDWN, said } from './mrkdwn.js';

export const textMessage = (text: string): Message => ({ text: clamp(text), blocks: [section(text)] });

/** The invite card: who invites, their handle and link, an optional note, and [Add to contacts]. */
export function inviteCard(
  locale: Locale,
  owner: Account,
  link: string,
  note: string | null = null,
): Message {
  const intro = t(locale, 'slack.card.invites', { name: esc(owner.displayName) });
  return {
    text: clamp(`${intro} ${esc(link)}`),
    blocks: [
      section(
        `${intro}\n*${t(locale, 'term.chatwork_id')}:* \`${esc(owner.handle)}\`\n<${link}|${esc(link)}>${noteLine(locale, note)}`,
      ),
      {
        type: 'actions',
        block_id: `invite:${owner.id}`.slice(0, 255),
        elements: [
          button(t(locale, 'term.add_to_contacts'), ACTION.add, encode.add(owner.id), 'primary'),
          button(t(locale, 'people.note.button'), ACTION.addNote, encode.add(owner.id)),
        ],
      },
    ],
  };
}

/** The recipient's DM: who asks, from where, their note, and [Accept] [Decline] (Block in the overflow). */
export function requestCard(
  locale: Locale,
  request: ConnectionRequest,
  sender: Account | null,
  link: string | null,
): Message {
  const intro = t(locale, 'slack.dm.request', { name: esc(sender?.displayName ?? '?') });
  const lines = [
    intro,
    sender
      ? `*${t(locale, 'term.chatwork_id')}:* \`${esc(sender.handle)}\`${link ? ` · <${link}|${esc(link)}>` : ''}`
      : '',
  ].filter(Boolean);
  return {
    text: clamp(intro),
    blocks: [
      section(`${lines.join('\n')}${noteLine(locale, request.note)}`),
      ...(request.context ? [context(t(locale, 'slack.dm.from', { context: esc(request.context) }))] : []),
      decisionActions(locale, request.id, 'dm'),
    ],
  };
}

/** The same card once decided (or withdrawn, expired): the final state, no buttons. */
export function decidedCard(
  locale: Locale,
  request: ConnectionRequest,
  sender: Account | null,
  state: RequestState,
  outcome?: string,
): Message {
  const line = t(locale, 'slack.dm.final', {
    name: esc(sender?.displayName ?? '?'),
    state: stateLabel(locale, state),
  });
  return {
    text: clamp(line),
    blocks: [section(`${line}${noteLine(locale, request.note)}`), ...(outcome ? [context(outcome)] : [])],
  };
}

export function reminderCard(
  locale: Locale,
  request: ConnectionRequest,
  sender: Account | null,
  link: string | null,
): Message {
  const card = requestCard(locale, request, sender, link);
  const line = t(locale, 'slack.dm.reminder', { name: esc(sender?.displayName ?? '?') });
  return { text: clamp(line), blocks: [section(line), ...card.blocks.slice(1)] };
}

export function acceptedMessage(locale: Locale, by: Account | null, link: string | null): Message {
  const line = t(locale, 'slack.dm.accepted', { name: esc(by?.displayName ?? '?') });
  return { text: clamp(line), blocks: [section(`${line}${link ? `\n<${link}|${esc(link)}>` : ''}`)] };
}

/** `find`: one line per person with [Add to contacts]. */
export function findResults(locale: Locale, query: string, people: Account[]): Message {
  if (people.length === 0) return textMessage(t(locale, 'slack.find.none', { query: esc(query) }));
  const title = t(locale, 'slack.find.title', { query: esc(query) });
  return {
    text: clamp(title),
    blocks: [
      section(title),
      ...people.map((a) => ({
        type: 'section',
        text: mrkdwn(who(a)),
        accessory: button(t(locale, 'term.add_to_contacts'), ACTION.add, encode.add(a.id)),
      })),
    ],
  };
}
