import { autoHandleCandidates } from '../handles.js';
import { MERGE_CODE, type MergeError, type MergeOutcome, type UnmergeError } from '../merge.js';
import { POLICY } from '../policy.js';
import { err, ok, type Result } from '../result.js';
import { cleanDisplayName } from '../text.js';
import type { Account } from '../types.js';
import { ensureAccount } from './accounts.js';
import { type Actor, type CoreDeps, guardStore, type StoreUnavailable } from './deps.js';
import { notePlatformUsed } from './platform-used.js';

/**
 * One person, two platforms (docs/rules.md, "One person on Slack and Teams"). The rules are
 * `decideMerge` / `decideUnmerge` in src/core/merge.ts; each step below is one store command.
 */

/** `merge <code>` reads only this shape: the digits `merge` showed. */
export const MERGE_CODE_FORMAT = new RegExp(`^\\d{${MERGE_CODE.digits}}$`);

/** A fresh code of `MERGE_CODE.digits` digits from the injected randomness. */
function newCode(deps: CoreDeps): string {
  let code = '';
  for (let i = 0; i < MERGE_CODE.digits; i++) code += String(Math.floor(deps.random.float() * 10) % 10);
  return code;
}

/** `merge`: a one-time code for the actor's account, valid `MERGE_CODE.ttlMs`, shown only to them. */
export function issueMergeCode(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<
      Result<{ code: string; minutes: number }, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>
    > => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const code = newCode(deps);
      await deps.store.putMergeCode({
        code,
        accountId: me.value.account.id,
        platform: actor.identity.platform,
        expiresAt: deps.clock.now() + MERGE_CODE.ttlMs,
      });
      return ok({ code, minutes: MERGE_CODE.ttlMs / 60_000 });
    },
  );
}

/** `merge <code>` sent from the other platform: the two accounts become one (the older one). */
export function mergeWithCode(deps: CoreDeps, actor: Actor, code: string) {
  return guardStore(
    async (): Promise<
      Result<
        MergeOutcome & { account: Account },
        MergeError | { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable
      >
    > => {
      if (!MERGE_CODE_FORMAT.test(code)) return err({ code: 'MERGE_CODE_INVALID' });
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const merged = await deps.store.mergeAccounts({
        code,
        accountId: me.value.account.id,
        platform: actor.identity.platform,
        now: deps.clock.now(),
        newId: () => deps.random.id('evt'),
      });
      if (merged.ok) await notePlatformUsed(deps, merged.value.account, actor.identity.platform);
      return merged;
    },
  );
}

/**
 * `unmerge`: the identity the actor uses now leaves the merged account for a fresh one with a new
 * handle. Contacts, requests, blocks and the handle stay with the merged account.
 */
export function unmergeMe(deps: CoreDeps, actor: Actor) {
  return guardStore(async (): Promise<Result<{ account: Account; split: Account }, UnmergeError>> => {
    const account = await deps.store.getAccountByIdentity(actor.identity);
    if (!account) return err({ code: 'NOT_MERGED' });
    const displayName = cleanDisplayName(actor.displayName, POLICY.profile.displayNameMaxChars);
    return deps.store.unmergeIdentity({
      accountId: account.id,
      identity: actor.identity,
      newAccountId: deps.random.id('acc'),
      displayName,
      locale: actor.locale ?? account.locale,
      handleCandidates: autoHandleCandidates([displayName, ...(actor.otherNames ?? [])], () =>
        deps.random.float(),
      ),
      now: deps.clock.now(),
    });
  });
}
