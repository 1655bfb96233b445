import {
  type Actor,
  assertNever,
  decideRequest,
  type Locale,
  listContacts,
  listRequests,
  removeContact,
  requestConnection,
  setSearchable,
} from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { updateStoredCard } from './cardstore.js';
import { contextOf } from './commands.js';
import { type BotContext, localeOf } from './context.js';
import { publishHome, refreshHome } from './home.js';
import type { SlackInput } from './parse.js';
import { decidedCard, type Message, textMessage } from './render/cards.js';
import { changeHandleModal, contactsMessage, PAGE, requestsMessage } from './render/lists.js';
import { esc } from './render/mrkdwn.js';
import { problemText, sendReplyText } from './replies.js';
import { CHANGE_HANDLE_CALLBACK, type Click, readClick } from './values.js';

type ActionInput = Extract<SlackInput, { kind: 'action' }>;

/** Answers the clicker where they clicked: an ephemeral reply, the card itself, or their App Home. */
async function reply(ctx: BotContext, input: ActionInput, message: Message, replace = false): Promise<void> {
  if (input.container.type === 'view') {
    await publishHome(ctx, input.user, input.teamId, { notice: message.text });
    return;
  }
  if (input.responseUrl) {
    await ctx.api.respond(input.responseUrl, {
      response_type: 'ephemeral',
      replace_original: replace,
      text: message.text,
      blocks: message.blocks,
    });
    return;
  }
  const token = await ctx.tokens({ teamId: input.teamId });
  if (token && input.container.channelId)
    await ctx.api.call(token, 'chat.postEphemeral', {
      channel: input.container.channelId,
      user: input.user.userId,
      text: message.text,
      blocks: message.blocks,
    });
}

const say = (text: string) => textMessage(text);

async function decide(
  ctx: BotContext,
  input: ActionInput,
  click: Extract<Click, { requestId: string }>,
  actor: Actor,
  locale: Locale,
): Promise<void> {
  const decided = await decideRequest(ctx.deps, { actor, requestId: click.requestId, action: click.kind });
  if (!decided.ok) {
    const error = decided.error;
    // A second click, or a click on a stale card, by the recipient: show the final state in place.
    if (error.code === 'ALREADY_DECIDED' && click.surface === 'dm') {
      const sender = await ctx.deps.store.getAccount(error.request.senderId);
      await reply(
        ctx,
        input,
        decidedCard(locale, error.request, sender, error.state, problemText(locale, error)),
        true,
      );
      return;
    }
    // An unknown request id (a forged or foreign value): the button is not one of ours any more.
    const text = error.code === 'NOT_FOUND' ? t(locale, 'slack.invalid_click') : problemText(locale, error);
    await reply(ctx, input, say(text));
    return;
  }
  const { request, other } = decided.value;
  const name = esc(other?.displayName ?? '?');
  const key = {
    accept: 'outcome.accepted',
    decline: 'outcome.declined',
    block: 'outcome.blocked',
    withdraw: 'outcome.withdrawn',
  } as const;
  const outcome = t(locale, key[click.kind], { name });
  if (click.surface === 'dm')
    await reply(ctx, input, decidedCard(locale, request, other, request.state, outcome), true);
  else {
    await reply(ctx, input, say(outcome));
    ctx.later(() => updateStoredCard(ctx, request));
  }
}

async function page(
  ctx: BotContext,
  input: ActionInput,
  click: Extract<Click, { kind: 'page' }>,
  actor: Actor,
  locale: Locale,
) {
  const { l: list, c: cursor, s: surface } = click.page;
  if (surface === 'home' || input.container.type === 'view') {
    await publishHome(ctx, input.user, input.teamId, { cursor: { list, cursor } });
    return;
  }
  if (list === 'contacts') {
    const contacts = await listContacts(ctx.deps, actor, { limit: PAGE.contacts, cursor });
    if (contacts.ok)
      await reply(ctx, input, contactsMessage(locale, contacts.value, input.user.teamId), true);
    return;
  }
  const requests = await listRequests(ctx.deps, actor, list, { limit: PAGE[list], cursor });
  if (requests.ok)
    await reply(
      ctx,
      input,
      requestsMessage(
        locale,
        list === 'incoming' ? requests.value : null,
        list === 'outgoing' ? requests.value : null,
      ),
      true,
    );
}

