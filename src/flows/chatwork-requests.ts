import type { Actor, CoreDeps } from '../core/index.js';
import type { Text } from '../i18n/text.js';
import { chatworkPortOf } from './chatwork.js';
import type { Outcome } from './outcome.js';

/**
 * Contact requests that reached a linked person in chatwork.com, shown in chat: the card the poller's
 * announcement becomes (name, organisation, department, the request's message, [Accept] [Not now]),
 * and what a click on it does: `PUT` / `DELETE /incoming_requests/{id}` with the owner's token, through
 * the bridge. Only the owner of the link may click. Renderers escape every string here.
 */

/** An incoming Chatwork request as the chat card shows it. `ownerId`: our account it was announced to. */
export interface ChatworkRequestCard {
  ownerId: string;
  requestId: number;
  name: string;
  organization: string;
  department: string;
  message: string;
}

/** The fields of Chatwork's `GET /incoming_requests` item the card uses. */
export interface IncomingFields {
  request_id: number;
  name: string;
  organization_name: string;
  department: string;
  message: string;
}

export const chatworkRequestCard = (ownerId: string, r: IncomingFields): ChatworkRequestCard => ({
  ownerId,
  requestId: r.request_id,
  name: r.name,
  organization: r.organization_name,
  department: r.department,
  message: r.message,
});

/** A click on [Accept] / [Not now], as the adapter read it from the button's value. */
export interface ChatworkDecideClick {
  ownerId: string;
  requestId: number;
  action: 'accept' | 'decline';
  /** The requester's name, for the settled card. */
  name: string;
}

export type ChatworkClickView =
  /** The card is done: replace it (no buttons left); `roomUrl` is the new chat after an Accept. */
  | { kind: 'settled'; said: Text; roomUrl?: string }
  /** Tell the clicker, and leave the card as it is (not theirs, or try again later). */
  | { kind: 'said'; said: Text };

/** What the bridge says after a decision (the bridge's `actions.decide` result). */
export type DecideAnswer =
  | { ok: true; value: { action: 'accepted'; roomUrl: string } | { action: 'declined' } }
  | { ok: false; error: { code: string; resetAt?: number } };

const said = (key: Text): ChatworkClickView => ({ kind: 'said', said: key });

/** [Accept] or [Not now] on a Chatwork request card. */
export async function decideChatworkRequest(
  deps: CoreDeps,
  actor: Actor,
  click: ChatworkDecideClick,
): Promise<Outcome<ChatworkClickView>> {
  const port = chatworkPortOf(deps);
  if (!port) return { view: said({ key: 'chatwork.cmd.off' }), outcome: 'not_configured' };
  const me = await deps.store.getAccountByIdentity(actor.identity);
  if (me?.id !== click.ownerId)
    return { view: said({ problem: { code: 'NOT_YOURS' } }), outcome: 'NOT_YOURS' };
  const done = await port.decide(click.ownerId, click.requestId, click.action);
  const name = click.name;
  if (done.ok)
    return done.value.action === 'accepted'
      ? {
          view: {
            kind: 'settled',
            said: { key: 'chatwork.req.accepted', params: { name } },
            roomUrl: done.value.roomUrl,
          },
          outcome: 'accepted',
        }
      : {
          view: { kind: 'settled', said: { key: 'chatwork.req.declined', params: { name } } },
          outcome: 'declined',
        };
  switch (done.error.code) {
    case 'ALREADY_HANDLED':
      return {
        view: { kind: 'settled', said: { key: 'chatwork.req.already_handled', params: { name } } },
        outcome: 'ALREADY_HANDLED',
      };
    case 'BROKEN':
    case 'NOT_LINKED':
      return { view: said({ key: 'chatwork.req.broken' }), outcome: done.error.code };
    default:
      return { view: said({ key: 'chatwork.cmd.unavailable' }), outcome: done.error.code };
  }
}
