import {
  type Account,
  type Actor,
  assertNever,
  blockPerson,
  type Command,
  type Contact,
  type CoreDeps,
  changeHandle,
  claimIfNamed,
  ensureAccount,
  findPeople,
  issueSignInLink,
  listContacts,
  type Page,
  type RequestWithPeople,
  removeContact,
  requestConnection,
  setSearchable,
  type TargetRef,
  type Usage,
  unblockPerson,
  withdrawTo,
} from '../core/index.js';
import type { ErrorDetails } from '../i18n/catalog.js';
import type { Text } from '../i18n/text.js';
import { type AdminRole, runAdminCommand } from './admin.js';
import type { CardDoc } from './card.js';
import { alreadyChatworkContactsNamed, realChatworkLink, runChatworkCommand } from './chatwork.js';
import type { SettledCard } from './clicks.js';
import { myRequests, PAGE } from './lists.js';
import { runMergeCommand } from './merge.js';
import type { Outcome } from './outcome.js';
import { type AcceptAllConfirm, acceptAllPreviewOf, type BlockedAccount, blockedPage } from './people.js';
import { askDeletion, exportData, type PrivacyView } from './privacy.js';
import { sentReply, sourceOfText, type Tone } from './request-sent.js';

/**
 * The command flow, the same for `/chatwork-invite …` in Slack and a message to the bot in Teams:
 * a parsed command (core's grammar) and the actor → core → a view and the outcome. `W` is how the
 * platform names a person (Slack `<@U1>`, Teams `<at>…</at>`); the adapter's `PeoplePort` looks them
 * up. No I/O here besides core's ports.
 */

/** Who a command names, once the adapter looked them up. */
export type Named =
  /** A Chatwork ID or an invite link, as typed: core resolves it. */
  | { kind: 'text'; text: string }
  /** A platform user, who may never have used the app. */
  | { kind: 'person'; actor: Actor; source: 'mention' | 'email' }
  /** The platform could not say who it is (no such email, lookup failed): tell the actor this. */
  | { kind: 'problem'; said: Text; outcome: string };

/** What the adapter provides: resolves a platform's way of naming someone. */
export interface PeoplePort<W> {
  name(who: W): Promise<Named>;
}

export interface CommandInput<W> {
  command: Command<W>;
  actor: Actor;
  /** Only the actor sees the answer (Slack ephemeral replies, a Teams personal chat). */
  privateReply: boolean;
  /** Typed in a one-to-one chat with the bot (a Slack DM, a Teams personal chat): where a secret may be given. */
  direct?: boolean;
  /** Where a request comes from, for the recipient (`#channel · workspace`), plain text. */
  context: string | null;
  /** Whether the actor is an admin of their organisation, asked only by `admin …` (none: nobody is). */
  role?: AdminRole;
}

/** What the actor is shown. Each kind is one renderer line per platform. */
export type CommandContent =
  /** A sentence; `help` adds the pointer to `help` (a word that names no one). */
  | { kind: 'said'; said: Text; tone: Tone; help?: true }
  /** `chatworkUrl`: the owner's real chatwork.com link, when they linked an account with a Chatwork ID. */
  | { kind: 'invite_card'; account: Account; link: string; chatworkUrl?: string }
  | { kind: 'link'; link: string }
  | { kind: 'id'; handle: string; link: string }
  | {
      kind: 'requests';
      me: Account;
      incoming: Page<RequestWithPeople>;
      outgoing: Page<RequestWithPeople>;
    }
  | { kind: 'contacts'; contacts: Page<Contact> }
  /** `blocked`: the people I blocked, each with [Unblock]. */
  | { kind: 'blocked'; blocked: Page<BlockedAccount> }
  /** `accept all`: how many it would accept, and the button that confirms it. */
  | { kind: 'accept_all_confirm'; confirm: AcceptAllConfirm }
  | { kind: 'found'; query: string; people: Account[] }
  | { kind: 'searchable'; on: boolean }
  | { kind: 'signin'; url: string }
  /** `delete my data` (its confirmation) and `export my data` (the link): `src/flows/privacy.ts`. */
  | { kind: 'privacy'; view: PrivacyView }
  /** `chatwork connect`: Chatwork's consent screen for the actor (src/flows/chatwork.ts). */
  | { kind: 'chatwork_connect'; url: string }
  /** `web` typed where others would see the link. */
  | { kind: 'signin_private_only' }
  /** `help`, or what was typed could not be read (`unknown` is the word). */
  | { kind: 'help'; unknown?: string }
  | { kind: 'usage'; usage: Usage }
  /** A neutral card (`src/flows/card.ts`), drawn by each platform's generic renderer: `admin …`. */
  | { kind: 'card'; card: CardDoc };

