import {
  isUnclaimed,
  type OrgPolicyRefused,
  type RequestProblem,
  type RequestSource,
  type Result,
  type SendView,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';

/** How a sentence reads: good news, a problem, or neither. */
export type Tone = 'good' | 'bad' | 'plain';

/** What the sender of a request is told, and the outcome to report. */
export interface SentReply {
  said: Text;
  tone: Tone;
  /** `sent`, `already_pending`, `connected` or the error code. */
  outcome: string;
}

/**
 * What the sender of a request is told, on every platform and for every way of sending (a command,
 * [Add to contacts]): Chatwork's viewer states of an invite link (own, contact, requested, stranger
 * → sent / signed up and sent) and every error. `name` is the person asked, when known.
 */
export function sentReply(sent: Result<SendView, RequestProblem>, name = ''): SentReply {
  if (!sent.ok) {
    const code = sent.error.code;
    if (code === 'OWN_LINK') return { said: { key: 'viewer.own' }, tone: 'plain', outcome: code };
    if (code === 'ALREADY_CONTACTS')
      return { said: { key: 'viewer.contact', params: { name } }, tone: 'good', outcome: code };
    const said = refusalText(sent.error, 'sender', name) ?? { problem: sent.error, name };
    return { said, tone: 'bad', outcome: code };
  }
  const { outcome, sender, recipient } = sent.value;
  const params = { name: recipient.displayName };
  switch (outcome.status) {
    case 'sent': {
      // Someone who never used the app gets the request once they open it: the sender is told so.
      const waiting = isUnclaimed(recipient);
      return sender.created
        ? {
            said: {
              key: waiting ? 'viewer.signed_up_waiting' : 'viewer.signed_up',
              params: { ...params, handle: { code: sender.account.handle } },
            },
            tone: 'good',
            outcome: 'sent',
          }
        : {
            said: { key: waiting ? 'viewer.sent_waiting' : 'viewer.sent', params },
            tone: 'good',
            outcome: 'sent',
          };
    }
    case 'already_pending':
      return { said: { key: 'viewer.requested', params }, tone: 'plain', outcome: outcome.status };
    case 'connected':
      return { said: { key: 'viewer.connected', params }, tone: 'good', outcome: outcome.status };
  }
}

/**
 * An organisation policy's refusal as the person acting reads it (`actorIs`: their side of the
 * request): their own organisation's is the plain error ("Your organisation does not allow this."),
 * the other person's names whose it is. Null for any other problem.
 */
export function refusalText(
  error: { code: string } | OrgPolicyRefused,
  actorIs: OrgPolicyRefused['refusedBy'],
  name = '',
): Text | null {
  if (error.code !== 'ORG_POLICY_REFUSED' || !('refusedBy' in error) || error.refusedBy === actorIs)
    return null;
  return name ? { key: 'org.refused_by_other', params: { name } } : { key: 'org.refused_by_other_unnamed' };
}

/** A request's source when the person was named as text: `link` for a pasted link, else `handle`. */
export const sourceOfText = (text: string): RequestSource => (/[/.]/.test(text) ? 'link' : 'handle');
