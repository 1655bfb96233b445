import {
  type Account,
  buildInviteLink,
  type Contact,
  isUnclaimed,
  type Page,
  type RequestWithPeople,
  stateSeenBy,
} from '../../core/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Text, TextParam } from '../../i18n/text.js';
import type { ButtonAction, CardBlock, CardButton, CardDoc } from '../card.js';

/**
 * The lists, written once: `requests` (incoming with Accept / Decline / Block, sent with Withdraw),
 * `contacts` (a way to reach each, and Remove), `find`'s results, each with [Show more] when there is
 * a next page. Buttons inside a list carry `on: 'list'`: a decision shows the list again.
 */

/** A sentence of the catalog (flows import i18n's types only). */
export const t = (key: MessageKey, params?: Readonly<Record<string, TextParam>>): Text =>
  params ? { key, params } : { key };

/** A person in a list: their name (bold where it can be) and Chatwork ID; the name alone while unclaimed. */
export const who = (a: Account | null): Text =>
  !a
    ? t('list.who_unclaimed', { name: '?' })
    : isUnclaimed(a)
      ? t('list.who_unclaimed', { name: { strong: a.displayName } })
      : t('list.who', { name: { strong: a.displayName }, handle: { code: a.handle } });

/** A button that carries an action; `more`: its style, or `secondary` (Slack's overflow menu). */
export const action = (
  label: Text,
  a: ButtonAction,
  more: { style?: 'primary' | 'danger'; secondary?: boolean } = {},
): CardButton => ({ kind: 'action', label, action: a, ...more });

/** [Show more] on a list with a next page; nothing on its last page. */
export const moreButton = (
  list: 'incoming' | 'outgoing' | 'contacts' | 'blocked',
  cursor: string | null,
): CardButton[] => (cursor ? [action(t('term.show_more'), { kind: 'page', list, cursor })] : []);

/** A list under its heading: its rows, or a line saying there are none. */
export const listBlocks = (heading: Text, none: Text, rows: CardBlock[]): CardBlock[] => [
  { kind: 'heading', text: heading },
  ...(rows.length > 0 ? rows : [{ kind: 'context' as const, text: none }]),
];

/**
 * "Accept all (N)" above nothing but under the incoming requests: it asks first (the confirmation
 * counts them all). N is what the page shows, with "+" when there are more. Two or more only.
 */
export function acceptAllAsk(incoming: Page<unknown>): CardButton[] {
  if (incoming.items.length < 2) return [];
  const count = `${incoming.items.length}${incoming.nextCursor ? '+' : ''}`;
  return [action(t('people.accept_all.button', { count }), { kind: 'accept_all_ask' })];
}

/** Incoming requests: who, from where, their note, and Accept / Decline / Block; then the list's buttons. */
export function incomingBlocks(page: Page<RequestWithPeople>): CardBlock[] {
  const rows = page.items.map(({ request, other }): CardBlock => {
    const requestId = request.id;
    return {
      kind: 'item',
      blocks: [
        { kind: 'text', text: who(other) },
        ...(request.context
          ? [{ kind: 'context' as const, text: t('list.from', { context: request.context }) }]
          : []),
        ...(request.note ? [{ kind: 'note' as const, note: request.note }] : []),
      ],
      buttons: [
        action(t('term.accept'), { kind: 'accept', requestId, on: 'list' }, { style: 'primary' }),
        action(t('term.decline'), { kind: 'decline', requestId, on: 'list' }),
        action(
          t('term.block'),
          { kind: 'block', requestId, on: 'list' },
          { style: 'danger', secondary: true },
        ),
      ],
    };
  });
  const buttons = [...acceptAllAsk(page), ...moreButton('incoming', page.nextCursor)];
  return [
    ...listBlocks(t('term.incoming_requests'), t('list.none_incoming'), rows),
    ...(buttons.length > 0 ? [{ kind: 'buttons' as const, buttons }] : []),
  ];
}

