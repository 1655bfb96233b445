import type { Account, Contact, Page, RequestWithPeople } from '../../core/index.js';
import type { CardBlock, CardDoc } from '../card.js';
import { action, type ContactReach, contactBlocks, incomingBlocks, outgoingBlocks, t } from './lists.js';
import { deleteDataAsk } from './privacy.js';

/** What a home view shows (`homeOf` in `src/flows/clicks-lists.ts`). */
export interface HomeLists {
  me: Account;
  link: string;
  incoming: Page<RequestWithPeople>;
  outgoing: Page<RequestWithPeople>;
  contacts: Page<Contact>;
  /** The real chatwork.com link of a linked person. */
  chatworkUrl: string | null;
}

/**
 * Slack's App Home, written as a card: my Chatwork ID and link ([Change]), my real Chatwork link when
 * linked ([Open in Chatwork]), the search opt-out, [Delete my data], then my requests and contacts.
 */
export function homeDoc(home: HomeLists, reach: ContactReach, now: number): CardDoc {
  const { me, link, chatworkUrl } = home;
  const chatwork: CardBlock[] = chatworkUrl
    ? [
        {
          kind: 'item',
          blocks: [{ kind: 'link', url: chatworkUrl }],
          buttons: [{ kind: 'url', label: t('chatwork.card.open'), url: chatworkUrl }],
        },
      ]
    : [];
  return {
    title: t('slack.home.title'),
    summary: t('slack.home.title'),
    blocks: [
      {
        kind: 'item',
        blocks: [
          { kind: 'fact', label: t('term.chatwork_id'), value: me.handle },
          { kind: 'link', url: link },
        ],
        buttons: [action(t('slack.home.change'), { kind: 'change_handle' })],
      },
      ...chatwork,
      {
        kind: 'item',
        blocks: [{ kind: 'text', text: t(me.searchable ? 'slack.searchable.on' : 'slack.searchable.off') }],
        buttons: [
          action(t(me.searchable ? 'slack.searchable.turn_off' : 'slack.searchable.turn_on'), {
            kind: 'searchable',
            value: !me.searchable,
          }),
        ],
      },
      { kind: 'buttons', buttons: [deleteDataAsk()] },
      { kind: 'divider' },
      ...incomingBlocks(home.incoming),
      { kind: 'divider' },
      ...outgoingBlocks(home.outgoing, now),
      { kind: 'divider' },
      ...contactBlocks(home.contacts, reach),
    ],
  };
}
