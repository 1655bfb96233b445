import { type Actor, type Locale, POLICY } from '../../core/index.js';
import { privacyDoc } from '../../flows/cards/privacy.js';
import { type ClickIntent, clickFailed, runClick } from '../../flows/clicks.js';
import { isNavigationClick, navigationDoc } from '../../flows/navigation.js';
import { runFlow } from '../../flows/outcome.js';
import { askDeletion } from '../../flows/privacy.js';
import { t } from '../../i18n/catalog.js';
import { renderText, type Text } from '../../i18n/text.js';
import { jsonOf } from '../../runtime/json.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import { publishHome, refreshHome } from './home.js';
import type { Ack } from './listeners.js';
import type { SlackInput } from './parse.js';
import { slackReach } from './render/commands.js';
import { renderBlocks, renderMessage } from './render/document.js';
import { type Message, MRKDWN } from './render/mrkdwn.js';
import { changeHandleModal, modal, textInput } from './render/views.js';
import {
  ACTION,
  ADD_NOTE_CALLBACK,
  CHANGE_HANDLE_CALLBACK,
  type Click,
  DELETE_DATA_CALLBACK,
  encodeAction,
  PRIVACY_ACTION,
  readClick,
} from './values.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;
type Submission = Extract<SlackInput, { kind: 'view_submission' }>;

/** Opens a modal with the click's `trigger_id` (App Home's questions, the note, Change). */
async function openModal(ctx: BotContext, input: ActionInput, view: Record<string, unknown>) {
  const token = await ctx.tokens({ teamId: input.teamId, enterpriseId: input.user.enterpriseId });
  if (token && input.triggerId)
    await ctx.api.call(token, 'views.open', { trigger_id: input.triggerId, view });
}

/** A modal after its submission: what happened, in place of the form. */
const doneModal = (title: string, close: string, text: string) =>
  modal(title, close, [{ type: 'section', text: { type: 'mrkdwn', text } }]);

/** Buttons that change nothing: [Show more], Change, and the ones that ask first. They answer first. */
export type Navigation = Exclude<Click, ClickIntent | { kind: 'chatwork' }>;
const SLACK_ONLY: ReadonlySet<string> = new Set(['change_handle', 'noop', 'add_note']);
export const isNavigation = (c: Click): c is Navigation => isNavigationClick(c) || SLACK_ONLY.has(c.kind);

/**
 * A navigation click (`src/flows/navigation.ts` decides what it shows): [Show more] and "Accept all
 * (N)" answer in place, or in App Home (a next page redraws App Home, a question opens a modal); App
 * Home's [Delete my data] and "Add with a note" ask in a modal, and Change opens its own. Nothing
 * here changes the store.
 */
export async function navigate(
  ctx: BotContext,
  input: ActionInput,
  click: Navigation,
  actor: Actor,
  locale: Locale,
  reply: (message: Message, replace: boolean) => Promise<void>,
): Promise<void> {
  const inHome = input.container.type === 'view';
  switch (click.kind) {
    case 'add_note':
      return openNoteModal(ctx, input, click, locale);
    case 'delete_data_ask':
      return openDeleteModal(ctx, input, actor, locale, (m) => reply(m, false));
    case 'change_handle': {
      const me = await ctx.deps.store.getAccountByIdentity(actor.identity);
      return openModal(ctx, input, changeHandleModal(locale, me?.handle ?? '', CHANGE_HANDLE_CALLBACK));
    }
    case 'page':
    case 'accept_all_ask': {
      if (inHome && click.kind === 'page' && click.list !== 'blocked')
        return publishHome(ctx, input.user, input.teamId, {
          cursor: { list: click.list, cursor: click.cursor },
        });
      const where = { reach: slackReach(input.user.teamId), privateReply: true };
      const doc = await navigationDoc(ctx.deps, actor, click, where);
      if (!doc) return;
      if (!inHome) return reply(renderMessage(locale, doc), true);
      const title = t(locale, 'term.incoming_requests');
      return openModal(ctx, input, modal(title, t(locale, 'people.note.cancel'), renderBlocks(locale, doc)));
    }
    default:
      return;
  }
}

/** "Add with a note": the modal, with the invite's owner and where it was clicked in its metadata. */
async function openNoteModal(
  ctx: BotContext,
  input: ActionInput,
  click: { ownerId: string; context?: string | null },
  locale: Locale,
): Promise<void> {
  const owner = await ctx.deps.store.getAccount(click.ownerId);
  if (!owner) return;
  const max = POLICY.request.noteMaxChars;
  const label = t(locale, 'people.note.label', { name: owner.displayName, max });
  const note = textInput('note', label, { multiline: true, max_length: max }, true);
  const metadata = JSON.stringify({ o: owner.id, c: click.context?.slice(0, 300) ?? null });
  const asks = { submit: t(locale, 'people.note.submit'), callbackId: ADD_NOTE_CALLBACK, metadata };
  const title = t(locale, 'people.note.title');
  await openModal(ctx, input, modal(title, t(locale, 'people.note.cancel'), [note], asks));
}

