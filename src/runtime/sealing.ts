import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals secrets at rest (OAuth and API tokens) with AES-256-GCM under a key derived from SECRET_KEY
 * and a purpose, so a token sealed for one purpose never opens as another. Sealed text is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), the format of the Slack installations' bot tokens:
 * `tokenSealer(key, 'slack-token')` opens what they sealed.
 */
export interface TokenSealer {
  seal(plain: string): string;
  /** The plain text, or null when the text was not sealed by this key and purpose (or is damaged). */
  open(sealed: string): string | null;
}

export function tokenSealer(secretKey: Buffer, purpose: string): TokenSealer {
  const key = createHash('sha256').update(`chatwork-invite:${purpose}:v1`).update(secretKey).digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ct]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
