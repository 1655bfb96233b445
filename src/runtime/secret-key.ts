import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SECRET_KEY when configured; otherwise one generated on first start and kept in
 * `<dataDir>/secret.key` (mode 0600), with a warning. Losing that file invalidates stored tokens,
 * sessions and sign-in links.
 */
export function loadOrCreateSecretKey(
  configured: Buffer | null,
  dataDir: string,
  warn: (msg: string) => void,
): Buffer {
  if (configured) return configured;
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length >= 32) return key;
    throw new Error(
      `${file} does not hold a 32-byte base64 key: delete it to generate a new one, or set SECRET_KEY`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  warn(`SECRET_KEY is not set: generated one in ${file}. Set SECRET_KEY in production and keep it safe.`);
  return key;
}
