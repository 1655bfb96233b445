import { z } from 'zod';

/**
 * The small port between our Teams bot and the SDK that talks to the Bot Connector. Only
 * `botbuilder-transport.ts` implements it with botbuilder; a move to the Teams SDK
 * (`@microsoft/teams.apps`) replaces that one file. Everything here is our own plain data.
 */

/** An Adaptive Card as JSON. */
export type Card = Record<string, unknown>;

/** One outgoing message: text or a card, never both (Teams would split it and lose the id). */
export type OutboundMessage = { text: string } | { card: Card };

const id = z.string().min(1);
/** Where a personal (1:1) conversation with one user lives; enough to message them later (stored, so a schema). */
export const conversationRefSchema = z.object({
  serviceUrl: id,
  conversationId: id,
  tenantId: id,
  /** The bot's `28:` id in this tenant. */
  botId: id,
  /** The user's bot-specific `29:` id. */
  userId: id,
  aadObjectId: id,
});
export type ConversationRef = z.infer<typeof conversationRefSchema>;

/** Why a call to the Bot Connector failed, as a value. */
export type SendFailure =
  /** 403: the bot is not installed for the user (BotNotInConversationRoster), or they blocked it. */
  | { kind: 'not_installed'; code: string }
  /** 429: try again, honouring Retry-After when given. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 5xx or the network: try again. */
  | { kind: 'unavailable'; status: number | null; message: string }
  /** Any other refusal (4xx): retrying will not help. */
  | { kind: 'rejected'; status: number | null; code: string };

type Failed = { ok: false; failure: SendFailure };
export type SendResult = { ok: true; activityId: string | null } | Failed;

/** One inbound activity being handled: the raw JSON plus what can be done within the turn. */
export interface InboundTurn {
  /** The activity as received; parse it before use. */
  readonly activity: unknown;
  reply(message: OutboundMessage): Promise<SendResult>;
  update(activityId: string, message: OutboundMessage): Promise<SendResult>;
  /** A member of this conversation by `29:` id, AAD object id or UPN (`email`: else their UPN); null when unknown. */
  getMember(id: string): Promise<{ aadObjectId: string; name: string; email: string | null } | null>;
}

/** The HTTP answer to an activity; for an invoke (`adaptiveCard/action`, `composeExtension/*`), its body. */
export type InvokeAnswer = { status: number; body: unknown };

/** Refusals in our plain words: no valid token (index.ts: none at all, before the body is read); no activity. */
const refusal = (status: number, error: string, message: string) => ({ status, body: { error, message } });
export const NOT_VERIFIED = refusal(401, 'unauthorized', 'Bot Framework token missing or not valid');
export const NOT_AN_ACTIVITY = refusal(400, 'bad_request', 'Not a Bot Framework activity');

export interface TeamsTransport {
  /** Authenticates and runs one inbound request; the logic's invoke answer becomes the HTTP answer. */
  handle(
    request: { headers: Record<string, string | string[] | undefined>; body: unknown },
    logic: (turn: InboundTurn) => Promise<InvokeAnswer | undefined>,
  ): Promise<InvokeAnswer>;
  /** Proactive send into a known conversation. */
  send(ref: ConversationRef, message: OutboundMessage): Promise<SendResult>;
  /** Replaces a message the bot sent earlier. */
  update(ref: ConversationRef, activityId: string, message: OutboundMessage): Promise<SendResult>;
  /** Opens (or reopens) the 1:1 chat with a user and sends the first message there. */
  openPersonalChat(
    target: Omit<ConversationRef, 'conversationId' | 'userId'>,
    message: OutboundMessage,
  ): Promise<{ ok: true; ref: ConversationRef; activityId: string | null } | Failed>;
}
