import { ensureAccount, listContacts, listRequests } from '../../core/index.js';
import { type BotContext, localeOf } from './context.js';
import type { SlackUser } from './parse.js';
import { homeView, PAGE } from './render/lists.js';

export interface HomeOptions {
  notice?: string;
  /** A "Show more" click: which list to page and from where. */
  cursor?: { list: 'incoming' | 'outgoing' | 'contacts'; cursor: string | null };
}

/** Builds and publishes one user's App Home (`views.publish`). Called on open and after every change. */
export async function publishHome(ctx: BotContext, user: SlackUser, teamId: string, opts: HomeOptions = {}) {
  const token = await ctx.tokens({
    teamId,
    ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
  });
  if (!token) return;
  const actor = await ctx.profiles.actor(user);
  const me = await ensureAccount(ctx.deps, actor);
  if (!me.ok) return;
  const locale = actor.locale ?? me.value.account.locale ?? localeOf(actor);
  const cursorFor = (list: 'incoming' | 'outgoing' | 'contacts') =>
    opts.cursor?.list === list ? opts.cursor.cursor : null;
  const [incoming, outgoing, contacts] = await Promise.all([
    listRequests(ctx.deps, actor, 'incoming', { limit: PAGE.incoming, cursor: cursorFor('incoming') }),
    listRequests(ctx.deps, actor, 'outgoing', { limit: PAGE.outgoing, cursor: cursorFor('outgoing') }),
    listContacts(ctx.deps, actor, { limit: PAGE.contacts, cursor: cursorFor('contacts') }),
  ]);
  if (!incoming.ok || !outgoing.ok || !contacts.ok) return;
  const view = homeView(locale, {
    me: me.value.account,
    link: me.value.link,
    incoming: incoming.value,
    outgoing: outgoing.value,
    contacts: contacts.value,
    teamId: user.teamId,
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
  await ctx.api.call(token, 'views.publish', { user_id: user.userId, view });
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
