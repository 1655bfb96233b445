import { adminSection, section } from '../../flows/admin.js';
import { homeDoc } from '../../flows/cards/home.js';
import { homeOf, type ListCursor } from '../../flows/clicks-lists.js';
import { type CoalescedRuns, coalescedRuns } from '../../runtime/coalesced-runs.js';
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

/** Per bot: who looked at their App Home in the last 30 minutes (only they get refreshes), refreshes running. */
const perBot = new WeakMap<BotContext, { lookers: SeenLately; refreshes: CoalescedRuns }>();
const stateOf = (ctx: BotContext) =>
  perBot.get(ctx) ??
  perBot.set(ctx, { lookers: new SeenLately(30 * 60_000, 10_000), refreshes: coalescedRuns() }).get(ctx)!;

/** Builds and publishes one user's App Home (`views.publish`): they are looking at it (opened it, acted on it). */
export async function publishHome(ctx: BotContext, user: SlackUser, teamId: string, opts: HomeOptions = {}) {
  stateOf(ctx).lookers.see(`${teamId}:${user.userId}`, ctx.deps.clock.now());
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

/**
 * Refreshes a user's App Home after a change, if they looked at it lately (anyone else sees the latest
 * state when they open it: `app_home_opened` publishes it). A burst of clicks (Accept on many requests in
 * a row) costs two publishes, not one per click (`coalescedRuns`).
 */
export function refreshHome(ctx: BotContext, user: SlackUser, teamId: string): Promise<void> {
  const { lookers, refreshes } = stateOf(ctx);
  if (!lookers.lately(`${teamId}:${user.userId}`, ctx.deps.clock.now())) return Promise.resolve();
  const key = `${user.enterpriseId ?? '-'}:${user.teamId}:${user.userId}:${teamId}`;
  return refreshes(key, () => buildHome(ctx, user, teamId, {}));
}
