import {
  type Account,
  type ConnectionRequest,
  type Locale,
  POLICY,
  type RequestState,
} from '../../core/index.js';
import type { InviteSeen } from '../../flows/invite-view.js';
import { stateLabel, t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { card, execute, heading, line, openUrl, UNFURL_CARD_VERSION, VERBS } from './card-kit.js';
import { addWithNoteAction } from './cards-people.js';
import { privacyActions } from './cards-privacy.js';
import type { Card } from './transport.js';

/** The Adaptive Cards of the Teams bot: one pure function per card, text from the catalog. */

/** The invite card, as one viewer sees it (`src/flows/invite-view.ts`); as posted, before anyone looks at it. */
export function inviteCard(
  locale: Locale,
  owner: Account,
  link: string,
  view: Pick<InviteSeen, 'state' | 'notice'> = { state: null },
): Card {
  const body = [
    heading(t(locale, 'teams.invite.title', { name: owner.displayName })),
    line(t(locale, 'teams.invite.text', { name: owner.displayName }), {}, 'Small'),
    line(`${t(locale, 'term.chatwork_id')}: ${owner.handle}`, { isSubtle: true }),
    line(link, { fontType: 'Monospace' }),
  ];
  const state = view.state;
  if (state === 'own') body.push(line(t(locale, 'viewer.own'), { color: 'Accent' }));
  if (view.notice) {
    const color = view.notice.tone === 'good' ? 'Good' : 'Attention';
    body.push(line(renderText(locale, view.notice.text), { color }));
  } else if (state === 'contact') {
    body.push(line(t(locale, 'viewer.contact', { name: owner.displayName }), { color: 'Good' }));
  } else if (state === 'requested') {
    body.push(line(t(locale, 'viewer.requested', { name: owner.displayName }), { color: 'Good' }));
  }
  const actions = [];
  if (state === 'anonymous')
    actions.push(
      execute(t(locale, 'term.register_and_connect'), VERBS.addToContacts, { ownerId: owner.id }, 'positive'),
    );
  else if (state === null || state === 'stranger')
    actions.push(
      execute(t(locale, 'term.add_to_contacts'), VERBS.addToContacts, { ownerId: owner.id }, 'positive'),
      addWithNoteAction(locale, owner.id, POLICY.request.noteMaxChars),
    );
  actions.push(openUrl(t(locale, 'teams.open_link'), link));
  return card(body, actions, { refresh: execute('', VERBS.refresh, { ownerId: owner.id }) });
}

export function linkCard(locale: Locale, link: string): Card {
  return card(
    [
      heading(t(locale, 'teams.link.title')),
      line(t(locale, 'teams.link.text'), {}, 'Small'),
      line(link, { fontType: 'Monospace' }),
      { type: 'Image', url: `${link}/qr.png`, altText: t(locale, 'teams.link.qr_alt'), size: 'Medium' },
    ],
    [openUrl(t(locale, 'teams.open_link'), link)],
  );
}

function requestDetails(locale: Locale, request: ConnectionRequest) {
  return [
    ...(request.note ? [line(t(locale, 'teams.request.note', { note: request.note }), {}, 'Small')] : []),
    ...(request.context
      ? [line(t(locale, 'teams.request.context', { context: request.context }), { isSubtle: true })]
      : []),
  ];
}

/** Accept / Decline / Block; `list` marks buttons inside the `requests` list card. */
export function decisionActions(locale: Locale, requestId: string, list = false) {
  const data: Record<string, string> = list ? { requestId, view: 'list' } : { requestId };
  return [
    execute(t(locale, 'term.accept'), VERBS.accept, data, 'positive'),
    execute(t(locale, 'term.decline'), VERBS.decline, data),
    execute(t(locale, 'term.block'), VERBS.block, data, 'destructive'),
  ];
}

/** What the recipient gets: Accept / Decline / Block. */
export function requestCard(
  locale: Locale,
  request: ConnectionRequest,
  sender: Account,
  opts: { reminder?: boolean; profileLink?: string } = {},
): Card {
  const key = opts.reminder ? 'teams.request.reminder' : 'teams.request.text';
  return card(
    [
      heading(t(locale, 'teams.request.title')),
      line(t(locale, key, { name: sender.displayName }), {}, 'Small'),
      line(`${t(locale, 'term.chatwork_id')}: ${sender.handle}`, { isSubtle: true }),
      ...requestDetails(locale, request),
    ],
    [
      ...decisionActions(locale, request.id),
      ...(opts.profileLink ? [openUrl(t(locale, 'term.profile_link'), opts.profileLink)] : []),
    ],
  );
}

/** The request card after the fact: the final state as the recipient sees it, no buttons; `outcome`: what the click did. */
export function resolvedCard(
  locale: Locale,
  request: ConnectionRequest,
  sender: Account | null,
  seen: RequestState,
  outcome?: string,
): Card {
  const name = sender?.displayName ?? '?';
  return card([
    heading(t(locale, 'teams.request.title')),
    line(t(locale, 'teams.request.resolved', { name, state: stateLabel(locale, seen) }), {
      color: seen === 'accepted' ? 'Good' : undefined,
    }),
    ...(outcome ? [line(outcome, { isSubtle: true })] : []),
    ...requestDetails(locale, request),
  ]);
}

/** The sender's notice that their request was accepted. */
export function acceptedCard(locale: Locale, other: Account, profileLink: string): Card {
  return card(
    [
      heading(t(locale, 'term.contacts')),
      line(t(locale, 'teams.accepted.text', { name: other.displayName })),
    ],
    [openUrl(t(locale, 'term.profile_link'), profileLink)],
  );
}

/** A short message: an outcome, an error, a confirmation. */
export function noticeCard(text: string, tone: 'good' | 'attention' | 'plain' = 'plain'): Card {
  return card([line(text, tone === 'plain' ? {} : { color: tone === 'good' ? 'Good' : 'Attention' })]);
}

export function idCard(locale: Locale, handle: string, link: string): Card {
  return card(
    [heading(t(locale, 'term.chatwork_id')), line(t(locale, 'teams.id.current', { handle })), line(link)],
    [openUrl(t(locale, 'teams.open_link'), link)],
  );
}

export function webCard(locale: Locale, url: string): Card {
  return card(
    [heading(t(locale, 'teams.web.title')), line(t(locale, 'teams.web.text'), { isSubtle: true })],
    [openUrl(t(locale, 'teams.web.button'), url)],
  );
}

const HELP_KEYS = [
  'teams.help.invite',
  'teams.help.link',
  'teams.help.request',
  'teams.help.id',
  'teams.help.requests',
  'teams.help.contacts',
  'teams.help.find',
  'teams.help.withdraw',
  'teams.help.web',
  'teams.help.merge',
  'teams.help.privacy',
  'teams.help.chatwork',
] as const;

export function helpCard(locale: Locale, lead?: string): Card {
  return card(
    [
      ...(lead ? [line(lead, { color: 'Attention' })] : []),
      heading(t(locale, 'teams.help.title')),
      ...HELP_KEYS.map((k) => line(t(locale, k), {}, 'Small')),
    ],
    privacyActions(locale),
  );
}

export function welcomeCard(locale: Locale, name: string): Card {
  return card([
    heading(t(locale, 'teams.welcome', { name })),
    ...HELP_KEYS.map((k) => line(t(locale, k), {}, 'Small')),
  ]);
}

/** Link unfurling: Teams renders at most Adaptive Card 1.3 here, so no Action.Execute. */
export function unfurlCard(locale: Locale, owner: Account, link: string): Card {
  return card(
    [
      heading(t(locale, 'teams.invite.title', { name: owner.displayName })),
      line(t(locale, 'teams.unfurl.text', { name: owner.displayName }), {}, 'Small'),
      line(`${t(locale, 'term.chatwork_id')}: ${owner.handle}`, { isSubtle: true }),
    ],
    [openUrl(t(locale, 'term.add_to_contacts'), link)],
    { version: UNFURL_CARD_VERSION },
  );
}

/** The messaging extension's preview: the invite card plus an Insert button. */
export function sharePreviewCard(locale: Locale, invite: Card): Card {
  const body = Array.isArray(invite.body) ? invite.body : [];
  return card(
    [
      line(t(locale, 'teams.share.preview'), { isSubtle: true }),
      { type: 'Container', style: 'emphasis', items: body },
    ],
    [{ type: 'Action.Submit', title: t(locale, 'teams.share.insert'), data: { insert: true } }],
  );
}
