import { isValidHandle } from './handles.js';
import { parseAllowedEntry } from './usecases/policy.js';

/**
 * The command grammar of docs/rules.md "Commands", shared by every platform: `/chatwork-invite …` in Slack and the
 * bot's commands in Teams use the same words. Each adapter passes its own reader for "who" tokens
 * (Slack `<@U1|name>` and `<mailto:…>`, Teams `<at>Name</at>`); everything else is parsed here.
 */

/** A known word written the wrong way: the adapter answers with that word's usage line. */
export type Usage =
  | 'id'
  | 'id_set'
  | 'find'
  | 'withdraw'
  | 'remove'
  | 'block'
  | 'unblock'
  | 'accept_all'
  | 'chatwork'
  | 'merge'
  | 'unmerge'
  | 'delete_data'
  | 'export_data'
  | 'admin';

/** An allow-list entry as typed: which list (workspaces, tenants, domains) and the value. */
export type AllowedEntry = NonNullable<ReturnType<typeof parseAllowedEntry>>;

/** `admin …`: an organisation's policy, by its admins only (`src/flows/admin.ts`). */
export type AdminAction =
  /** `admin` or `admin policy`: the policy as it is. */
  | { kind: 'show' }
  /** `admin requests all | listed | none`: requests with other organisations. */
  | { kind: 'requests'; mode: 'all' | 'listed' | 'none' }
  /** `admin allow add | remove <workspace | tenant | e-mail domain>` (`parseAllowedEntry`). */
  | { kind: 'allow'; op: 'add' | 'remove'; entry: AllowedEntry }
  /** `admin auto-connect on | off`: requests inside the organisation connect at once. */
  | { kind: 'auto_connect'; on: boolean }
  /** `admin retention <days>`: how long audit records are kept. */
  | { kind: 'retention'; days: number }
  /** `admin export <from> <to> [csv | jsonl]`: whole UTC days, `YYYY-MM-DD`, both included. */
  | { kind: 'export'; from: string; to: string; format: 'csv' | 'jsonl' };

export type Command<W> =
  /** Empty text or `invite`: post my invite card. */
  | { kind: 'invite' }
  | { kind: 'link' }
  | { kind: 'id' }
  | { kind: 'id_set'; handle: string }
  | { kind: 'requests' }
  | { kind: 'contacts' }
  | { kind: 'find'; query: string }
  /** `find off` / `find on`: the search opt-out. */
  | { kind: 'searchable'; on: boolean }
  | { kind: 'withdraw' | 'remove' | 'block' | 'unblock'; who: W }
  /** `blocked`: the people I blocked. */
  | { kind: 'blocked' }
  /** `accept all`: every incoming request, after a confirmation. */
  | { kind: 'accept_all' }
  | { kind: 'web' }
  /** `merge` (a one-time code) and `merge <code>` from the other platform; `unmerge` splits again. */
  | { kind: 'merge'; code: string | null }
  | { kind: 'unmerge' }
  /** `delete my data` (asks first) and `export my data` (a one-time download link). */
  | { kind: 'delete_data' | 'export_data' }
  | { kind: 'help' }
  | { kind: 'request'; who: W; note: string | null }
  /** The bridge to a real chatwork.com account: `chatwork connect | token <api token> | disconnect`. */
  | { kind: 'chatwork'; action: 'connect' | 'disconnect' }
  | { kind: 'chatwork'; action: 'token'; token: string }
  | { kind: 'admin'; action: AdminAction }
  | { kind: 'usage'; usage: Usage }
  /** Nothing we can read: the adapter says what was wrong and points to `help`. */
  | { kind: 'unknown'; word: string };

export const FIND_QUERY_MAX = 100;

/**
 * Splits off the first token. A bracketed token (`<@U1|Ann Lee>`, `<https://…|label>`,
 * `<at>Ann Lee</at>`) is one token even when it holds spaces.
 */
export function splitFirstToken(text: string): [string, string] {
  const t = text.trim();
  const bracket = /^<at>.*?<\/at>/i.exec(t) ?? /^<[^>]*>/.exec(t);
  const end = bracket ? bracket[0].length : t.search(/\s/) < 0 ? t.length : t.search(/\s/);
  return [t.slice(0, end), t.slice(end).trim()];
}

/**
 * A bare token that could name someone: a valid handle (or `@handle`), or a link. Anything else
 * ("hi", "xin chào") is not guessed at: the adapter answers with help.
 */
export function isPlausibleTarget(token: string): boolean {
  return (
    isValidHandle(token.replace(/^@/, '')) ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(token) ||
    /^[^\s/]+\.[^\s/]+\//.test(token)
  );
}

/** `name@example.com` as typed (platforms may wrap it, e.g. Slack's `<mailto:…>`). */
export const isEmailToken = (token: string): boolean => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(token);

const SIMPLE = ['invite', 'link', 'requests', 'contacts', 'web', 'help', 'blocked'] as const;
const BY_PERSON = ['withdraw', 'remove', 'block', 'unblock'] as const;
/** Every word the grammar reads as a command: a handle spelled like one must be given as its link. */
export const COMMAND_WORDS: ReadonlySet<string> = new Set([
  ...SIMPLE,
  ...BY_PERSON,
  'accept',
  'id',
  'find',
  'delete',
  'export',
  'chatwork',
  'merge',
  'unmerge',
  'admin',
]);

