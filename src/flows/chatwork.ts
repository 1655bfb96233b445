import {
  type Actor,
  type CoreDeps,
  ensureAccount,
  guardStore,
  type Locale,
  ok,
  resolveTarget,
  type TargetRef,
  validateHandle,
} from '../core/index.js';
import type { Text } from '../i18n/text.js';
import type { DecideAnswer } from './chatwork-requests.js';
import type { Outcome } from './outcome.js';

/**
 * `chatwork connect | token <api token> | disconnect`, the same for Slack and Teams: the actor's
 * account here (`ensureAccount`) is the person the bridge links. The bridge itself (`src/chatwork`)
 * is reached through `ChatworkPort`, which the composition root provides for the core deps the
 * adapters run with (`provideChatwork`); without it the commands say the bridge is off.
 *
 * On a link the account's handle becomes the real Chatwork ID where it is free here (the old
 * handle stays an alias); taken, or not a valid handle here: ours is kept and both are shown.
 */

/** What the flows need of the bridge: its `linking`, and `actions.decide`. */
export interface ChatworkPort {
  startOAuth(
    personId: string,
    locale: Locale,
  ): Promise<{ ok: true; url: string } | { ok: false; error: { code: 'NOT_CONFIGURED' } }>;
  linkApiToken(personId: string, token: string): Promise<LinkAnswer>;
  disconnect(personId: string): Promise<{ removed: boolean }>;
  /** [Accept] → `PUT`, [Not now] → `DELETE /incoming_requests/{id}` with the person's token. */
  decide(personId: string, requestId: number, action: 'accept' | 'decline'): Promise<DecideAnswer>;
  /** The person's real Chatwork ID ('' when none), or null when not linked; up to 5 s old (another process's change). */
  chatworkIdOf(personId: string): Promise<string | null>;
  /** Both linked, and `GET /contacts` (with `personId`'s token) lists the other: already Chatwork contacts. */
  areChatworkContacts(personId: string, otherId: string): Promise<boolean>;
}

/** A link made (or not), as the bridge's `LinkOutcome` says it. */
export type LinkAnswer =
  | { ok: true; me: { chatwork_id: string; name: string } }
  | { ok: false; error: { code: string } };

const ports = new WeakMap<CoreDeps, ChatworkPort>();

/** The composition root: the bridge for every flow run with these deps. */
export function provideChatwork(deps: CoreDeps, port: ChatworkPort): void {
  ports.set(deps, port);
}

export const chatworkPortOf = (deps: CoreDeps): ChatworkPort | null => ports.get(deps) ?? null;

/** The real chatwork.com link of a linked person with a Chatwork ID, for their invite card; else null. */
export async function realChatworkLink(deps: CoreDeps, accountId: string): Promise<string | null> {
  const id = await chatworkPortOf(deps)?.chatworkIdOf(accountId);
  return id ? chatworkProfileUrl(id) : null;
}

/**
 * [Add to contacts] between two linked people who are Chatwork contacts already: the sentence that
 * says so (nothing else happens), or null (go on as usual; a Chatwork that cannot be asked is a no).
 */
export async function alreadyChatworkContacts(
  deps: CoreDeps,
  clicker: Actor,
  owner: { id: string; displayName: string },
): Promise<Text | null> {
  const port = chatworkPortOf(deps);
  // Most owners are not linked: one record read, and the usual [Add to contacts] goes on.
  if (!port || (await port.chatworkIdOf(owner.id)) === null) return null;
  const me = await deps.store.getAccountByIdentity(clicker.identity);
  if (!me || me.id === owner.id) return null;
  const already = await port.areChatworkContacts(me.id, owner.id).catch(() => false);
  return already ? { key: 'chatwork.already_contacts', params: { name: owner.displayName } } : null;
}

/**
 * The same rule for a request named in a command (`/chatwork-invite <who>`, `<who>` to the bot): the
 * person named, when they have an account here, then `alreadyChatworkContacts`. Reads only.
 */
export async function alreadyChatworkContactsNamed(
  deps: CoreDeps,
  actor: Actor,
  target: TargetRef,
): Promise<Text | null> {
  if (!chatworkPortOf(deps)) return null;
  const owner =
    target.kind === 'account'
      ? await deps.store.getAccount(target.accountId)
      : target.kind === 'actor'
        ? await deps.store.getAccountByIdentity(target.actor.identity)
        : await resolveTarget(deps, target.text).then((found) => (found.ok ? found.value.account : null));
  return owner ? alreadyChatworkContacts(deps, actor, owner) : null;
}

/** Chatwork's page of a Chatwork ID. */
export const chatworkProfileUrl = (chatworkId: string): string =>
  `https://www.chatwork.com/${encodeURIComponent(chatworkId)}`;

export type ChatworkCommand = { action: 'connect' | 'disconnect' } | { action: 'token'; token: string };

