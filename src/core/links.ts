import { handleKey, validateHandle } from './handles.js';
import { err, ok, type Result } from './result.js';

/**
 * Invite links are `PUBLIC_URL/<handle>`. `parseInviteTarget` accepts what people paste: that URL
 * in any case, with or without a trailing slash, query or fragment, or a bare handle. Links to other
 * hosts are refused.
 */

type Base = { origin: string; hostname: string; port: string; pathname: string };

/**
 * PUBLIC_URL split into what links are checked against; the path prefix has no trailing slash.
 * A process has one PUBLIC_URL and builds a link on every card, so the last one is kept.
 */
let lastBase: { publicUrl: string; base: Base } | null = null;
function normalizedBase(publicUrl: string): Base {
  if (lastBase?.publicUrl === publicUrl) return lastBase.base;
  const url = new URL(publicUrl);
  const base = {
    origin: url.origin,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname.replace(/\/+$/, ''),
  };
  lastBase = { publicUrl, base };
  return base;
}

export function buildInviteLink(publicUrl: string, handle: string): string {
  const base = normalizedBase(publicUrl);
  return `${base.origin}${base.pathname}/${encodeURIComponent(handle)}`;
}

export type LinkProblem =
  | { code: 'LINK_FOREIGN_HOST'; host: string }
  | { code: 'HANDLE_INVALID'; reason: string }
  | { code: 'HANDLE_RESERVED' };

/** The handle a link or bare handle points at (not yet resolved: it may be an alias or unknown). */
export function parseInviteTarget(input: string, publicUrl: string): Result<string, LinkProblem> {
  const text = input.trim();
  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^\s/]+\.[^\s/]+\//.test(text);
  if (!looksLikeUrl) {
    const bare = text.replace(/^@/, '');
    const valid = validateHandle(bare);
    return valid.ok ? ok(valid.value) : err(valid.error);
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return err({ code: 'HANDLE_INVALID', reason: 'bad_characters' });
  }
  const base = normalizedBase(publicUrl);
  const samePort = (u: URL) => u.port === base.port || (u.port === '' && base.port === '');
  if (url.hostname.toLowerCase() !== base.hostname.toLowerCase() || !samePort(url)) {
    return err({ code: 'LINK_FOREIGN_HOST', host: url.host });
  }
  const prefix = base.pathname.toLowerCase();
  const path = url.pathname.replace(/\/+$/, '');
  if (prefix && !path.toLowerCase().startsWith(`${prefix}/`)) {
    return err({ code: 'HANDLE_INVALID', reason: 'bad_characters' });
  }
  const rest = path.slice(prefix.length + 1);
  let handle: string;
  try {
    handle = decodeURIComponent(rest);
  } catch {
    return err({ code: 'HANDLE_INVALID', reason: 'bad_characters' });
  }
  const valid = validateHandle(handle);
  return valid.ok ? ok(valid.value) : err(valid.error);
}

/** True when two handles name the same handle (case-insensitive). */
export const sameHandle = (a: string, b: string): boolean => handleKey(a) === handleKey(b);
