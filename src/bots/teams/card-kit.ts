import { actionOf, type ButtonName, buttonOf, type Fields } from '../../flows/button-codec.js';
import type { ButtonAction } from '../../flows/card.js';

/**
 * Teams' wire for buttons (what a button carries is `src/flows/button-codec.ts`): each button's
 * Action.Execute verb, its fields as strings in the data, with `v` so cards of an older schema are
 * refused cleanly. Who may act is always decided from the clicker's identity, never from the data.
 */

/** Universal Actions (Action.Execute) need 1.5 in Teams; link unfurling allows at most 1.3. */
export const CARD_VERSION = '1.5';
export const UNFURL_CARD_VERSION = '1.3';
export const DATA_VERSION = 1;

export const VERBS = {
  add: 'add-to-contacts',
  view_invite: 'refresh',
  accept: 'accept',
  decline: 'decline',
  withdraw: 'withdraw',
  block: 'block',
  remove: 'remove',
  unblock: 'unblock',
  accept_all: 'accept-all',
  page: 'show-more',
  delete_data: 'delete-my-data',
  delete_data_cancel: 'keep-my-data',
  export_data_ask: 'export-my-data-ask',
  delete_data_ask: 'delete-my-data-ask',
  accept_all_ask: 'accept-all-ask',
  chatwork_accept: 'chatwork-accept',
  chatwork_decline: 'chatwork-decline',
  /** Teams has no buttons for these yet; named so every action has its verb. */
  searchable: 'searchable',
  change_handle: 'change-handle',
} as const satisfies Record<Exclude<ButtonName, 'add_note'>, string>;
const NAMES = new Map<string, string>(Object.entries(VERBS).map(([name, verb]) => [verb, name]));

/** An Action.Execute's verb and data (without `v`, which the renderer adds). */
export interface Wire {
  verb: string;
  data: Record<string, string>;
}

/**
 * A card's semantic action → its verb and data (`render-document.ts`): the fields as strings, a
 * request button's place as `view: 'list'` (none on its own card), the other person as `accountId`.
 */
export function encodeAction(a: ButtonAction): Wire {
  const { name, fields } = buttonOf(a.kind === 'add_note' ? { ...a, kind: 'add', context: null } : a);
  const data: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (field !== 'on') data[field === 'otherId' ? 'accountId' : field] = String(value ?? '');
    else if (value === 'list') data.view = 'list';
  }
  return { verb: VERBS[name as keyof typeof VERBS], data };
}

export type Click = ButtonAction | { kind: 'invalid' };

/**
 * An Action.Execute read back: its action, or `invalid` for a verb or data that is not ours (an old
 * version, a forgery; a button without fields needs no `v`). `context`: the conversation it was clicked in, kept with an [Add to contacts].
 */
export function readAction(verb: string, data: unknown, context: string | null = null): Click {
  const d: Fields = Object(data);
  if (d.v !== DATA_VERSION) return actionOf(NAMES.get(verb) ?? '', {});
  const on = d.view === undefined ? 'card' : d.view === 'list' ? 'list' : null;
  return actionOf(NAMES.get(verb) ?? '', { ...d, otherId: d.accountId, on }, context);
}
