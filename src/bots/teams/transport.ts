/**
 * The small port between our Teams bot and the SDK that talks to the Bot Connector. Only
 * `botbuilder-transport.ts` implements it with botbuilder; a move to the Teams SDK
 * (`@microsoft/teams.apps`) replaces that one file. Everything here is our own plain data.
 */

/** An Adaptive Card as JSON. */
export type Card = Record<string, unknown>;

/** One outgoing message: text or a card, never both (Teams would split it and lose the id). */
export type OutboundMessage = { text: string } | { card: Card };

/** Where a personal (1:1) conversation with one user lives; enough to message them later. */
export interface ConversationRef {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
  /** The bot's `28:` id in this tenant. */
  botId: string;
  /** The user's bot-specific `29:` id. */
  userId: string;
  aadObjectId: string;
}

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

export type SendResult = { ok: true; activityId: string | null } | { ok: false; failure: SendFailure };

export interface MemberInfo {
  /** The bot-specific `29:` id. */
  id: string;
  aadObjectId: string;
  name: string;
  /** Their e-mail (else user principal name), when Teams gives one: its domain is theirs for allow-lists. */
  email?: string | null;
}

/** One inbound activity being handled: the raw JSON plus what can be done within the turn. */
export interface InboundTurn {
  /** The activity as received; parse it before use. */
  readonly activity: unknown;
  reply(message: OutboundMessage): Promise<SendResult>;
  update(activityId: string, message: OutboundMessage): Promise<SendResult>;
  /** A member of this conversation by `29:` id, AAD object id or UPN; null when unknown. */
  getMember(id: string): Promise<MemberInfo | null>;
}

/** The HTTP answer to an invoke activity (`adaptiveCard/action`, `composeExtension/*`). */
export interface InvokeAnswer {
  status: number;
  body: unknown;
}

export interface HttpRequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface TeamsTransport {
  /** Authenticates and runs one inbound request; the logic's invoke answer becomes the HTTP body. */
  handle(
    request: HttpRequestLike,
    logic: (turn: InboundTurn) => Promise<InvokeAnswer | undefined>,
  ): Promise<HttpAnswer>;
  /** Proactive send into a known conversation. */
  send(ref: ConversationRef, message: OutboundMessage): Promise<SendResult>;
  /** Replaces a message the bot sent earlier. */
  update(ref: ConversationRef, activityId: string, message: OutboundMessage): Promise<SendResult>;
  /** Opens (or reopens) the 1:1 chat with a user and sends the first message there. */
  openPersonalChat(
    target: { serviceUrl: string; tenantId: string; botId: string; aadObjectId: string },
    message: OutboundMessage,
  ): Promise<
    { ok: true; ref: ConversationRef; activityId: string | null } | { ok: false; failure: SendFailure }
  >;
}
