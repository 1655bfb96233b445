import { z } from 'zod';
import {
  type Actor,
  BoundedMap,
  type CoreDeps,
  isStoreUnavailable,
  type Locale,
  toLocale,
} from '../../core/index.js';
import { profileRead } from '../../flows/platform-events.js';
import { recordOf } from '../../runtime/json.js';
import { within } from '../../runtime/within.js';
import type { SlackApi } from './api.js';
import type { TokenSource } from './installations.js';
import type { SlackUser } from './parse.js';

/**
 * Display names, other names and locales from `users.info` (`include_locale`), cached in
 * `profile_cache` records. The ack path only reads the cache and fills a miss in the background, with
 * one exception: a newcomer's first command waits for it, bounded (`FIRST_CONTACT_WAIT_MS`). Without a profile: the account we know, then the payload's user name and English.
 */
export const PROFILE_TTL_MS = 24 * 3_600_000;

/**
 * How long a newcomer's first command (or [Add to contacts]) waits for their Slack profile
 * (`users.info`), so they are registered with their real name, a handle folded from it, and answered
 * in their language. Past it, they are registered with the payload's user name; the profile corrects
 * the name when it comes.
 */
export const FIRST_CONTACT_WAIT_MS = 1_500;

/** `others`: the person's other names (username, real name), for a handle when `name` has no letters for one. */
const cachedSchema = z.object({
  name: z.string(),
  locale: z
    .string()
    .nullable()
    .transform((l): Locale | null => (l ? toLocale(l) : null)),
  others: z.array(z.string()).optional(),
  /** A workspace admin or owner (`is_admin`, `is_owner`), and when that was read. */
  admin: z.boolean().optional(),
  readAt: z.number().optional(),
});
const usersInfoSchema = z.object({
  user: z.object({
    name: z.string().nullish(),
    real_name: z.string().nullish(),
    locale: z.string().nullish(),
    deleted: z.boolean().nullish(),
    is_admin: z.boolean().nullish(),
    is_owner: z.boolean().nullish(),
    /** Enterprise Grid: the person's role in the whole organisation. */
    enterprise_user: z.object({ is_admin: z.boolean().nullish(), is_owner: z.boolean().nullish() }).nullish(),
    profile: z
      .object({
        display_name: z.string().nullish(),
        real_name: z.string().nullish(),
        email: z.string().nullish(),
      })
      .nullish(),
  }),
});

export const identityOf = (u: SlackUser) => ({
  platform: 'slack' as const,
  ...(u.enterpriseId ? { enterpriseId: u.enterpriseId } : {}),
  teamId: u.teamId,
  userId: u.userId,
});

const cacheKey = (u: SlackUser) => `slack:${u.enterpriseId ?? '-'}:${u.teamId}:${u.userId}`;

/**
 * Profiles seen lately, kept in memory: for `PROFILE_MEMO_MS` they are used without asking the store
 * again (every command and click reads the profile, and refreshes it after the ack), and after that
 * only when the store is unreachable, so an outage still answers in the person's language.
 */
const RECENT_MAX = 10_000;
export const PROFILE_MEMO_MS = 60_000;
/**
 * How long after a failed `users.info` (rate limited, missing scope, Slack down) that person's profile
 * is not asked for again: without it every command and click would call Slack again, and a rate
 * limit would feed itself.
 */
export const PROFILE_RETRY_AFTER_MS = 60_000;
/**
 * An admin command trusts a profile's admin flag read this long ago at most; an older one is read
 * again first (one `users.info`), so a demoted admin loses the admin commands within minutes.
 */
export const ADMIN_FRESH_MS = 10 * 60_000;

type Profile = z.output<typeof cachedSchema>;

