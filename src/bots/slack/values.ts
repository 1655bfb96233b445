import { z } from 'zod';
import { assertNever } from '../../core/index.js';
import { type ButtonReader, readButton, readersOf } from '../../flows/button-codec.js';
import type { ButtonAction } from '../../flows/card.js';
import { jsonOf } from '../../runtime/json.js';
import { deleteValue, PRIVACY_ACTION, privacyValue } from './privacy-values.js';

/**
 * Action ids and button values: the one place they are named, built and parsed. A value is JSON and
 * is parsed with zod on the way back; it only says *what* was clicked. Who may act is decided by the
 * core from the clicker's identity, so a forged or replayed value changes nothing it should not.
 */
export const ACTION = {
  add: 'ci_add',
  accept: 'ci_accept',
  decline: 'ci_decline',
  /** Overflow on a request card: Block. */
  more: 'ci_more',
  withdraw: 'ci_withdraw',
  /** Overflow on a contact: Message (a URL option) and Remove. */
  contact: 'ci_contact',
  changeHandle: 'ci_change_handle',
  searchable: 'ci_searchable',
  page: 'ci_page',
  /** The block list and bulk accept (`src/flows/people.ts`). */
  unblock: 'ci_unblock',
  blockedMore: 'ci_blocked_more',
  acceptAllAsk: 'ci_accept_all_ask',
  acceptAll: 'ci_accept_all',
  /** "Add with a note" beside [Add to contacts]: opens the note modal. */
  addNote: 'ci_add_note',
  /** A Chatwork request card (`chatwork.ts`): [Accept] [Not now]. */
  chatworkAccept: 'ci_cw_accept',
  chatworkDecline: 'ci_cw_decline',
  /** URL buttons (open link, sign in): Slack still sends a payload; we only ack it. */
  link: 'ci_link',
} as const;

export const CHANGE_HANDLE_CALLBACK = 'ci_change_handle_modal';
export const ADD_NOTE_CALLBACK = 'ci_add_note_modal';

/** Where a request button sits: the recipient's DM card (updated in place) or a list. */
const surface = z.enum(['dm', 'list', 'home']);
export type Surface = z.infer<typeof surface>;

const requestValue = z.object({ r: z.string().min(1).max(100), s: surface });
const addValue = z.object({ o: z.string().min(1).max(100) });
const moreValue = z.object({ a: z.literal('block'), r: z.string().min(1).max(100), s: surface });
const contactValue = z.union([
  z.object({ a: z.literal('remove'), o: z.string().min(1).max(100), s: surface }),
  z.object({ a: z.literal('message') }),
]);
const searchableValue = z.object({ v: z.boolean() });
const pageValue = z.object({
  l: z.enum(['incoming', 'outgoing', 'contacts']),
  c: z.string().max(1500).nullable(),
  s: surface,
});

const unblockValue = z.object({ o: z.string().min(1).max(100) });
const blockedMoreValue = z.object({ c: z.string().min(1).max(1500) });
const acceptAllValue = z.object({ n: z.number().int().min(1).max(100), b: z.number().int().nonnegative() });
const chatworkValue = z.object({
  p: z.string().min(1).max(100),
  r: z.number().int().positive(),
  n: z.string().max(100),
});

type RequestValue = z.infer<typeof requestValue>;
type PageValue = z.infer<typeof pageValue>;

export const encode = {
  request: (v: RequestValue) => JSON.stringify(v),
  add: (ownerId: string) => JSON.stringify({ o: ownerId }),
  block: (requestId: string, s: Surface) => JSON.stringify({ a: 'block', r: requestId, s }),
  remove: (otherId: string, s: Surface) => JSON.stringify({ a: 'remove', o: otherId, s }),
  message: () => JSON.stringify({ a: 'message' }),
  searchable: (v: boolean) => JSON.stringify({ v }),
  page: (v: PageValue) => JSON.stringify(v),
  unblock: (otherId: string) => JSON.stringify({ o: otherId }),
  blockedMore: (cursor: string) => JSON.stringify({ c: cursor }),
  acceptAll: (shown: number, before: number) => JSON.stringify({ n: shown, b: before }),
  chatwork: (v: z.infer<typeof chatworkValue>) => JSON.stringify(v),
};

/** A button as Slack sends it back: its action id and value. */
export interface Wire {
  actionId: string;
  value: string;
}

const wire = (actionId: string, value: string): Wire => ({ actionId, value });
/** A request button's surface: the DM card it settles, else the list (or App Home) it sits in. */
const where = (on: 'card' | 'list', s: Surface): Surface => (on === 'card' ? 'dm' : s === 'dm' ? 'list' : s);