async function handleClick(ctx: BotContext, input: ActionInput, click: Click, actor: Actor, locale: Locale) {
  switch (click.kind) {
    case 'add': {
      const owner = await ctx.deps.store.getAccount(click.ownerId);
      const sent = await requestConnection(ctx.deps, {
        actor,
        target: { kind: 'account', accountId: click.ownerId },
        source: 'link',
        context: contextOf(input.channelName, input.teamDomain),
      });
      await reply(ctx, input, say(sendReplyText(locale, sent, owner?.displayName ?? '')));
      return;
    }
    case 'accept':
    case 'decline':
    case 'block':
    case 'withdraw':
      return decide(ctx, input, click, actor, locale);
    case 'remove': {
      const removed = await removeContact(ctx.deps, actor, { kind: 'account', accountId: click.otherId });
      await reply(
        ctx,
        input,
        say(
          removed.ok
            ? t(locale, 'outcome.removed', { name: esc(removed.value.other.displayName) })
            : problemText(locale, removed.error),
        ),
      );
      return;
    }
    case 'searchable': {
      const updated = await setSearchable(ctx.deps, actor, click.value);
      const text = updated.ok
        ? t(locale, click.value ? 'slack.searchable.on' : 'slack.searchable.off')
        : problemText(locale, updated.error);
      await reply(ctx, input, say(text));
      return;
    }
    case 'change_handle': {
      const token = await ctx.tokens({ teamId: input.teamId });
      const me = await ctx.deps.store.getAccountByIdentity(actor.identity);
      if (token && input.triggerId)
        await ctx.api.call(token, 'views.open', {
          trigger_id: input.triggerId,
          view: changeHandleModal(locale, me?.handle ?? '', CHANGE_HANDLE_CALLBACK),
        });
      return;
    }
    case 'page':
      return page(ctx, input, click, actor, locale);
    case 'noop':
      return;
    case 'invalid':
      await reply(ctx, input, say(t(locale, 'slack.invalid_click')));
      return;
    default:
      return assertNever(click);
  }
}

/**
 * `block_actions`: ack at once, then act. The same click delivered twice (same `action_ts`) does
 * nothing the second time. Slack does not retry interactivity (only Events API deliveries), so a
 * second copy can only be a replay of the signed request within its 5-minute window; this process
 * remembers the clicks it saw in that window, and a copy that reaches another instance changes
 * nothing either, because every decision is checked in the store (ALREADY_DECIDED, already pending).
 * That saves a store round trip on every click.
 */
export async function handleAction(
  ctx: BotContext,
  input: ActionInput,
  ack: () => Promise<void>,
): Promise<void> {
  await ack();
  const key = `${input.user.teamId}:${input.user.userId}:${input.actionId}:${input.actionTs}`;
  if (input.actionTs && !ctx.clicksSeen.firstTime(key, ctx.deps.clock.now())) return;
  ctx.later(() => ctx.profiles.refresh(input.user, input.teamId));
  const actor = await ctx.profiles.actor(input.user);
  const locale = localeOf(actor);
  const click = readClick(input.actionId, input.value);
  ctx.telemetry.action('slack', `click.${click.kind}`, 'ok');
  try {
    await handleClick(ctx, input, click, actor, locale);
  } catch (e) {
    ctx.log.error({ err: e, click: click.kind }, 'slack click failed');
    await reply(ctx, input, say(t(locale, 'error.generic')));
    return;
  }
  const changed =
    click.kind !== 'noop' &&
    click.kind !== 'invalid' &&
    click.kind !== 'page' &&
    click.kind !== 'change_handle';
  if (changed && input.container.type !== 'view') ctx.later(() => refreshHome(ctx, input.user, input.teamId));
}
