import {
  type Actor,
  type Contact,
  type CoreDeps,
  ensureAccount,
  listContacts,
  listRequests,
  ok,
  type Page,
  type RequestWithPeople,
} from '../core/index.js';
import { realChatworkLink } from './chatwork.js';
import { PAGE } from './lists.js';

/** The lists a person sees: requests to answer, requests they sent, contacts. */
export type ListName = 'incoming' | 'outgoing' | 'contacts';
/** Where a list goes on: the cursor of its next page. */
export interface ListCursor {
  list: ListName;
  cursor: string | null;
}

export type ListPage =
  | { list: 'contacts'; page: Page<Contact> }
  | { list: 'incoming' | 'outgoing'; page: Page<RequestWithPeople> };

/** [Show more]: the next page of one list. Navigation: it changes nothing. */
export async function listPage(deps: CoreDeps, actor: Actor, at: ListCursor) {
  const { list, cursor } = at;
  if (list === 'contacts') {
    const page = await listContacts(deps, actor, { limit: PAGE.contacts, cursor });
    return page.ok ? ok<ListPage>({ list, page: page.value }) : page;
  }
  const page = await listRequests(deps, actor, list, { limit: PAGE[list], cursor });
  return page.ok ? ok<ListPage>({ list, page: page.value }) : page;
}

/**
 * Everything a home view shows (Slack's App Home): the person's card and one page of each list,
 * `at` paging one of them on. Registers them the first time.
 */
export async function homeOf(deps: CoreDeps, actor: Actor, at: ListCursor | null = null) {
  const me = await ensureAccount(deps, actor);
  if (!me.ok) return me;
  const cursor = (list: ListName) => (at?.list === list ? at.cursor : null);
  const [incoming, outgoing, contacts, chatworkUrl] = await Promise.all([
    listRequests(deps, actor, 'incoming', { limit: PAGE.incoming, cursor: cursor('incoming') }),
    listRequests(deps, actor, 'outgoing', { limit: PAGE.outgoing, cursor: cursor('outgoing') }),
    listContacts(deps, actor, { limit: PAGE.contacts, cursor: cursor('contacts') }),
    realChatworkLink(deps, me.value.account.id),
  ]);
  if (!incoming.ok) return incoming;
  if (!outgoing.ok) return outgoing;
  if (!contacts.ok) return contacts;
  return ok({
    me: me.value,
    incoming: incoming.value,
    outgoing: outgoing.value,
    contacts: contacts.value,
    /** The real chatwork.com link of a linked person (src/flows/chatwork.ts). */
    chatworkUrl,
  });
}
