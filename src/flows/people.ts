import {
  ACCEPT_ALL_MAX,
  type Actor,
  acceptAll,
  acceptAllPreview,
  type BlockedAccount,
  type CoreDeps,
  listBlocked,
  type Page,
  unblockPerson,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { ClickResult } from './clicks.js';
import type { Outcome } from './outcome.js';

/**
 * The block list and bulk accept, written once for every platform: `blocked` (paged like the other
 * lists, an [Unblock] on each row), `unblock`, and `accept all` with its confirmation. The command
 * flow (`commands.ts`) and the click flow (`clicks.ts`) call these.
 */

/** How many blocked people one view shows; the rest is paged ([Show more]). */
export const BLOCKED_PAGE = 20;

/** What `accept all` asks before it runs: how many, bounded by the time of asking. */
export interface AcceptAllConfirm {
  count: number;
  before: number;
  max: number;
}

/** The block list, one page: what both `blocked` and its [Show more] show. */
export async function blockedPage(deps: CoreDeps, actor: Actor, cursor: string | null = null) {
  return listBlocked(deps, actor, { limit: BLOCKED_PAGE, cursor });
}

/** `accept all` typed, or "Accept all (N)" before it is confirmed: how many it would accept now. */
export async function acceptAllPreviewOf(deps: CoreDeps, actor: Actor) {
  const preview = await acceptAllPreview(deps, actor);
  if (!preview.ok) return preview;
  const value: AcceptAllConfirm = { ...preview.value, max: ACCEPT_ALL_MAX };
  return { ok: true as const, value };
}

const said = (text: Text, tone: 'good' | 'attention' = 'good') => ({ kind: 'said' as const, text, tone });

/**
 * The confirmed "Accept all (N)": each request its own transition, each sender told once (the
 * outbox's accepted notice). The clicker hears how many were accepted and how many were already
 * answered; the request lists are shown again.
 */
export async function confirmAcceptAll(
  deps: CoreDeps,
  actor: Actor,
  confirmed: { shown: number; before: number },
): Promise<Outcome<ClickResult>> {
  const done = await acceptAll(deps, actor, confirmed);
  if (!done.ok)
    return {
      view: { view: said({ problem: done.error }, 'attention'), changed: false },
      outcome: done.error.code,
    };
  const { accepted, alreadyDecided } = done.value;
  const text: Text =
    alreadyDecided > 0
      ? { key: 'people.accept_all.done_decided', params: { accepted, decided: alreadyDecided } }
      : { key: 'people.accept_all.done', params: { accepted } };
  return {
    view: { view: said(text, accepted > 0 ? 'good' : 'attention'), changed: accepted > 0 },
    outcome: accepted > 0 ? 'ok' : 'ALREADY_DECIDED',
  };
}

/** [Unblock] on a row of the block list: lifts the block, silently. */
export async function unblockClick(
  deps: CoreDeps,
  actor: Actor,
  otherId: string,
): Promise<Outcome<ClickResult>> {
  const done = await unblockPerson(deps, actor, { kind: 'account', accountId: otherId });
  if (!done.ok)
    return {
      view: { view: said({ problem: done.error }, 'attention'), changed: false },
      outcome: done.error.code,
    };
  const text: Text = { key: 'outcome.unblocked', params: { name: done.value.other.displayName } };
  return { view: { view: said(text), changed: true }, outcome: 'ok' };
}

export type { BlockedAccount, Page };
