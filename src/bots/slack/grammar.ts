/**
 * The `/chatwork-invite` grammar of CONTRACT.md: command text → a tagged union. Pure; the command
 * handler switches over it. The manifest sets `should_escape: true`, so mentions arrive as
 * `<@U123|name>`, links as `<https://…|label>` and emails as `<mailto:a@b.c|a@b.c>`; the raw forms are
 * accepted too.
 */

/** Who a request, withdraw, remove or block is about. */
export type Who =
  | { kind: 'mention'; userId: string; label: string | null }
  | { kind: 'email'; email: string }
  /** A handle or an invite link, resolved by the core. */
  | { kind: 'text'; text: string };

export type CommandUsage = 'id_set' | 'find' | 'withdraw' | 'remove' | 'block' | 'id';

export type Command =
  | { kind: 'card' }
  | { kind: 'link' }
  | { kind: 'id' }
  | { kind: 'id_set'; handle: string }
  | { kind: 'requests' }
  | { kind: 'contacts' }
  | { kind: 'find'; query: string }
  | { kind: 'withdraw' | 'remove' | 'block'; who: Who }
  | { kind: 'web' }
  | { kind: 'help' }
  | { kind: 'request'; who: Who; note: string | null }
  /** A known word used the wrong way: answer with its usage line. */
  | { kind: 'usage'; usage: CommandUsage }
  /** Nothing we can read: answer with what was wrong and the help hint. */
  | { kind: 'unknown'; word: string };

const MENTION = /^<@([UW][A-Z0-9]{1,40})(?:\|([^>]*))?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
const LINK = /^<((?:https?):\/\/[^|>]+)(?:\|[^>]*)?>$/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** One token of the grammar → who it names, or null when it cannot name anyone. */
export function parseWho(token: string): Who | null {
  const mention = MENTION.exec(token);
  if (mention) return { kind: 'mention', userId: mention[1] ?? '', label: mention[2] || null };
  const mailto = MAILTO.exec(token);
  if (mailto) return { kind: 'email', email: (mailto[1] ?? '').trim().toLowerCase() };
  const link = LINK.exec(token);
  if (link) return { kind: 'text', text: link[1] ?? '' };
  if (EMAIL.test(token)) return { kind: 'email', email: token.toLowerCase() };
  if (token.startsWith('<')) return null;
  return { kind: 'text', text: token };
}

function splitFirst(text: string): [string, string] {
  const trimmed = text.trim();
  const at = trimmed.search(/\s/);
  return at < 0 ? [trimmed, ''] : [trimmed.slice(0, at), trimmed.slice(at).trim()];
}

const BY_PERSON = ['withdraw', 'remove', 'block'] as const;
type ByPerson = (typeof BY_PERSON)[number];
const isByPerson = (w: string): w is ByPerson => (BY_PERSON as readonly string[]).includes(w);

export function parseCommand(rawText: string): Command {
  const text = rawText.replace(/\u00a0/g, ' ').trim();
  if (text === '') return { kind: 'card' };
  const [first, rest] = splitFirst(text);
  const word = first.toLowerCase();
  switch (word) {
    case 'link':
    case 'requests':
    case 'contacts':
    case 'web':
    case 'help':
      return { kind: word };
    case 'id': {
      if (rest === '') return { kind: 'id' };
      const [sub, value] = splitFirst(rest);
      if (sub.toLowerCase() === 'set' && value !== '' && !/\s/.test(value))
        return { kind: 'id_set', handle: value };
      return { kind: 'usage', usage: sub.toLowerCase() === 'set' ? 'id_set' : 'id' };
    }
    case 'find':
      return rest === '' ? { kind: 'usage', usage: 'find' } : { kind: 'find', query: rest.slice(0, 100) };
  }
  if (isByPerson(word)) {
    const [target, extra] = splitFirst(rest);
    const who = target === '' || extra !== '' ? null : parseWho(target);
    return who ? { kind: word, who } : { kind: 'usage', usage: word };
  }
  const who = parseWho(first);
  if (!who) return { kind: 'unknown', word: first.slice(0, 40) };
  return { kind: 'request', who, note: rest === '' ? null : rest };
}
