import { z } from 'zod';
import type { Clock, Locale, Random, StorePort } from '../core/index.js';
import { localeSchema } from '../core/index.js';
import type { ChatworkApi, ChatworkCredential, ChatworkMe } from './api.js';
import { type ChatworkLink, jsonOf, type LinkRecords, linkRecords } from './link-records.js';
import { consentUrl, newPkce, type OAuthClient } from './oauth.js';

/**
 * Linking a person (our account) to their chatwork.com account: OAuth2 with PKCE, or a personal
 * API token checked with `GET /me` first; disconnecting; and the credential for a call, refreshed
 * before the 15-minute access token runs out. Tokens are sealed before they are stored and never
 * leave this module except as the credential of a call.
 */

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
/** Refresh an access token this long before it expires. */
export const REFRESH_MARGIN_MS = 2 * 60_000;
const REFRESH_LOCK_MS = 30_000;

/** Path of the redirect route under PUBLIC_URL (register this URI with the OAuth client). */
export const REDIRECT_PATH = '/chatwork/oauth_redirect';

const stateSchema = z.object({ personId: z.string(), locale: localeSchema, verifier: z.string() });

export type LinkError =
  /** OAuth is not configured: link with a personal API token instead. */
  | { code: 'NOT_CONFIGURED' }
  /** Unknown, used or expired state (older than 10 minutes): start again. */
  | { code: 'STATE_INVALID' }
  /** The person pressed Deny on Chatwork's consent screen. */
  | { code: 'DENIED' }
  /** Chatwork refused the code or the token (401 on `GET /me`). */
  | { code: 'TOKEN_REFUSED' }
  | { code: 'RATE_LIMITED'; resetAt: number }
  | { code: 'UNAVAILABLE' };

export type Linked = {
  ok: true;
  personId: string;
  locale: Locale | null;
  me: ChatworkMe;
  link: ChatworkLink;
};
export type LinkOutcome = Linked | { ok: false; error: LinkError; locale: Locale | null };

export type CredentialResult =
  | { ok: true; credential: ChatworkCredential; link: ChatworkLink }
  | {
      ok: false;
      error: { code: 'NOT_LINKED' } | { code: 'BROKEN'; link: ChatworkLink } | { code: 'UNAVAILABLE' };
    };

/** Seals tokens at rest (main passes `tokenSealer(SECRET_KEY, 'chatwork-token')` from src/runtime/sealing.ts). */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string | null;
}

export interface ChatworkLinkingDeps {
  store: StorePort;
  clock: Clock;
  random: Random;
  api: ChatworkApi;
  /** Null when CHATWORK_CLIENT_ID/SECRET are not set. */
  oauth: OAuthClient | null;
  sealer: Sealer;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
}

