import { z } from 'zod';
import type { Account, Identity } from '../types.js';
import type { CoreDeps } from './deps.js';

/**
 * A person who left (a Slack user deactivated in their workspace) is deactivated, not deleted: a
 * `departed` record keyed by the account id remembers when, and whether they were in search. While it
 * exists their page answers 410, `find` does not show them (search is turned off), and no notice is
 * delivered to them (the notice flow skips them), and the requests waiting for them expire now (the
 * usual `request_expired` events, so the senders' cards say so).
 * When they come back and act, `welcomeBack` lifts all of it: search as it was, the page again.
 */
const departedSchema = z.object({ at: z.number().int(), searchable: z.boolean() });

/** The platform says this person left: deactivate their account (nothing when the app never saw them). */
export async function departIdentity(deps: CoreDeps, identity: Identity): Promise<Account | null> {
  const account = await deps.store.getAccountByIdentity(identity);
  if (!account) return null;
  if (await isDeparted(deps, account.id)) return account;
  const value = JSON.stringify({ at: deps.clock.now(), searchable: account.searchable });
  await expireRequestsTo(deps, account.id);
  await deps.store.putRecord('departed', account.id, value, null);
  return (await deps.store.updateProfile({ accountId: account.id, searchable: false })) ?? account;
}

const EXPIRE_BATCH = 200;

/** Every pending request to the account expires now, in store steps of at most EXPIRE_BATCH. */
async function expireRequestsTo(deps: CoreDeps, accountId: string): Promise<void> {
  for (;;) {
    const now = deps.clock.now();
    const newId = () => deps.random.id('evt');
    const n = await deps.store.expireIncomingRequests({ accountId, now, limit: EXPIRE_BATCH, newId });
    if (n < EXPIRE_BATCH) return;
  }
}

export async function isDeparted(deps: CoreDeps, accountId: string): Promise<boolean> {
  return (await deps.store.getRecord('departed', accountId, deps.clock.now())) !== null;
}

/**
 * The person acts again: reactivated. Only an account out of search can be departed, so an account in
 * search costs nothing here (this runs on every action).
 */
export async function welcomeBack<A extends Account | null>(
  deps: CoreDeps,
  account: A,
): Promise<A | Account> {
  if (account === null || account.searchable) return account;
  const raw = await deps.store.getRecord('departed', account.id, deps.clock.now());
  if (raw === null) return account;
  let was = true;
  try {
    const parsed = departedSchema.safeParse(JSON.parse(raw));
    if (parsed.success) was = parsed.data.searchable;
  } catch {
    // an unreadable record counts as "was in search"
  }
  await deps.store.deleteRecord('departed', account.id);
  if (!was) return account;
  return (await deps.store.updateProfile({ accountId: account.id, searchable: true })) ?? account;
}
