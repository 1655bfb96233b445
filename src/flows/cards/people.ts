import type { BlockedAccount, Page } from '../../core/index.js';
import type { CardBlock, CardDoc } from '../card.js';
import type { AcceptAllConfirm } from '../people.js';
import { action, listBlocks, moreButton, t, who } from './lists.js';

/** The block list and bulk accept, written once (`src/flows/people.ts` runs them). */

/** `blocked`: each person with [Unblock], then [Show more] when there is a next page. */
export function blockedDoc(page: Page<BlockedAccount>): CardDoc {
  const rows = page.items.map(
    ({ account }): CardBlock => ({
      kind: 'item',
      blocks: [{ kind: 'text', text: who(account) }],
      buttons: [action(t('term.unblock'), { kind: 'unblock', otherId: account.id })],
    }),
  );
  const more = moreButton('blocked', page.nextCursor);
  return {
    summary: t('people.blocked.title'),
    blocks: [
      ...listBlocks(t('people.blocked.title'), t('people.blocked.none'), rows),
      ...(more.length > 0 ? [{ kind: 'buttons' as const, buttons: more }] : []),
    ],
  };
}

/** `accept all`, asked: how many, and the one button that accepts them (bounded by the time of asking). */
export function acceptAllConfirmDoc(c: AcceptAllConfirm): CardDoc {
  const question = t('people.accept_all.confirm', { count: c.count, max: c.max });
  return {
    summary: question,
    blocks: [{ kind: 'text', text: question }],
    buttons: [
      action(
        t('people.accept_all.button', { count: c.count }),
        { kind: 'accept_all', shown: c.count, before: c.before },
        { style: 'primary' },
      ),
    ],
  };
}
