import { z } from 'zod';
import { type Actor, type Locale, POLICY } from '../../core/index.js';
import { type ClickResult, runClick } from '../../flows/clicks.js';
import { runFlow } from '../../flows/outcome.js';
import { acceptAllPreviewOf, blockedPage } from '../../flows/people.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import { refreshHome } from './home.js';
import type { SlackInput } from './parse.js';
import { type Message, MRKDWN, textMessage } from './render/cards.js';
import {
  acceptAllConfirmMessage,
  acceptAllModal,
  blockedMessage,
  noteDoneModal,
  noteModal,
} from './render/people-lists.js';
import { ADD_NOTE_CALLBACK } from './values.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;

/**
 * Navigation of the block list and bulk accept: [Show more] of `blocked`, and "Accept all (N)" in a
 * list or App Home, which asks before anything changes (in App Home, in a modal). Nothing here
 * changes the store; the confirmed click is the flow's `accept_all`.
 */
export async function navigatePeople(
  ctx: BotContext,
  input: ActionInput,
  click:
    | { kind: 'page'; cursor: string | null }
    | { kind: 'accept_all_ask' }
    | { kind: 'add_note'; ownerId: string; context?: string | null },
  actor: Actor,
  locale: Locale,
  reply: (message: Message, replace: boolean) => Promise<void>,
): Promise<void> {
  if (click.kind === 'page') {
    const page = await blockedPage(ctx.deps, actor, click.cursor ?? '');
    if (page.ok) await reply(blockedMessage(locale, page.value), true);
    return;
  }
  if (click.kind === 'add_note') return openNoteModal(ctx, input, click, locale);
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

const noteMetadata = z.object({ o: z.string().min(1).max(100), c: z.string().max(300).nullable() });

/** "Add with a note": the modal, opened with the click's `trigger_id`; nothing is sent yet. */
async function openNoteModal(
  ctx: BotContext,
  input: ActionInput,
  click: { ownerId: string; context?: string | null },
  locale: Locale,
): Promise<void> {
  const owner = await ctx.deps.store.getAccount(click.ownerId);
  const token = await ctx.tokens({ teamId: input.teamId });
  if (!owner || !token || !input.triggerId) return;
  const metadata = JSON.stringify({ o: owner.id, c: click.context?.slice(0, 300) ?? null });
  const max = POLICY.request.noteMaxChars;
  await ctx.api.call(token, 'views.open', {
    trigger_id: input.triggerId,
    view: noteModal(locale, owner.displayName, max, metadata, ADD_NOTE_CALLBACK),
  });
}

type Submission = Extract<SlackInput, { kind: 'view_submission' }>;

/**
 * The note modal's submission: [Add to contacts] with the note, through the click flow, stored
 * before the ack. A note that is too long goes back into the modal; otherwise the modal shows what
 * happened (sent, already asked, …).
 */
export async function onNoteSubmission(
  ctx: BotContext,
  input: Submission,
  ack: (response?: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const { known: _, registered: __, ...actor } = await ctx.profiles.actor(input.user);
  const locale = localeOf(actor);
  let data: unknown = null;
  try {
    data = JSON.parse(input.metadata);
  } catch {}
  const meta = noteMetadata.safeParse(data);
  const click = meta.success
    ? ({ kind: 'add', ownerId: meta.data.o, context: meta.data.c, note: input.handle || null } as const)
    : ({ kind: 'invalid' } as const);
  const result = await runFlow(
    flowRun(ctx, 'modal.add_note'),
    () => runClick(ctx.deps, actor, click),
    (text): ClickResult => ({ view: { kind: 'said', text, tone: 'attention' }, changed: false }),
  );
  const view = result.view;
  const text =
    view.kind === 'invite'
      ? view.said
      : view.kind === 'said'
        ? view.text
        : ({ key: 'slack.invalid_click' } as const);
  if (text && 'problem' in text && text.problem.code === 'NOTE_TOO_LONG') {
    await ack({ response_action: 'errors', errors: { note: renderText(locale, text) } });
    return;
  }
  await ack({
    response_action: 'update',
    view: noteDoneModal(locale, text ? renderText(locale, text, MRKDWN) : ''),
  });
  if (result.changed) ctx.later(() => refreshHome(ctx, input.user, input.teamId));
}
