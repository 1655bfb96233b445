import { z } from 'zod';
import type { CoreDeps } from '../../core/index.js';
import { profileRead } from '../../flows/platform-events.js';
import * as cache from '../../runtime/profile-cache.js';
import type { SlackApi } from './api.js';
import type { TokenSource } from './installations.js';
import type { SlackUser } from './parse.js';

/**
 * Slack profiles: `users.info` (`include_locale`) read into the cache of `src/runtime/profile-cache.ts`,
 * which decides when to read, how long a newcomer's first command waits, and what to fall back on.
 */
const usersInfoSchema = z.object({
  user: z.object({
    name: z.string().nullish(),
    real_name: z.string().nullish(),
    locale: z.string().nullish(),
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

export function profileCache(deps: CoreDeps, api: SlackApi, tokens: TokenSource) {
  return cache.profileCache<SlackUser>(deps, {
    keyOf: (u) => `slack:${u.enterpriseId ?? '-'}:${u.teamId}:${u.userId}`,
    identityOf,
    nameOf: (u) => u.name ?? u.userId,
    corrects: (person, email) => profileRead(deps, person, email),
    async read(u, teamId) {
      const token = await tokens({ teamId, enterpriseId: u.enterpriseId });
      if (!token) return null;
      const res = await api.call(token, 'users.info', { user: u.userId, include_locale: true });
      const info = res.ok ? usersInfoSchema.safeParse(res.data) : null;
      if (!info?.success) return 'failed';
      const { user } = info.data;
      const name =
        user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || u.userId;
      const others = [...new Set([user.real_name, user.profile?.real_name, user.name])].filter(
        (n): n is string => !!n && n !== name,
      );
      // A Grid member's organisation is the enterprise: only its admins and owners set its policy.
      const role = u.enterpriseId ? user.enterprise_user : user;
      const admin = role?.is_admin === true || role?.is_owner === true;
      return { name, locale: user.locale ?? null, others, admin, email: user.profile?.email ?? null };
    },
  });
}
export type ProfileCache = cache.ProfileCache<SlackUser>;