/** A modal's submission as the flow's click, stored before the ack: its result and what to tell. */
async function submitted(ctx: BotContext, input: Submission, name: string, click: ClickIntent) {
  const actor = await ctx.profiles.firstContact(input.user, null);
  const result = await runFlow(flowRun(ctx, name), () => runClick(ctx.deps, actor, click), clickFailed);
  const v = result.view;
  const said = v.kind === 'invite' ? v.said : v.kind === 'said' ? v.text : null;
  const text: Text = said ?? { key: 'slack.invalid_click' };
  return { actor, locale: localeOf(actor), result, text };
}

/**
 * The note modal's submission: [Add to contacts] with the note. A note that is too long goes back
 * into the modal; otherwise the modal shows what happened (sent, already asked, …).
 */
export async function onNoteSubmission(ctx: BotContext, input: Submission, ack: Ack): Promise<void> {
  // The metadata is the [Add to contacts] value with where it was clicked (`c`).
  const { c } = Object(jsonOf(input.metadata));
  const read = readClick(ACTION.add, input.metadata, typeof c === 'string' ? c.slice(0, 300) : null);
  const click =
    read.kind === 'add' ? { ...read, note: input.handle || null } : ({ kind: 'invalid' } as const);
  const { locale, result, text } = await submitted(ctx, input, 'modal.add_note', click);
  if ('problem' in text && text.problem.code === 'NOTE_TOO_LONG')
    return ack({ response_action: 'errors', errors: { note: renderText(locale, text) } });
  const [title, close] = [t(locale, 'people.note.title'), t(locale, 'people.note.cancel')];
  await ack({ response_action: 'update', view: doneModal(title, close, renderText(locale, text, MRKDWN)) });
  if (result.changed) ctx.later(() => refreshHome(ctx, input.user, input.teamId));
}

/**
 * App Home's [Delete my data]. The click asks (the flow's `askDeletion`, as `delete my data` typed)
 * and opens the confirmation modal with the click's `trigger_id`, the handle that goes in its
 * metadata; nothing changes yet. Nothing to delete (or a refusal) is said on App Home instead.
 */
async function openDeleteModal(
  ctx: BotContext,
  input: ActionInput,
  actor: Actor,
  locale: Locale,
  reply: (message: Message) => Promise<void>,
): Promise<void> {
  const { view } = await askDeletion(ctx.deps, actor);
  if (view.kind === 'said') return reply(renderMessage(locale, privacyDoc(view)));
  if (view.kind !== 'delete_confirm') return;
  const button = t(locale, 'privacy.delete.button');
  const question = renderBlocks(locale, { ...privacyDoc(view), buttons: [] });
  const metadata = encodeAction({ kind: 'delete_data', handle: view.handle }, 'list').value;
  const asks = { submit: button, callbackId: DELETE_DATA_CALLBACK, metadata };
  await openModal(ctx, input, modal(button, t(locale, 'privacy.delete.cancel'), question, asks));
}

/**
 * The modal's submission: the same confirmed deletion as the confirm button of `delete my data`
 * (the handle from the metadata, zod-read; only the person holding it may confirm), stored before the
 * ack. The modal then says what happened. App Home is not drawn again from the store, which would
 * register the person again: once their account is gone it shows the sentence alone.
 */
export async function onDeleteSubmission(ctx: BotContext, input: Submission, ack: Ack): Promise<void> {
  const read = readClick(PRIVACY_ACTION.deleteData, input.metadata);
  const click = read.kind === 'delete_data' ? read : ({ kind: 'invalid' } as const);
  const { actor, locale, text } = await submitted(ctx, input, 'modal.delete_data', click);
  const sentence = renderText(locale, text, MRKDWN);
  const title = t(locale, 'privacy.delete.button');
  await ack({ response_action: 'update', view: doneModal(title, t(locale, 'slack.modal.cancel'), sentence) });
  if (click.kind !== 'delete_data') return;
  ctx.later(async () => {
    if ((await ctx.deps.store.getAccountByIdentity(actor.identity)) !== null) return;
    const token = await ctx.tokens({ teamId: input.teamId, enterpriseId: input.user.enterpriseId });
    const home = [
      { type: 'header', text: { type: 'plain_text', text: t(locale, 'slack.home.title') } },
      { type: 'section', text: { type: 'mrkdwn', text: sentence } },
    ];
    if (token)
      await ctx.api.call(token, 'views.publish', {
        user_id: input.user.userId,
        view: { type: 'home', blocks: home },
      });
  });
}
