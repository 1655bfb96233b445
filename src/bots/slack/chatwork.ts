import type { Account, Actor, Identity } from '../../core/index.js';
import type { CardDoc } from '../../flows/card.js';
import { chatworkSettledDoc } from '../../flows/cards/chatwork.js';
import {
  type ChatworkClickView,
  type ChatworkDecideClick,
  decideChatworkRequest,
} from '../../flows/chatwork-requests.js';
import { runFlow } from '../../flows/outcome.js';
import { within } from '../../runtime/within.js';
import { type BotContext, flowRun, localeOf } from './context.js';
import type { SlackInput } from './parse.js';
import { definitelyNotPosted, eventMetadata, notPosted, postedBefore } from './posted-once.js';
import { renderMessage } from './render/document.js';
import { said, textMessage } from './render/mrkdwn.js';

type SlackIdentity = Extract<Identity, { platform: 'slack' }>;

/**
 * Posts a Chatwork bridge DM (the card `compose.ts` chose from `src/flows/cards/chatwork.ts`: a request
 * announced by the poller, a broken link), once per `key` even across retries (`posted-once.ts`);
 * `false` when the person has no Slack identity. Throws to retry.
 */
export function slackChatworkDelivery(ctx: BotContext) {
  return async (account: Account, doc: CardDoc, key: string): Promise<boolean> => {
    const identity = account.identities.find((i): i is SlackIdentity => i.platform === 'slack');
    if (!identity) return false;
    const token = await ctx.tokens(identity);
    if (!token) throw new Error(`no Slack installation for team ${identity.teamId}`);
    const opened = await ctx.api.call(token, 'conversations.open', { users: identity.userId });
    const channel = opened.ok ? Reflect.get(Object(opened.data.channel), 'id') : null;
    if (typeof channel !== 'string') throw new Error('conversations.open failed');
    const before = await postedBefore(ctx, token, channel, key);
    if (!before.ok) throw new Error(`conversations.history: ${before.error}`);
    if (before.data) return true;
    const message = { channel, ...renderMessage(account.locale, doc, 'dm'), metadata: eventMetadata(key) };
    const posted = await ctx.api.call(token, 'chat.postMessage', message);
    if (!posted.ok) {
      if (definitelyNotPosted(posted)) await notPosted(ctx, key);
      throw new Error(`chat.postMessage: ${posted.error}`);
    }
    return true;
  };
}

/** Slack wants the ack within 3 s; a Chatwork slower than this is acked first and answered when it is done. */
export const CHATWORK_CLICK_WAIT_MS = 2_000;

/**
 * [Accept] / [Not now]: the decision is made in Chatwork before the ack (unless Chatwork takes longer than
 * `CHATWORK_CLICK_WAIT_MS`); then the card is replaced (settled) or the clicker is told privately (not
 * theirs, try later) on the `response_url`.
 */
export async function handleChatworkClick(
  ctx: BotContext,
  input: Extract<SlackInput, { kind: 'action' }>,
  click: ChatworkDecideClick,
  actor: Actor,
  ack: () => Promise<void>,
): Promise<void> {
  const deciding = runFlow<ChatworkClickView>(
    flowRun(ctx, `click.chatwork_${click.action}`),
    () => decideChatworkRequest(ctx.deps, actor, click),
    (text) => ({ kind: 'said', said: text }),
  );
  await within(deciding, CHATWORK_CLICK_WAIT_MS);
  await ack();
  const view = await deciding;
  if (!input.responseUrl) return;
  const locale = localeOf(actor);
  await ctx.api.respond(
    input.responseUrl,
    view.kind === 'settled'
      ? { replace_original: true, ...renderMessage(locale, chatworkSettledDoc(view)) }
      : { response_type: 'ephemeral', replace_original: false, ...textMessage(said(locale, view.said)) },
  );
}
