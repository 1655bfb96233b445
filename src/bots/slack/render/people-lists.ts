import type { BlockedAccount, Locale, Page } from '../../../core/index.js';
import type { AcceptAllConfirm } from '../../../flows/people.js';
import { t } from '../../../i18n/catalog.js';
import { ACTION, encode } from '../values.js';
import type { Message } from './cards.js';
import { clamp } from './mrkdwn.js';
import { type Block, button, context, header, section, who } from './people.js';

/** The block list and bulk accept in Block Kit: `blocked`, and `accept all`'s confirmation. */

/** `blocked`: each person with [Unblock], then [Show more] when there is a next page. */
export function blockedMessage(locale: Locale, page: Page<BlockedAccount>): Message {
  const title = t(locale, 'people.blocked.title');
  const rows = page.items.map(({ account }) => ({
    ...section(who(account)),
    accessory: button(t(locale, 'term.unblock'), ACTION.unblock, encode.unblock(account.id)),
  }));
  const more: Block[] = page.nextCursor
    ? [
        {
          type: 'actions',
          elements: [
            button(t(locale, 'slack.more'), ACTION.blockedMore, encode.blockedMore(page.nextCursor)),
          ],
        },
      ]
    : [];
  return {
    text: clamp(title),
    blocks: [
      header(title),
      ...(rows.length === 0 ? [context(t(locale, 'people.blocked.none'))] : rows),
      ...more,
    ],
  };
}

/** `accept all`, asked: how many, and the one button that accepts them. */
export function acceptAllConfirmBlocks(locale: Locale, c: AcceptAllConfirm): Block[] {
  return [
    section(t(locale, 'people.accept_all.confirm', { count: c.count, max: c.max })),
    {
      type: 'actions',
      elements: [
        button(
          t(locale, 'people.accept_all.button', { count: c.count }),
          ACTION.acceptAll,
          encode.acceptAll(c.count, c.before),
          'primary',
        ),
      ],
    },
  ];
}

export const acceptAllConfirmMessage = (locale: Locale, c: AcceptAllConfirm): Message => ({
  text: clamp(t(locale, 'people.accept_all.confirm', { count: c.count, max: c.max })),
  blocks: acceptAllConfirmBlocks(locale, c),
});

/**
 * "Accept all (N)" above the incoming requests of a list or App Home: it asks first (the
 * confirmation counts them all). N is what the page shows, with "+" when there are more.
 */
export function acceptAllAsk(locale: Locale, incoming: Page<unknown>): Block[] {
  if (incoming.items.length < 2) return [];
  const count = `${incoming.items.length}${incoming.nextCursor ? '+' : ''}`;
  return [
    {
      type: 'actions',
      elements: [button(t(locale, 'people.accept_all.button', { count }), ACTION.acceptAllAsk, 'ask')],
    },
  ];
}

/** App Home's confirmation: a modal (Home has no place for a question), its button a click like any other. */
export const acceptAllModal = (locale: Locale, c: AcceptAllConfirm) => ({
  type: 'modal' as const,
  title: { type: 'plain_text', text: t(locale, 'term.incoming_requests').slice(0, 24) },
  close: { type: 'plain_text', text: t(locale, 'people.note.cancel') },
  blocks: acceptAllConfirmBlocks(locale, c),
});

/**
 * "Add with a note": a modal with one optional note (at most `max` characters; core checks it again).
 * `metadata` carries the invite's owner and where it was clicked, back to the submission.
 */
export const noteModal = (
  locale: Locale,
  ownerName: string,
  max: number,
  metadata: string,
  callbackId: string,
) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  private_metadata: metadata,
  title: { type: 'plain_text', text: t(locale, 'people.note.title').slice(0, 24) },
  submit: { type: 'plain_text', text: t(locale, 'people.note.submit').slice(0, 24) },
  close: { type: 'plain_text', text: t(locale, 'people.note.cancel').slice(0, 24) },
  blocks: [
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: {
        type: 'plain_text',
        text: t(locale, 'people.note.label', { name: ownerName, max }).slice(0, 2000),
      },
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: max },
    },
  ],
});

/** The note modal after it was sent: what happened, in place of the form. */
export const noteDoneModal = (locale: Locale, text: string) => ({
  type: 'modal' as const,
  title: { type: 'plain_text', text: t(locale, 'people.note.title').slice(0, 24) },
  close: { type: 'plain_text', text: t(locale, 'people.note.cancel').slice(0, 24) },
  blocks: [section(text)],
});
