import {
  type Actor,
  type Command,
  type CoreDeps,
  issueMergeCode,
  mergeWithCode,
  unmergeMe,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { Outcome } from './outcome.js';
import type { Tone } from './request-sent.js';

/**
 * One person, two platforms, written once for Slack and Teams (`src/core/usecases/merge.ts` does the
 * work, `src/core/merge.ts` holds the rules):
 * - `merge` shows a one-time code (10 minutes), only where no one else sees the answer;
 * - `merge <code>` sent from the other platform joins the two accounts into the older one;
 * - `unmerge` gives the identity in use a fresh account of its own (contacts stay with the merged one).
 */
export interface MergeView {
  said: Text;
  tone: Tone;
  /** The actor's account changed: views of their state are stale. */
  changed: boolean;
}

const view = (said: Text, tone: Tone, changed = false): MergeView => ({ said, tone, changed });

export async function runMergeCommand(
  deps: CoreDeps,
  actor: Actor,
  command: Extract<Command<unknown>, { kind: 'merge' | 'unmerge' }>,
  privateReply: boolean,
): Promise<Outcome<MergeView>> {
  if (command.kind === 'unmerge') {
    const done = await unmergeMe(deps, actor);
    if (!done.ok) return { view: view({ problem: done.error }, 'bad'), outcome: done.error.code };
    const params = { handle: { code: done.value.split.handle }, merged: { code: done.value.account.handle } };
    return { view: view({ key: 'merge.unmerged', params }, 'good', true), outcome: 'ok' };
  }
  if (command.code === null) {
    // The code joins accounts: never where others would see it.
    if (!privateReply) return { view: view({ key: 'merge.private_only' }, 'bad'), outcome: 'not_private' };
    const issued = await issueMergeCode(deps, actor);
    if (!issued.ok) return { view: view({ problem: issued.error }, 'bad'), outcome: issued.error.code };
    const other = actor.identity.platform === 'slack' ? 'Teams' : 'Slack';
    const params = { code: { code: issued.value.code }, minutes: issued.value.minutes, other };
    return { view: view({ key: 'merge.code', params }, 'plain'), outcome: 'code' };
  }
  const merged = await mergeWithCode(deps, actor, command.code);
  if (!merged.ok) return { view: view({ problem: merged.error }, 'bad'), outcome: merged.error.code };
  const { account, connected } = merged.value;
  const params = { handle: { code: account.handle }, connected: connected.length };
  return {
    view: view({ key: connected.length > 0 ? 'merge.done_connected' : 'merge.done', params }, 'good', true),
    outcome: 'merged',
  };
}
