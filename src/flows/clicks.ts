import {
  type Account,
  type Actor,
  assertNever,
  type ConnectionRequest,
  type CoreDeps,
  type Decision,
  decideRequest,
  otherParty,
  type RequestState,
  removeContact,
  setSearchable,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { Invalid } from './button-codec.js';
import type { ButtonAction, CardDoc } from './card.js';
import { chatworkSettledDoc } from './cards/chatwork.js';
import { alreadyChatworkContacts } from './chatwork.js';
import { decideChatworkRequest } from './chatwork-requests.js';
import { addToContacts, type InviteSeen, viewInvite } from './invite-view.js';
import { isNavigationClick, type NavigationWhere, navigationDoc } from './navigation.js';
import type { Outcome } from './outcome.js';
import { confirmAcceptAll, unblockClick } from './people.js';
import { type PrivacyClick, privacyClick } from './privacy.js';
import { refusalText } from './request-sent.js';

/**
 * A button click, as every platform's parser produces it. Who may act is decided by the core from
 * the clicker's own identity (`Actor`), never from the button's data, so a forged or replayed value
 * changes nothing it should not.
 */
export type ClickIntent =
  /** [Add to contacts] on an invite card, or on a `find` result. */
  | { kind: 'add'; ownerId: string; context: string | null; note?: string | null }
  /** Teams: the invite card asks how it looks to this viewer. */
  | { kind: 'view_invite'; ownerId: string }
  /**
   * Accept, Decline, Block (recipient) or Withdraw (sender). `card`: the request card itself, which
   * then shows the final state in place; `list`: a button inside a list.
   */
  | { kind: Decision; requestId: string; on: 'card' | 'list' }
  | { kind: 'remove'; otherId: string }
  | { kind: 'searchable'; value: boolean }
  /** The confirmed "Accept all (N)": `shown` is N, `before` the time the confirmation was asked (`people.ts`). */
  | { kind: 'accept_all'; shown: number; before: number }
  /** [Unblock] on a row of the block list. */
  | { kind: 'unblock'; otherId: string }
  /** `delete my data`'s confirmation: [Delete my data] (the handle it names) or [Keep my data]. */
  | PrivacyClick
  /** A button value that is not ours (forged, foreign, or from a version we no longer read). */
  | { kind: 'invalid' };

/** A request card after the fact: the final state as the clicker sees it, no buttons. */
export interface SettledCard {
  request: ConnectionRequest;
  /** The other party (the sender, when the recipient decided). */
  other: Account | null;
  state: RequestState;
  /** What the click did, or why it did nothing (already answered). */
  said?: Text;
}

/** What the clicker sees. */
export type ClickView =
  /** A private reply to the clicker; the clicked message stays as it was. */
  | { kind: 'said'; text: Text; tone: 'good' | 'attention' }
  /** The clicked request card, replaced in place by its final state. */
  | { kind: 'settled'; card: SettledCard }
  /**
   * The clicked invite card, as the clicker now sees it; after [Add to contacts], `said` is what
   * happened, for a surface that answers privately instead of redrawing the card.
   */
  | { kind: 'invite'; invite: InviteSeen; said?: Text }
  /** Shown in search again, or hidden: each surface says it in its own words. */
  | { kind: 'searchable'; on: boolean }
  /** Not one of ours: each surface says how to see where things stand. */
  | { kind: 'outdated' }
  /** A card in place of the clicked one: a navigation's, or a Chatwork request settled. */
  | { kind: 'doc'; doc: CardDoc };

export interface ClickResult {
  view: ClickView;
  /** The store changed: views that show the clicker's lists (Slack's App Home) are stale. */
  changed: boolean;
  /** A request now settled: its cards elsewhere (the clicker's DM) must show this, no buttons left. */
  settled?: SettledCard;
  /** Decisions in a list: the list the button sat in should be shown again, led by the view's text. */
  relist?: true;
}

const OUTCOME_KEY = {
  accept: 'outcome.accepted',
  decline: 'outcome.declined',
  block: 'outcome.blocked',
  withdraw: 'outcome.withdrawn',
} as const;

const said = (text: Text, tone: 'good' | 'attention' = 'good'): ClickView => ({ kind: 'said', text, tone });
/** What the clicker is told when the click's flow could not finish (`runFlow`'s fallback). */
export const clickFailed = (text: Text): ClickResult => ({ view: said(text, 'attention'), changed: false });
const nothing = (view: ClickView, outcome: string): Outcome<ClickResult> => ({
  view: { view, changed: false },
  outcome,
});

/** Which side of the request the clicker is on: the sender withdraws, the recipient decides. */
const actorSide = (action: Decision) => (action === 'withdraw' ? 'sender' : 'recipient');

async function decide(
  deps: CoreDeps,
  actor: Actor,
  click: Extract<ClickIntent, { requestId: string }>,
): Promise<Outcome<ClickResult>> {
  const action = click.kind;
  const decided = await decideRequest(deps, { actor, requestId: click.requestId, action });
  if (!decided.ok) {
    const error = decided.error;
    if (error.code === 'NOT_FOUND') return nothing({ kind: 'outdated' }, error.code);
    if (error.code === 'ORG_POLICY_REFUSED' && error.refusedBy !== actorSide(action)) {
      // The other person's organisation refused: say whose (their name, from the request).
      const request = await deps.store.getRequest(click.requestId);
      const other = request ? await deps.store.getAccount(otherParty(request, action)) : null;
      const text = refusalText(error, actorSide(action), other?.displayName) ?? { problem: error };
      return nothing(said(text, 'attention'), error.code);
    }
    if (error.code !== 'ALREADY_DECIDED') return nothing(said({ problem: error }, 'attention'), error.code);
    // A second click, or a click on a stale card: show the final state, change nothing.
    if (click.on === 'list')
      return {
        view: { view: said({ problem: error }, 'attention'), changed: false, relist: true },
        outcome: error.code,
      };
    const other = await deps.store.getAccount(otherParty(error.request, action));
    const card = { request: error.request, other, state: error.state, said: { problem: error } };
    return nothing({ kind: 'settled', card }, error.code);
  }
  const { request, other } = decided.value;
  const text: Text = { key: OUTCOME_KEY[action], params: { name: other?.displayName ?? '?' } };
  const card: SettledCard = { request, other, state: request.state, said: text };
  const view: ClickView = click.on === 'card' ? { kind: 'settled', card } : said(text);
  return {
    view: {
      view,
      changed: true,
      settled: card,
      ...(click.on === 'list' ? { relist: true as const } : {}),
    },
    outcome: 'ok',
  };
}

/**
 * Every click that changes something, written once for Slack and Teams: it runs the core and says
 * what the clicker sees. Adapters answer with `view` before anything else, then update the cards of
 * `settled` and refresh what `changed` made stale.
 */
export async function runClick(
  deps: CoreDeps,
  actor: Actor,
  click: ClickIntent,
): Promise<Outcome<ClickResult>> {
  switch (click.kind) {
    case 'add':
    case 'view_invite': {
      const owner = await deps.store.getAccount(click.ownerId);
      if (!owner) return nothing({ kind: 'outdated' }, 'NOT_FOUND');
      if (click.kind === 'view_invite') {
        const invite = await viewInvite(deps, actor, owner);
        return nothing({ kind: 'invite', invite }, 'ok');
      }
      const already = await alreadyChatworkContacts(deps, actor, owner);
      if (already) return nothing(said(already), 'ALREADY_CHATWORK_CONTACTS');
      const added = await addToContacts(deps, actor, owner, click.context, click.note ?? null);
      const { said: sentence, ...invite } = added.view;
      // The owner had asked the clicker first: now contacts, and the clicker's card for that request is settled.
      const settled: SettledCard | undefined = invite.settled && {
        request: invite.settled,
        other: owner,
        state: invite.settled.state,
      };
      return {
        view: {
          view: { kind: 'invite', invite, said: sentence },
          changed: true,
          ...(settled ? { settled } : {}),
        },
        outcome: added.outcome,
      };
    }
    case 'accept':
    case 'decline':
    case 'block':
    case 'withdraw':
      return decide(deps, actor, click);
    case 'remove': {
      const removed = await removeContact(deps, actor, { kind: 'account', accountId: click.otherId });
      if (!removed.ok) return nothing(said({ problem: removed.error }, 'attention'), removed.error.code);
      const text: Text = { key: 'outcome.removed', params: { name: removed.value.other.displayName } };
      return { view: { view: said(text), changed: true }, outcome: 'ok' };
    }
    case 'searchable': {
      const updated = await setSearchable(deps, actor, click.value);
      if (!updated.ok) return nothing(said({ problem: updated.error }, 'attention'), updated.error.code);
      return { view: { view: { kind: 'searchable', on: click.value }, changed: true }, outcome: 'ok' };
    }
    case 'accept_all':
      return confirmAcceptAll(deps, actor, click);
    case 'unblock':
      return unblockClick(deps, actor, click.otherId);
    case 'delete_data':
    case 'delete_data_cancel':
      return privacyClick(deps, actor, click);
    case 'invalid':
      return nothing({ kind: 'outdated' }, 'invalid');
    default:
      return assertNever(click);
  }
}

/** The flow's name of a button, the same on every platform: `click.<kind>`, `click.chatwork_<action>`. */
export const clickAction = (b: ButtonAction | Invalid) =>
  `click.${b.kind === 'chatwork' ? `chatwork_${b.decide.action}` : b.kind}`;

/**
 * Any button read back (`button-codec.ts`), for a platform that answers every click with a view of it
 * (Teams' invoke): a navigation's card (`navigation.ts`; none when its list cannot be read), a Chatwork
 * request decided in Chatwork, or `runClick`. The note and Change inputs are a platform's own: outdated here.
 */
export async function runButton(
  deps: CoreDeps,
  actor: Actor,
  button: ButtonAction | Invalid,
  where: NavigationWhere,
): Promise<Outcome<ClickResult>> {
  if (isNavigationClick(button)) {
    const doc = await navigationDoc(deps, actor, button, where);
    return doc ? nothing({ kind: 'doc', doc }, 'ok') : nothing({ kind: 'outdated' }, 'unavailable');
  }
  if (button.kind === 'chatwork') {
    const { view, outcome } = await decideChatworkRequest(deps, actor, button.decide);
    const doc = view.kind === 'settled' && chatworkSettledDoc(view);
    return nothing(doc ? { kind: 'doc', doc } : said(view.said, 'attention'), outcome);
  }
  const input = button.kind === 'add_note' || button.kind === 'change_handle';
  return runClick(deps, actor, input ? { kind: 'invalid' } : button);
}