export type ChatworkLinking = ReturnType<typeof chatworkLinking>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function chatworkLinking(deps: ChatworkLinkingDeps) {
  const { store, clock, random, api, sealer } = deps;
  const records: LinkRecords = linkRecords(store, clock);
  const redirectUri = `${deps.publicUrl}${REDIRECT_PATH}`;

  function linkFrom(
    personId: string,
    me: ChatworkMe,
    parts: Pick<ChatworkLink, 'kind' | 'token' | 'refreshToken' | 'accessExpiresAt'>,
  ): ChatworkLink {
    return {
      v: 1,
      linkId: random.id('cwl'),
      personId,
      accountId: me.account_id,
      chatworkId: me.chatwork_id,
      name: me.name,
      organizationName: me.organization_name,
      status: 'active',
      linkedAt: clock.now(),
      ...parts,
    };
  }

  function meFailure(error: { code: string; resetAt?: number }): LinkError {
    if (error.code === 'unauthorized') return { code: 'TOKEN_REFUSED' };
    if (error.code === 'rate_limited') return { code: 'RATE_LIMITED', resetAt: error.resetAt ?? clock.now() };
    return { code: 'UNAVAILABLE' };
  }

  /** Marks the link broken (the poller stops); returns it, or null when it is gone or relinked. */
  async function markBroken(personId: string, linkId: string): Promise<ChatworkLink | null> {
    const link = await records.get(personId);
    if (!link || link.linkId !== linkId) return null;
    const broken: ChatworkLink = { ...link, status: 'broken' };
    return (await records.putIfCurrent(broken)) ? broken : null;
  }

  /** The link cannot be used any more (refused, or sealed under another SECRET_KEY): mark it and say so. */
  async function brokenResult(link: ChatworkLink): Promise<CredentialResult> {
    const broken = await markBroken(link.personId, link.linkId);
    return broken
      ? { ok: false, error: { code: 'BROKEN', link: broken } }
      : { ok: false, error: { code: 'NOT_LINKED' } };
  }

  async function refreshed(link: ChatworkLink): Promise<CredentialResult> {
    const refreshToken = link.refreshToken === null ? null : sealer.open(link.refreshToken);
    if (!deps.oauth || refreshToken === null) return brokenResult(link);
    const result = await deps.oauth.refresh({ refreshToken, now: clock.now() });
    if (!result.ok)
      return result.error.code === 'unavailable'
        ? { ok: false, error: { code: 'UNAVAILABLE' } }
        : brokenResult(link);
    const next: ChatworkLink = {
      ...link,
      token: sealer.seal(result.tokens.accessToken),
      refreshToken: result.tokens.refreshToken === null ? null : sealer.seal(result.tokens.refreshToken),
      accessExpiresAt: result.tokens.expiresAt,
    };
    if (!(await records.putIfCurrent(next))) return { ok: false, error: { code: 'NOT_LINKED' } };
    return { ok: true, credential: { kind: 'bearer', token: result.tokens.accessToken }, link: next };
  }

  const fresh = (link: ChatworkLink) =>
    link.accessExpiresAt === null || link.accessExpiresAt - clock.now() > REFRESH_MARGIN_MS;

  async function credentialOf(link: ChatworkLink): Promise<CredentialResult> {
    const token = sealer.open(link.token);
    if (token === null) return brokenResult(link);
    return { ok: true, credential: { kind: link.kind === 'oauth' ? 'bearer' : 'api_token', token }, link };
  }

  return {
    records,
    redirectUri,
    oauthConfigured: deps.oauth !== null,

    /** Chatwork's consent URL for this person, with a one-time state (10 minutes) bound to them. */
    async startOAuth(
      personId: string,
      locale: Locale,
    ): Promise<{ ok: true; url: string } | { ok: false; error: { code: 'NOT_CONFIGURED' } }> {
      if (!deps.oauth) return { ok: false, error: { code: 'NOT_CONFIGURED' } };
      const pkce = newPkce(random);
      const state = random.token(24);
      const value = JSON.stringify({ personId, locale, verifier: sealer.seal(pkce.verifier) });
      await store.putRecord('chatwork_oauth_state', state, value, clock.now() + OAUTH_STATE_TTL_MS);
      return {
        ok: true,
        url: consentUrl({ clientId: deps.oauth.clientId, redirectUri, state, challenge: pkce.challenge }),
      };
    },

    /** The redirect back from Chatwork: state → code exchange → `GET /me` → the link is kept. */
    async finishOAuth(query: { state?: string; code?: string; error?: string }): Promise<LinkOutcome> {
      if (!deps.oauth) return { ok: false, error: { code: 'NOT_CONFIGURED' }, locale: null };
      const raw = query.state
        ? await store.takeRecord('chatwork_oauth_state', query.state, clock.now())
        : null;
      const state = raw === null ? null : stateSchema.safeParse(jsonOf(raw));
      if (!state?.success) return { ok: false, error: { code: 'STATE_INVALID' }, locale: null };
      const { personId, locale } = state.data;
      if (query.error || !query.code)
        return {
          ok: false,
          error: { code: query.error === 'access_denied' ? 'DENIED' : 'TOKEN_REFUSED' },
          locale,
        };
      const verifier = sealer.open(state.data.verifier);
      if (verifier === null) return { ok: false, error: { code: 'STATE_INVALID' }, locale };
      const exchanged = await deps.oauth.exchangeCode({
        code: query.code,
        verifier,
        redirectUri,
        now: clock.now(),
      });
      if (!exchanged.ok)
        return {
          ok: false,
          error: { code: exchanged.error.code === 'refused' ? 'TOKEN_REFUSED' : 'UNAVAILABLE' },
          locale,
        };
      const { tokens } = exchanged;
      const me = await api.me({ kind: 'bearer', token: tokens.accessToken });
      if (!me.ok) return { ok: false, error: meFailure(me.error), locale };
      const link = linkFrom(personId, me.value, {
        kind: 'oauth',
        token: sealer.seal(tokens.accessToken),
        refreshToken: tokens.refreshToken === null ? null : sealer.seal(tokens.refreshToken),
        accessExpiresAt: tokens.expiresAt,
      });
      await records.put(link);
      return { ok: true, personId, locale, me: me.value, link };
    },

    /** A personal API token (`chatwork token …`): kept only after `GET /me` accepts it. */
    async linkApiToken(personId: string, apiToken: string): Promise<LinkOutcome> {
      const token = apiToken.trim();
      if (!/^[\x21-\x7e]{8,200}$/.test(token))
        return { ok: false, error: { code: 'TOKEN_REFUSED' }, locale: null };
      const me = await api.me({ kind: 'api_token', token });
      if (!me.ok) return { ok: false, error: meFailure(me.error), locale: null };
      const link = linkFrom(personId, me.value, {
        kind: 'api_token',
        token: sealer.seal(token),
        refreshToken: null,
        accessExpiresAt: null,
      });
      await records.put(link);
      return { ok: true, personId, locale: null, me: me.value, link };
    },

    /** Deletes the link and its tokens. */
    async disconnect(personId: string): Promise<{ removed: boolean }> {
      return { removed: await records.remove(personId) };
    },

    getLink: (personId: string) => records.get(personId),
    shownLink: (personId: string) => records.shown(personId),
    markBroken,

    /** The credential for a call on the person's behalf; an OAuth token is refreshed first when near expiry. */
    async credentialFor(personId: string): Promise<CredentialResult> {
      const link = await records.get(personId);
      if (!link) return { ok: false, error: { code: 'NOT_LINKED' } };
      if (link.status === 'broken') return { ok: false, error: { code: 'BROKEN', link } };
      if (fresh(link)) return credentialOf(link);
      // One refresh at a time per person (a used refresh token may not work twice): others wait for it.
      const now = clock.now();
      if (await store.claimOnce('chatwork_lease', `refresh:${personId}`, now + REFRESH_LOCK_MS, now)) {
        try {
          return await refreshed(link);
        } finally {
          await store.deleteRecord('chatwork_lease', `refresh:${personId}`);
        }
      }
      for (let i = 0; i < 50; i++) {
        await sleep(20);
        const again = await records.get(personId);
        if (!again) return { ok: false, error: { code: 'NOT_LINKED' } };
        if (again.status === 'broken') return { ok: false, error: { code: 'BROKEN', link: again } };
        if (fresh(again)) return credentialOf(again);
      }
      return { ok: false, error: { code: 'UNAVAILABLE' } };
    },
  };
}
