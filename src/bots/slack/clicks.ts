import { assertNever, type Locale } from '../../core/index.js';
import { inviteDoc } from '../../flows/cards/invite.js';
import { settledDoc } from '../../flows/cards/requests.js';
import { type ClickResult, type ClickView, clickFailed, runClick } from '../../flows/clicks.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { updateStoredCard } from './cardstore.js';
import { handleChatworkClick } from './chatwork.js';
import { contextOf } from './commands.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import { publishHome, refreshHome } from './home.js';
import { isNavigation, navigate } from './navigation.js';
import type { SlackInput } from './parse.js';
import { renderMessage } from './render/document.js';
import { type Message, said, textMessage } from './render/mrkdwn.js';
import { readClick } from './values.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;

/** Answers the clicker where they clicked: an ephemeral reply, the card itself, or their App Home. */
async function reply(ctx: BotContext, input: ActionInput, message: Message, replace = false): Promise<void> {
  if (input.container.type === 'view')
    return publishHome(ctx, input.user, input.teamId, { notice: message.text });
  if (input.responseUrl) {
    await ctx.api.respond(input.responseUrl, {
      response_type: 'ephemeral',
      replace_original: replace,
      ...message,
    });
    return;
  }
  const token = await ctx.tokens({ teamId: input.teamId });
  const to = { channel: input.container.channelId, user: input.user.userId };
  if (token && to.channel) await ctx.api.call(token, 'chat.postEphemeral', { ...to, ...message });
}

/** A flow's view of a click, in Block Kit (a settled request card replaces the clicked one). */
function render(locale: Locale, view: ClickView): Message {
  switch (view.kind) {
    case 'said':
      return textMessage(said(locale, view.text));
    case 'settled':
      return renderMessage(locale, settledDoc(view.card), 'dm');
    case 'invite': {
      const { owner, link } = view.invite;
      return view.said
        ? textMessage(said(locale, view.said))
        : renderMessage(locale, inviteDoc({ owner, link, state: null }));
    }
    case 'searchable':
      return textMessage(t(locale, view.on ? 'slack.searchable.on' : 'slack.searchable.off'));
    case 'outdated':
      return textMessage(t(locale, 'slack.invalid_click'));
    case 'doc':
      return renderMessage(locale, view.doc);
    default:
      return assertNever(view);
  }
}

/** After the ack: the answer, the request's card elsewhere (its DM), then App Home. */
async function show(ctx: BotContext, input: ActionInput, locale: Locale, result: ClickResult): Promise<void> {
  await reply(ctx, input, render(locale, result.view), result.view.kind === 'settled');
  const settled = result.settled;
  if (settled && result.view.kind !== 'settled') ctx.later(() => updateStoredCard(ctx, settled.request));
  if (result.changed && input.container.type !== 'view')
    ctx.later(() => refreshHome(ctx, input.user, input.teamId));
}

/**
 * `block_actions`. An acknowledgement is a promise: a click that changes something runs its flow
 * (the transition is stored) before the ack leaves; only the answer to the clicker, card updates and
 * App Home follow it. The same click delivered twice (same `action_ts`) does nothing the second time:
 * Slack does not retry interactivity, so a second copy can only be a replay of the signed request
 * within its 5-minute window; this process remembers the clicks it saw in that window, and a copy
 * that reaches another instance changes nothing either, because every decision is checked in the
 * store (ALREADY_DECIDED, already pending).
 */
export async function handleAction(
  ctx: BotContext,
  input: ActionInput,
  ack: () => Promise<void>,
): Promise<void> {
  const key = `${input.user.teamId}:${input.user.userId}:${input.actionId}:${input.actionTs}`;
  if (input.actionTs && !ctx.clicksSeen.firstTime(key, ctx.deps.clock.now())) return ack();
  const click = readClick(input.actionId, input.value, contextOf(input.channelName, input.teamDomain));
  const refreshing = ctx.profiles.refresh(input.user, input.teamId);
  ctx.later(() => refreshing);
  // Someone never seen whose click registers them: their real name and language first, as for a command.
  const actor = await ctx.profiles.firstContact(input.user, click.kind === 'add' ? refreshing : null);
  if (click.kind === 'chatwork') return handleChatworkClick(ctx, input, click.decide, actor, ack);
  const locale = localeOf(actor);
  if (isNavigation(click)) {
    await ack();
    await navigate(ctx, input, click, actor, locale, (m, replace) => reply(ctx, input, m, replace));
    ctx.telemetry.action('slack', `click.${click.kind}`, 'ok');
    return;
  }
  const result = await runFlow(
    flowRun(ctx, `click.${click.kind}`),
    () => runClick(ctx.deps, actor, click),
    clickFailed,
  );
  await ack();
  await show(ctx, input, locale, result);
}