/** A card's semantic action → the action id and value of its Slack button (`render/document.ts`). */
export function encodeAction(a: ButtonAction, s: Surface): Wire {
  switch (a.kind) {
    case 'add':
    case 'view_invite':
      return wire(ACTION.add, encode.add(a.ownerId));
    case 'add_note':
      return wire(ACTION.addNote, encode.add(a.ownerId));
    case 'accept':
    case 'decline':
    case 'withdraw':
      return wire(ACTION[a.kind], encode.request({ r: a.requestId, s: where(a.on, s) }));
    case 'block':
      return wire(ACTION.more, encode.block(a.requestId, where(a.on, s)));
    case 'remove':
      return wire(ACTION.contact, encode.remove(a.otherId, s));
    case 'searchable':
      return wire(ACTION.searchable, encode.searchable(a.value));
    case 'accept_all':
      return wire(ACTION.acceptAll, encode.acceptAll(a.shown, a.before));
    case 'unblock':
      return wire(ACTION.unblock, encode.unblock(a.otherId));
    case 'delete_data':
      return wire(PRIVACY_ACTION.deleteData, privacyValue(a.handle));
    case 'delete_data_cancel':
      return wire(PRIVACY_ACTION.deleteCancel, '{}');
    case 'delete_data_ask':
      return wire(PRIVACY_ACTION.deleteAsk, 'ask');
    case 'page':
      return a.list === 'blocked'
        ? wire(ACTION.blockedMore, encode.blockedMore(a.cursor ?? ''))
        : wire(ACTION.page, encode.page({ l: a.list, c: a.cursor, s: s === 'dm' ? 'list' : s }));
    case 'accept_all_ask':
      return wire(ACTION.acceptAllAsk, 'ask');
    case 'change_handle':
      return wire(ACTION.changeHandle, 'change');
    case 'chatwork': {
      const { ownerId: p, requestId: r, name, action } = a.decide;
      const id = action === 'accept' ? ACTION.chatworkAccept : ACTION.chatworkDecline;
      return wire(id, encode.chatwork({ p, r, n: name.slice(0, 100) }));
    }
    // Slack gives the export link by command only; the button acks and does nothing.
    case 'export_data_ask':
      return wire(ACTION.link, 'export');
    default:
      return assertNever(a);
  }
}

/** A click read back: a card's action (`invalid` when the value is not ours), or a URL button's `noop`. */
export type Click = ButtonAction | { kind: 'invalid' } | { kind: 'noop' };

/** A request button on the DM card settles that card in place; elsewhere it sits in a list. */
const on = (s: Surface) => (s === 'dm' ? 'card' : 'list');
const { read, plain } = readersOf<Click>();
const decision = (kind: 'accept' | 'decline' | 'withdraw') =>
  read(requestValue, (v) => ({ kind, requestId: v.r, on: on(v.s) }));
const decide = (action: 'accept' | 'decline') =>
  read(chatworkValue, (v) => ({
    kind: 'chatwork',
    decide: { ownerId: v.p, requestId: v.r, action, name: v.n },
  }));

const READ: Record<string, ButtonReader<Click>> = {
  [ACTION.add]: read(addValue, (v, context) => ({ kind: 'add', ownerId: v.o, context })),
  [ACTION.addNote]: read(addValue, (v, context) => ({ kind: 'add_note', ownerId: v.o, context })),
  [ACTION.accept]: decision('accept'),
  [ACTION.decline]: decision('decline'),
  [ACTION.withdraw]: decision('withdraw'),
  [ACTION.more]: read(moreValue, (v) => ({ kind: 'block', requestId: v.r, on: on(v.s) })),
  [ACTION.contact]: read(contactValue, (v) =>
    v.a === 'remove' ? { kind: 'remove', otherId: v.o } : { kind: 'noop' },
  ),
  [ACTION.searchable]: read(searchableValue, (v) => ({ kind: 'searchable', value: v.v })),
  [ACTION.page]: read(pageValue, (v) => ({ kind: 'page', list: v.l, cursor: v.c })),
  [ACTION.blockedMore]: read(blockedMoreValue, (v) => ({ kind: 'page', list: 'blocked', cursor: v.c })),
  [ACTION.unblock]: read(unblockValue, (v) => ({ kind: 'unblock', otherId: v.o })),
  [ACTION.acceptAll]: read(acceptAllValue, (v) => ({ kind: 'accept_all', shown: v.n, before: v.b })),
  [ACTION.chatworkAccept]: decide('accept'),
  [ACTION.chatworkDecline]: decide('decline'),
  [ACTION.changeHandle]: plain({ kind: 'change_handle' }),
  [ACTION.acceptAllAsk]: plain({ kind: 'accept_all_ask' }),
  [ACTION.link]: plain({ kind: 'noop' }),
  [PRIVACY_ACTION.deleteData]: read(deleteValue, (v) => ({ kind: 'delete_data', handle: v.h })),
  [PRIVACY_ACTION.deleteCancel]: plain({ kind: 'delete_data_cancel' }),
  [PRIVACY_ACTION.deleteAsk]: plain({ kind: 'delete_data_ask' }),
};

/** `context`: where the click happened (channel, workspace), kept with an [Add to contacts] request. */
export const readClick = (actionId: string, value: string, context: string | null = null): Click =>
  readButton(READ, actionId, jsonOf(value), context);
