import { homeOf, type ListCursor } from '../../flows/clicks-lists.js';
import { withChatworkHome } from './chatwork.js';
import type { BotContext } from './context.js';
import type { SlackUser } from './parse.js';
import { homeView } from './render/lists.js';

export interface HomeOptions {
  notice?: string;
  /** A "Show more" click: which list to page and from where. */
  cursor?: ListCursor;
}

/** Builds and publishes one user's App Home (`views.publish`). Called on open and after every change. */
export async function publishHome(ctx: BotContext, user: SlackUser, teamId: string, opts: HomeOptions = {}) {
  const token = await ctx.tokens({ teamId, enterpriseId: user.enterpriseId });
  if (!token) return;
  const actor = await ctx.profiles.actor(user);
  const home = await homeOf(ctx.deps, actor, opts.cursor ?? null);
  if (!home.ok) return;
  const { me, incoming, outgoing, contacts, chatworkUrl } = home.value;
  const locale = actor.locale ?? me.account.locale;
  const view = homeView(locale, {
    me: me.account,
    link: me.link,
    incoming,
    outgoing,
    contacts,
    teamId: user.teamId,
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
  await ctx.api.call(token, 'views.publish', {
    user_id: user.userId,
    view: withChatworkHome(locale, view, chatworkUrl),
  });
}

/** Per bot: the App Home refreshes running now, by user, and whether another one was asked for meanwhile. */
const running = new WeakMap<BotContext, Map<string, { again: boolean; done: Promise<void> }>>();

/**
 * Refreshes a user's App Home after a change. A publish reads the latest state, so while one runs
 * for a user, further refreshes only ask for one more run after it: a burst of clicks (Accept on many
 * requests in a row) costs two publishes, not one per click, and stays within `views.publish` limits.
 */
export function refreshHome(ctx: BotContext, user: SlackUser, teamId: string): Promise<void> {
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
        await publishHome(ctx, user, teamId);
      } while (state.again);
    } finally {
      users.delete(key);
    }
  })();
  byUser.set(key, state);
  return state.done;
}
