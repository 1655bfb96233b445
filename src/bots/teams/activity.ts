import { z } from 'zod';
import { type Actor, type Locale, toLocale } from '../../core/index.js';
import type { TeamsInstallPlace } from '../../flows/admin.js';
import type { ConversationRef } from './transport.js';

/**
 * Parse, don't cast: a raw Bot Framework activity becomes one small tagged union. Anything we do
 * not handle, or cannot attribute to a tenant user, is `unsupported` (logged and acknowledged).
 */

const optional = z.string().optional();
const nonEmpty = z.string().min(1);
const account = z.object({ id: nonEmpty, name: optional, aadObjectId: optional });
const mentioned = z.object({ id: z.string(), name: optional }).optional();
const entity = z.object({ type: z.string(), locale: optional, text: optional, mentioned });

const envelope = z.object({
  type: z.string(),
  id: optional,
  name: optional,
  serviceUrl: nonEmpty,
  locale: optional,
  from: account.optional(),
  recipient: account.optional(),
  conversation: z.object({ id: nonEmpty, conversationType: optional, tenantId: optional, name: optional }),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).optional(),
  entities: z.array(entity).optional(),
  text: optional,
  value: z.unknown().optional(),
  replyToId: optional,
  action: optional,
  membersAdded: z.array(account).optional(),
});
type Envelope = z.infer<typeof envelope>;

/** A mentioned user: their `29:` id, name, and the `<at>…</at>` text as it appears in the message. */
export type Mention = { id: string; name: string; text: string };

/** Where the activity happened. `personal` is the 1:1 chat with the bot. */
type Place = Omit<ConversationRef, 'userId' | 'aadObjectId'> & {
  conversationType: TeamsInstallPlace;
  conversationName: string | null;
};

/** What every activity of a tenant user carries (`baseOf`). */
type Base = NonNullable<ReturnType<typeof baseOf>>;

export type TeamsInbound =
  | (Base & { kind: 'message'; text: string; mentions: Mention[] })
  | (Base & { kind: 'card_action'; verb: string; data: unknown; replyToId: string | null })
  | (Base & { kind: 'share_fetch' })
  | (Base & { kind: 'share_submit' })
  | { kind: 'query_link'; url: string; locale: Locale; place: Place | null }
  | (Base & { kind: 'installed' })
  | { kind: 'uninstalled'; actor: Actor }
  | { kind: 'unsupported'; reason: string; invoke: boolean };

const cardActionValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: nonEmpty, data: z.unknown().optional() }),
});
const composeValue = z.looseObject({ commandId: z.string().optional() });
const withUrl = z.object({ url: nonEmpty });

/** Removes mentions of the bot (`<at>Bot</at>`) and tidies the text of a channel or group message. */
export function stripBotMention(text: string, entities: Envelope['entities'], botId: string): string {
  let out = text;
  for (const e of entities ?? [])
    if (e.type === 'mention' && e.mentioned?.id === botId && e.text) out = out.replaceAll(e.text, ' ');
  return out.replace(/(?:&nbsp;|\s)+/g, ' ').trim();
}

function placeOf(a: Envelope): Place | null {
  const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id;
  if (!tenantId?.trim() || !a.recipient) return null;
  const type = a.conversation.conversationType;
  return {
    serviceUrl: a.serviceUrl,
    conversationId: a.conversation.id,
    conversationType: type === 'groupChat' || type === 'channel' ? type : 'personal',
    conversationName: a.conversation.name ?? null,
    tenantId: tenantId.trim(),
    botId: a.recipient.id,
  };
}

const localeOf = (a: Envelope): Locale =>
  toLocale(a.locale ?? a.entities?.find((e) => e.type === 'clientInfo')?.locale);

