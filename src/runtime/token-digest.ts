import { createHmac } from 'node:crypto';

/**
 * The keyed hash a one-time token is stored under (HMAC-SHA256, base64url), with a key derived from
 * SECRET_KEY for one purpose: a leaked store holds no token that works, and a digest made for one
 * purpose means nothing for another. Wired into the core as `CoreDeps.tokenDigest`.
 */
export function tokenDigest(secretKey: Buffer, purpose: string): (token: string) => string {
  const key = createHmac('sha256', secretKey).update(`chatwork-invite/${purpose}`).digest();
  return (token) => createHmac('sha256', key).update(token).digest('base64url');
}
