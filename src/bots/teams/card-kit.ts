import { z } from 'zod';
import { assertNever } from '../../core/index.js';
import type { ButtonAction } from '../../flows/card.js';
import type { Card } from './transport.js';

/**
 * Building blocks for Adaptive Cards. Every piece of text goes into a `TextRun` of a
 * `RichTextBlock`: text runs are never parsed as Markdown, so a user's name or note such as
 * `[click](https://evil)` or `**x**` shows literally. That is how user strings are escaped for cards.
 */

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Universal Actions (Action.Execute) need 1.5 in Teams; link unfurling allows at most 1.3. */
export const CARD_VERSION = '1.5';
export const UNFURL_CARD_VERSION = '1.3';
/** The data schema version carried by every Action.Execute, so old cards can be refused cleanly. */
export const DATA_VERSION = 1;

export type Element = Record<string, unknown>;
export type Action = Record<string, unknown>;

export const VERBS = {
  addToContacts: 'add-to-contacts',
  accept: 'accept',
  decline: 'decline',
  withdraw: 'withdraw',
  block: 'block',
  remove: 'remove',
  refresh: 'refresh',
  /** `delete my data`'s confirmation (`cards-privacy.ts`). */
  deleteData: 'delete-my-data',
  deleteDataCancel: 'keep-my-data',
  /** The help card's [Export my data] and [Delete my data] (they ask, or give the link). */
  exportDataAsk: 'export-my-data-ask',
  deleteDataAsk: 'delete-my-data-ask',
  /** The block list, bulk accept and paging (`cards-people.ts`). */
  unblock: 'unblock',
  acceptAllAsk: 'accept-all-ask',
  acceptAll: 'accept-all',
  more: 'show-more',
  /** A Chatwork request card (`chatwork.ts`): [Accept] [Not now]. */
  chatworkAccept: 'chatwork-accept',
  chatworkDecline: 'chatwork-decline',
  /** Teams has no buttons for these yet; named so every action has its verb. */
  searchable: 'searchable',
  changeHandle: 'change-handle',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

export function card(
  body: Element[],
  actions: Action[] = [],
  extra: { version?: string; refresh?: Action } = {},
): Card {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: extra.version ?? CARD_VERSION,
    ...(extra.refresh ? { refresh: { action: extra.refresh } } : {}),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

interface RunStyle {
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: 'Good' | 'Attention' | 'Warning' | 'Accent';
  fontType?: 'Monospace';
}

/** One paragraph of literal text. */
export function line(text: string, style: RunStyle = {}, spacing?: 'Small' | 'Medium'): Element {
  return {
    type: 'RichTextBlock',
    inlines: [{ type: 'TextRun', text, ...style }],
    ...(spacing ? { spacing } : {}),
  };
}

export const heading = (text: string): Element => line(text, { weight: 'Bolder', size: 'Medium' });

export function execute(
  title: string,
  verb: string,
  data: Record<string, string>,
  style?: 'positive' | 'destructive',
): Action {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { v: DATA_VERSION, ...data },
    ...(style ? { style } : {}),
  };
}

export const openUrl = (title: string, url: string): Action => ({ type: 'Action.OpenUrl', title, url });

/** A block of items that belong together (one request, one person), with its own buttons. */
export function item(elements: Element[], actions: Action[] = []): Element {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [...elements, ...(actions.length > 0 ? [{ type: 'ActionSet', actions }] : [])],
  };
}

/** An Action.Execute's verb and data (without `v`, which `execute` adds). */
export interface Wire {
  verb: Verb;
  data: Record<string, string>;
}

/** A card's semantic action → its verb and data: the one place both are written (`render-document.ts`). */
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
      return w(
        VERBS[a.kind],
        a.on === 'list' ? { requestId: a.requestId, view: 'list' } : { requestId: a.requestId },
      );
    case 'remove':
    case 'unblock':
      return w(VERBS[a.kind], { accountId: a.otherId });
    case 'accept_all':
      return w(VERBS.acceptAll, { shown: String(a.shown), before: String(a.before) });
    case 'page':
      return w(VERBS.more, { list: a.list, cursor: a.cursor ?? '' });
    case 'accept_all_ask':
      return w(VERBS.acceptAllAsk);
    case 'delete_data_ask':
      return w(VERBS.deleteDataAsk);
    case 'export_data_ask':
      return w(VERBS.exportDataAsk);
    case 'delete_data':
      return w(VERBS.deleteData, { handle: a.handle });
    case 'delete_data_cancel':
      return w(VERBS.deleteDataCancel);
    case 'searchable':
      return w(VERBS.searchable, { value: String(a.value) });
    case 'change_handle':
      return w(VERBS.changeHandle);
    case 'chatwork': {
      const { ownerId, requestId, name, action } = a.decide;
      const verb = action === 'accept' ? VERBS.chatworkAccept : VERBS.chatworkDecline;
      return w(verb, { ownerId, requestId: String(requestId), name: name.slice(0, 100) });
    }
    default:
      return assertNever(a);
  }
}

