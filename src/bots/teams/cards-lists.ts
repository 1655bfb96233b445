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
import { acceptAllAskAction, moreAction, who } from './cards-people.js';
import type { Card } from './transport.js';

/** Cards that list things: requests, contacts, search results. Each list is capped to stay small. */
export const LIST_CAP = 10;

/** Where each list goes on ([Show more], null on its last page), and `only` one of them (a next page). */
export interface ListsMore {
  incoming?: string | null;
  outgoing?: string | null;
  only?: 'incoming' | 'outgoing';
}

const actionSet = (actions: Record<string, unknown>[]) =>
  actions.length > 0 ? [{ type: 'ActionSet', actions }] : [];

export function requestsCard(
  locale: Locale,
  viewerId: string,
  incoming: RequestWithPeople[],
  outgoing: RequestWithPeople[],
  now: number,
  lead?: string,
  more: ListsMore = {},
): Card {
  const body = [...(lead ? [line(lead, { color: 'Attention' })] : [])];
  if (more.only !== 'outgoing') body.push(...incomingList(locale, incoming, more.incoming ?? null));
  if (more.only !== 'incoming')
    body.push(...outgoingList(locale, viewerId, outgoing, now, more.outgoing ?? null));
  return card(body);
}

/** Incoming requests, Accept/Decline each; "Accept all (N)" and [Show more] under them. */
function incomingList(locale: Locale, incoming: RequestWithPeople[], cursor: string | null) {
  const body = [heading(t(locale, 'term.incoming_requests'))];
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
  const shown = Math.min(incoming.length, LIST_CAP);
  body.push(
    ...actionSet([
      ...acceptAllAskAction(locale, shown, cursor !== null),
      ...moreAction(locale, 'incoming', cursor),
    ]),
  );
  return body;
}

/** Sent requests, Withdraw each while pending; [Show more] under them. */
function outgoingList(
  locale: Locale,
  viewerId: string,
  outgoing: RequestWithPeople[],
  now: number,
  cursor: string | null,
) {
  const body = [heading(t(locale, 'term.outgoing_requests'))];
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
  body.push(...actionSet(moreAction(locale, 'outgoing', cursor)));
  return body;
}

export function contactsCard(
  locale: Locale,
  publicUrl: string,
  contacts: Contact[],
  cursor: string | null = null,
): Card {
  const body = [heading(t(locale, 'term.contacts'))];
  if (contacts.length === 0) body.push(line(t(locale, 'teams.contacts.none'), { isSubtle: true }));
  // One page of the flow's (`PAGE.contacts`); the rest behind [Show more].
  for (const { account } of contacts) {
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
  return card(body, moreAction(locale, 'contacts', cursor));
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
