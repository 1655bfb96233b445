import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import { ensureAccount } from './accounts.js';
import { type Actor, type CoreDeps, guardStore } from './deps.js';
import { mintOneTimeToken, readOneTimeToken } from './one-time-token.js';

/** One-time sign-in links for the web invite page, issued by the bots' `web` command. */
export const SIGN_IN = { ttlMs: 10 * 60_000, path: '/signin' } as const;

const payloadSchema = z.object({ accountId: z.string().min(1) });

const asResult = (p: { accountId: string } | null): Result<{ accountId: string }, { code: 'NOT_FOUND' }> =>
  p ? ok(p) : err({ code: 'NOT_FOUND' });

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
      const { token, expiresAt } = await mintOneTimeToken(
        deps,
        'signin_token',
        { accountId: me.value.account.id },
        SIGN_IN.ttlMs,
      );
      return ok({ url: `${deps.publicUrl}${SIGN_IN.path}?token=${token}`, expiresAt });
    },
  );
}

/** Whose a sign-in token is, without using it up (the confirmation page): `NOT_FOUND` when unknown, used or expired. */
export function peekSignInToken(deps: CoreDeps, token: string) {
  return guardStore(async () =>
    asResult(await readOneTimeToken(deps, 'signin_token', token, payloadSchema, 'peek')),
  );
}

/** Redeems a sign-in token: the account id the first time, `NOT_FOUND` when unknown, used or expired. */
export function redeemSignInToken(deps: CoreDeps, token: string) {
  return guardStore(async () =>
    asResult(await readOneTimeToken(deps, 'signin_token', token, payloadSchema, 'take')),
  );
}