export function profileCache(deps: CoreDeps, api: SlackApi, tokens: TokenSource) {
  const recent = new BoundedMap<string, Profile & { until: number }>(RECENT_MAX);
  const remember = (key: string, p: Profile) =>
    recent.set(key, { ...p, until: deps.clock.now() + PROFILE_MEMO_MS });

  const refreshing = new Map<string, Promise<void>>();
  /** After `users.info` fails for someone, their next requests do not ask again for a while. */
  const failedUntil = new BoundedMap<string, number>(RECENT_MAX);
  const failed = (key: string) => failedUntil.set(key, deps.clock.now() + PROFILE_RETRY_AFTER_MS);

  async function cached(u: SlackUser): Promise<Profile | null> {
    const key = cacheKey(u);
    const now = deps.clock.now();
    const seen = recent.get(key);
    if (seen && seen.until > now) return seen;
    const hit = recordOf(cachedSchema, await deps.store.getRecord('profile_cache', key, now));
    if (hit) remember(key, hit);
    return hit;
  }

  /** `users.info` → the cache, and a registered account's name and locale. */
  async function fill(u: SlackUser, apiTeamId: string, again = false): Promise<void> {
    if (!again && (await cached(u))) return;
    const token = await tokens({ teamId: apiTeamId, enterpriseId: u.enterpriseId });
    if (!token) return;
    const res = await api.call(token, 'users.info', { user: u.userId, include_locale: true });
    const info = res.ok ? usersInfoSchema.safeParse(res.data) : null;
    if (!info?.success) {
      failed(cacheKey(u));
      return;
    }
    const user = info.data.user;
    const name =
      user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || u.userId;
    const locale = user.locale ?? null;
    const others = [...new Set([user.real_name, user.profile?.real_name, user.name])].filter(
      (n): n is string => !!n && n !== name,
    );
    // A Grid member's organisation is the enterprise: only its admins and owners set its policy.
    const role = u.enterpriseId ? user.enterprise_user : user;
    const admin = role?.is_admin === true || role?.is_owner === true;
    const readAt = deps.clock.now();
    remember(cacheKey(u), { name, locale: locale ? toLocale(locale) : null, others, admin, readAt });
    await deps.store.putRecord(
      'profile_cache',
      cacheKey(u),
      JSON.stringify({ name, locale, others, admin, readAt }),
      readAt + PROFILE_TTL_MS,
    );
    const person = {
      identity: identityOf(u),
      displayName: name,
      ...(locale ? { locale: toLocale(locale) } : {}),
    };
    await profileRead(deps, person, user.profile?.email ?? null);
  }

  return {
    /**
     * The person acting, from the cache or what we already know; never calls Slack. When the store
     * is unreachable, from memory (or the payload), so the use case can answer STORE_UNAVAILABLE in
     * the person's language. `registered` is said only when the profile is not cached: false for
     * someone never seen (see `FIRST_CONTACT_WAIT_MS`).
     */
    async actor(
      u: SlackUser,
      labelHint?: string | null,
    ): Promise<Actor & { known: boolean; registered?: boolean }> {
      const identity = identityOf(u);
      let hit: Profile | null;
      try {
        hit = await cached(u);
      } catch (e) {
        if (!isStoreUnavailable(e)) throw e;
        const seen = recent.get(cacheKey(u));
        return {
          identity,
          displayName: seen?.name ?? labelHint ?? u.name ?? u.userId,
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
      const displayName = account?.displayName ?? labelHint ?? u.name ?? u.userId;
      return {
        identity,
        displayName,
        ...(account ? { locale: account.locale } : {}),
        known: false,
        registered: account !== null,
      };
    },
    /**
     * The person acting, without the cache flags. Someone never seen (no profile, no account) first
     * gets `refreshing` (their `users.info`) at most `FIRST_CONTACT_WAIT_MS`; null: do not wait.
     */
    async firstContact(u: SlackUser, refreshing: Promise<void> | null): Promise<Actor> {
      let found = await this.actor(u);
      if (refreshing && !found.known && found.registered === false) {
        await within(refreshing, FIRST_CONTACT_WAIT_MS);
        found = await this.actor(u);
      }
      const { known: _, registered: __, ...actor } = found;
      return actor;
    },
    /**
     * Fills the cache from `users.info` and updates a registered account's name and locale. A burst
     * of requests from someone not cached yet shares one refresh (one `users.info`, one write).
     */
    refresh(u: SlackUser, apiTeamId: string, again = false): Promise<void> {
      const key = cacheKey(u);
      const running = refreshing.get(key);
      if (running) return running;
      if ((failedUntil.get(key) ?? 0) > deps.clock.now()) return Promise.resolve();
      const started = fill(u, apiTeamId, again).finally(() => refreshing.delete(key));
      refreshing.set(key, started);
      return started;
    },
    /**
     * An admin or owner of the person's workspace (of their Grid organisation, for its members), from
     * the profile `users.info` gave (no extra call); read again first when that is older than `maxAgeMs`
     * (`ADMIN_FRESH_MS` for a change; App Home shows the section on the cached word). False when Slack
     * cannot say.
     */
    async isAdmin(u: SlackUser, apiTeamId: string, maxAgeMs = ADMIN_FRESH_MS): Promise<boolean> {
      const fresh = (p: Profile | null) => p?.readAt !== undefined && p.readAt + maxAgeMs > deps.clock.now();
      const hit = await cached(u);
      if (fresh(hit)) return hit?.admin === true;
      await this.refresh(u, apiTeamId, true);
      const again = await cached(u);
      return fresh(again) && again?.admin === true;
    },
  };
}
export type ProfileCache = ReturnType<typeof profileCache>;