/** Sent requests: to whom and how it stands for the sender, Withdraw while pending; then [Show more]. */
export function outgoingBlocks(page: Page<RequestWithPeople>, now: number): CardBlock[] {
  const rows = page.items.map(({ request, other }): CardBlock => {
    const seen = stateSeenBy(request, request.senderId, now);
    const state = { term: `state.${seen}` as const };
    const line =
      other && !isUnclaimed(other)
        ? t('list.sent', { name: { strong: other.displayName }, handle: { code: other.handle }, state })
        : t('list.sent_unclaimed', { name: { strong: other?.displayName ?? '?' }, state });
    return {
      kind: 'item',
      blocks: [
        { kind: 'text', text: line },
        ...(request.note ? [{ kind: 'note' as const, note: request.note }] : []),
      ],
      buttons:
        seen === 'pending'
          ? [action(t('term.withdraw'), { kind: 'withdraw', requestId: request.id, on: 'list' })]
          : [],
    };
  });
  const more = moreButton('outgoing', page.nextCursor);
  return [
    ...listBlocks(t('term.outgoing_requests'), t('list.none_outgoing'), rows),
    ...(more.length > 0 ? [{ kind: 'buttons' as const, buttons: more }] : []),
  ];
}

export interface RequestLists {
  /** Null: not shown (a next page of the other list). */
  incoming: Page<RequestWithPeople> | null;
  outgoing: Page<RequestWithPeople> | null;
  /** A line above the lists (what a decision in the list did, or why they are shown). */
  lead?: Text;
}

/** `requests`: incoming (Accept / Decline / Block) and sent (Withdraw), or a next page of one of them. */
export function requestsDoc(lists: RequestLists, now: number): CardDoc {
  const { incoming, outgoing, lead } = lists;
  return {
    summary: t(incoming ? 'term.incoming_requests' : 'term.outgoing_requests'),
    blocks: [
      ...(lead ? [{ kind: 'text' as const, text: lead, tone: 'attention' as const }] : []),
      ...(incoming ? incomingBlocks(incoming) : []),
      ...(outgoing ? outgoingBlocks(outgoing, now) : []),
    ],
  };
}

/**
 * How a contact can be reached from the surface: Slack links a contact of the viewer's own workspace
 * to a direct message (`messageUrl`, null when they are not there); Teams gives their profile link.
 */
export type ContactReach = { messageUrl: (contact: Account) => string | null } | { publicUrl: string };

/** One contact: [Message] or [Profile link], and [Remove]. */
export function contactBlocks(page: Page<Contact>, reach: ContactReach): CardBlock[] {
  const rows = page.items.map(({ account }): CardBlock => {
    const message = 'messageUrl' in reach ? reach.messageUrl(account) : null;
    const open: CardButton[] =
      'publicUrl' in reach
        ? [
            {
              kind: 'url',
              label: t('term.profile_link'),
              url: buildInviteLink(reach.publicUrl, account.handle),
            },
          ]
        : message
          ? [{ kind: 'url', label: t('list.message'), url: message, secondary: true }]
          : [];
    return {
      kind: 'item',
      blocks: [{ kind: 'text', text: who(account) }],
      buttons: [
        ...open,
        action(
          t('term.remove'),
          { kind: 'remove', otherId: account.id },
          { style: 'danger', secondary: true },
        ),
      ],
    };
  });
  const more = moreButton('contacts', page.nextCursor);
  return [
    ...listBlocks(t('term.contacts'), t('list.none_contacts'), rows),
    ...(more.length > 0 ? [{ kind: 'buttons' as const, buttons: more }] : []),
  ];
}

/** `contacts`, one page. */
export const contactsDoc = (page: Page<Contact>, reach: ContactReach): CardDoc => ({
  summary: t('term.contacts'),
  blocks: contactBlocks(page, reach),
});

/** `find <query>`: one row per person with [Add to contacts], or a line saying no one was found. */
export function foundDoc(query: string, people: Account[]): CardDoc {
  if (people.length === 0) {
    const none = t('list.find_none', { query });
    return { summary: none, blocks: [{ kind: 'text', text: none }] };
  }
  const title = t('list.find_title', { query });
  return {
    summary: title,
    blocks: [
      { kind: 'heading', text: title },
      ...people.map(
        (a): CardBlock => ({
          kind: 'item',
          blocks: [{ kind: 'text', text: who(a) }],
          buttons: [
            action(
              t('term.add_to_contacts'),
              { kind: 'add', ownerId: a.id, context: null },
              { style: 'primary' },
            ),
          ],
        }),
      ),
    ],
  };
}
