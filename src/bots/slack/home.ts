import { adminSection, section } from '../../flows/admin.js';
import { homeDoc } from '../../flows/cards/home.js';
import { homeOf, type ListCursor } from '../../flows/clicks-lists.js';
import { PROFILE_TTL_MS } from '../../runtime/profile-cache.js';
import { SeenLately } from '../../runtime/seen-lately.js';
import type { BotContext } from './context.js';
import type { SlackUser } from './parse.js';
import { slackReach } from './render/commands.js';
import { homeView } from './render/views.js';

export interface HomeOptions {
  notice?: string;
  /** A "Show more" click: which list to page and from where. */
  cursor?: ListCursor;
}

/** Per bot: who looked at their App Home in the last 30 minutes (opened it, acted on it); only they get refreshes. */
const lookers = new WeakMap<BotContext, SeenLately>();
const lookersOf = (ctx: BotContext) =>
  lookers.get(ctx) ?? lookers.set(ctx, new SeenLately(30 * 60_000, 10_000)).get(ctx)!;

/** Builds and publishes one user's App Home (`views.publish`): they are looking at it (opened it, acted on it). */
export async function publishHome(ctx: BotContext, user: SlackUser, teamId: string, opts: HomeOptions = {}) {
  lookersOf(ctx).see(`${teamId}:${user.userId}`, ctx.deps.clock.now());
  await buildHome(ctx, user, teamId, opts);
}

async function buildHome(ctx: BotContext, user: SlackUser, teamId: string, opts: HomeOptions) {
  const token = await ctx.tokens({ teamId, enterpriseId: user.enterpriseId });
  if (!token) return;
  const actor = await ctx.profiles.actor(user);
  const home = await homeOf(ctx.deps, actor, opts.cursor ?? null);
  if (!home.ok) return;
  const { me, ...lists } = home.value;
  const locale = actor.locale ?? me.account.locale;
  const doc = homeDoc(
    { ...lists, me: me.account, link: me.link },
    slackReach(user.teamId),
    ctx.deps.clock.now(),
  );
  // A workspace admin's Home closes with the admin section (their cached word: a change asks Slack again).
  const role = { isAdmin: () => ctx.profiles.isAdmin(user, teamId, PROFILE_TTL_MS) };
  const admin = await adminSection(ctx.deps, role, actor);
  const full = admin ? { ...doc, blocks: [...doc.blocks, ...section(admin)] } : doc;
  const view = homeView(locale, full, opts.notice);
  await ctx.api.call(token, 'views.publish', { user_id: user.userId, view });
}

/** Per bot: the App Home refreshes running now, by user, and whether another one was asked for meanwhile. */
const running = new WeakMap<BotContext, Map<string, { again: boolean; done: Promise<void> }>>();

/**
 * Refreshes a user's App Home after a change, if they looked at it lately. A publish reads the latest
 * state, so while one runs for a user, further refreshes only ask for one more run after it: a burst of
 * clicks (Accept on many requests in a row) costs two publishes, not one per click.
 */
export function refreshHome(ctx: BotContext, user: SlackUser, teamId: string): Promise<void> {
  // Anyone else sees the latest state when they open it (`app_home_opened` publishes it).
  if (!lookersOf(ctx).lately(`${teamId}:${user.userId}`, ctx.deps.clock.now())) return Promise.resolve();
  let byUser = running.get(ctx);
  if (!byUser) {
    byUser = new Map();
    running.set(ctx, byUser);
  }
  const key = `${user.enterpriseId ?? '-'}:${user.teamId}:${user.userId}:${teamId}`;
  const current = byUser.get(key);
  if (current) {
    current.again = true;
    return current.done;
  }
  const users = byUser;
  const state = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      do {
        state.again = false;
        await buildHome(ctx, user, teamId, {});
      } while (state.again);
    } finally {
      users.delete(key);
    }
  })();
  byUser.set(key, state);
  return state.done;
}
