import { isNavigationClick, navigationDoc } from '../../flows/navigation.js';
import type { TeamsInbound } from './activity.js';
import { readAction } from './card-kit.js';
import type { BotContext } from './context.js';
import { renderCard } from './render-document.js';
import type { Card } from './transport.js';

/**
 * Buttons that change nothing, answered with a card (`src/flows/navigation.ts` decides which): [Show
 * more] on requests, contacts and the block list, "Accept all (N)" asking first, and the help card's
 * [Delete my data] and [Export my data], only in the personal chat. Null for any other verb, or when
 * the list cannot be read (the click's card stays as it was).
 */
export async function navigation(
  ctx: BotContext,
  a: Extract<TeamsInbound, { kind: 'card_action' }>,
): Promise<Card | null> {
  const click = readAction(a.verb, a.data);
  if (!isNavigationClick(click)) return null;
  const where = {
    reach: { publicUrl: ctx.core.publicUrl },
    privateReply: a.place.conversationType === 'personal',
  };
  const doc = await navigationDoc(ctx.core, a.actor, click, where);
  return doc && renderCard(a.locale, doc);
}
