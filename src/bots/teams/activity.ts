import { z } from 'zod';
import { type Actor, type Locale, toLocale } from '../../core/index.js';
import type { ConversationRef } from './transport.js';

/**
 * Parse, don't cast: a raw Bot Framework activity becomes one small tagged union. Anything we do
 * not handle, or cannot attribute to a tenant user, is `unsupported` (logged and acknowledged).
 */

const account = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});
const entity = z.object({
  type: z.string(),
  locale: z.string().optional(),
  text: z.string().optional(),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

const envelope = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  serviceUrl: z.string().min(1),
  locale: z.string().optional(),
  from: account.optional(),
  recipient: account.optional(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    name: z.string().optional(),
  }),
  channelData: z
    .object({ tenant: z.object({ id: z.string() }).optional(), source: z.unknown().optional() })
    .optional(),
  entities: z.array(entity).optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  action: z.string().optional(),
  membersAdded: z.array(account).optional(),
});
type Envelope = z.infer<typeof envelope>;

export interface Mention {
  /** The `29:` id of the mentioned user. */
  id: string;
  name: string;
  /** The `<at>…</at>` text as it appears in the message. */
  text: string;
}

/** Where the activity happened. `personal` is the 1:1 chat with the bot. */
export interface Place {
  serviceUrl: string;
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  conversationName: string | null;
  tenantId: string;
  botId: string;
}

interface Base {
  activityId: string | null;
  actor: Actor;
  place: Place;
  locale: Locale;
  /** The sender's 1:1 conversation, when this is it. */
  personalRef: ConversationRef | null;
}

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
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1),
    data: z.unknown().optional(),
  }),
});
const composeValue = z.looseObject({ commandId: z.string().optional() });
const linkValue = z.object({ url: z.string().min(1) });

/** Removes mentions of the bot (`<at>Bot</at>`) and tidies the text of a channel or group message. */
export function stripBotMention(text: string, entities: Envelope['entities'], botId: string): string {
  let out = text;
  for (const e of entities ?? [])
    if (e.type === 'mention' && e.mentioned?.id === botId && e.text) out = out.replaceAll(e.text, ' ');
  return out
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

function baseOf(a: Envelope): Base | null {
  const place = placeOf(a);
  const aad = a.from?.aadObjectId;
  if (!place || !a.from || !aad) return null;
  const locale = localeOf(a);
  const actor: Actor = {
    identity: { platform: 'teams', tenantId: place.tenantId, aadObjectId: aad },
    displayName: a.from.name ?? '',
    locale,
  };
  const personalRef =
    place.conversationType === 'personal'
      ? {
          serviceUrl: place.serviceUrl,
          conversationId: place.conversationId,
          tenantId: place.tenantId,
          botId: place.botId,
          userId: a.from.id,
          aadObjectId: aad,
        }
      : null;
  return { activityId: a.id ?? null, actor, place, locale, personalRef };
}

export const SHARE_COMMAND_ID = 'shareInvite';

const linkName = z.enum(['composeExtension/queryLink', 'composeExtension/anonymousQueryLink']);
/** Link unfurling needs no user or conversation (zero-install unfurls are anonymous). */
const linkInvoke = z.object({
  type: z.literal('invoke'),
  name: linkName,
  value: linkValue,
  locale: z.string().optional(),
});

export function parseActivity(raw: unknown): TeamsInbound {
  const parsed = envelope.safeParse(raw);
  const maybeLink = !parsed.success || linkName.safeParse(parsed.data.name).success;
  const link = maybeLink ? linkInvoke.safeParse(raw) : null;
  if (link?.success) {
    const full = parsed.success ? parsed.data : null;
    return {
      kind: 'query_link',
      url: link.data.value.url,
      locale: full ? localeOf(full) : toLocale(link.data.locale),
      place: full ? placeOf(full) : null,
    };
  }
  if (!parsed.success) {
    const invoke = z.object({ type: z.literal('invoke') }).safeParse(raw).success;
    return { kind: 'unsupported', reason: 'not a Teams activity', invoke };
  }
  const a = parsed.data;
  const invoke = a.type === 'invoke';
  const base = baseOf(a);
  if (a.type === 'installationUpdate' && a.action?.startsWith('remove'))
    return base
      ? { kind: 'uninstalled', actor: base.actor }
      : { kind: 'unsupported', reason: 'remove', invoke };
  if (!base) return { kind: 'unsupported', reason: `${a.type} without tenant user`, invoke };
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
        if (!value.success) return { kind: 'unsupported', reason: 'card action without verb', invoke };
        const { verb, data } = value.data.action;
        return { ...base, kind: 'card_action', verb, data, replyToId: a.replyToId ?? null };
      }
      const command = composeValue.safeParse(a.value);
      const isShare = command.success && command.data.commandId === SHARE_COMMAND_ID;
      if (isShare && a.name === 'composeExtension/fetchTask') return { ...base, kind: 'share_fetch' };
      if (isShare && a.name === 'composeExtension/submitAction') return { ...base, kind: 'share_submit' };
      return { kind: 'unsupported', reason: `invoke ${(a.name ?? '?').slice(0, 80)}`, invoke };
    }
    case 'conversationUpdate':
      return (a.membersAdded ?? []).some((m) => m.id === base.place.botId)
        ? { ...base, kind: 'installed' }
        : { kind: 'unsupported', reason: 'conversationUpdate', invoke };
    case 'installationUpdate':
      return a.action?.startsWith('add')
        ? { ...base, kind: 'installed' }
        : { kind: 'unsupported', reason: 'installationUpdate', invoke };
    default:
      return { kind: 'unsupported', reason: a.type.slice(0, 80), invoke };
  }
}