export interface CommandView {
  /** `channel`: everyone where the command was typed; `actor`: the actor, privately where the platform can. */
  to: 'actor' | 'channel';
  content: CommandContent;
  /** Something of the actor's changed (or they were just registered): views of their state are stale. */
  changed: boolean;
  /**
   * A request the command settled: the person named had asked the actor first, so asking back made
   * them contacts. The actor's own card of that request must show it, with no buttons left.
   */
  settled?: SettledCard;
}

const FIND_LIMIT = 20;

const toActor = (content: CommandContent, changed = false): CommandView => ({
  to: 'actor',
  content,
  changed,
});
const say = (said: Text, tone: Tone, changed = false) => toActor({ kind: 'said', said, tone }, changed);
/** A core problem as the answer and the outcome; `name` is the person named, when known. */
const failed = (error: ErrorDetails, name?: string) => ({
  view: say(name === undefined ? { problem: error } : { problem: error, name }, 'bad'),
  outcome: error.code,
});

/** The view when a flow could not finish (see `runFlow`). */
export const commandFailed = (said: Text): CommandView => say(said, 'bad');

/** A code that says the typed word names no one: most likely not meant as a name, so point to help. */
const UNREADABLE = new Set(['NOT_FOUND', 'HANDLE_INVALID', 'HANDLE_RESERVED', 'LINK_FOREIGN_HOST']);

/** One command: core's use case for it, and what the actor is shown. Expected problems are values. */
export async function runCommand<W>(
  deps: CoreDeps,
  people: PeoplePort<W>,
  input: CommandInput<W>,
): Promise<Outcome<CommandView>> {
  const { command, actor } = input;
  // Someone a request was waiting for has now used the app: even `help` gives them their handle and page.
  // The answer does not depend on it (help works while the store is down).
  if (command.kind === 'help' || command.kind === 'usage' || command.kind === 'unknown')
    await claimIfNamed(deps, actor);
  switch (command.kind) {
    case 'invite':
    case 'link':
    case 'id': {
      const me = await ensureAccount(deps, actor);
      if (!me.ok) return failed(me.error);
      const { account, link, created } = me.value;
      if (command.kind === 'invite') {
        const chatworkUrl = await realChatworkLink(deps, account.id);
        const content: CommandContent = chatworkUrl
          ? { kind: 'invite_card', account, link, chatworkUrl }
          : { kind: 'invite_card', account, link };
        return { view: { to: 'channel', content, changed: created }, outcome: 'ok' };
      }
      const content: CommandContent =
        command.kind === 'link' ? { kind: 'link', link } : { kind: 'id', handle: account.handle, link };
      return { view: toActor(content, created), outcome: 'ok' };
    }
    case 'id_set': {
      const changed = await changeHandle(deps, actor, command.handle);
      if (!changed.ok) return failed(changed.error);
      const params = {
        handle: { code: changed.value.account.handle },
        previous: { code: changed.value.previous },
      };
      return { view: say({ key: 'outcome.handle_changed', params }, 'good', true), outcome: 'ok' };
    }
    case 'requests': {
      const mine = await myRequests(deps, actor);
      if (!mine.ok) return failed(mine.error);
      return { view: toActor({ kind: 'requests', ...mine.value }), outcome: 'ok' };
    }
    case 'contacts': {
      const page = await listContacts(deps, actor, { limit: PAGE.contacts });
      if (!page.ok) return failed(page.error);
      return { view: toActor({ kind: 'contacts', contacts: page.value }), outcome: 'ok' };
    }
    case 'find': {
      const found = await findPeople(deps, actor, command.query, FIND_LIMIT);
      if (!found.ok) return failed(found.error);
      return { view: toActor({ kind: 'found', query: command.query, people: found.value }), outcome: 'ok' };
    }
    case 'searchable': {
      const set = await setSearchable(deps, actor, command.on);
      if (!set.ok) return failed(set.error);
      return { view: toActor({ kind: 'searchable', on: command.on }, true), outcome: 'ok' };
    }
    case 'blocked': {
      const page = await blockedPage(deps, actor);
      if (!page.ok) return failed(page.error);
      return { view: toActor({ kind: 'blocked', blocked: page.value }), outcome: 'ok' };
    }
    case 'accept_all': {
      const preview = await acceptAllPreviewOf(deps, actor);
      if (!preview.ok) return failed(preview.error);
      if (preview.value.count === 0)
        return { view: say({ key: 'people.accept_all.none' }, 'plain'), outcome: 'none' };
      return { view: toActor({ kind: 'accept_all_confirm', confirm: preview.value }), outcome: 'ok' };
    }
    case 'withdraw':
    case 'remove':
    case 'block':
    case 'unblock':
      return byPerson(deps, people, actor, command.kind, command.who);
    case 'web': {
      // A sign-in link is a key to the account: never where others would see it.
      if (!input.privateReply)
        return { view: toActor({ kind: 'signin_private_only' }), outcome: 'not_private' };
      const link = await issueSignInLink(deps, actor);
      if (!link.ok) return failed(link.error);
      return { view: toActor({ kind: 'signin', url: link.value.url }), outcome: 'ok' };
    }
    case 'chatwork': {
      const done = await runChatworkCommand(deps, actor, command, input.direct === true);
      return { view: toActor(done.view), outcome: done.outcome };
    }
    case 'delete_data':
    case 'export_data': {
      const done =
        command.kind === 'delete_data'
          ? await askDeletion(deps, actor)
          : await exportData(deps, actor, input.privateReply);
      return { view: toActor({ kind: 'privacy', view: done.view }), outcome: done.outcome };
    }
    case 'merge':
    case 'unmerge': {
      const done = await runMergeCommand(deps, actor, command, input.privateReply);
      return { view: say(done.view.said, done.view.tone, done.view.changed), outcome: done.outcome };
    }
    case 'admin': {
      const role = input.role ?? { isAdmin: async () => false };
      const done = await runAdminCommand(deps, role, {
        actor,
        action: command.action,
        privateReply: input.privateReply,
      });
      const v = done.view;
      return { view: v.kind === 'card' ? toActor(v) : say(v.said, v.tone), outcome: done.outcome };
    }
    case 'help':
      return { view: toActor({ kind: 'help' }), outcome: 'ok' };
    case 'request': {
      const named = await people.name(command.who);
      if (named.kind === 'problem') return { view: say(named.said, 'bad'), outcome: named.outcome };
      const target = targetOf(named);
      // Two linked people who are Chatwork contacts already: say so and send nothing (as [Add to contacts]).
      const already = await alreadyChatworkContactsNamed(deps, actor, target);
      if (already) return { view: say(already, 'plain'), outcome: 'ALREADY_CHATWORK_CONTACTS' };
      const sent = await requestConnection(deps, {
        actor,
        target,
        note: command.note,
        source: named.kind === 'text' ? sourceOfText(named.text) : named.source,
        context: input.context,
      });
      const reply = sentReply(sent, named.kind === 'person' ? named.actor.displayName : '');
      const unreadable = named.kind === 'text' && !sent.ok && UNREADABLE.has(sent.error.code);
      const content: CommandContent = {
        kind: 'said',
        said: reply.said,
        tone: reply.tone,
        ...(unreadable ? { help: true as const } : {}),
      };
      const view = toActor(content, sent.ok);
      if (sent.ok && sent.value.outcome.status === 'connected') {
        const { request } = sent.value.outcome;
        view.settled = { request, other: sent.value.recipient, state: request.state };
      }
      return { view, outcome: reply.outcome };
    }
    case 'usage':
      return { view: toActor({ kind: 'usage', usage: command.usage }), outcome: 'usage' };
    case 'unknown':
      return { view: toActor({ kind: 'help', unknown: command.word }), outcome: 'unknown' };
    default:
      return assertNever(command);
  }
}

