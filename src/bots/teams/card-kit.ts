import { z } from 'zod';
import { type ButtonReader, readButton, readersOf } from '../../flows/button-codec.js';
import type { ButtonAction } from '../../flows/card.js';

/**
 * The Teams button codec: a card's semantic action ⇄ an Action.Execute's verb and data, the one place
 * both are written and read (with zod). The data carries `v`, so cards of an older schema are refused
 * cleanly; who may act is always decided from the clicker's identity, never from the data.
 */

/** Universal Actions (Action.Execute) need 1.5 in Teams; link unfurling allows at most 1.3. */
export const CARD_VERSION = '1.5';
export const UNFURL_CARD_VERSION = '1.3';
export const DATA_VERSION = 1;

export const VERBS = {
  addToContacts: 'add-to-contacts',
  accept: 'accept',
  decline: 'decline',
  withdraw: 'withdraw',
  block: 'block',
  remove: 'remove',
  refresh: 'refresh',
  deleteData: 'delete-my-data',
  deleteDataCancel: 'keep-my-data',
  exportDataAsk: 'export-my-data-ask',
  deleteDataAsk: 'delete-my-data-ask',
  unblock: 'unblock',
  acceptAllAsk: 'accept-all-ask',
  acceptAll: 'accept-all',
  more: 'show-more',
  chatworkAccept: 'chatwork-accept',
  chatworkDecline: 'chatwork-decline',
  /** Teams has no buttons for these yet; named so every action has its verb. */
  searchable: 'searchable',
  changeHandle: 'change-handle',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** An Action.Execute's verb and data (without `v`, which the renderer adds). */
export interface Wire {
  verb: Verb;
  data: Record<string, string>;
}

/** A card's semantic action → its verb and data (`render-document.ts`). */
export function encodeAction(a: ButtonAction): Wire {
  const w = (verb: Verb, data: Record<string, string> = {}): Wire => ({ verb, data });
  switch (a.kind) {
    case 'add':
    case 'add_note':
      return w(VERBS.addToContacts, { ownerId: a.ownerId });
    case 'view_invite':
      return w(VERBS.refresh, { ownerId: a.ownerId });
    case 'accept':
    case 'decline':
    case 'block':
    case 'withdraw':
      return w(VERBS[a.kind], { requestId: a.requestId, ...(a.on === 'list' ? { view: 'list' } : {}) });
    case 'remove':
    case 'unblock':
      return w(VERBS[a.kind], { accountId: a.otherId });
    case 'accept_all':
      return w(VERBS.acceptAll, { shown: String(a.shown), before: String(a.before) });
    case 'page':
      return w(VERBS.more, { list: a.list, cursor: a.cursor ?? '' });
    case 'delete_data':
      return w(VERBS.deleteData, { handle: a.handle });
    case 'searchable':
      return w(VERBS.searchable, { value: String(a.value) });
    case 'chatwork': {
      const { ownerId, requestId, name, action } = a.decide;
      const verb = action === 'accept' ? VERBS.chatworkAccept : VERBS.chatworkDecline;
      return w(verb, { ownerId, requestId: String(requestId), name: name.slice(0, 100) });
    }
    default:
      return w(NO_DATA[a.kind]);
  }
}

/** The buttons whose verb says it all. */
const NO_DATA = {
  accept_all_ask: VERBS.acceptAllAsk,
  delete_data_ask: VERBS.deleteDataAsk,
  export_data_ask: VERBS.exportDataAsk,
  delete_data_cancel: VERBS.deleteDataCancel,
  change_handle: VERBS.changeHandle,
} as const;

export type Click = ButtonAction | { kind: 'invalid' };

const v = z.literal(DATA_VERSION);
const id = z.string().min(1).max(100);
const request = z.object({ v, requestId: id, view: z.literal('list').optional() });
const account = z.object({ v, accountId: id });
const chatwork = z.object({
  v,
  ownerId: id,
  requestId: z.string().regex(/^\d{1,15}$/),
  name: z.string().max(100),
});
/** [Send request]'s data carries the "Add with a note" input's value, which Teams adds as `note`. */
const owner = z.object({ v, ownerId: id, note: z.string().max(4000).optional().catch(undefined) });
const { read, plain } = readersOf<Click>();
const decision = (kind: 'accept' | 'decline' | 'block' | 'withdraw') =>
  read(request, (d) => ({ kind, requestId: d.requestId, on: d.view === 'list' ? 'list' : 'card' }));
const decide = (action: 'accept' | 'decline') =>
  read(chatwork, ({ ownerId, requestId, name }) => ({
    kind: 'chatwork',
    decide: { ownerId, requestId: Number(requestId), name, action },
  }));

const READ: Record<string, ButtonReader<Click>> = {
  [VERBS.addToContacts]: read(owner, (d, context) => ({
    kind: 'add',
    ownerId: d.ownerId,
    context,
    note: d.note?.trim() ? d.note : null,
  })),
  [VERBS.refresh]: read(owner, (d) => ({ kind: 'view_invite', ownerId: d.ownerId })),
  [VERBS.accept]: decision('accept'),
  [VERBS.decline]: decision('decline'),
  [VERBS.block]: decision('block'),
  [VERBS.withdraw]: decision('withdraw'),
  [VERBS.remove]: read(account, (d) => ({ kind: 'remove', otherId: d.accountId })),
  [VERBS.unblock]: read(account, (d) => ({ kind: 'unblock', otherId: d.accountId })),
  [VERBS.acceptAll]: read(
    z.object({
      v,
      shown: z.coerce.number().int().min(1).max(100),
      before: z.coerce.number().int().nonnegative(),
    }),
    (d) => ({ kind: 'accept_all', shown: d.shown, before: d.before }),
  ),
  [VERBS.more]: read(
    z.object({
      v,
      list: z.enum(['incoming', 'outgoing', 'contacts', 'blocked']),
      cursor: z.string().min(1).max(1500),
    }),
    (d) => ({ kind: 'page', list: d.list, cursor: d.cursor }),
  ),
  [VERBS.deleteData]: read(z.object({ v, handle: z.string().min(1).max(64) }), (d) => ({
    kind: 'delete_data',
    handle: d.handle,
  })),
  [VERBS.searchable]: read(z.object({ v, value: z.enum(['true', 'false']) }), (d) => ({
    kind: 'searchable',
    value: d.value === 'true',
  })),
  [VERBS.chatworkAccept]: decide('accept'),
  [VERBS.chatworkDecline]: decide('decline'),
  [VERBS.deleteDataCancel]: plain({ kind: 'delete_data_cancel' }),
  [VERBS.acceptAllAsk]: plain({ kind: 'accept_all_ask' }),
  [VERBS.deleteDataAsk]: plain({ kind: 'delete_data_ask' }),
  [VERBS.exportDataAsk]: plain({ kind: 'export_data_ask' }),
  [VERBS.changeHandle]: plain({ kind: 'change_handle' }),
};

/**
 * An Action.Execute read back: its action, or `invalid` for a verb or data that is not ours (an old
 * version, a forgery). `context`: the conversation it was clicked in, kept with an [Add to contacts].
 */
export const readAction = (verb: string, data: unknown, context: string | null = null): Click =>
  readButton(READ, verb, data, context);
