import { assertNever } from '../../core/index.js';
import { inviteDoc } from '../../flows/cards/invite.js';
import { unfurlInvite } from '../../flows/invite-view.js';
import { personLeft } from '../../flows/platform-events.js';
import { type BotContext, localeOf } from './context.js';
import { publishHome } from './home.js';
import type { SlackInput } from './parse.js';
import { identityOf } from './profiles.js';
import { renderBlocks } from './render/document.js';

/** An Events API event (`SLACK_EVENTS`), the only inputs with an `event_id`. */
type EventInput = Extract<SlackInput, { eventId: string }>;

/**
 * An acknowledged event. Slack retries an event it thinks failed; its id, claimed in the store for a
 * day, makes a retry a no-op. The work itself runs after the ack.
 */
export async function onEvent(ctx: BotContext, e: EventInput): Promise<void> {
  const now = ctx.deps.clock.now();
  if (await ctx.deps.store.claimOnce('idempotency', `slack:event:${e.eventId}`, now + 24 * 3_600_000, now))
    ctx.later(() => run(ctx, e));
  else ctx.log.debug({ eventId: e.eventId }, 'duplicate slack event ignored');
}

async function run(ctx: BotContext, e: EventInput): Promise<void> {
  switch (e.kind) {
    case 'home_opened':
      if (e.tab !== 'home') return;
      await ctx.profiles.refresh(e.user, e.teamId);
      return publishHome(ctx, e.user, e.teamId);
    case 'link_shared':
      return onLinkShared(ctx, e);
    case 'app_uninstalled':
    case 'tokens_revoked':
      // Forget the installation and its token; a `tokens_revoked` of user tokens only leaves it.
      if (e.kind === 'tokens_revoked' && e.botUserIds.length === 0) return;
      await ctx.installs?.remove(e);
      return ctx.log.info({ teamId: e.teamId, event: e.kind }, 'slack installation removed');
    case 'user_left':
      // `user_change` with `deleted: true`: the person left the workspace; their account is deactivated.
      if (await personLeft(ctx.deps, identityOf(e.user)))
        ctx.log.info({ teamId: e.teamId }, 'slack user left: deactivated');
      return;
    default:
      return assertNever(e);
  }
}

/** `link_shared` for invite links → `chat.unfurl` with the profile card and [Add to contacts]. */
async function onLinkShared(ctx: BotContext, e: Extract<EventInput, { kind: 'link_shared' }>): Promise<void> {
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
