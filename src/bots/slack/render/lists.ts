import type { Account, Contact, Locale, Page, RequestWithPeople } from '../../../core/index.js';
import type { ListName } from '../../../flows/clicks-lists.js';
import { t } from '../../../i18n/catalog.js';
import { ACTION, encode, type Surface } from '../values.js';
import type { Message } from './cards.js';
import { clamp, esc, LIMITS } from './mrkdwn.js';
import {
  type Block,
  button,
  contactBlocks,
  context,
  header,
  incomingBlocks,
  moreButton,
  outgoingBlocks,
  section,
} from './people.js';
import { acceptAllAsk } from './people-lists.js';
import { deleteDataAsk } from './privacy.js';

/** Page sizes (the flows' own) keep every message under 50 blocks and the Home tab under 100. */
export { PAGE } from '../../../flows/lists.js';

/** Never more blocks than the surface allows: a safety net under the page sizes. */
export function fitBlocks(blocks: Block[], max: number = LIMITS.messageBlocks): Block[] {
  return blocks.length <= max ? blocks : blocks.slice(0, max);
}

const SECTION = {
  incoming: ['term.incoming_requests', 'slack.requests.none_incoming'],
  outgoing: ['term.outgoing_requests', 'slack.requests.none_outgoing'],
  contacts: ['term.contacts', 'slack.contacts.none'],
} as const;

/** One list under its header: its rows (or "none"), then [Show more] when there is a next page. */
function listSection<T>(
  locale: Locale,
  list: ListName,
  page: Page<T>,
  rows: (items: T[]) => Block[],
  surface: Surface,
): Block[] {
  const [title, none] = SECTION[list];
  return [
    header(t(locale, title)),
    ...(page.items.length === 0 ? [context(t(locale, none))] : rows(page.items)),
    ...moreButton(locale, list, page, surface),
  ];
}
const incomingSection = (locale: Locale, page: Page<RequestWithPeople>, surface: Surface) =>
  listSection(locale, 'incoming', page, (items) => incomingBlocks(locale, items, surface), surface);
const outgoingSection = (locale: Locale, page: Page<RequestWithPeople>, surface: Surface) =>
  listSection(locale, 'outgoing', page, (items) => outgoingBlocks(locale, items, surface), surface);
const contactsSection = (locale: Locale, page: Page<Contact>, teamId: string, surface: Surface) =>
  listSection(locale, 'contacts', page, (items) => contactBlocks(locale, items, teamId, surface), surface);

const message = (title: string, blocks: Block[]): Message => ({
  text: clamp(title),
  blocks: fitBlocks(blocks),
});

/** `requests`: incoming (Accept/Decline) and sent (Withdraw). */
export function requestsMessage(
  locale: Locale,
  incoming: Page<RequestWithPeople> | null,
  outgoing: Page<RequestWithPeople> | null,
): Message {
  const blocks = [
    ...(incoming ? incomingSection(locale, incoming, 'list') : []),
    ...(incoming ? acceptAllAsk(locale, incoming) : []),
    ...(outgoing ? outgoingSection(locale, outgoing, 'list') : []),
  ];
  return message(
    incoming ? t(locale, 'term.incoming_requests') : t(locale, 'term.outgoing_requests'),
    blocks,
  );
}

/** `contacts`: Message (deep link) and Remove for each. */
export function contactsMessage(locale: Locale, page: Page<Contact>, teamId: string): Message {
  return message(t(locale, 'term.contacts'), contactsSection(locale, page, teamId, 'list'));
}

export interface HomeData {
  me: Account;
  link: string;
  incoming: Page<RequestWithPeople>;
  outgoing: Page<RequestWithPeople>;
  contacts: Page<Contact>;
  teamId: string;
  /** The outcome of the last action, shown on top. */
  notice?: string;
}

/** App Home: my handle and link (Change), requests, contacts, and the search opt-out. */
export function homeView(locale: Locale, d: HomeData) {
  const searchLine = t(locale, d.me.searchable ? 'slack.searchable.on' : 'slack.searchable.off');
  const blocks: Block[] = [
    header(t(locale, 'slack.home.title')),
    ...(d.notice ? [section(d.notice)] : []),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clamp(
          `*${t(locale, 'term.chatwork_id')}:* \`${esc(d.me.handle)}\`\n*${t(locale, 'term.profile_link')}:* <${d.link}|${esc(d.link)}>`,
        ),
      },
      accessory: button(t(locale, 'slack.home.change'), ACTION.changeHandle, 'change'),
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: searchLine },
      accessory: button(
        t(locale, d.me.searchable ? 'slack.searchable.turn_off' : 'slack.searchable.turn_on'),
        ACTION.searchable,
        encode.searchable(!d.me.searchable),
      ),
    },
    deleteDataAsk(locale),
    { type: 'divider' },
    ...incomingSection(locale, d.incoming, 'home'),
    ...acceptAllAsk(locale, d.incoming),
    { type: 'divider' },
    ...outgoingSection(locale, d.outgoing, 'home'),
    { type: 'divider' },
    ...contactsSection(locale, d.contacts, d.teamId, 'home'),
  ];
  return { type: 'home' as const, blocks: fitBlocks(blocks, LIMITS.homeBlocks) };
}

/** The modal behind App Home's Change button. */
export function changeHandleModal(locale: Locale, current: string, callbackId: string) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    title: { type: 'plain_text', text: t(locale, 'slack.modal.title').slice(0, 24) },
    submit: { type: 'plain_text', text: t(locale, 'slack.modal.submit') },
    close: { type: 'plain_text', text: t(locale, 'slack.modal.cancel') },
    blocks: [
      {
        type: 'input',
        block_id: 'handle',
        label: { type: 'plain_text', text: t(locale, 'slack.modal.label') },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: current,
          min_length: 4,
          max_length: 32,
        },
      },
    ],
  };
}
