import type { BlockedAccount } from '../ports.js';
import { ok, type Result } from '../result.js';
import type { Account, ConnectionRequest, Page } from '../types.js';
import { ensureAccount } from './accounts.js';
import { type Actor, type CoreDeps, guardStore, type StoreUnavailable } from './deps.js';
import { meAndOther, type TargetRef } from './requests.js';

/** The block list and bulk accept: what a person does to many people, or undoes. */

/** At most this many requests are accepted by one `accept all` (one click, one command). */
export const ACCEPT_ALL_MAX = 100;

/** `blocked`: the people I blocked, newest first. */
export function listBlocked(
  deps: CoreDeps,
  actor: Actor,
  opts: { limit?: number; cursor?: string | null } = {},
) {
  return guardStore(
    async (): Promise<Result<Page<BlockedAccount>, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>> => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      return ok(
        await deps.store.listBlocks({
          accountId: me.value.account.id,
          limit: opts.limit ?? 20,
          cursor: opts.cursor ?? null,
        }),
      );
    },
  );
}

/**
 * `unblock <who>`: lifts my block; silent, like the block. Someone I never blocked (or who never
 * used the app) is `NOT_BLOCKED`, and nothing changes.
 */
export function unblockPerson(deps: CoreDeps, actor: Actor, target: TargetRef) {
  return guardStore(async () => {
    const pair = await meAndOther(deps, actor, target, { code: 'NOT_BLOCKED' as const });
    if (!pair.ok) return pair;
    const lifted = await deps.store.unblockAccount({
      actorId: pair.value.me.id,
      otherId: pair.value.other.id,
      now: deps.clock.now(),
    });
    return lifted.ok ? ok({ other: pair.value.other }) : lifted;
  });
}

/** The pending requests `accept all` would accept now (at most ACCEPT_ALL_MAX), oldest of them last. */
async function acceptable(deps: CoreDeps, me: Account, before: number): Promise<ConnectionRequest[]> {
  const found: ConnectionRequest[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.listRequests({
      accountId: me.id,
      direction: 'incoming',
      now: deps.clock.now(),
      limit: ACCEPT_ALL_MAX,
      cursor,
    });
    for (const r of page.items) if (r.createdAt <= before && found.length < ACCEPT_ALL_MAX) found.push(r);
    cursor = page.nextCursor;
  } while (cursor !== null && found.length < ACCEPT_ALL_MAX);
  return found;
}

/** What `accept all` asks to confirm: how many it would accept, and the time that bounds them. */
export function acceptAllPreview(deps: CoreDeps, actor: Actor) {
  return guardStore(
    async (): Promise<
      Result<{ count: number; before: number }, { code: 'NO_HANDLE_AVAILABLE' } | StoreUnavailable>
    > => {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return me;
      const before = deps.clock.now();
      return ok({ count: (await acceptable(deps, me.value.account, before)).length, before });
    },
  );
}

/**
 * The confirmed `accept all`: each pending request that had arrived by `before` is accepted as its
 * own transition (its sender told once, through the outbox), at most ACCEPT_ALL_MAX. `shown` is how
 * many the person confirmed: those no longer pending (answered meanwhile, elsewhere) are counted as
 * already decided, never accepted twice.
 */
export function acceptAll(deps: CoreDeps, actor: Actor, confirmed: { shown: number; before: number }) {
  return guardStore(
    async (): Promise<Result<{ accepted: number; alreadyDecided: number }, StoreUnavailable>> => {
      const me = await deps.store.getAccountByIdentity(actor.identity);
      const shown = Math.min(Math.max(0, confirmed.shown), ACCEPT_ALL_MAX);
      if (!me) return ok({ accepted: 0, alreadyDecided: shown });
      let accepted = 0;
      let lost = 0;
      for (const request of await acceptable(deps, me, confirmed.before)) {
        if (accepted + lost >= shown) break;
        const decided = await deps.store.decideRequest({
          requestId: request.id,
          actorId: me.id,
          action: 'accept',
          now: deps.clock.now(),
          newId: () => deps.random.id('evt'),
        });
        if (decided.ok) accepted++;
        else lost++;
      }
      return ok({ accepted, alreadyDecided: shown - accepted });
    },
  );
}