/** What the actor sees: a sentence, or the consent link as a button. */
export type ChatworkContent =
  | { kind: 'said'; said: Text; tone: 'good' | 'bad' | 'plain' }
  | { kind: 'chatwork_connect'; url: string };

/** How the real Chatwork ID met the handle here. */
export type Adopted =
  | { kind: 'adopted'; handle: string }
  | { kind: 'kept'; handle: string; chatworkId: string }
  | { kind: 'no_id'; handle: string };

/**
 * Makes `chatworkId` the account's handle where it is free here; the old one stays an alias
 * (the store's `changeHandle`). Used by the token command and the OAuth redirect alike.
 */
export function adoptChatworkId(deps: CoreDeps, accountId: string, chatworkId: string) {
  return guardStore<Adopted, never>(async () => {
    const account = await deps.store.getAccount(accountId);
    const handle = account?.handle ?? '';
    if (chatworkId === '') return ok({ kind: 'no_id', handle });
    if (handle.toLowerCase() === chatworkId.toLowerCase()) return ok({ kind: 'adopted', handle });
    const valid = validateHandle(chatworkId);
    const changed = valid.ok
      ? await deps.store.changeHandle({ accountId, handle: valid.value, now: deps.clock.now() })
      : null;
    return ok(
      changed?.ok
        ? { kind: 'adopted', handle: changed.value.account.handle }
        : { kind: 'kept', handle, chatworkId },
    );
  });
}

/** The sentence for a link just made: the name, and what became of the Chatwork ID. */
export function linkedText(name: string, adopted: Adopted): Text {
  switch (adopted.kind) {
    case 'adopted':
      return {
        key: 'chatwork.cmd.linked',
        params: { name, handle: { code: adopted.handle }, url: chatworkProfileUrl(adopted.handle) },
      };
    case 'kept':
      return {
        key: 'chatwork.cmd.linked_kept',
        params: {
          name,
          handle: { code: adopted.handle },
          chatworkId: { code: adopted.chatworkId },
          url: chatworkProfileUrl(adopted.chatworkId),
        },
      };
    case 'no_id':
      return { key: 'chatwork.cmd.linked_no_id', params: { name } };
  }
}

const say = (key: Text, tone: 'good' | 'bad' | 'plain') => ({ kind: 'said' as const, said: key, tone });

const LINK_FAILED: Record<string, Text> = {
  TOKEN_REFUSED: { key: 'chatwork.cmd.token_refused' },
  RATE_LIMITED: { key: 'chatwork.cmd.unavailable' },
  UNAVAILABLE: { key: 'chatwork.cmd.unavailable' },
};

/**
 * One `chatwork …` command. `direct`: typed in a one-to-one chat with the bot, the only place an
 * API token is taken; elsewhere it is refused and never repeated back.
 */
export async function runChatworkCommand(
  deps: CoreDeps,
  actor: Actor,
  command: ChatworkCommand,
  direct: boolean,
): Promise<Outcome<ChatworkContent>> {
  const port = chatworkPortOf(deps);
  if (!port) return { view: say({ key: 'chatwork.cmd.off' }, 'bad'), outcome: 'not_configured' };
  if (command.action === 'token' && !direct)
    return { view: say({ key: 'chatwork.cmd.token_dm_only' }, 'bad'), outcome: 'not_private' };
  const me = await ensureAccount(deps, actor);
  if (!me.ok) return { view: say({ problem: me.error }, 'bad'), outcome: me.error.code };
  const { account } = me.value;
  switch (command.action) {
    case 'connect': {
      const started = await port.startOAuth(account.id, account.locale);
      if (!started.ok)
        return { view: say({ key: 'chatwork.cmd.use_token' }, 'plain'), outcome: 'NOT_CONFIGURED' };
      return { view: { kind: 'chatwork_connect', url: started.url }, outcome: 'ok' };
    }
    case 'token': {
      const linked = await port.linkApiToken(account.id, command.token);
      if (!linked.ok) {
        const said = LINK_FAILED[linked.error.code] ?? { key: 'chatwork.cmd.unavailable' };
        return { view: say(said, 'bad'), outcome: linked.error.code };
      }
      const adopted = await adoptChatworkId(deps, account.id, linked.me.chatwork_id);
      if (!adopted.ok) return { view: say({ problem: adopted.error }, 'bad'), outcome: adopted.error.code };
      return { view: say(linkedText(linked.me.name, adopted.value), 'good'), outcome: 'ok' };
    }
    case 'disconnect': {
      const { removed } = await port.disconnect(account.id);
      return removed
        ? { view: say({ key: 'chatwork.cmd.disconnected' }, 'good'), outcome: 'ok' }
        : { view: say({ key: 'chatwork.cmd.not_linked' }, 'plain'), outcome: 'NOT_LINKED' };
    }
  }
}
