import type { Account, BlockedAccount, Locale, Page } from '../../core/index.js';
import type { AcceptAllConfirm } from '../../flows/people.js';
import { t } from '../../i18n/catalog.js';
import { type Action, card, execute, heading, item, line, VERBS } from './card-kit.js';
import type { Card } from './transport.js';

/** The block list, bulk accept and [Show more], as Adaptive Cards. */

/** The lists a [Show more] pages on. */
export type TeamsList = 'incoming' | 'outgoing' | 'contacts' | 'blocked';

/** [Show more] under a list with a next page; nothing on its last page. */
export const moreAction = (locale: Locale, list: TeamsList, cursor: string | null): Action[] =>
  cursor ? [execute(t(locale, 'term.show_more'), VERBS.more, { list, cursor })] : [];

/** `Name (Chatwork ID: handle)`; just the name while they have no handle (unclaimed). */
export const who = (locale: Locale, a: Account | null) =>
  a ? (a.handle ? `${a.displayName} (${t(locale, 'term.chatwork_id')}: ${a.handle})` : a.displayName) : '?';

/** `blocked`: each person with [Unblock], then [Show more]. */
export function blockedCard(locale: Locale, page: Page<BlockedAccount>): Card {
  const body = [heading(t(locale, 'people.blocked.title'))];
  if (page.items.length === 0) body.push(line(t(locale, 'people.blocked.none'), { isSubtle: true }));
  for (const { account } of page.items)
    body.push(
      item(
        [line(who(locale, account))],
        [execute(t(locale, 'term.unblock'), VERBS.unblock, { accountId: account.id })],
      ),
    );
  return card(body, moreAction(locale, 'blocked', page.nextCursor));
}

/** `accept all`, asked: how many, and the button that accepts them. */
export function acceptAllConfirmCard(locale: Locale, c: AcceptAllConfirm): Card {
  return card(
    [line(t(locale, 'people.accept_all.confirm', { count: c.count, max: c.max }))],
    [
      execute(
        t(locale, 'people.accept_all.button', { count: c.count }),
        VERBS.acceptAll,
        { shown: String(c.count), before: String(c.before) },
        'positive',
      ),
    ],
  );
}

/** "Accept all (N)" on the requests card: it asks first. N is what the card shows ("+" when more). */
export function acceptAllAskAction(locale: Locale, shown: number, more: boolean): Action[] {
  if (shown < 2) return [];
  const count = `${shown}${more ? '+' : ''}`;
  return [execute(t(locale, 'people.accept_all.button', { count }), VERBS.acceptAllAsk, {})];
}

/**
 * "Add with a note" beside [Add to contacts]: a card shown in place with one text input (at most
 * `max` characters; core checks it again) and [Send request], which is [Add to contacts] with the
 * note (Teams adds the input's value to the action's data as `note`).
 */
export function addWithNoteAction(locale: Locale, ownerId: string, max: number): Action {
  return {
    type: 'Action.ShowCard',
    title: t(locale, 'people.note.button'),
    card: card(
      [
        {
          type: 'Input.Text',
          id: 'note',
          label: t(locale, 'people.note.web_label', { max }),
          isMultiline: true,
          maxLength: max,
        },
      ],
      [execute(t(locale, 'people.note.submit'), VERBS.addToContacts, { ownerId }, 'positive')],
    ),
  };
}
