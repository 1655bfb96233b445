import {
  type Account,
  type Actor,
  buildInviteLink,
  type ConnectionRequest,
  type CoreDeps,
  ensureAccount,
  ok,
  type RequestProblem,
  type Result,
  requestConnection,
  resolveTarget,
  type SendView,
  type ViewerState,
  viewerState,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import { realChatworkLink } from './chatwork.js';
import type { Outcome } from './outcome.js';
import { sentReply } from './request-sent.js';

/**
 * The invite card as one viewer sees it, on every platform: their own link, a contact, already
 * asked, a registered stranger, or someone seen for the first time (whose click registers them and
 * sends the request at once: sign up and connect). A surface with cards (Teams) draws the card in
 * this state; a surface that answers a click privately (Slack) says `inviteSentence`.
 */
export interface InviteSeen {
  owner: Account;
  link: string;
  /** Null for the card as posted, before anyone is known to look at it. */
  state: ViewerState | null;
  /** What just happened (request sent, signed up, an error), shown under the link. */
  notice?: { text: Text; tone: 'good' | 'attention' };
  /**
   * A request this click settled: the owner had already asked the clicker, so they are now
   * contacts. The clicker's own Accept/Decline card for it must show that (no buttons left).
   */
  settled?: ConnectionRequest;
  /** The owner's real chatwork.com link (linked, with a Chatwork ID): [Open in Chatwork] on the card. */
  chatworkUrl?: string;
}

const withChatworkUrl = <V extends InviteSeen>(view: V, url: string | null): V =>
  url ? { ...view, chatworkUrl: url } : view;

const seen = (owner: Account, publicUrl: string, state: ViewerState | null): InviteSeen => ({
  owner,
  link: buildInviteLink(publicUrl, owner.handle),
  state,
});

/** The actor's own invite card ("Share my invite"), registering them the first time. */
export async function myInvite(deps: CoreDeps, actor: Actor) {
  const me = await ensureAccount(deps, actor);
  return me.ok ? ok(seen(me.value.account, deps.publicUrl, null)) : me;
}

/** Link unfurling: the card behind a pasted link, or null when it is not one of our invite links. */
export async function unfurlInvite(deps: CoreDeps, url: string): Promise<InviteSeen | null> {
  const host = (u: string) => URL.parse(u)?.hostname.toLowerCase();
  if (host(url) !== host(deps.publicUrl)) return null;
  const found = await resolveTarget(deps, url);
  return found.ok ? seen(found.value.account, deps.publicUrl, null) : null;
}

/** `refresh`: the card as `actor` sees it now. */
export async function viewInvite(deps: CoreDeps, actor: Actor, owner: Account): Promise<InviteSeen> {
  const [viewer, chatworkUrl] = await Promise.all([
    deps.store.getAccountByIdentity(actor.identity),
    realChatworkLink(deps, owner.id),
  ]);
  const state = await viewerState(deps, viewer?.id ?? null, owner.id);
  return withChatworkUrl(seen(owner, deps.publicUrl, state.ok ? state.value : null), chatworkUrl);
}

/**
 * What sending a request to the card's owner did, as the card shows it: the viewer's state, a
 * notice when something happened (sent, signed up, connected, an error), and the one sentence for it
 * (`sentReply`, shared with every command that sends a request).
 */
export function inviteAfterSend(
  owner: Account,
  publicUrl: string,
  sent: Result<SendView, RequestProblem>,
): InviteSeen & { said: Text; problem?: true } {
  const reply = sentReply(sent, owner.displayName);
  if (!sent.ok) {
    const code = sent.error.code;
    if (code === 'OWN_LINK' || code === 'ALREADY_CONTACTS')
      return { ...seen(owner, publicUrl, code === 'OWN_LINK' ? 'own' : 'contact'), said: reply.said };
    return {
      ...seen(owner, publicUrl, null),
      notice: { text: reply.said, tone: 'attention' },
      said: reply.said,
      problem: true,
    };
  }
  const { status } = sent.value.outcome;
  if (status === 'already_pending') return { ...seen(owner, publicUrl, 'requested'), said: reply.said };
  return {
    ...seen(owner, publicUrl, status === 'connected' ? 'contact' : 'requested'),
    notice: { text: reply.said, tone: 'good' },
    said: reply.said,
    ...(status === 'connected' ? { settled: sent.value.outcome.request } : {}),
  };
}

/**
 * [Add to contacts] on `owner`'s invite card: sends the request (registering a first-time clicker)
 * and returns the card as the clicker now sees it, with the sentence for the clicker.
 */
export async function addToContacts(
  deps: CoreDeps,
  actor: Actor,
  owner: Account,
  context: string | null,
  /** "Add with a note": at most 300 characters (core's `cleanNote`), or none. */
  note: string | null = null,
): Promise<Outcome<InviteSeen & { said: Text }>> {
  const sent = await requestConnection(deps, {
    actor,
    target: { kind: 'account', accountId: owner.id },
    source: 'link',
    context,
    note,
  });
  const outcome = sent.ok ? sent.value.outcome.status : sent.error.code;
  const { problem, ...after } = inviteAfterSend(owner, deps.publicUrl, sent);
  const view = withChatworkUrl(after, await realChatworkLink(deps, owner.id));
  // The card stays as it was: read the viewer's state again so it still shows the right buttons.
  if (!problem) return { view, outcome };
  const now = await viewInvite(deps, actor, owner);
  return { view: { ...view, state: now.state }, outcome };
}
