import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Random } from '../core/index.js';

/**
 * Chatwork OAuth2, Authorization Code with PKCE S256: the consent URL, and the token endpoint
 * (`<oauthUrl>/token`, HTTP Basic client credentials) for a code and for a refresh. Failures are
 * values; no token or secret ever goes into one.
 */

/** Chatwork's consent screen (fixed by Chatwork; the browser goes there, never this server). */
export const CONSENT_URL = 'https://www.chatwork.com/packages/oauth2/login.php';

/** Reading my profile, reading and deciding my contact requests, and polling while I am away. */
export const SCOPES = ['users.profile.me:read', 'contacts.all:read_write', 'offline_access'] as const;

export interface Pkce {
  /** 43–128 characters of `[A-Za-z0-9-._~]`: 48 random bytes, base64url (64 characters). */
  verifier: string;
  /** base64url(SHA-256(verifier)). */
  challenge: string;
}

export const challengeOf = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

export function newPkce(random: Random): Pkce {
  const verifier = random.token(48);
  return { verifier, challenge: challengeOf(verifier) };
}

export function consentUrl(input: {
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
}): string {
  const url = new URL(CONSENT_URL);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('scope', SCOPES.join(' '));
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  token_type: z.string().nullish(),
  expires_in: z.number().int().positive().nullish(),
  scope: z.string().nullish(),
});

export interface TokenSet {
  accessToken: string;
  /** Null when Chatwork sent none (then the link ends with the access token). */
  refreshToken: string | null;
  /** Epoch ms. */
  expiresAt: number;
  scope: string;
}

/** `refused`: Chatwork said no (an expired or used code, a revoked refresh token, wrong client). */
export type TokenError = { code: 'refused'; error: string } | { code: 'unavailable'; reason: string };
export type TokenResult = { ok: true; tokens: TokenSet } | { ok: false; error: TokenError };

export interface OAuthClient {
  readonly clientId: string;
  exchangeCode(input: {
    code: string;
    verifier: string;
    redirectUri: string;
    now: number;
  }): Promise<TokenResult>;
  refresh(input: { refreshToken: string; now: number }): Promise<TokenResult>;
}

/** Access tokens live 15 minutes; an answer without `expires_in` is taken to mean that. */
const DEFAULT_ACCESS_TTL_S = 900;

export function oauthClient(opts: {
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}): OAuthClient {
  const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64');

  async function post(
    form: Record<string, string>,
    now: number,
    keepRefresh: string | null,
  ): Promise<TokenResult> {
    let res: Response;
    try {
      res = await fetch(`${opts.oauthUrl}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch {
      return { ok: false, error: { code: 'unavailable', reason: 'network error' } };
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.status >= 500 || res.status === 429)
      return { ok: false, error: { code: 'unavailable', reason: `HTTP ${res.status}` } };
    if (res.status !== 200) {
      const error = z.object({ error: z.string() }).safeParse(json);
      return {
        ok: false,
        error: { code: 'refused', error: error.success ? error.data.error : `HTTP ${res.status}` },
      };
    }
    const parsed = tokenAnswer.safeParse(json);
    if (!parsed.success)
      return { ok: false, error: { code: 'unavailable', reason: 'unexpected token answer' } };
    const t = parsed.data;
    return {
      ok: true,
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token ?? keepRefresh,
        expiresAt: now + (t.expires_in ?? DEFAULT_ACCESS_TTL_S) * 1000,
        scope: t.scope ?? '',
      },
    };
  }

  return {
    clientId: opts.clientId,
    exchangeCode: ({ code, verifier, redirectUri, now }) =>
      post(
        { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
        now,
        null,
      ),
    refresh: ({ refreshToken, now }) =>
      post({ grant_type: 'refresh_token', refresh_token: refreshToken }, now, refreshToken),
  };
}
