import type { Actor, Locale } from '../../core/index.js';
import { acceptAllPreviewOf, blockedPage } from '../../flows/people.js';
import { t } from '../../i18n/catalog.js';
import type { BotContext } from './context.js';
import type { SlackInput } from './parse.js';
import { type Message, textMessage } from './render/cards.js';
import { acceptAllConfirmMessage, acceptAllModal, blockedMessage } from './render/people-lists.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;

/**
 * Navigation of the block list and bulk accept: [Show more] of `blocked`, and "Accept all (N)" in a
 * list or App Home, which asks before anything changes (in App Home, in a modal). Nothing here
 * changes the store; the confirmed click is the flow's `accept_all`.
 */
export async function navigatePeople(
  ctx: BotContext,
  input: ActionInput,
  click: { kind: 'blocked_page'; cursor: string } | { kind: 'accept_all_ask' },
  actor: Actor,
  locale: Locale,
  reply: (message: Message, replace: boolean) => Promise<void>,
): Promise<void> {
  if (click.kind === 'blocked_page') {
    const page = await blockedPage(ctx.deps, actor, click.cursor);
    if (page.ok) await reply(blockedMessage(locale, page.value), true);
    return;
  }
  const preview = await acceptAllPreviewOf(ctx.deps, actor);
  if (!preview.ok) return;
  if (preview.value.count === 0) return reply(textMessage(t(locale, 'people.accept_all.none')), false);
  if (input.container.type !== 'view') return reply(acceptAllConfirmMessage(locale, preview.value), true);
  const token = await ctx.tokens({ teamId: input.teamId });
  if (token && input.triggerId)
    await ctx.api.call(token, 'views.open', {
      trigger_id: input.triggerId,
      view: acceptAllModal(locale, preview.value),
    });
}
