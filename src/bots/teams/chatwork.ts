import type { Account, Identity } from '../../core/index.js';
import type { CardDoc } from '../../flows/card.js';
import type { BotContext } from './context.js';
import { sendPersonal } from './notifier.js';
import { renderCard } from './render-document.js';

type TeamsIdentity = Extract<Identity, { platform: 'teams' }>;

/**
 * Sends a Chatwork bridge card (`src/flows/cards/chatwork.ts`, chosen by `compose.ts`: an incoming
 * chatwork.com request, whose [Accept] [Not now] `actions.ts` answers, or a broken link) as a personal
 * card; `false` when the person has no Teams identity. Throws to retry.
 */
export function teamsChatworkDelivery(ctx: BotContext) {
  return async (account: Account, doc: CardDoc, _key: string): Promise<boolean> => {
    const identity = account.identities.find((i): i is TeamsIdentity => i.platform === 'teams');
    if (!identity) return false;
    const sent = await sendPersonal(ctx, identity, { card: renderCard(account.locale, doc) });
    if (!sent.ok) throw new Error(sent.result.kind === 'delivered' ? 'teams: not sent' : sent.result.error);
    return true;
  };
}
