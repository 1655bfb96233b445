import { z } from 'zod';
import type { ChatworkDecideClick } from '../../flows/chatwork-requests.js';
import type { ClickIntent } from '../../flows/clicks.js';
import { jsonOf } from '../../runtime/json.js';
import { readPrivacyClick } from './privacy-values.js';

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

export type RequestValue = z.infer<typeof requestValue>;
export type PageValue = z.infer<typeof pageValue>;

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

/**
 * A click, read from its action id and value: a flow's intent (`src/flows/clicks.ts`; `invalid` when
 * the value is not ours), or one of Slack's own navigation buttons.
 */
export type Click =
  | ClickIntent
  | { kind: 'change_handle' }
  | { kind: 'page'; page: PageValue }
  | { kind: 'blocked_page'; cursor: string }
  | { kind: 'accept_all_ask' }
  | { kind: 'delete_data_ask' }
  | { kind: 'add_note_open'; ownerId: string; context: string | null }
  | { kind: 'noop' }
  | { kind: 'chatwork'; decide: ChatworkDecideClick };

/** A request button on the DM card settles that card in place; elsewhere it sits in a list. */
const on = (s: Surface) => (s === 'dm' ? 'card' : 'list');

/** `context`: where an [Add to contacts] was clicked (channel, workspace), kept with the request. */
export function readClick(actionId: string, value: string, context: string | null = null): Click {
  const data = jsonOf(value);
  switch (actionId) {
    case ACTION.add: {
      const v = addValue.safeParse(data);
      return v.success ? { kind: 'add', ownerId: v.data.o, context } : { kind: 'invalid' };
    }
    case ACTION.accept:
    case ACTION.decline:
    case ACTION.withdraw: {
      const v = requestValue.safeParse(data);
      const kind =
        actionId === ACTION.accept ? 'accept' : actionId === ACTION.decline ? 'decline' : 'withdraw';
      return v.success ? { kind, requestId: v.data.r, on: on(v.data.s) } : { kind: 'invalid' };
    }
    case ACTION.more: {
      const v = moreValue.safeParse(data);
      return v.success ? { kind: 'block', requestId: v.data.r, on: on(v.data.s) } : { kind: 'invalid' };
    }
    case ACTION.contact: {
      const v = contactValue.safeParse(data);
      if (!v.success) return { kind: 'invalid' };
      return v.data.a === 'remove' ? { kind: 'remove', otherId: v.data.o } : { kind: 'noop' };
    }
    case ACTION.changeHandle:
      return { kind: 'change_handle' };
    case ACTION.searchable: {
      const v = searchableValue.safeParse(data);
      return v.success ? { kind: 'searchable', value: v.data.v } : { kind: 'invalid' };
    }
    case ACTION.page: {
      const v = pageValue.safeParse(data);
      return v.success ? { kind: 'page', page: v.data } : { kind: 'invalid' };
    }
    case ACTION.unblock: {
      const v = unblockValue.safeParse(data);
      return v.success ? { kind: 'unblock', otherId: v.data.o } : { kind: 'invalid' };
    }
    case ACTION.chatworkAccept:
    case ACTION.chatworkDecline: {
      const v = chatworkValue.safeParse(data);
      const action = actionId === ACTION.chatworkAccept ? 'accept' : 'decline';
      if (!v.success) return { kind: 'invalid' };
      return {
        kind: 'chatwork',
        decide: { ownerId: v.data.p, requestId: v.data.r, action, name: v.data.n },
      };
    }
    case ACTION.blockedMore: {
      const v = blockedMoreValue.safeParse(data);
      return v.success ? { kind: 'blocked_page', cursor: v.data.c } : { kind: 'invalid' };
    }
    case ACTION.addNote: {
      const v = addValue.safeParse(data);
      return v.success ? { kind: 'add_note_open', ownerId: v.data.o, context } : { kind: 'invalid' };
    }
    case ACTION.acceptAllAsk:
      return { kind: 'accept_all_ask' };
    case ACTION.acceptAll: {
      const v = acceptAllValue.safeParse(data);
      return v.success ? { kind: 'accept_all', shown: v.data.n, before: v.data.b } : { kind: 'invalid' };
    }
    case ACTION.link:
      return { kind: 'noop' };
    default:
      return readPrivacyClick(actionId, data) ?? { kind: 'invalid' };
  }
}
