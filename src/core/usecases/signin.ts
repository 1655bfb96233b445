import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import { ensureAccount } from './accounts.js';
import { type Actor, type CoreDeps, guardStore } from './deps.js';

/** One-time sign-in links for the web invite page, issued by the bots' `web` command. */
export const SIGN_IN = { ttlMs: 10 * 60_000, tokenBytes: 32, path: '/signin' } as const;

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const payloadSchema = z.object({ accountId: z.string().min(1) });

/** The store key of a token: its keyed hash, never the token itself. */
function recordKey(deps: CoreDeps, token: string): string {
  if (!deps.tokenDigest) throw new Error('CoreDeps.tokenDigest is not wired: sign-in links need it');
  return deps.tokenDigest(token);
}

function payloadOf(raw: string | null): Result<{ accountId: string }, { code: 'NOT_FOUND' }> {
  if (raw === null) return err({ code: 'NOT_FOUND' });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return err({ code: 'NOT_FOUND' });
  }
  const payload = payloadSchema.safeParse(json);
  return payload.success ? ok(payload.data) : err({ code: 'NOT_FOUND' });
}

/** `web`: a link valid for 10 minutes that works once and signs the actor in on the web page. */
export function issueSignInLink(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<
      Result<
        { url: string; expiresAt: number },
        { code: 'NO_HANDLE_AVAILABLE' } | { code: 'STORE_UNAVAILABLE' }
      >
    > => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const token = deps.random.token(SIGN_IN.tokenBytes);
      const expiresAt = deps.clock.now() + SIGN_IN.ttlMs;
      await deps.store.putRecord(
        'signin_token',
        recordKey(deps, token),
        JSON.stringify({ accountId: me.value.account.id }),
        expiresAt,
      );
      return ok({ url: `${deps.publicUrl}${SIGN_IN.path}?token=${token}`, expiresAt });
    },
  );
}

/** Whose a sign-in token is, without using it up (the confirmation page): `NOT_FOUND` when unknown, used or expired. */
export function peekSignInToken(deps: CoreDeps, token: string) {
  return guardStore(async (): Promise<Result<{ accountId: string }, { code: 'NOT_FOUND' }>> => {
    const parsed = tokenSchema.safeParse(token);
    if (!parsed.success) return err({ code: 'NOT_FOUND' });
    return payloadOf(
      await deps.store.getRecord('signin_token', recordKey(deps, parsed.data), deps.clock.now()),
    );
  });
}

/** Redeems a sign-in token: the account id the first time, `NOT_FOUND` when unknown, used or expired. */
export function redeemSignInToken(deps: CoreDeps, token: string) {
  return guardStore(async (): Promise<Result<{ accountId: string }, { code: 'NOT_FOUND' }>> => {
    const parsed = tokenSchema.safeParse(token);
    if (!parsed.success) return err({ code: 'NOT_FOUND' });
    return payloadOf(
      await deps.store.takeRecord('signin_token', recordKey(deps, parsed.data), deps.clock.now()),
    );
  });
}
