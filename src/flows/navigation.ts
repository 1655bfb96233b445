import type { Actor, CoreDeps } from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { ButtonAction, CardDoc } from './card.js';
import { type ContactReach, contactsDoc, requestsDoc } from './cards/lists.js';
import { acceptAllConfirmDoc, blockedDoc } from './cards/people.js';
import { privacyDoc } from './cards/privacy.js';
import { listPage } from './clicks-lists.js';
import { acceptAllPreviewOf, blockedPage } from './people.js';
import { askDeletion, exportData } from './privacy.js';

/**
 * The buttons that change nothing and answer with a card, written once: [Show more] (the next page of
 * requests, contacts or the block list), "Accept all (N)" (the question, counting them all), and the
 * help card's [Delete my data] (the question) and [Export my data] (the link), which only answer where
 * no one else sees them. Each adapter only reads the button and shows the card (Slack App Home asks
 * in a modal instead, and pages App Home itself).
 */
export type NavigationClick = Extract<
  ButtonAction,
  { kind: 'page' | 'accept_all_ask' | 'delete_data_ask' | 'export_data_ask' }
>;

const NAVIGATION: ReadonlySet<string> = new Set<NavigationClick['kind']>([
  'page',
  'accept_all_ask',
  'delete_data_ask',
  'export_data_ask',
]);
export const isNavigationClick = (c: { kind: string }): c is NavigationClick => NAVIGATION.has(c.kind);

const sentence = (said: Text): CardDoc => privacyDoc({ kind: 'said', said, tone: 'plain' });

/** Where a navigation answers: how contacts are reached there, and whether only the clicker sees it. */
export type NavigationWhere = { reach: ContactReach; privateReply: boolean };

/** The card a navigation button shows; null when its list cannot be read (the card stays as it was). */
export async function navigationDoc(
  deps: CoreDeps,
  actor: Actor,
  click: NavigationClick,
  where: NavigationWhere,
): Promise<CardDoc | null> {
  switch (click.kind) {
    case 'accept_all_ask': {
      const preview = await acceptAllPreviewOf(deps, actor);
      if (!preview.ok) return null;
      return preview.value.count === 0
        ? sentence({ key: 'people.accept_all.none' })
        : acceptAllConfirmDoc(preview.value);
    }
    case 'delete_data_ask':
    case 'export_data_ask': {
      if (!where.privateReply) return sentence({ key: 'privacy.personal_only' });
      const done =
        click.kind === 'delete_data_ask'
          ? await askDeletion(deps, actor)
          : await exportData(deps, actor, true);
      return privacyDoc(done.view);
    }
    case 'page': {
      const { list, cursor } = click;
      if (list === 'blocked') {
        const page = await blockedPage(deps, actor, cursor);
        return page.ok ? blockedDoc(page.value) : null;
      }
      const next = await listPage(deps, actor, { list, cursor });
      if (!next.ok) return null;
      const shown = next.value;
      if (shown.list === 'contacts') return contactsDoc(shown.page, where.reach);
      const lists =
        shown.list === 'incoming'
          ? { incoming: shown.page, outgoing: null }
          : { incoming: null, outgoing: shown.page };
      return requestsDoc(lists, deps.clock.now());
    }
  }
}
