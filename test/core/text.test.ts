import { describe, expect, it } from 'vitest';
import { charCount, cleanDisplayName, sanitizePlainText, truncateChars } from '../../src/core/text.js';
import { cleanNote } from '../../src/core/usecases/requests.js';

describe('sanitizePlainText', () => {
  it.each([
    ['plain', 'plain'],
    ['  padded \n', 'padded'],
    ['evil\u202Egnp.exe', 'evilgnp.exe'],
    ['\u2066isolated\u2069 \u202Aembedded\u202C', 'isolated embedded'],
    ['bell\u0007 nul\u0000 esc\u001B del\u007F c1\u0085', 'bell nul esc del c1'],
    ['line1\r\nline2\rline3\nline4\ttab', 'line1\nline2\nline3\nline4\ttab'],
    ['e\u0301', 'é'],
    ['<b>*bold*</b> & `code`', '<b>*bold*</b> & `code`'],
    ['Nguyễn 山田 👩‍👩‍👧', 'Nguyễn 山田 👩‍👩‍👧'],
  ])('%j → %j', (input, output) => {
    expect(sanitizePlainText(input)).toBe(output);
  });
});

describe('charCount and truncateChars', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(charCount('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
    expect(charCount('abc')).toBe(3);
  });

  it('truncates on code points and never splits a surrogate pair', () => {
    expect(truncateChars('😀😀😀', 2)).toBe('😀…');
    expect(truncateChars('abc', 3)).toBe('abc');
    expect(truncateChars('abcd', 3)).toBe('ab…');
    for (const ch of Array.from(truncateChars('😀'.repeat(50), 10)))
      expect(ch.length === 2 || ch === '…').toBe(true);
  });
});

describe('cleanDisplayName', () => {
  it.each([
    ['  Alice\n Liddell\t', 'Alice Liddell'],
    ['\u202EAlice', 'Alice'],
    ['', '?'],
    ['\u0000\u202E  ', '?'],
  ])('%j → %j', (input, output) => {
    expect(cleanDisplayName(input, 80)).toBe(output);
  });

  it('bounds the length', () => {
    expect(charCount(cleanDisplayName('x'.repeat(200), 80))).toBe(80);
  });
});

describe('cleanNote (a note is ≤ 300 characters of plain text)', () => {
  it('accepts exactly 300 code points, emoji included', () => {
    const note = '😀'.repeat(300);
    expect(note.length).toBe(600);
    expect(cleanNote(note)).toEqual({ ok: true, value: note });
    expect(cleanNote('a'.repeat(300))).toEqual({ ok: true, value: 'a'.repeat(300) });
  });

  it('refuses 301 with NOTE_TOO_LONG, saying the limit and the length', () => {
    expect(cleanNote('😀'.repeat(301))).toEqual({
      ok: false,
      error: { code: 'NOTE_TOO_LONG', max: 300, length: 301 },
    });
    expect(cleanNote(`${'a'.repeat(300)}b`)).toMatchObject({ ok: false, error: { length: 301 } });
  });

  it('counts after sanitizing: stripped controls and trimmed space do not count', () => {
    const note = `  ${'a'.repeat(300)}\u202E\u0007  `;
    expect(cleanNote(note)).toEqual({ ok: true, value: 'a'.repeat(300) });
  });

  it('empty or missing means no note', () => {
    for (const raw of ['', '   ', '\u202E', null, undefined])
      expect(cleanNote(raw)).toEqual({ ok: true, value: null });
  });
});
