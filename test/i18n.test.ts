import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LOCALES, REQUEST_STATES } from '../src/core/index.js';
import { catalogKeys, describeError, formatWait, rawMessage, t } from '../src/i18n/catalog.js';

const placeholders = (text: string | undefined) =>
  [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it.each(LOCALES)('%s has exactly the same keys as en', (locale) => {
    expect(catalogKeys(locale)).toEqual(catalogKeys('en'));
  });

  it.each(LOCALES)('%s uses the same placeholders as en in every message', (locale) => {
    const mismatched = catalogKeys('en').filter(
      (key) =>
        JSON.stringify(placeholders(rawMessage(locale, key))) !==
        JSON.stringify(placeholders(rawMessage('en', key))),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty message', (locale) => {
    expect(catalogKeys(locale).filter((k) => (rawMessage(locale, k) ?? '').trim() === '')).toEqual([]);
  });

  it('has a message for every core error code and request state', () => {
    for (const code of ERROR_CODES) expect(catalogKeys('en')).toContain(`error.${code}`);
    for (const state of REQUEST_STATES) expect(catalogKeys('en')).toContain(`state.${state}`);
  });

  it("uses Chatwork's official UI terms", () => {
    expect(t('en', 'term.add_to_contacts')).toBe('Add to contacts');
    expect(t('ja', 'term.add_to_contacts')).toBe('コンタクトに追加する');
    expect(t('ja', 'term.accept')).toBe('承認する');
    expect(t('ja', 'term.register_and_connect')).toBe('新規登録してつながる');
    expect(t('ja', 'term.incoming_requests')).toBe('未承認');
    expect(t('vi', 'term.copy_link')).toBe('Sao chép liên kết');
  });

  it('describes errors with their details in each language', () => {
    expect(describeError('en', { code: 'RATE_LIMITED', retryAfterMs: 3 * 3_600_000 })).toContain('3 h');
    expect(describeError('ja', { code: 'ALREADY_DECIDED', state: 'accepted' })).toContain('承認済み');
    expect(describeError('vi', { code: 'NOTE_TOO_LONG', max: 300, length: 301 })).toContain('301');
    expect(describeError('en', { code: 'ALREADY_CONTACTS' }, 'Bob')).toBe('Bob is already in your contacts.');
  });

  it('formats waits by size', () => {
    expect(formatWait('en', 30_000)).toBe('1 min');
    expect(formatWait('en', 90 * 60_000)).toBe('90 min');
    expect(formatWait('en', 5 * 3_600_000)).toBe('5 h');
    expect(formatWait('ja', 7 * 86_400_000)).toBe('7日');
  });
});
