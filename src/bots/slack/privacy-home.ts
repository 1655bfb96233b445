import type { Actor, Locale } from '../../core/index.js';
import { type ClickResult, runClick } from '../../flows/clicks.js';
import { runFlow } from '../../flows/outcome.js';
import { askDeletion } from '../../flows/privacy.js';
import { renderText } from '../../i18n/text.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import type { SlackInput } from './parse.js';
import { readDeleteSubmission } from './privacy-values.js';
import { type Message, MRKDWN, said, textMessage } from './render/cards.js';
import { deleteDataModal, deleteDoneModal, deletedHomeView } from './render/privacy.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;
type Submission = Extract<SlackInput, { kind: 'view_submission' }>;

/**
 * App Home's [Delete my data]. The click asks (the flow's `askDeletion`, as `delete my data` typed)
 * and opens the confirmation modal with the click's `trigger_id`; nothing changes yet. Nothing to
 * delete (or a refusal) is said on App Home instead.
 */
export async function openDeleteModal(
  ctx: BotContext,
  input: ActionInput,
  actor: Actor,
  locale: Locale,
  reply: (message: Message) => Promise<void>,
): Promise<void> {
  const asked = await askDeletion(ctx.deps, actor);
  const view = asked.view;
  if (view.kind === 'said') return reply(textMessage(said(locale, view.said)));
  if (view.kind !== 'delete_confirm') return;
  const token = await ctx.tokens({ teamId: input.teamId, enterpriseId: input.user.enterpriseId });
  if (token && input.triggerId)
    await ctx.api.call(token, 'views.open', {
      trigger_id: input.triggerId,
      view: deleteDataModal(locale, view.handle),
    });
}

/**
 * The modal's submission: the same confirmed deletion as the confirm button of `delete my data`
 * (the handle from the metadata, zod-read; only the person holding it may confirm), stored before the
 * ack. The modal then says what happened. App Home is not drawn again from the store, which would
 * register the person again: once their account is gone it shows the sentence alone.
 */
export async function onDeleteSubmission(
  ctx: BotContext,
  input: Submission,
  ack: (response?: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const { known: _, registered: __, ...actor } = await ctx.profiles.actor(input.user);
  const locale = localeOf(actor);
  const click = readDeleteSubmission(input.metadata);
  const result = await runFlow(
    flowRun(ctx, 'modal.delete_data'),
    () => runClick(ctx.deps, actor, click),
    (text): ClickResult => ({ view: { kind: 'said', text, tone: 'attention' }, changed: false }),
  );
  const text = result.view.kind === 'said' ? result.view.text : ({ key: 'slack.invalid_click' } as const);
  const sentence = renderText(locale, text, MRKDWN);
  await ack({ response_action: 'update', view: deleteDoneModal(locale, sentence) });
  if (click.kind !== 'delete_data') return;
  ctx.later(async () => {
    if ((await ctx.deps.store.getAccountByIdentity(actor.identity)) !== null) return;
    const token = await ctx.tokens({ teamId: input.teamId, enterpriseId: input.user.enterpriseId });
    if (token)
      await ctx.api.call(token, 'views.publish', {
        user_id: input.user.userId,
        view: deletedHomeView(locale, sentence),
      });
  });
}
