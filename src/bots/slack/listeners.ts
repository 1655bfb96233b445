import { assertNever, changeHandle } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { handleAction } from './clicks.js';
import { handleCommand } from './commands.js';
import { type BotContext, localeOf } from './context.js';
import { firstDelivery, onHomeOpened, onLinkShared, onUninstalled } from './events.js';
import { publishHome } from './home.js';
import type { SlackInput } from './parse.js';
import { CHANGE_HANDLE_CALLBACK } from './values.js';

export type Ack = (response?: Record<string, unknown>) => Promise<void>;

type SubmissionInput = Extract<SlackInput, { kind: 'view_submission' }>;

/** The Change modal of App Home: errors go back into the modal; success closes it and refreshes Home. */
async function onViewSubmission(ctx: BotContext, input: SubmissionInput, ack: Ack): Promise<void> {
  if (input.callbackId !== CHANGE_HANDLE_CALLBACK) {
    await ack();
    return;
  }
  const actor = await ctx.profiles.actor(input.user);
  const locale = localeOf(actor);
  const changed = await changeHandle(ctx.deps, actor, input.handle);
  if (!changed.ok) {
    await ack({
      response_action: 'errors',
      errors: { handle: renderText(locale, { problem: changed.error }) },
    });
    return;
  }
  await ack();
  const { account, previous } = changed.value;
  const notice = t(locale, 'outcome.handle_changed', {
    handle: `\`${account.handle}\``,
    previous: `\`${previous}\``,
  });
  ctx.later(() => publishHome(ctx, input.user, input.teamId, { notice }));
}

/**
 * The one listener: every verified Slack request, from HTTP or Socket Mode, lands here as a parsed
 * `SlackInput`. Events are acked by Bolt before we see them; commands and clicks ack here.
 */
export async function dispatch(ctx: BotContext, input: SlackInput, ack: Ack): Promise<void> {
  switch (input.kind) {
    case 'command':
      return handleCommand(ctx, input, ack);
    case 'action':
      return handleAction(ctx, input, ack);
    case 'view_submission':
      return onViewSubmission(ctx, input, ack);
    case 'home_opened':
    case 'link_shared':
    case 'app_uninstalled':
    case 'tokens_revoked': {
      await ack();
      if (!(await firstDelivery(ctx, input.eventId))) {
        ctx.log.debug({ eventId: input.eventId }, 'duplicate slack event ignored');
        return;
      }
      if (input.kind === 'home_opened') ctx.later(() => onHomeOpened(ctx, input));
      else if (input.kind === 'link_shared') ctx.later(() => onLinkShared(ctx, input));
      else ctx.later(() => onUninstalled(ctx, input));
      return;
    }
    case 'unsupported':
      await ack();
      ctx.log.debug({ reason: input.reason }, 'unsupported slack payload acknowledged');
      return;
    default:
      return assertNever(input);
  }
}
