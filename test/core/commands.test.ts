import { describe, expect, it } from 'vitest';
import { type Command, parseCommand, splitFirstToken } from '../../src/core/commands.js';

/** The shared grammar with the simplest reader: every plausible token names itself. */
const read = (token: string) => ({ token });
const parse = (text: string): Command<{ token: string }> => parseCommand(text, read);

describe('the shared command grammar', () => {
  it.each<[string, Command<{ token: string }>]>([
    ['', { kind: 'invite' }],
    ['   ', { kind: 'invite' }],
    ['INVITE', { kind: 'invite' }],
    ['link', { kind: 'link' }],
    ['id', { kind: 'id' }],
    ['id set New_Handle', { kind: 'id_set', handle: 'New_Handle' }],
    ['id set', { kind: 'usage', usage: 'id_set' }],
    ['id set two words', { kind: 'usage', usage: 'id_set' }],
    ['id what', { kind: 'usage', usage: 'id' }],
    ['requests', { kind: 'requests' }],
    ['contacts', { kind: 'contacts' }],
    ['find taro yamada', { kind: 'find', query: 'taro yamada' }],
    ['find', { kind: 'usage', usage: 'find' }],
    ['find off', { kind: 'searchable', on: false }],
    ['find ON', { kind: 'searchable', on: true }],
    ['withdraw ann-lee', { kind: 'withdraw', who: { token: 'ann-lee' } }],
    ['block ann-lee and more', { kind: 'usage', usage: 'block' }],
    ['remove', { kind: 'usage', usage: 'remove' }],
    ['web', { kind: 'web' }],
    ['help', { kind: 'help' }],
    ['ann-lee', { kind: 'request', who: { token: 'ann-lee' }, note: null }],
    ['ann-lee  see you soon', { kind: 'request', who: { token: 'ann-lee' }, note: 'see you soon' }],
    [
      'https://x.example/ann-lee hi',
      { kind: 'request', who: { token: 'https://x.example/ann-lee' }, note: 'hi' },
    ],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('does not guess at words that cannot name anyone', () => {
    const strict = (text: string) => parseCommand(text, (t) => (/^[a-z-]{4,}$/.test(t) ? t : null));
    expect(strict('hi there').kind).toBe('unknown');
    expect(strict('!!!').kind).toBe('unknown');
  });

  it('keeps bracketed tokens whole, spaces and all', () => {
    expect(splitFirstToken('<@U1|Ann Lee> hello')).toEqual(['<@U1|Ann Lee>', 'hello']);
    expect(splitFirstToken('<at>Ann Lee</at> hello')).toEqual(['<at>Ann Lee</at>', 'hello']);
    expect(splitFirstToken('plain rest of it')).toEqual(['plain', 'rest of it']);
  });
});
