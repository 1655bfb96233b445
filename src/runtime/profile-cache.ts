import { z } from 'zod';
import {
  type Actor,
  BoundedMap,
  type CoreDeps,
  type Identity,
  isStoreUnavailable,
  type Locale,
  toLocale,
} from '../core/index.js';
import { recordOf } from './json.js';
import { within } from './within.js';

/**
 * People's platform profiles (display name, other names, locale, admin flag), cached in `profile_cache`
 * records for `PROFILE_TTL_MS`: when to read a profile again, how long a newcomer waits for theirs, one
 * read at a time per person. Nothing platform specific: the platform gives its one profile call
 * (`ProfileSource.read`, e.g. Slack's `users.info`). The ack path only reads the cache and fills a miss
 * in the background, except a newcomer's first contact, which waits for it (`FIRST_CONTACT_WAIT_MS`).
 * Without a profile: the account we know, then the payload's name and English.
 */
export const PROFILE_TTL_MS = 24 * 3_600_000;

/**
 * How long a newcomer's first command (or [Add to contacts]) waits for their profile, so they are
 * registered with their real name, a handle folded from it, and answered in their language. Past it,
 * they are registered with the payload's name; the profile corrects the name when it comes.
 */
export const FIRST_CONTACT_WAIT_MS = 1_500;

/**
 * Profiles seen lately, kept in memory: for `PROFILE_MEMO_MS` they are used without asking the store
 * again (every command and click reads the profile, and refreshes it after the ack), and after that
 * only when the store is unreachable, so an outage still answers in the person's language.
 */
export const PROFILE_MEMO_MS = 60_000;
const RECENT_MAX = 10_000;

/**
 * How long after a failed profile read (rate limited, missing scope, platform down) that person's
 * profile is not asked for again: without it every command and click would call the platform again,
 * and a rate limit would feed itself.
 */
export const PROFILE_RETRY_AFTER_MS = 60_000;

/**
 * An admin command trusts a profile's admin flag read this long ago at most; an older one is read
 * again first, so a demoted admin loses the admin commands within minutes.
 */
export const ADMIN_FRESH_MS = 10 * 60_000;

/** `others`: the person's other names, for a handle when `name` has no letters for one. */
const cachedSchema = z.object({
  name: z.string(),
  locale: z
    .string()
    .nullable()
    .transform((l): Locale | null => (l ? toLocale(l) : null)),
  others: z.array(z.string()).optional(),
  /** An admin or owner of the person's organisation, and when that was read. */
  admin: z.boolean().optional(),
  readAt: z.number().optional(),
});
type Profile = z.output<typeof cachedSchema>;

/** One profile as the platform gave it; `locale` as the platform wrote it (`ja-JP`). */
export interface ProfileRead {
  name: string;
  locale: string | null;
  others: string[];
  admin: boolean;
  email: string | null;
}

/** What a platform tells the cache about a person `U` (as its payloads name them). */
export interface ProfileSource<U> {
  /** The person's `profile_cache` key. */
  keyOf(u: U): string;
  identityOf(u: U): Identity;
  /** The name the payload gave (or an id): the last fallback. */
  nameOf(u: U): string;
  /** One profile read through the installation of `where`; 'failed' is not asked again for a while, null: no installation. */
  read(u: U, where: string): Promise<ProfileRead | 'failed' | null>;
  /** A profile read corrects the person's account (name, language, e-mail domain); never registers anyone. */
  corrects(person: Actor, email: string | null): Promise<unknown>;
}