const targetOf = (named: Exclude<Named, { kind: 'problem' }>): TargetRef =>
  named.kind === 'text' ? { kind: 'text', text: named.text } : { kind: 'actor', actor: named.actor };

const OUTCOME_OF = {
  withdraw: 'outcome.withdrawn',
  remove: 'outcome.removed',
  block: 'outcome.blocked',
  unblock: 'outcome.unblocked',
} as const;

/** `withdraw`, `remove`, `block`, `unblock <who>`: core refuses a person who never used the app. */
async function byPerson<W>(
  deps: CoreDeps,
  people: PeoplePort<W>,
  actor: Actor,
  kind: 'withdraw' | 'remove' | 'block' | 'unblock',
  who: W,
): Promise<Outcome<CommandView>> {
  const named = await people.name(who);
  if (named.kind === 'problem') return { view: say(named.said, 'bad'), outcome: named.outcome };
  const target = targetOf(named);
  const name = named.kind === 'person' ? named.actor.displayName : '';
  const done =
    kind === 'withdraw'
      ? await withdrawTo(deps, actor, target)
      : kind === 'remove'
        ? await removeContact(deps, actor, target)
        : kind === 'block'
          ? await blockPerson(deps, actor, target)
          : await unblockPerson(deps, actor, target);
  if (!done.ok) {
    if (kind === 'block' && named.kind === 'person' && done.error.code === 'NOT_FOUND')
      return { view: say({ key: 'outcome.not_registered', params: { name } }, 'bad'), outcome: 'NOT_FOUND' };
    return failed(done.error, name);
  }
  const key = OUTCOME_OF[kind];
  return { view: say({ key, params: { name: done.value.other.displayName } }, 'good', true), outcome: 'ok' };
}
