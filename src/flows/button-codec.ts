import type { ButtonAction } from './card.js';

/**
 * A button's data, written once for every platform: the name of each button and the fields it carries,
 * with their bounds, and how they read back into its `ButtonAction`. A platform's codec keeps only its
 * wire: the button's name there (Slack action id, Teams verb) and how the fields are spelt (Slack's
 * short JSON keys, Teams' strings). Data that is not ours (an older card, a forgery) reads as `invalid`;
 * who may act is decided later, from the clicker.
 */
export type Invalid = { kind: 'invalid' };
const BAD = Symbol('bad');
type Check = (x: unknown) => unknown;

const text =
  (min: number, max: number): Check =>
  (x) =>
    typeof x === 'string' && x.length >= min && x.length <= max ? x : BAD;
/** A whole number; a platform whose data is strings (Teams) sends its digits. */
const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (x) => {
    const n = typeof x === 'string' && /^\d{1,15}$/.test(x) ? Number(x) : x;
    return Number.isInteger(n) && (n as number) >= min && (n as number) <= max ? n : BAD;
  };
const bool: Check = (x) => (x === true || x === 'true' ? true : x === false || x === 'false' ? false : BAD);
const oneOf =
  (...values: string[]): Check =>
  (x) =>
    values.includes(x as string) ? x : BAD;
const orNull =
  (check: Check): Check =>
  (x) =>
    x === null ? null : check(x);

const ID = text(1, 100);
const REQUEST = { requestId: ID, on: oneOf('card', 'list') };
const CHATWORK = { ownerId: ID, requestId: int(1), name: text(0, 100) };

/** Every button and the fields it writes, in the order they are written. */
const FIELDS = {
  add: { ownerId: ID },
  add_note: { ownerId: ID },
  view_invite: { ownerId: ID },
  accept: REQUEST,
  decline: REQUEST,
  block: REQUEST,
  withdraw: REQUEST,
  remove: { otherId: ID },
  unblock: { otherId: ID },
  searchable: { value: bool },
  /** "Accept all (N)" confirmed: N, and when it was asked (`people.ts`). */
  accept_all: { shown: int(1, 100), before: int(0) },
  page: { list: oneOf('incoming', 'outgoing', 'contacts', 'blocked'), cursor: orNull(text(1, 1500)) },
  /** `delete my data`'s confirmation carries the handle that goes; only its holder may confirm. */
  delete_data: { handle: text(1, 64) },
  chatwork_accept: CHATWORK,
  chatwork_decline: CHATWORK,
  delete_data_cancel: {},
  accept_all_ask: {},
  delete_data_ask: {},
  export_data_ask: {},
  change_handle: {},
} as const;
export type ButtonName = keyof typeof FIELDS;
export type Fields = Record<string, unknown>;

/** A card's action → its button's name and fields (a Chatwork request's name cut to what is read back). */
export function buttonOf(a: ButtonAction): { name: ButtonName; fields: Fields } {
  if (a.kind === 'chatwork') {
    const { ownerId, requestId, name, action } = a.decide;
    return { name: `chatwork_${action}`, fields: { ownerId, requestId, name: name.slice(0, 100) } };
  }
  const all: Fields = a;
  const fields: Fields = {};
  for (const key of Object.keys(FIELDS[a.kind])) fields[key] = all[key];
  return { name: a.kind, fields };
}

/**
 * A button read back from its name and fields (unknown keys are ignored; a button without fields
 * reads back from its name alone). `context`: where it was clicked (channel, conversation), kept with
 * an [Add to contacts]; a `note` beside the fields is the one typed into the card (Teams' "Add with a
 * note" input).
 */
export function actionOf(name: string, data: unknown, context: string | null = null): ButtonAction | Invalid {
  if (!Object.hasOwn(FIELDS, name)) return { kind: 'invalid' };
  const got: Fields = Object(data);
  const fields: Fields = {};
  for (const [key, check] of Object.entries(FIELDS[name as ButtonName])) {
    fields[key] = (check as Check)(got[key]);
    if (fields[key] === BAD) return { kind: 'invalid' };
  }
  const kind = name as ButtonName;
  switch (kind) {
    case 'chatwork_accept':
    case 'chatwork_decline':
      return {
        kind: 'chatwork',
        decide: { ...fields, action: kind === 'chatwork_accept' ? 'accept' : 'decline' },
      } as ButtonAction;
    case 'add': {
      const note = got.note;
      const typed = typeof note === 'string' && note.length <= 4000 && note.trim() ? note : null;
      return { kind, ...fields, context, note: typed } as ButtonAction;
    }
    case 'add_note':
      return { kind, ...fields, context } as ButtonAction;
    default:
      return { kind, ...fields } as ButtonAction;
  }
}
