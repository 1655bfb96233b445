import { cardAction, TENANT, user } from '../test/bots/teams/support.js';
import type { Req } from './scenarios.js';

/**
 * `adaptiveCard/action` invokes as Teams posts them to `/api/messages` (built by the Teams tests'
 * `cardAction`, from the documented sample), serialized before the run. No Authorization header:
 * both our server and the stock bots run unauthenticated here (see README.md). Every invoke has its
 * own activity id, as Teams sends them.
 */
const GROUP = { conversationType: 'groupChat', id: '19:bench@thread.v2', tenantId: TENANT };

const post = (activity: Record<string, unknown>, tell?: string): Req => ({
  method: 'POST',
  path: '/api/messages',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(activity),
  ...(tell ? { tell } : {}),
});

/** The invite card's refresh by one registered viewer in a group chat, `count` distinct activities. */
export function refreshInvokes(connectorUrl: string, ownerId: string, count: number): Req[] {
  const origin = { connector: { serviceUrl: connectorUrl } };
  const viewer = user('viewer', 'Bench Viewer');
  return Array.from({ length: count }, (_, n) =>
    post(
      cardAction(origin, viewer, 'refresh', { v: 1, ownerId }, { conversation: GROUP, id: `refresh-${n}` }),
    ),
  );
}

/** [Add to contacts] on the owner's invite card in a group chat, each by a distinct registered person `v<n>`. */
export function addInvokes(connectorUrl: string, ownerId: string, count: number): Req[] {
  const origin = { connector: { serviceUrl: connectorUrl } };
  return Array.from({ length: count }, (_, n) =>
    post(
      cardAction(
        origin,
        user(`v${n}`, `Viewer ${n}`),
        'add-to-contacts',
        { v: 1, ownerId },
        { conversation: GROUP, id: `add-${n}` },
      ),
    ),
  );
}

/**
 * The owner's [Accept] on each pending request, in their 1:1 chat; `tell` is the requester's 1:1
 * conversation (`a:personal-r<n>`, request n was sent by `r<n>`), where the notice must arrive.
 */
export function acceptInvokes(connectorUrl: string, requestIds: string[]): Req[] {
  const origin = { connector: { serviceUrl: connectorUrl } };
  const owner = user('owner', 'Bench Owner');
  return requestIds.map((requestId, n) =>
    post(cardAction(origin, owner, 'accept', { v: 1, requestId }, { id: `accept-${n}` }), `a:personal-r${n}`),
  );
}
