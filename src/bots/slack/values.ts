import { actionOf, type ButtonName, buttonOf, type Fields } from '../../flows/button-codec.js';
import type { ButtonAction } from '../../flows/card.js';
import { jsonOf } from '../../runtime/json.js';

/**
 * Slack's wire for buttons (what a button carries is `src/flows/button-codec.ts`): each button's action
 * id and how its fields are spelt in the value, a JSON object with short keys (the same bytes as ever,
 * so cards already posted keep working). Who may act is decided from the clicker, never from a value.
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
  unblock: 'ci_unblock',
  blockedMore: 'ci_blocked_more',
  acceptAllAsk: 'ci_accept_all_ask',
  acceptAll: 'ci_accept_all',
  /** "Add with a note" beside [Add to contacts]: opens the note modal. */
  addNote: 'ci_add_note',
  chatworkAccept: 'ci_cw_accept',
  chatworkDecline: 'ci_cw_decline',
  /** URL buttons (open link, sign in): Slack still sends a payload; we only ack it. */
  link: 'ci_link',
} as const;

/** `delete my data`'s confirmation, and App Home's [Delete my data] that asks in a modal (`navigation.ts`). */
export const PRIVACY_ACTION = {
  deleteData: 'ci_delete_data',
  deleteCancel: 'ci_delete_data_cancel',
  deleteAsk: 'ci_delete_data_ask',
} as const;

export const CHANGE_HANDLE_CALLBACK = 'ci_change_handle_modal';
export const ADD_NOTE_CALLBACK = 'ci_add_note_modal';
/** The confirmation modal of App Home; its `private_metadata` is the confirm button's value. */
export const DELETE_DATA_CALLBACK = 'ci_delete_data_modal';

/** Where a button sits: the recipient's DM card (a request button settles it in place), a list, App Home. */
export type Surface = 'dm' | 'list' | 'home';

/** A button's action id, its value's keys for the fields (in order), `head` written before them, or a fixed text. */
type Spelling = { id: string; keys?: Record<string, string>; head?: Fields; text?: string; surface?: true };
const REQUEST = { requestId: 'r', on: 's' };
const CHATWORK = { ownerId: 'p', requestId: 'r', name: 'n' };
const SPELT: Record<Exclude<ButtonName, 'view_invite'>, Spelling> = {
  add: { id: ACTION.add, keys: { ownerId: 'o' } },
  add_note: { id: ACTION.addNote, keys: { ownerId: 'o' } },
  accept: { id: ACTION.accept, keys: REQUEST },
  decline: { id: ACTION.decline, keys: REQUEST },
  withdraw: { id: ACTION.withdraw, keys: REQUEST },
  block: { id: ACTION.more, head: { a: 'block' }, keys: REQUEST },
  remove: { id: ACTION.contact, head: { a: 'remove' }, keys: { otherId: 'o' }, surface: true },
  unblock: { id: ACTION.unblock, keys: { otherId: 'o' } },
  searchable: { id: ACTION.searchable, keys: { value: 'v' } },
  accept_all: { id: ACTION.acceptAll, keys: { shown: 'n', before: 'b' } },
  page: { id: ACTION.page, keys: { list: 'l', cursor: 'c' }, surface: true },
  delete_data: { id: PRIVACY_ACTION.deleteData, keys: { handle: 'h' } },
  chatwork_accept: { id: ACTION.chatworkAccept, keys: CHATWORK },
  chatwork_decline: { id: ACTION.chatworkDecline, keys: CHATWORK },
  delete_data_cancel: { id: PRIVACY_ACTION.deleteCancel, text: '{}' },
  delete_data_ask: { id: PRIVACY_ACTION.deleteAsk, text: 'ask' },
  accept_all_ask: { id: ACTION.acceptAllAsk, text: 'ask' },
  change_handle: { id: ACTION.changeHandle, text: 'change' },
  // Slack gives the export link by command only; the button acks and does nothing.
  export_data_ask: { id: ACTION.link, text: 'export' },
};
/** The block list's [Show more] has its own id, with the cursor alone. */
const BLOCKED_MORE: Spelling = { id: ACTION.blockedMore, keys: { cursor: 'c' } };
const NAMED = new Map(Object.entries(SPELT).map(([name, s]) => [s.id, { name, s }]));

