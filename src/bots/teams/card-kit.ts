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
  verb: Verb,
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
