import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Account, CoreDeps } from '../../core/index.js';
import { recordOf } from '../../runtime/json.js';

/**
 * Web sessions: a random id in a signed, HttpOnly, SameSite=Lax cookie; the store keeps
 * `web_session` records under an HMAC of the id, so a leaked database holds no usable session.
 * CSRF tokens are an HMAC of the session id: tied to the session, nothing extra to store.
 */

export const SESSION_COOKIE = 'cw_session';
/** Where an anonymous visitor was, so signing in brings them back to that page. */
export const NEXT_COOKIE = 'cw_next';

export interface WebKeys {
  /** Signs cookies (@fastify/cookie). */
  cookie: Buffer;
  csrf: Buffer;
  /** Keys session records in the store. */
  record: Buffer;
}

/** Separate keys per purpose, derived from SECRET_KEY. */
export function deriveKeys(secret: Buffer): WebKeys {
  const derive = (purpose: string) =>
    createHmac('sha256', secret).update(`chatwork-invite/${purpose}`).digest();
  return { cookie: derive('cookie'), csrf: derive('csrf'), record: derive('session-record') };
}

const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url');

export function csrfToken(keys: WebKeys, sessionId: string): string {
  return hmac(keys.csrf, sessionId);
}

/** Constant-time check of a submitted token against the session's. */
export function checkCsrf(keys: WebKeys, sessionId: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length === 0 || submitted.length > 200) return false;
  const expected = Buffer.from(csrfToken(keys, sessionId));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const recordSchema = z.object({ accountId: z.string().min(1), createdAt: z.number().int() });
const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export interface WebSession {
  id: string;
  account: Account;
}

export async function createSession(
  deps: CoreDeps,
  keys: WebKeys,
  accountId: string,
  ttlMs: number,
): Promise<string> {
  const id = deps.random.token(32);
  const now = deps.clock.now();
  await deps.store.putRecord(
    'web_session',
    hmac(keys.record, id),
    JSON.stringify({ accountId, createdAt: now }),
    now + ttlMs,
  );
  return id;
}

/** The session behind a cookie value (already unsigned), or null when unknown, expired or its account is gone. */
export async function loadSession(deps: CoreDeps, keys: WebKeys, id: string): Promise<WebSession | null> {
  if (!sessionIdSchema.safeParse(id).success) return null;
  const raw = await deps.store.getRecord('web_session', hmac(keys.record, id), deps.clock.now());
  const record = recordOf(recordSchema, raw);
  if (record === null) return null;
  const account = await deps.store.getAccount(record.accountId);
  return account ? { id, account } : null;
}

export async function endSession(deps: CoreDeps, keys: WebKeys, id: string): Promise<void> {
  if (sessionIdSchema.safeParse(id).success)
    await deps.store.deleteRecord('web_session', hmac(keys.record, id));
}