const v = z.literal(DATA_VERSION);
const id = z.string().min(1).max(100);
const owner = z.object({ v, ownerId: id });
const request = z.object({ v, requestId: id, view: z.literal('list').optional() });
const account = z.object({ v, accountId: id });
const acceptAll = z.object({
  v,
  shown: z.coerce.number().int().min(1).max(100),
  before: z.coerce.number().int().nonnegative(),
});
const more = z.object({
  v,
  list: z.enum(['incoming', 'outgoing', 'contacts', 'blocked']),
  cursor: z.string().min(1).max(1500),
});
const deleteData = z.object({ v, handle: z.string().min(1).max(64) });
const searchable = z.object({ v, value: z.enum(['true', 'false']) });
const chatwork = z.object({
  v,
  ownerId: id,
  requestId: z.string().regex(/^\d{1,15}$/),
  name: z.string().max(100),
});
/** The "Add with a note" input's value, which Teams adds to [Send request]'s data. */
const note = z.object({ note: z.string().max(4000) });

export type Click = ButtonAction | { kind: 'invalid' };

/**
 * An Action.Execute read back with zod: its action, or `invalid` for data that is not ours (an old
 * version, a forgery). `context`: the conversation it was clicked in, kept with an [Add to contacts].
 */
export function readAction(verb: string, data: unknown, context: string | null = null): Click {
  const read = <T>(schema: z.ZodType<T>, to: (d: T) => Click): Click => {
    const d = schema.safeParse(data);
    return d.success ? to(d.data) : { kind: 'invalid' };
  };
  switch (verb) {
    case VERBS.addToContacts: {
      const n = note.safeParse(data);
      const typed = n.success && n.data.note.trim() !== '' ? n.data.note : null;
      return read(owner, (d) => ({ kind: 'add', ownerId: d.ownerId, context, note: typed }));
    }
    case VERBS.refresh:
      return read(owner, (d) => ({ kind: 'view_invite', ownerId: d.ownerId }));
    case VERBS.accept:
    case VERBS.decline:
    case VERBS.block:
    case VERBS.withdraw:
      return read(request, (d) => ({
        kind: verb,
        requestId: d.requestId,
        on: d.view === 'list' ? 'list' : 'card',
      }));
    case VERBS.remove:
    case VERBS.unblock:
      return read(account, (d) => ({ kind: verb, otherId: d.accountId }));
    case VERBS.acceptAll:
      return read(acceptAll, (d) => ({ kind: 'accept_all', shown: d.shown, before: d.before }));
    case VERBS.more:
      return read(more, (d) => ({ kind: 'page', list: d.list, cursor: d.cursor }));
    case VERBS.deleteData:
      return read(deleteData, (d) => ({ kind: 'delete_data', handle: d.handle }));
    case VERBS.searchable:
      return read(searchable, (d) => ({ kind: 'searchable', value: d.value === 'true' }));
    case VERBS.chatworkAccept:
    case VERBS.chatworkDecline: {
      const action = verb === VERBS.chatworkAccept ? 'accept' : 'decline';
      return read(chatwork, (d) => ({
        kind: 'chatwork',
        decide: { ownerId: d.ownerId, requestId: Number(d.requestId), name: d.name, action },
      }));
    }
    case VERBS.deleteDataCancel:
      return { kind: 'delete_data_cancel' };
    case VERBS.acceptAllAsk:
      return { kind: 'accept_all_ask' };
    case VERBS.deleteDataAsk:
      return { kind: 'delete_data_ask' };
    case VERBS.exportDataAsk:
      return { kind: 'export_data_ask' };
    case VERBS.changeHandle:
      return { kind: 'change_handle' };
    default:
      return { kind: 'invalid' };
  }
}
