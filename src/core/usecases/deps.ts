import { isStoreUnavailable } from '../errors.js';
import type { Clock, Random, StorePort } from '../ports.js';
import { err, type Result } from '../result.js';
import type { Identity, Locale } from '../types.js';

/** What every use case needs. Built once in main.ts (and in tests with a fixed clock and seeded random). */
export interface CoreDeps {
  store: StorePort;
  clock: Clock;
  random: Random;
  /** Base of invite links: `PUBLIC_URL`. */
  publicUrl: string;
  /**
   * The keyed hash (HMAC under SECRET_KEY) a one-time sign-in token is stored under, so the store never
   * holds a token that works. Wired in compose.ts; issuing or redeeming a link without it is a bug.
   */
  tokenDigest?: (token: string) => string;
}

/** The person acting, as an adapter saw them. `locale` is omitted when the platform did not say. */
export interface Actor {
  identity: Identity;
  displayName: string;
  locale?: Locale;
  /**
   * Other names the platform knows (a username, a real name). A first-time handle is folded from the
   * first of `displayName` and these that has letters a handle can use (a kanji name has none).
   */
  otherNames?: readonly string[];
}

export type StoreUnavailable = { code: 'STORE_UNAVAILABLE' };

/** Runs a use case body; a store that cannot be reached becomes a `STORE_UNAVAILABLE` value. */
export async function guardStore<T, E extends { code: string }>(
  body: () => Promise<Result<T, E>>,
): Promise<Result<T, E | StoreUnavailable>> {
  try {
    return await body();
  } catch (e) {
    if (isStoreUnavailable(e)) return err({ code: 'STORE_UNAVAILABLE' });
    throw e;
  }
}
