import type { Locale, Result, SendView } from '../../core/index.js';
import { describeError, type ErrorDetails, t } from '../../i18n/catalog.js';
import { esc } from './render/mrkdwn.js';

/** A core problem as the error `describeError` takes; the one mapping from codes to words. */
export type Problem = ErrorDetails;

/** The words for a problem; `name` is the other person's display name (raw; escaped here). */
export const problemText = (locale: Locale, problem: Problem, name = ''): string =>
  describeError(locale, problem, esc(name));

/**
 * What the sender of a request is told: the four viewer states of Chatwork's invite link
 * (own, contact, requested, stranger → sent / sign up and connect) and every error.
 */
export function sendReplyText(locale: Locale, result: Result<SendView, Problem>, targetName = ''): string {
  if (!result.ok) {
    const name = esc(targetName);
    if (result.error.code === 'OWN_LINK') return t(locale, 'viewer.own');
    if (result.error.code === 'ALREADY_CONTACTS') return t(locale, 'viewer.contact', { name });
    return problemText(locale, result.error, targetName);
  }
  const { outcome, sender, recipient } = result.value;
  const name = esc(recipient.displayName);
  switch (outcome.status) {
    case 'sent':
      return sender.created
        ? t(locale, 'viewer.signed_up', { handle: `\`${esc(sender.account.handle)}\``, name })
        : t(locale, 'viewer.sent', { name });
    case 'already_pending':
      return t(locale, 'viewer.requested', { name });
    case 'connected':
      return t(locale, 'viewer.connected', { name });
  }
}
