import { romanizeKana } from './kana.js';
import { POLICY } from './policy.js';
import { err, ok, type Result } from './result.js';

/**
 * The one module for handle (Chatwork ID) rules: format, case, reserved words and automatic
 * handles. See docs/rules.md "Handles".
 */

const FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Route names and words that would confuse people or collide with our own pages. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'api',
  'slack',
  'teams',
  'healthz',
  'readyz',
  'metrics',
  'static',
  'assets',
  'login',
  'logout',
  'admin',
  'help',
  'settings',
  'about',
  'privacy',
  'terms',
  'signin',
  'signout',
  'signup',
  'register',
  'auth',
  'oauth',
  'install',
  'web',
  'www',
  'app',
  'apps',
  'public',
  'favicon.ico',
  'robots.txt',
  'root',
  'support',
  'security',
  'status',
  'chatwork',
  'invite',
  'invites',
  'contacts',
  'requests',
  'account',
  'accounts',
  'user',
  'users',
  'me',
  'null',
  'undefined',
  'system',
  'bot',
  'bots',
  'qr',
  'link',
  'links',
  'home',
  'index',
  'search',
  'find',
  'new',
  'edit',
  'delete',
  'manifest',
]);

export type HandleProblem =
  | { code: 'HANDLE_INVALID'; reason: 'too_short' | 'too_long' | 'bad_characters' | 'bad_start' }
  | { code: 'HANDLE_RESERVED' };

/** Case-insensitive identity of a handle: the key every store indexes by. */
export function handleKey(handle: string): string {
  return handle.toLowerCase();
}

export function validateHandle(raw: string): Result<string, HandleProblem> {
  const handle = raw.trim();
  if (handle.length < POLICY.handle.minLength) return err({ code: 'HANDLE_INVALID', reason: 'too_short' });
  if (handle.length > POLICY.handle.maxLength) return err({ code: 'HANDLE_INVALID', reason: 'too_long' });
  if (!/^[A-Za-z0-9_-]+$/.test(handle)) return err({ code: 'HANDLE_INVALID', reason: 'bad_characters' });
  if (!FORMAT.test(handle)) return err({ code: 'HANDLE_INVALID', reason: 'bad_start' });
  if (RESERVED_HANDLES.has(handleKey(handle))) return err({ code: 'HANDLE_RESERVED' });
  return ok(handle);
}

export const isValidHandle = (raw: string): boolean => validateHandle(raw).ok;

/**
 * Folds a display name to ASCII: Vietnamese and other Latin diacritics are stripped (đ → d),
 * full-width forms are narrowed and kana are romanized. Anything else (kanji, emoji) is dropped.
 */
export function foldToAscii(name: string): string {
  const romanized = romanizeKana(name.normalize('NFKC'));
  return romanized
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]/g, ' ');
}

/** The readable base of an automatic handle, or null when nothing usable remains. */
export function handleBaseFromName(displayName: string): string | null {
  const slug = foldToAscii(displayName)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, POLICY.handle.autoBaseMaxLength)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : null;
}

/** Lowercase letters and digits without look-alikes (no 0/o, 1/l/i). */
const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A short random suffix from injected randomness (`random()` in [0, 1)). */
export function randomSuffix(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)] ?? 'x';
  }
  return out;
}

/**
 * Candidate handles for a newcomer, best first: the folded name, then the name with short random
 * suffixes, then fully random handles. The store takes the first one that is free. With several
 * names (a display name, then a username or real name), the first that folds to something usable
 * is taken: `山田 太郎` has no letters a handle can use, its username `taro.yamada` has.
 */
export function autoHandleCandidates(names: string | readonly string[], random: () => number): string[] {
  const base = (typeof names === 'string' ? [names] : names).map(handleBaseFromName).find(Boolean) ?? null;
  const out: string[] = [];
  if (base) {
    const padded = base.length >= POLICY.handle.minLength ? base : null;
    if (padded && validateHandle(padded).ok) out.push(padded);
    for (let i = 0; i < 4; i++) out.push(`${base}-${randomSuffix(random, i < 2 ? 3 : 5)}`);
  }
  for (let i = 0; i < 4; i++) out.push(`user-${randomSuffix(random, 8)}`);
  return out.filter((h) => validateHandle(h).ok);
}
