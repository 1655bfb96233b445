import {
  type Account,
  type Actor,
  buildInviteLink,
  type RequestSource,
  requestConnection,
  viewerState,
} from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { type InviteView, inviteCard } from './cards.js';
import { type BotContext, errorText } from './context.js';
import type { Card } from './transport.js';

/**
 * The invite card as one viewer sees it, before (`refresh`) and after [Add to contacts]. The
 * states come from the core (`viewerState`, `requestConnection`), exactly as on Slack: own link,
 * contact, already asked, a registered stranger, and someone seen for the first time, whose click
 * registers them and sends the request at once (sign up and connect).
 */

export async function viewInvite(ctx: BotContext, actor: Actor, owner: Account): Promise<Card> {
  const locale = actor.locale ?? 'en';
  const link = buildInviteLink(ctx.core.publicUrl, owner.handle);
  const viewer = await ctx.core.store.getAccountByIdentity(actor.identity);
  const state = await viewerState(ctx.core, viewer?.id ?? null, owner.id);
  return inviteCard(locale, owner, link, { state: state.ok ? state.value : null });
}

export async function addToContacts(
  ctx: BotContext,
  actor: Actor,
  owner: Account,
  source: RequestSource,
  context: string | null,
): Promise<Card> {
  const locale = actor.locale ?? 'en';
  const link = buildInviteLink(ctx.core.publicUrl, owner.handle);
  const name = owner.displayName;
  const sent = await requestConnection(ctx.core, {
    actor,
    target: { kind: 'account', accountId: owner.id },
    source,
    context,
  });
  let view: InviteView;
  if (sent.ok) {
    const { outcome, sender } = sent.value;
    if (outcome.status === 'connected')
      view = { state: 'contact', notice: { text: t(locale, 'viewer.connected', { name }), tone: 'good' } };
    else if (outcome.status === 'already_pending') view = { state: 'requested' };
    else
      view = {
        state: 'requested',
        notice: {
          text: sender.created
            ? t(locale, 'viewer.signed_up', { handle: sender.account.handle, name })
            : t(locale, 'viewer.sent', { name }),
          tone: 'good',
        },
      };
  } else if (sent.error.code === 'OWN_LINK') view = { state: 'own' };
  else if (sent.error.code === 'ALREADY_CONTACTS') view = { state: 'contact' };
  else {
    const viewer = await ctx.core.store.getAccountByIdentity(actor.identity);
    const state = await viewerState(ctx.core, viewer?.id ?? null, owner.id);
    view = {
      state: state.ok ? state.value : null,
      notice: { text: errorText(locale, sent.error, name), tone: 'attention' },
    };
  }
  ctx.telemetry.action('teams', 'click.add', sent.ok ? sent.value.outcome.status : sent.error.code);
  return inviteCard(locale, owner, link, view);
}
