import {
  type Account,
  type Actor,
  type CoreDeps,
  ensureAccount,
  listRequests,
  ok,
  type Page,
  type RequestWithPeople,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { CardDoc } from './card.js';
import { requestsDoc } from './cards/lists.js';

/** How many of each list one view shows; the rest is paged (Slack [Show more]). */
export const PAGE = { incoming: 10, outgoing: 10, contacts: 20 } as const;

/** The actor's requests: incoming (pending) and sent, one page each, with the actor's own account. */
export async function myRequests(deps: CoreDeps, actor: Actor) {
  const me = await ensureAccount(deps, actor);
  if (!me.ok) return me;
  const [incoming, outgoing] = await Promise.all([
    listRequests(deps, actor, 'incoming', { limit: PAGE.incoming }),
    listRequests(deps, actor, 'outgoing', { limit: PAGE.outgoing }),
  ]);
  if (!incoming.ok) return incoming;
  if (!outgoing.ok) return outgoing;
  const value: { me: Account; incoming: Page<RequestWithPeople>; outgoing: Page<RequestWithPeople> } = {
    me: me.value.account,
    incoming: incoming.value,
    outgoing: outgoing.value,
  };
  return ok(value);
}

/**
 * The actor's incoming and sent requests as one card (Teams: after a missed notice, on install, a list
 * click); null when they cannot be read, or with `onlyIncoming` when nothing waits for an answer.
 */
export async function myRequestsDoc(
  deps: CoreDeps,
  actor: Actor,
  lead?: Text,
  onlyIncoming = false,
): Promise<CardDoc | null> {
  const mine = await myRequests(deps, actor);
  if (!mine.ok || (onlyIncoming && mine.value.incoming.items.length === 0)) return null;
  const { incoming, outgoing } = mine.value;
  return requestsDoc({ incoming, outgoing, lead }, deps.clock.now());
}
