import type { Mention } from './activity.js';

/**
 * The `/chatwork-invite` grammar of CONTRACT.md, typed to the bot in Teams. The text has the bot's
 * own mention stripped already; mentions of other people stay as `<at>Name</at>`.
 */

/** Who a command is about. */
export type Who =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; mention: Mention }
  | { kind: 'email'; email: string };

export type Command =
  | { kind: 'invite' }
  | { kind: 'link' }
  | { kind: 'id' }
  | { kind: 'id_set'; handle: string }
  | { kind: 'requests' }
  | { kind: 'contacts' }
  | { kind: 'find'; query: string }
  | { kind: 'searchable'; on: boolean }
  | { kind: 'withdraw'; who: Who }
  | { kind: 'remove'; who: Who }
  | { kind: 'block'; who: Who }
  | { kind: 'web' }
  | { kind: 'help' }
  | { kind: 'request'; who: Who; note: string }
  | { kind: 'unknown'; text: string };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Splits the first "word" off, treating `<at>…</at>` as one word. */
function firstWord(text: string): { word: string; rest: string } {
  const t = text.trim();
  const at = /^<at>.*?<\/at>/i.exec(t);
  if (at) return { word: at[0], rest: t.slice(at[0].length).trim() };
  const space = t.search(/\s/);
  return space < 0 ? { word: t, rest: '' } : { word: t.slice(0, space), rest: t.slice(space).trim() };
}

function whoOf(word: string, mentions: readonly Mention[]): Who | null {
  if (word === '') return null;
  if (/^<at>/i.test(word)) {
    const mention = mentions.find((m) => m.text === word);
    return mention ? { kind: 'mention', mention } : null;
  }
  if (EMAIL.test(word)) return { kind: 'email', email: word };
  return { kind: 'text', text: word };
}

export function parseCommand(text: string, mentions: readonly Mention[] = []): Command {
  const { word, rest } = firstWord(text);
  const verb = word.toLowerCase();
  const target = (make: (who: Who) => Command): Command => {
    const who = whoOf(firstWord(rest).word, mentions);
    return who ? make(who) : { kind: 'help' };
  };
  switch (verb) {
    case '':
    case 'invite':
      return { kind: 'invite' };
    case 'link':
      return { kind: 'link' };
    case 'id': {
      const sub = firstWord(rest);
      if (rest === '') return { kind: 'id' };
      if (sub.word.toLowerCase() === 'set' && sub.rest !== '')
        return { kind: 'id_set', handle: firstWord(sub.rest).word };
      return { kind: 'help' };
    }
    case 'requests':
      return { kind: 'requests' };
    case 'contacts':
      return { kind: 'contacts' };
    case 'find': {
      const q = rest.toLowerCase();
      if (q === 'off' || q === 'on') return { kind: 'searchable', on: q === 'on' };
      return rest === '' ? { kind: 'help' } : { kind: 'find', query: rest };
    }
    case 'withdraw':
      return target((who) => ({ kind: 'withdraw', who }));
    case 'remove':
      return target((who) => ({ kind: 'remove', who }));
    case 'block':
      return target((who) => ({ kind: 'block', who }));
    case 'web':
      return { kind: 'web' };
    case 'help':
      return { kind: 'help' };
    default: {
      const who = whoOf(word, mentions);
      const looksLikeTarget =
        who !== null &&
        (who.kind !== 'text' || /^[a-z0-9][a-z0-9_-]{3,31}$/i.test(word) || word.includes('/'));
      return who && looksLikeTarget ? { kind: 'request', who, note: rest } : { kind: 'unknown', text };
    }
  }
}