const isOneOf = <T extends string>(list: readonly T[], w: string): w is T =>
  (list as readonly string[]).includes(w);

export function parseCommand<W>(raw: string, readWho: (token: string) => W | null): Command<W> {
  const text = raw.replace(/\u00a0/g, ' ').trim();
  if (text === '') return { kind: 'invite' };
  const [first, rest] = splitFirstToken(text);
  const word = first.toLowerCase();
  if (isOneOf(SIMPLE, word)) return { kind: word };
  if (word === 'id') {
    if (rest === '') return { kind: 'id' };
    const [sub, value] = splitFirstToken(rest);
    if (sub.toLowerCase() === 'set' && value !== '' && !/\s/.test(value))
      return { kind: 'id_set', handle: value };
    return { kind: 'usage', usage: sub.toLowerCase() === 'set' ? 'id_set' : 'id' };
  }
  if (word === 'accept')
    return rest.toLowerCase() === 'all' ? { kind: 'accept_all' } : { kind: 'usage', usage: 'accept_all' };
  if (word === 'delete' || word === 'export') {
    const kind = word === 'delete' ? 'delete_data' : 'export_data';
    return /^my\s+data$/i.test(rest) ? { kind } : { kind: 'usage', usage: kind };
  }
  if (word === 'merge') {
    const code = rest.replace(/[\s-]/g, '');
    if (rest === '') return { kind: 'merge', code: null };
    return /^\d+$/.test(code) ? { kind: 'merge', code } : { kind: 'usage', usage: 'merge' };
  }
  if (word === 'unmerge') return rest === '' ? { kind: 'unmerge' } : { kind: 'usage', usage: 'unmerge' };
  if (word === 'find') {
    const q = rest.toLowerCase();
    if (q === 'on' || q === 'off') return { kind: 'searchable', on: q === 'on' };
    return rest === ''
      ? { kind: 'usage', usage: 'find' }
      : { kind: 'find', query: rest.slice(0, FIND_QUERY_MAX) };
  }
  if (word === 'chatwork') {
    const [sub, value] = splitFirstToken(rest);
    const action = sub.toLowerCase();
    if ((action === 'connect' || action === 'disconnect') && value === '')
      return { kind: 'chatwork', action };
    // The token itself never goes into a usage answer or a log: only that it was malformed.
    if (action === 'token' && value !== '' && !/\s/.test(value))
      return { kind: 'chatwork', action, token: value };
    return { kind: 'usage', usage: 'chatwork' };
  }
  if (word === 'admin') {
    const action = parseAdmin(rest);
    return action ? { kind: 'admin', action } : { kind: 'usage', usage: 'admin' };
  }
  if (isOneOf(BY_PERSON, word)) {
    const [target, extra] = splitFirstToken(rest);
    const who = target === '' || extra !== '' ? null : readWho(target);
    return who ? { kind: word, who } : { kind: 'usage', usage: word };
  }
  const who = readWho(first);
  if (!who) return { kind: 'unknown', word: first.slice(0, 40) };
  return { kind: 'request', who, note: rest === '' ? null : rest };
}

/** `YYYY-MM-DD` that is a real calendar day. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A domain the platform turned into a link or an address (`<http://x.com|x.com>`, `mailto:`, `https://x.com/`). */
const unwrap = (token: string): string =>
  token
    .replace(/^<(?:[^|>]*\|)?([^>]*)>$/, '$1')
    .replace(/^(?:mailto:|https?:\/\/)/i, '')
    .replace(/\/$/, '');

/** The words after `admin`; null when they are not one of its forms (the adapter answers with the usage). */
function parseAdmin(rest: string): AdminAction | null {
  const words = rest.split(/\s+/).filter(Boolean);
  const [sub = 'policy', a, b, c, ...more] = words;
  const arg = a?.toLowerCase();
  switch (sub.toLowerCase()) {
    case 'policy':
      return words.length <= 1 ? { kind: 'show' } : null;
    case 'requests':
      if (words.length !== 2) return null;
      if (arg === 'all' || arg === 'none') return { kind: 'requests', mode: arg };
      return arg === 'listed' || arg === 'only' ? { kind: 'requests', mode: 'listed' } : null;
    case 'allow': {
      const entry = b !== undefined && c === undefined ? parseAllowedEntry(unwrap(b)) : null;
      return entry && (arg === 'add' || arg === 'remove') ? { kind: 'allow', op: arg, entry } : null;
    }
    case 'auto-connect':
    case 'autoconnect':
      return words.length === 2 && (arg === 'on' || arg === 'off')
        ? { kind: 'auto_connect', on: arg === 'on' }
        : null;
    case 'retention':
      return a !== undefined && /^\d{1,5}$/.test(a) && b === undefined
        ? { kind: 'retention', days: Number(a) }
        : null;
    case 'export': {
      const format = (c ?? 'csv').toLowerCase();
      if (a === undefined || b === undefined || more.length > 0 || !isDay(a) || !isDay(b) || a > b)
        return null;
      return format === 'csv' || format === 'jsonl' ? { kind: 'export', from: a, to: b, format } : null;
    }
    default:
      return null;
  }
}
