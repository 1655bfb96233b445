import { z } from 'zod';
import type { RecordNamespace } from '../ports.js';
import type { CoreDeps } from './deps.js';

/**
 * One-time links (sign-in, data export): a random token in the URL, and in the store only a record
 * under the token's keyed hash, with an expiry. The one way to mint, read and use up such a token.
 */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const TOKEN_BYTES = 32;

/** The store key of a token: its keyed hash, never the token itself. */
function recordKey(deps: CoreDeps, token: string): string {
  if (!deps.tokenDigest) throw new Error('CoreDeps.tokenDigest is not wired: one-time links need it');
  return deps.tokenDigest(token);
}

/** Stores `value` under a new token for `ttlMs`; returns the token to put in the link. */
export async function mintOneTimeToken(
  deps: CoreDeps,
  ns: RecordNamespace,
  value: unknown,
  ttlMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = deps.random.token(TOKEN_BYTES);
  const expiresAt = deps.clock.now() + ttlMs;
  await deps.store.putRecord(ns, recordKey(deps, token), JSON.stringify(value), expiresAt);
  return { token, expiresAt };
}

/**
 * What a token holds, parsed with `schema`: `take` uses it up, `peek` leaves it. Null when the token
 * is malformed, unknown, used, expired, or what it holds does not parse.
 */
export async function readOneTimeToken<S extends z.ZodType>(
  deps: CoreDeps,
  ns: RecordNamespace,
  token: string,
  schema: S,
  mode: 'take' | 'peek',
): Promise<z.infer<S> | null> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const key = recordKey(deps, parsed.data);
  const now = deps.clock.now();
  const raw =
    mode === 'take' ? await deps.store.takeRecord(ns, key, now) : await deps.store.getRecord(ns, key, now);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const value = schema.safeParse(json);
  return value.success ? value.data : null;
}
