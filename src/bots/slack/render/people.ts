import type {
  Account,
  ConnectionRequest,
  Contact,
  Locale,
  Page,
  RequestWithPeople,
} from '../../../core/index.js';
import { t } from '../../../i18n/catalog.js';
import { ACTION, encode, type Surface } from '../values.js';
import { esc, mrkdwn, plain } from './mrkdwn.js';

/** Blocks for people and requests, shared by command replies, DMs and App Home. */
// biome-ignore lint/suspicious/noExplicitAny: Block Kit blocks are plain JSON objects.
export type Block = Record<string, any>;

/** `*Name* (`handle`)`: both escaped; just the name while they have no handle (unclaimed). */
export const who = (a: Pick<Account, 'displayName' | 'handle'> | null): string =>
  a ? `*${esc(a.displayName)}*${a.handle ? ` (\`${esc(a.handle)}\`)` : ''}` : '?';

export const noteLine = (locale: Locale, note: string | null): string =>
  note ? `\n>${t(locale, 'slack.card.note')}: ${esc(note).replace(/\n/g, '\n>')}` : '';

export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Block => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** Accept, Decline, and Block in an overflow: the recipient's controls for one request. */
export function decisionActions(locale: Locale, requestId: string, surface: Surface): Block {
  return {
    type: 'actions',
    block_id: `req:${requestId}:${surface}`.slice(0, 255),
    elements: [
      button(
        t(locale, 'term.accept'),
        ACTION.accept,
        encode.request({ r: requestId, s: surface }),
        'primary',
      ),
      button(t(locale, 'term.decline'), ACTION.decline, encode.request({ r: requestId, s: surface })),
      {
        type: 'overflow',
        action_id: ACTION.more,
        options: [{ text: plain(t(locale, 'term.block')), value: encode.block(requestId, surface) }],
      },
    ],
  };
}

export function incomingBlocks(locale: Locale, items: RequestWithPeople[], surface: Surface): Block[] {
  return items.flatMap(({ request, other }) => [
    {
      type: 'section',
      text: mrkdwn(`${who(other)}${contextLine(locale, request)}${noteLine(locale, request.note)}`),
    },
    decisionActions(locale, request.id, surface),
  ]);
}

const contextLine = (locale: Locale, r: ConnectionRequest): string =>
  r.context ? `\n${t(locale, 'slack.dm.from', { context: esc(r.context) })}` : '';

export function outgoingBlocks(locale: Locale, items: RequestWithPeople[], surface: Surface): Block[] {
  return items.map(({ request, other }) => ({
    type: 'section',
    text: mrkdwn(`${who(other)} · ${t(locale, 'state.pending')}${noteLine(locale, request.note)}`),
    accessory: button(
      t(locale, 'term.withdraw'),
      ACTION.withdraw,
      encode.request({ r: request.id, s: surface }),
    ),
  }));
}

/** A Slack deep link to message a contact, when they are a Slack user of the viewer's workspace. */
function messageUrl(contact: Account, teamId: string): string | null {
  const id = contact.identities.find((i) => i.platform === 'slack' && i.teamId === teamId);
  return id && id.platform === 'slack'
    ? `https://slack.com/app_redirect?team=${encodeURIComponent(teamId)}&channel=${encodeURIComponent(id.userId)}`
    : null;
}

export function contactBlocks(locale: Locale, items: Contact[], teamId: string, surface: Surface): Block[] {
  return items.map(({ account }) => {
    const url = messageUrl(account, teamId);
    return {
      type: 'section',
      text: mrkdwn(who(account)),
      accessory: {
        type: 'overflow',
        action_id: ACTION.contact,
        options: [
          ...(url
            ? [{ text: plain(t(locale, 'slack.contacts.message')), value: encode.message(), url }]
            : []),
          { text: plain(t(locale, 'term.remove')), value: encode.remove(account.id, surface) },
        ],
      },
    };
  });
}

export function moreButton(
  locale: Locale,
  list: 'incoming' | 'outgoing' | 'contacts',
  page: Page<unknown>,
  surface: Surface,
): Block[] {
  if (!page.nextCursor) return [];
  return [
    {
      type: 'actions',
      elements: [
        button(
          t(locale, 'slack.more'),
          ACTION.page,
          encode.page({ l: list, c: page.nextCursor, s: surface }),
        ),
      ],
    },
  ];
}

export const header = (text: string): Block => ({ type: 'header', text: plain(text, 150) });
export const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
export const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(text)] });
