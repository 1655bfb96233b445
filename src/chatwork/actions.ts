import type { Clock } from '../core/index.js';
import type { ApiError, ChatworkApi, ChatworkContact, ChatworkCredential, ChatworkMe } from './api.js';
import type { ChatworkLink } from './link-records.js';
import type { ChatworkLinking } from './linking.js';

/**
 * What the chat side does in Chatwork on a linked person's behalf: decide an incoming request
 * ([Accept] → `PUT`, [Not now] → `DELETE`), ask whether two accounts are already contacts, and
 * re-read the profile (a changed Chatwork ID). Each uses the person's own token; a 401 marks the
 * link broken. Checking that the clicker is the token's owner is the caller's job.
 */

export type ActionError =
  | { code: 'NOT_LINKED' }
  /** The token was refused: the person must link again. */
  | { code: 'BROKEN' }
  /** Decided in Chatwork meanwhile (404): nothing to do. */
  | { code: 'ALREADY_HANDLED' }
  | { code: 'RATE_LIMITED'; resetAt: number }
  | { code: 'UNAVAILABLE' };

export type Decided =
  | { action: 'accepted'; contact: ChatworkContact; roomUrl: string }
  | { action: 'declined' };

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ActionError };

/** The direct chat with a new contact. */
export const roomUrl = (roomId: number): string => `https://www.chatwork.com/#!rid${roomId}`;

export function chatworkActions(deps: { api: ChatworkApi; linking: ChatworkLinking; clock: Clock }) {
  const { api, linking } = deps;

  /** Runs `call` with the person's credential and maps the failures every action shares. */
  async function withCredential<T>(
    personId: string,
    call: (cred: ChatworkCredential, link: ChatworkLink) => Promise<ActionResult<T> | ApiFailure>,
  ): Promise<ActionResult<T>> {
    const cred = await linking.credentialFor(personId);
    if (!cred.ok) return { ok: false, error: cred.error.code === 'BROKEN' ? { code: 'BROKEN' } : cred.error };
    const result = await call(cred.credential, cred.link);
    if ('apiError' in result) {
      const e = result.apiError;
      if (e.code === 'unauthorized') {
        await linking.markBroken(personId, cred.link.linkId);
        return { ok: false, error: { code: 'BROKEN' } };
      }
      if (e.code === 'not_found') return { ok: false, error: { code: 'ALREADY_HANDLED' } };
      if (e.code === 'rate_limited')
        return { ok: false, error: { code: 'RATE_LIMITED', resetAt: e.resetAt } };
      return { ok: false, error: { code: 'UNAVAILABLE' } };
    }
    return result;
  }

  return {
    /** [Accept] or [Not now] on a Chatwork request, with the person's token. */
    decide(
      personId: string,
      requestId: number,
      action: 'accept' | 'decline',
    ): Promise<ActionResult<Decided>> {
      return withCredential<Decided>(personId, async (cred) => {
        if (action === 'accept') {
          const r = await api.acceptRequest(cred, requestId);
          if (!r.ok) return { apiError: r.error };
          return {
            ok: true,
            value: { action: 'accepted', contact: r.value, roomUrl: roomUrl(r.value.room_id) },
          };
        }
        const r = await api.declineRequest(cred, requestId);
        return r.ok ? { ok: true, value: { action: 'declined' } } : { apiError: r.error };
      });
    },

    /** Whether the person already has the Chatwork account `accountId` among their contacts. */
    areContacts(personId: string, accountId: number): Promise<ActionResult<boolean>> {
      return withCredential<boolean>(personId, async (cred) => {
        const r = await api.contacts(cred);
        return r.ok
          ? { ok: true, value: r.value.some((c) => c.account_id === accountId) }
          : { apiError: r.error };
      });
    },

    /** Re-reads `GET /me`, keeps a changed Chatwork ID, name or organisation, and when it was read. */
    refreshProfile(
      personId: string,
    ): Promise<ActionResult<{ changed: boolean; link: ChatworkLink; me: ChatworkMe }>> {
      return withCredential(personId, async (cred, link) => {
        const r = await api.me(cred);
        if (!r.ok) return { apiError: r.error };
        const me = r.value;
        const next: ChatworkLink = {
          ...link,
          chatworkId: me.chatwork_id,
          name: me.name,
          organizationName: me.organization_name,
          profileCheckedAt: deps.clock.now(),
        };
        const changed =
          next.chatworkId !== link.chatworkId ||
          next.name !== link.name ||
          next.organizationName !== link.organizationName;
        if (!(await linking.records.putIfCurrent(next))) return { ok: false, error: { code: 'NOT_LINKED' } };
        return { ok: true, value: { changed, link: next, me } };
      });
    },
  };
}

/** An API failure for `withCredential` to map. */
type ApiFailure = { apiError: ApiError };

export type ChatworkActions = ReturnType<typeof chatworkActions>;