export function profileCache<U>(deps: CoreDeps, source: ProfileSource<U>) {
  const recent = new BoundedMap<string, Profile & { until: number }>(RECENT_MAX);
  const remember = (key: string, p: Profile) =>
    recent.set(key, { ...p, until: deps.clock.now() + PROFILE_MEMO_MS });
  const refreshing = new Map<string, Promise<void>>();
  const failedUntil = new BoundedMap<string, number>(RECENT_MAX);
  const done = Promise.resolve();

  async function cached(u: U): Promise<Profile | null> {
    const key = source.keyOf(u);
    const now = deps.clock.now();
    const seen = recent.get(key);
    if (seen && seen.until > now) return seen;
    const hit = recordOf(cachedSchema, await deps.store.getRecord('profile_cache', key, now));
    if (hit) remember(key, hit);
    return hit;
  }

  /** The platform's profile → the cache, and a registered account's name and locale. */
  async function fill(u: U, where: string, again: boolean): Promise<void> {
    if (!again && (await cached(u))) return;
    const read = await source.read(u, where);
    if (read === null) return;
    const key = source.keyOf(u);
    if (read === 'failed') {
      failedUntil.set(key, deps.clock.now() + PROFILE_RETRY_AFTER_MS);
      return;
    }
    const { name, locale, others, admin } = read;
    const readAt = deps.clock.now();
    remember(key, { name, locale: locale ? toLocale(locale) : null, others, admin, readAt });
    const record = JSON.stringify({ name, locale, others, admin, readAt });
    await deps.store.putRecord('profile_cache', key, record, readAt + PROFILE_TTL_MS);
    const person = { identity: source.identityOf(u), displayName: name };
    await source.corrects(locale ? { ...person, locale: toLocale(locale) } : person, read.email);
  }

  return {
    /**
     * The person acting, from the cache or what we already know; never calls the platform. When the
     * store is unreachable, from memory (or the payload), so the use case can answer STORE_UNAVAILABLE
     * in the person's language. `registered` is said only when the profile is not cached: false for
     * someone never seen (see `FIRST_CONTACT_WAIT_MS`).
     */
    async actor(u: U, labelHint?: string | null): Promise<Actor & { known: boolean; registered?: boolean }> {
      const identity = source.identityOf(u);
      let hit: Profile | null;
      try {
        hit = await cached(u);
      } catch (e) {
        if (!isStoreUnavailable(e)) throw e;
        const seen = recent.get(source.keyOf(u));
        return {
          identity,
          displayName: seen?.name ?? labelHint ?? source.nameOf(u),
          ...(seen?.locale ? { locale: seen.locale } : {}),
          known: false,
        };
      }
      if (hit)
        return {
          identity,
          displayName: hit.name,
          ...(hit.locale ? { locale: hit.locale } : {}),
          ...(hit.others?.length ? { otherNames: hit.others } : {}),
          known: true,
        };
      const account = await deps.store.getAccountByIdentity(identity);
      return {
        identity,
        displayName: account?.displayName ?? labelHint ?? source.nameOf(u),
        ...(account ? { locale: account.locale } : {}),
        known: false,
        registered: account !== null,
      };
    },
    /**
     * The person acting, without the cache flags. Someone never seen (no profile, no account) first
     * gets `refreshing` (their profile read) at most `FIRST_CONTACT_WAIT_MS`; null: do not wait.
     */
    async firstContact(u: U, refreshing: Promise<void> | null): Promise<Actor> {
      let found = await this.actor(u);
      if (refreshing && !found.known && found.registered === false) {
        await within(refreshing, FIRST_CONTACT_WAIT_MS);
        found = await this.actor(u);
      }
      const { known: _, registered: __, ...actor } = found;
      return actor;
    },
    /**
     * Fills the cache from the platform (`again`: even when cached) and updates a registered account's
     * name and locale. A burst of requests from someone not cached yet shares one read and one write.
     */
    refresh(u: U, where: string, again = false): Promise<void> {
      const key = source.keyOf(u);
      const running = refreshing.get(key);
      if (running) return running;
      // Seen lately (every command and click refreshes): `fill` would stop at `cached` anyway.
      if (!again && (recent.get(key)?.until ?? 0) > deps.clock.now()) return done;
      if ((failedUntil.get(key) ?? 0) > deps.clock.now()) return Promise.resolve();
      const started = fill(u, where, again).finally(() => refreshing.delete(key));
      refreshing.set(key, started);
      return started;
    },
    /**
     * An admin or owner of the person's organisation, from the cached profile; read again first when
     * that is older than `maxAgeMs` (`ADMIN_FRESH_MS` for a change). False when the platform cannot say.
     */
    async isAdmin(u: U, where: string, maxAgeMs = ADMIN_FRESH_MS): Promise<boolean> {
      const fresh = (p: Profile | null) => p?.readAt !== undefined && p.readAt + maxAgeMs > deps.clock.now();
      const hit = await cached(u);
      if (fresh(hit)) return hit?.admin === true;
      await this.refresh(u, where, true);
      const again = await cached(u);
      return fresh(again) && again?.admin === true;
    },
  };
}
export type ProfileCache<U> = ReturnType<typeof profileCache<U>>;
