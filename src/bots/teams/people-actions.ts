import { z } from 'zod';
import type { ClickIntent } from '../../flows/clicks.js';
import { listPage } from '../../flows/clicks-lists.js';
import { acceptAllPreviewOf, blockedPage } from '../../flows/people.js';
import { t } from '../../i18n/catalog.js';
import type { TeamsInbound } from './activity.js';
import { DATA_VERSION, VERBS } from './card-kit.js';
import { noticeCard } from './cards.js';
import { contactsCard, requestsCard } from './cards-lists.js';
import { acceptAllConfirmCard, blockedCard } from './cards-people.js';
import type { BotContext } from './context.js';
import type { Card } from './transport.js';

type CardAction = Extract<TeamsInbound, { kind: 'card_action' }>;

const v = z.literal(DATA_VERSION);
const unblockData = z.object({ v, accountId: z.string().min(1).max(100) });
const acceptAllData = z.object({
  v,
  shown: z.coerce.number().int().min(1).max(100),
  before: z.coerce.number().int().nonnegative(),
});
const moreData = z.object({
  v,
  list: z.enum(['incoming', 'outgoing', 'contacts', 'blocked']),
  cursor: z.string().min(1).max(1500),
});

/** [Unblock] and the confirmed "Accept all (N)" as the flow's intents; null for any other verb. */
export function peopleClickOf(a: CardAction): ClickIntent | null {
  switch (a.verb) {
    case VERBS.unblock: {
      const data = unblockData.safeParse(a.data);
      return data.success ? { kind: 'unblock', otherId: data.data.accountId } : { kind: 'invalid' };
    }
    case VERBS.acceptAll: {
      const data = acceptAllData.safeParse(a.data);
      return data.success
        ? { kind: 'accept_all', shown: data.data.shown, before: data.data.before }
        : { kind: 'invalid' };
    }
    default:
      return null;
  }
}

/**
 * Buttons that change nothing, answered with a card: "Accept all (N)" asks first (the confirmation
 * counts them all), and [Show more] pages a list on (requests, contacts, blocked), as Slack's do. Null for any other verb, or when the list
 * cannot be read (the click's card stays as it was).
 */
export async function peopleNavigation(ctx: BotContext, a: CardAction): Promise<Card | null> {
  if (a.verb === VERBS.acceptAllAsk) {
    const preview = await acceptAllPreviewOf(ctx.core, a.actor);
    if (!preview.ok) return null;
    if (preview.value.count === 0) return noticeCard(t(a.locale, 'people.accept_all.none'));
    return acceptAllConfirmCard(a.locale, preview.value);
  }
  if (a.verb !== VERBS.more) return null;
  const data = moreData.safeParse(a.data);
  if (!data.success) return null;
  const { list, cursor } = data.data;
  if (list === 'blocked') {
    const page = await blockedPage(ctx.core, a.actor, cursor);
    return page.ok ? blockedCard(a.locale, page.value) : null;
  }
  const next = await listPage(ctx.core, a.actor, { list, cursor });
  if (!next.ok) return null;
  const shown = next.value;
  if (shown.list === 'contacts')
    return contactsCard(a.locale, ctx.core.publicUrl, shown.page.items, shown.page.nextCursor);
  const me = await ctx.core.store.getAccountByIdentity(a.actor.identity);
  if (!me) return null;
  const items = shown.page.items;
  const now = ctx.core.clock.now();
  return shown.list === 'incoming'
    ? requestsCard(a.locale, me.id, items, [], now, undefined, {
        incoming: shown.page.nextCursor,
        only: 'incoming',
      })
    : requestsCard(a.locale, me.id, [], items, now, undefined, {
        outgoing: shown.page.nextCursor,
        only: 'outgoing',
      });
}

const noteData = z.object({ note: z.string().max(4000) });

/** The note Teams adds to [Send request]'s data from the "Add with a note" input; null when none. */
export function noteOf(data: unknown): string | null {
  const read = noteData.safeParse(data);
  return read.success && read.data.note.trim() !== '' ? read.data.note : null;
}
