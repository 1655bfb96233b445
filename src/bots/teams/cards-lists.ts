import {
  type Account,
  buildInviteLink,
  type Contact,
  type Locale,
  type RequestWithPeople,
  stateSeenBy,
} from '../../core/index.js';
import { stateLabel, t } from '../../i18n/catalog.js';
import { card, execute, heading, item, line, openUrl, VERBS } from './card-kit.js';
import { decisionActions } from './cards.js';
import type { Card } from './transport.js';

/** Cards that list things: requests, contacts, search results. Each list is capped to stay small. */
export const LIST_CAP = 10;

const who = (locale: Locale, a: Account | null) =>
  a ? `${a.displayName} (${t(locale, 'term.chatwork_id')}: ${a.handle})` : '?';

export function requestsCard(
  locale: Locale,
  viewerId: string,
  incoming: RequestWithPeople[],
  outgoing: RequestWithPeople[],
  now: number,
  lead?: string,
): Card {
  const body = [
    ...(lead ? [line(lead, { color: 'Attention' })] : []),
    heading(t(locale, 'term.incoming_requests')),
  ];
  if (incoming.length === 0) body.push(line(t(locale, 'teams.requests.none_incoming'), { isSubtle: true }));
  for (const { request, other } of incoming.slice(0, LIST_CAP)) {
    body.push(
      item(
        [
          line(who(locale, other), { weight: 'Bolder' }),
          ...(request.note ? [line(t(locale, 'teams.request.note', { note: request.note }))] : []),
        ],
        decisionActions(locale, request.id, true),
      ),
    );
  }
  body.push(heading(t(locale, 'term.outgoing_requests')));
  if (outgoing.length === 0) body.push(line(t(locale, 'teams.requests.none_outgoing'), { isSubtle: true }));
  for (const { request, other } of outgoing.slice(0, LIST_CAP)) {
    const seen = stateSeenBy(request, viewerId, now);
    body.push(
      item(
        [
          line(
            t(locale, 'teams.request.sent_state', {
              name: who(locale, other),
              state: stateLabel(locale, seen),
            }),
          ),
        ],
        seen === 'pending'
          ? [execute(t(locale, 'term.withdraw'), VERBS.withdraw, { requestId: request.id, view: 'list' })]
          : [],
      ),
    );
  }
  return card(body);
}

export function contactsCard(locale: Locale, publicUrl: string, contacts: Contact[]): Card {
  const body = [heading(t(locale, 'term.contacts'))];
  if (contacts.length === 0) body.push(line(t(locale, 'teams.contacts.none'), { isSubtle: true }));
  for (const { account } of contacts.slice(0, LIST_CAP)) {
    body.push(
      item(
        [line(who(locale, account))],
        [
          openUrl(t(locale, 'term.profile_link'), buildInviteLink(publicUrl, account.handle)),
          execute(t(locale, 'term.remove'), VERBS.remove, { accountId: account.id }, 'destructive'),
        ],
      ),
    );
  }
  return card(body);
}

export function findCard(locale: Locale, query: string, people: Account[]): Card {
  if (people.length === 0) return card([line(t(locale, 'teams.find.none', { query }))]);
  return card([
    heading(t(locale, 'teams.find.title', { query })),
    ...people
      .slice(0, LIST_CAP)
      .map((a) =>
        item(
          [line(who(locale, a))],
          [execute(t(locale, 'term.add_to_contacts'), VERBS.addToContacts, { ownerId: a.id }, 'positive')],
        ),
      ),
  ]);
}