/** The sender, where, and the sender's 1:1 conversation when this is it (`personalRef`). */
function baseOf(a: Envelope) {
  const place = placeOf(a);
  const aadObjectId = a.from?.aadObjectId;
  if (!place || !a.from || !aadObjectId) return null;
  const locale = localeOf(a);
  const { serviceUrl, conversationId, tenantId, botId } = place;
  const identity = { platform: 'teams' as const, tenantId, aadObjectId };
  const actor = { identity, displayName: a.from.name ?? '', locale };
  const personalRef =
    place.conversationType === 'personal'
      ? { serviceUrl, conversationId, tenantId, botId, userId: a.from.id, aadObjectId }
      : null;
  return { activityId: a.id ?? null, actor, place, locale, personalRef };
}

export const SHARE_COMMAND_ID = 'shareInvite';

/** Logged and acknowledged (an invoke with an empty 200), never acted on. */
const unsupported = (reason: string, invoke: boolean) => ({ kind: 'unsupported', reason, invoke }) as const;

const linkName = z.enum(['composeExtension/queryLink', 'composeExtension/anonymousQueryLink']);
/** Link unfurling needs no user or conversation (zero-install unfurls are anonymous). */
const linkInvoke = z.object({ type: z.literal('invoke'), name: linkName, value: withUrl, locale: optional });

export function parseActivity(raw: unknown): TeamsInbound {
  const parsed = envelope.safeParse(raw);
  const maybeLink = !parsed.success || linkName.safeParse(parsed.data.name).success;
  const link = maybeLink ? linkInvoke.safeParse(raw) : null;
  if (link?.success) {
    const { url } = link.data.value;
    if (!parsed.success) return { kind: 'query_link', url, locale: toLocale(link.data.locale), place: null };
    return { kind: 'query_link', url, locale: localeOf(parsed.data), place: placeOf(parsed.data) };
  }
  if (!parsed.success)
    return unsupported('not a Teams activity', Reflect.get(Object(raw), 'type') === 'invoke');
  const a = parsed.data;
  const invoke = a.type === 'invoke';
  const base = baseOf(a);
  if (a.type === 'installationUpdate' && a.action?.startsWith('remove'))
    return base ? { kind: 'uninstalled', actor: base.actor } : unsupported('remove', invoke);
  if (!base) return unsupported(`${a.type} without tenant user`, invoke);
  switch (a.type) {
    case 'message': {
      const text = stripBotMention(a.text ?? '', a.entities, base.place.botId);
      const mentions = (a.entities ?? []).flatMap((e) =>
        e.type === 'mention' && e.mentioned && e.mentioned.id !== base.place.botId && e.text
          ? [{ id: e.mentioned.id, name: e.mentioned.name ?? '', text: e.text }]
          : [],
      );
      return { ...base, kind: 'message', text, mentions };
    }
    case 'invoke': {
      if (a.name === 'adaptiveCard/action') {
        const value = cardActionValue.safeParse(a.value);
        if (!value.success) return unsupported('card action without verb', invoke);
        const { verb, data } = value.data.action;
        return { ...base, kind: 'card_action', verb, data, replyToId: a.replyToId ?? null };
      }
      const command = composeValue.safeParse(a.value);
      const isShare = command.success && command.data.commandId === SHARE_COMMAND_ID;
      if (isShare && a.name === 'composeExtension/fetchTask') return { ...base, kind: 'share_fetch' };
      if (isShare && a.name === 'composeExtension/submitAction') return { ...base, kind: 'share_submit' };
      return unsupported(`invoke ${(a.name ?? '?').slice(0, 80)}`, invoke);
    }
    case 'conversationUpdate':
    case 'installationUpdate': {
      const added =
        a.type === 'conversationUpdate'
          ? (a.membersAdded ?? []).some((m) => m.id === base.place.botId)
          : a.action?.startsWith('add');
      return added ? { ...base, kind: 'installed' } : unsupported(a.type, invoke);
    }
    default:
      return unsupported(a.type.slice(0, 80), invoke);
  }
}
