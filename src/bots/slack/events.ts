import { inviteDoc } from '../../flows/cards/invite.js';
import { unfurlInvite } from '../../flows/invite-view.js';
import { personLeft } from '../../flows/platform-events.js';
import { type BotContext, localeOf } from './context.js';
import { publishHome } from './home.js';
import type { SlackInput } from './parse.js';
import { identityOf } from './profiles.js';
import { renderBlocks } from './render/document.js';

type EventOf<K extends SlackInput['kind']> = Extract<SlackInput, { kind: K }>;

/** Slack retries an event it thinks failed; its id, claimed in the store for a day, makes it a no-op. */
export async function firstDelivery(ctx: BotContext, eventId: string): Promise<boolean> {
  const now = ctx.deps.clock.now();
  return ctx.deps.store.claimOnce('idempotency', `slack:event:${eventId}`, now + 24 * 3_600_000, now);
}

export async function onHomeOpened(ctx: BotContext, e: EventOf<'home_opened'>): Promise<void> {
  if (e.tab !== 'home') return;
  await ctx.profiles.refresh(e.user, e.teamId);
  await publishHome(ctx, e.user, e.teamId);
}

/** `link_shared` for invite links → `chat.unfurl` with the profile card and [Add to contacts]. */
export async function onLinkShared(ctx: BotContext, e: EventOf<'link_shared'>): Promise<void> {
  const actor = await ctx.profiles.actor(e.user);
  const locale = localeOf(actor);
  const unfurls: Record<string, unknown> = {};
  for (const url of e.urls.slice(0, 5)) {
    const found = await unfurlInvite(ctx.deps, url);
    if (found) unfurls[url] = { blocks: renderBlocks(locale, inviteDoc({ ...found, state: null })) };
  }
  if (Object.keys(unfurls).length === 0) return;
  const token = await ctx.tokens({ teamId: e.teamId, enterpriseId: e.user.enterpriseId });
  if (!token) return;
  const where =
    e.channel === 'COMPOSER' || e.source === 'composer'
      ? { unfurl_id: e.unfurlId, source: e.source ?? 'composer' }
      : { channel: e.channel, ts: e.messageTs };
  await ctx.api.call(token, 'chat.unfurl', { ...where, unfurls });
}

/** `app_uninstalled` / `tokens_revoked` (bot): forget the installation and its token. */
export async function onUninstalled(
  ctx: BotContext,
  e: EventOf<'app_uninstalled'> | EventOf<'tokens_revoked'>,
): Promise<void> {
  if (e.kind === 'tokens_revoked' && e.botUserIds.length === 0) return;
  await ctx.installs?.remove(e);
  ctx.log.info({ teamId: e.teamId, event: e.kind }, 'slack installation removed');
}

/** `user_change` with `deleted: true`: the person left the workspace; their account is deactivated. */
export async function onUserLeft(ctx: BotContext, e: EventOf<'user_left'>): Promise<void> {
  if (await personLeft(ctx.deps, identityOf(e.user)))
    ctx.log.info({ teamId: e.teamId }, 'slack user left: deactivated');
}
