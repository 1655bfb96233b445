import { assertNever } from '../../core/index.js';
import { commandFailed, type PeoplePort, runCommand } from '../../flows/commands.js';
import { runFlow } from '../../flows/outcome.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { handleAction } from './clicks.js';
import { handleCommand } from './commands.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import { onEvent } from './events.js';
import { publishHome } from './home.js';
import { onDeleteSubmission, onNoteSubmission } from './navigation.js';
import type { SlackInput } from './parse.js';
import { MRKDWN } from './render/mrkdwn.js';
import { ADD_NOTE_CALLBACK, CHANGE_HANDLE_CALLBACK, DELETE_DATA_CALLBACK } from './values.js';

export type Ack = (response?: Record<string, unknown>) => Promise<void>;

type SubmissionInput = Extract<SlackInput, { kind: 'view_submission' }>;

/** The modal names no one: a people port that is never asked. */
const NO_PEOPLE: PeoplePort<never> = { name: async () => ({ kind: 'text', text: '' }) };

/** The Change modal of App Home: errors go back into the modal; success closes it and refreshes Home. */
async function onViewSubmission(ctx: BotContext, input: SubmissionInput, ack: Ack): Promise<void> {
  if (input.callbackId === ADD_NOTE_CALLBACK) return onNoteSubmission(ctx, input, ack);
  if (input.callbackId === DELETE_DATA_CALLBACK) return onDeleteSubmission(ctx, input, ack);
  if (input.callbackId !== CHANGE_HANDLE_CALLBACK) return ack();
  const actor = await ctx.profiles.firstContact(input.user, null);
  const locale = localeOf(actor);
  // The same as `/chatwork-invite id set <handle>`: the command flow, which names no one else.
  const idSet = { kind: 'id_set', handle: input.handle } as const;
  const view = await runFlow(
    flowRun(ctx, 'modal.change_handle'),
    () => runCommand(ctx.deps, NO_PEOPLE, { command: idSet, actor, privateReply: true, context: null }),
    commandFailed,
  );
  const said = view.content.kind === 'said' ? view.content : null;
  if (!said || said.tone === 'bad') {
    const error = said ? renderText(locale, said.said) : t(locale, 'error.generic');
    return ack({ response_action: 'errors', errors: { handle: error } });
  }
  await ack();
  const notice = renderText(locale, said.said, MRKDWN);
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
    case 'tokens_revoked':
    case 'user_left':
      await ack();
      return onEvent(ctx, input);
    case 'unsupported':
      await ack();
      ctx.log.debug({ reason: input.reason }, 'unsupported slack payload acknowledged');
      return;
    default:
      return assertNever(input);
  }
}