/** A button as Slack sends it back: its action id and value. */
export interface Wire {
  actionId: string;
  value: string;
}

/** A request button on the DM card settles that card; elsewhere it sits in a list (or App Home). */
const listed = (s: Surface): Surface => (s === 'dm' ? 'list' : s);

/** A card's semantic action → the action id and value of its Slack button (`render/document.ts`). */
export function encodeAction(a: ButtonAction, s: Surface): Wire {
  const { name, fields } = buttonOf(a.kind === 'view_invite' ? { ...a, kind: 'add', context: null } : a);
  const blocked = name === 'page' && fields.list === 'blocked';
  const spelt = blocked ? BLOCKED_MORE : SPELT[name as keyof typeof SPELT];
  if (spelt.text !== undefined) return { actionId: spelt.id, value: spelt.text };
  const value: Fields = { ...spelt.head };
  for (const [field, key] of Object.entries(spelt.keys ?? {}))
    value[key] = field === 'on' ? (fields.on === 'card' ? 'dm' : listed(s)) : fields[field];
  if (blocked) value.c ??= '';
  if (spelt.surface) value.s = name === 'page' ? listed(s) : s;
  return { actionId: spelt.id, value: JSON.stringify(value) };
}

/** Values built by hand (tests, the overflow's Message option): the same spelling as `encodeAction`. */
const valued = (a: ButtonAction, s: Surface = 'list') => encodeAction(a, s).value;
export const encode = {
  request: (v: { r: string; s: Surface }) => JSON.stringify(v),
  add: (ownerId: string) => valued({ kind: 'add', ownerId, context: null }),
  block: (requestId: string, s: Surface) => JSON.stringify({ a: 'block', r: requestId, s }),
  remove: (otherId: string, s: Surface) => valued({ kind: 'remove', otherId }, s),
  message: () => JSON.stringify({ a: 'message' }),
  searchable: (value: boolean) => valued({ kind: 'searchable', value }),
  page: (v: { l: 'incoming' | 'outgoing' | 'contacts'; c: string | null; s: Surface }) => JSON.stringify(v),
  unblock: (otherId: string) => valued({ kind: 'unblock', otherId }),
  blockedMore: (cursor: string) => valued({ kind: 'page', list: 'blocked', cursor }),
  acceptAll: (shown: number, before: number) => valued({ kind: 'accept_all', shown, before }),
  chatwork: (v: { p: string; r: number; n: string }) => JSON.stringify(v),
};

/** A click read back: a card's action (`invalid` when the value is not ours), or a URL button's `noop`. */
export type Click = ButtonAction | { kind: 'invalid' } | { kind: 'noop' };

/** `context`: where the click happened (channel, workspace), kept with an [Add to contacts] request. */
export function readClick(actionId: string, raw: string, context: string | null = null): Click {
  if (actionId === ACTION.link) return { kind: 'noop' };
  const named = actionId === ACTION.blockedMore ? { name: 'page', s: BLOCKED_MORE } : NAMED.get(actionId);
  if (!named) return { kind: 'invalid' };
  const { name, s: spelt } = named;
  if (spelt.text !== undefined) return actionOf(name, {});
  const value = Object(jsonOf(raw));
  if (actionId === ACTION.contact && value.a === 'message') return { kind: 'noop' };
  if (Object.entries(spelt.head ?? {}).some(([k, v]) => value[k] !== v)) return { kind: 'invalid' };
  const fields: Fields = actionId === ACTION.blockedMore ? { list: 'blocked' } : {};
  for (const [field, key] of Object.entries(spelt.keys ?? {}))
    fields[field] =
      field === 'on' ? { dm: 'card', list: 'list', home: 'list' }[value[key] as Surface] : value[key];
  return actionOf(name, fields, context);
}
