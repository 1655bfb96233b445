import { describe, expect, it } from 'vitest';
import {
  autoHandleCandidates,
  foldToAscii,
  handleBaseFromName,
  handleKey,
  isValidHandle,
  RESERVED_HANDLES,
  randomSuffix,
  validateHandle,
} from '../../src/core/handles.js';
import { seededFloat } from '../helpers/random.js';

describe('validateHandle', () => {
  it.each([
    ['alice', 'alice'],
    ['Alice_W', 'Alice_W'],
    ['  bob-1  ', 'bob-1'],
    ['1234', '1234'],
    ['a'.repeat(32), 'a'.repeat(32)],
    ['9lives', '9lives'],
  ])('accepts %j as %j', (raw, handle) => {
    expect(validateHandle(raw)).toEqual({ ok: true, value: handle });
    expect(isValidHandle(raw)).toBe(true);
  });

  it.each([
    ['abc', 'too_short'],
    ['', 'too_short'],
    ['a'.repeat(33), 'too_long'],
    ['ali ce', 'bad_characters'],
    ['alice!', 'bad_characters'],
    ['alice.w', 'bad_characters'],
    ['ålice', 'bad_characters'],
    ['ａｌｉｃｅ', 'bad_characters'],
    ['alice/qr', 'bad_characters'],
    ['_alice', 'bad_start'],
    ['-alice', 'bad_start'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(validateHandle(raw)).toEqual({ ok: false, error: { code: 'HANDLE_INVALID', reason } });
  });

  it.each([
    'healthz',
    'Admin',
    'SLACK',
    'Teams',
    'metrics',
    'static',
    'login',
    'settings',
    'privacy',
    'terms',
  ])('refuses the reserved word %j in any case', (raw) => {
    expect(validateHandle(raw)).toEqual({ ok: false, error: { code: 'HANDLE_RESERVED' } });
  });

  it('reserves every route name the contract lists', () => {
    const listed = ['api', 'slack', 'teams', 'healthz', 'readyz', 'metrics', 'static', 'assets', 'login'];
    const more = ['logout', 'admin', 'help', 'settings', 'about', 'privacy', 'terms'];
    for (const word of [...listed, ...more]) expect(RESERVED_HANDLES.has(word)).toBe(true);
    for (const word of RESERVED_HANDLES) expect(word).toBe(word.toLowerCase());
  });

  it('handleKey folds case only', () => {
    expect(handleKey('Alice_W')).toBe('alice_w');
    expect(handleKey('ALICE-w')).not.toBe(handleKey('alice_w'));
  });
});

describe('automatic handles', () => {
  const first = (name: string, seed = 1) => autoHandleCandidates(name, seededFloat(seed))[0];

  it.each([
    ['Nguyễn Văn An', 'nguyen-van-an'],
    ['やまだ たろう', 'yamada-tarou'],
    ['ヤマダ', 'yamada'],
    ['Đặng Thị Ánh', 'dang-thi-anh'],
    ['ＪＯＨＮ　Ｓｍｉｔｈ', 'john-smith'],
    ['きょうこ', 'kyouko'],
    ['まっちゃ', 'maccha'],
    ['ラーメン', 'ramen'],
    ['Jürgen Straße', 'jurgen-strasse'],
    ['Łukasz', 'lukasz'],
    ["O'Brien-Smith", 'o-brien-smith'],
    ['  Trần   Hưng Đạo  ', 'tran-hung-dao'],
  ])('%j → %j', (name, handle) => {
    expect(first(name)).toBe(handle);
  });

  it.each(['山田太郎', '😀🎉', '---', '   ', '你好'])(
    '%j has nothing usable: a random user-… handle',
    (name) => {
      const candidates = autoHandleCandidates(name, seededFloat(7));
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) expect(c).toMatch(/^user-[a-z2-9]{8}$/);
    },
  );

  it.each(['A', 'Al', 'Bo', 'Ян', 'Ô'])('the short name %j gets a suffix and stays valid', (name) => {
    const candidates = autoHandleCandidates(name, seededFloat(3));
    const c = candidates[0]!;
    expect(c.length).toBeGreaterThanOrEqual(4);
    expect(isValidHandle(c)).toBe(true);
  });

  it('never offers a reserved word: "Admin" starts at admin-…', () => {
    const c = autoHandleCandidates('Admin', seededFloat(1));
    expect(c).not.toContain('admin');
    expect(c[0]).toMatch(/^admin-[a-z2-9]{3}$/);
  });

  it('bounds long names so a suffix still fits', () => {
    const c = autoHandleCandidates('Bartholomew Maximilian Featherstonehaugh-Smythe', seededFloat(1));
    expect(c[0]).toBe('bartholomew-maximilian-f');
    for (const h of c) expect(h.length).toBeLessThanOrEqual(32);
  });

  it('every candidate is valid, distinct enough, readable first and random last; same seed same list', () => {
    for (const name of ['Nguyễn Văn An', 'Al', '山田太郎', 'Admin', 'a'.repeat(60)]) {
      const c = autoHandleCandidates(name, seededFloat(11));
      expect(c.every(isValidHandle)).toBe(true);
      expect(new Set(c).size).toBe(c.length);
      expect(c.at(-1)).toMatch(/^user-/);
      expect(autoHandleCandidates(name, seededFloat(11))).toEqual(c);
    }
    expect(autoHandleCandidates('Al', seededFloat(1))).not.toEqual(
      autoHandleCandidates('Al', seededFloat(2)),
    );
  });

  it('several names: the first that folds to a usable base (a kanji display name, then its username)', () => {
    expect(autoHandleCandidates(['山田 太郎', 'taro.yamada'], seededFloat(1))[0]).toBe('taro-yamada');
    expect(autoHandleCandidates(['Nguyễn Văn An', 'an.nguyen'], seededFloat(1))[0]).toBe('nguyen-van-an');
    expect(autoHandleCandidates(['さとう はなこ', 'hanako'], seededFloat(1))[0]).toBe('satou-hanako');
    expect(autoHandleCandidates(['山田 太郎', '', '😀', 'ヤマダ'], seededFloat(1))[0]).toBe('yamada');
    for (const c of autoHandleCandidates(['山田太郎', '你好'], seededFloat(7))) expect(c).toMatch(/^user-/);
  });

  it('foldToAscii and handleBaseFromName', () => {
    expect(foldToAscii('Æsir Øre')).toBe('aesir ore');
    expect(handleBaseFromName('  --Hello,  World!--  ')).toBe('hello-world');
    expect(handleBaseFromName('山田')).toBeNull();
  });

  it('randomSuffix uses no look-alike characters', () => {
    const s = randomSuffix(seededFloat(5), 200);
    expect(s).toMatch(/^[a-hj-km-np-z2-9]{200}$/);
    expect(randomSuffix(() => 0.999999, 3)).toBe('999');
  });
});
