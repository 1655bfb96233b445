import {
  type Actor,
  type CoreDeps,
  deleteMyData,
  deletionToConfirm,
  issueDataExport,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { ClickResult } from './clicks.js';
import type { Outcome } from './outcome.js';

/**
 * A person's own data, written once for every platform (`src/core/usecases/privacy.ts` does the work):
 * - `delete my data` (typed, or the button in Slack App Home / the Teams personal chat) asks first:
 *   the view carries the handle that will go, and the confirm button carries it back. Only the person
 *   whose account holds that handle may confirm (`NOT_YOURS` otherwise), and the store removes
 *   everything in one command; the page then answers 410.
 * - `export my data` gives a one-time download link (10 minutes), only where no one else sees it.
 * Neither registers a person the app never saw: they hear that nothing is stored about them.
 */

/** What the person is shown; each kind is one renderer line per platform. */
export type PrivacyView =
  | { kind: 'said'; said: Text; tone: 'good' | 'bad' | 'plain' }
  /** Asks before deleting: [Delete my data] carries `handle` back, [Keep my data] cancels. */
  | { kind: 'delete_confirm'; handle: string }
  /** The download link, for the person only. */
  | { kind: 'export_link'; url: string };

/** The clicks: the confirmed deletion (the handle from the button) and its cancel. */
export type PrivacyClick = { kind: 'delete_data'; handle: string } | { kind: 'delete_data_cancel' };

const say = (said: Text, tone: 'good' | 'bad' | 'plain'): PrivacyView => ({ kind: 'said', said, tone });

/** `delete my data` typed, or its button: the confirmation. */
export async function askDeletion(deps: CoreDeps, actor: Actor): Promise<Outcome<PrivacyView>> {
  const mine = await deletionToConfirm(deps, actor);
  if (mine.ok) return { view: { kind: 'delete_confirm', handle: mine.value.handle }, outcome: 'ok' };
  if (mine.error.code === 'NOT_FOUND')
    return { view: say({ key: 'privacy.nothing' }, 'plain'), outcome: 'none' };
  return { view: say({ problem: mine.error }, 'bad'), outcome: mine.error.code };
}

/** `export my data`: the link, only where the answer is private. */
export async function exportData(
  deps: CoreDeps,
  actor: Actor,
  privateReply: boolean,
): Promise<Outcome<PrivacyView>> {
  if (!privateReply)
    return { view: say({ key: 'privacy.export.private_only' }, 'bad'), outcome: 'not_private' };
  const link = await issueDataExport(deps, actor);
  if (link.ok) return { view: { kind: 'export_link', url: link.value.url }, outcome: 'ok' };
  if (link.error.code === 'NOT_FOUND')
    return { view: say({ key: 'privacy.nothing' }, 'plain'), outcome: 'none' };
  return { view: say({ problem: link.error }, 'bad'), outcome: link.error.code };
}

/** The confirmation's buttons. */
export async function runPrivacyClick(
  deps: CoreDeps,
  actor: Actor,
  click: PrivacyClick,
): Promise<Outcome<{ view: PrivacyView; changed: boolean }>> {
  if (click.kind === 'delete_data_cancel')
    return {
      view: { view: say({ key: 'privacy.delete.cancelled' }, 'plain'), changed: false },
      outcome: 'cancelled',
    };
  const done = await deleteMyData(deps, actor, click.handle);
  if (done.ok) {
    const said: Text = { key: 'privacy.delete.done', params: { handle: { code: done.value.handle } } };
    // Not `changed`: redrawing their views (App Home) would register them again.
    return { view: { view: say(said, 'good'), changed: false }, outcome: 'ok' };
  }
  if (done.error.code === 'NOT_FOUND')
    return {
      view: { view: say({ key: 'privacy.nothing' }, 'plain'), changed: false },
      outcome: done.error.code,
    };
  if (done.error.code === 'NOT_YOURS')
    return {
      view: { view: say({ key: 'privacy.delete.not_yours' }, 'bad'), changed: false },
      outcome: done.error.code,
    };
  return { view: { view: say({ problem: done.error }, 'bad'), changed: false }, outcome: done.error.code };
}

/** The same click as the click flow (`clicks.ts`) shows it: a private sentence. */
export async function privacyClick(
  deps: CoreDeps,
  actor: Actor,
  click: PrivacyClick,
): Promise<Outcome<ClickResult>> {
  const done = await runPrivacyClick(deps, actor, click);
  const v = done.view.view;
  const text: Text = v.kind === 'said' ? v.said : { key: 'privacy.delete.cancelled' };
  const tone = v.kind === 'said' && v.tone === 'good' ? 'good' : 'attention';
  return { view: { view: { kind: 'said', text, tone }, changed: done.view.changed }, outcome: done.outcome };
}
