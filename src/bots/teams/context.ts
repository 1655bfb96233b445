import {
  type Actor,
  type CoreDeps,
  ERROR_CODES,
  type Locale,
  type TargetRef,
  type Telemetry,
} from '../../core/index.js';
import { describeError } from '../../i18n/catalog.js';
import type { Mention } from './activity.js';
import type { Who } from './commands.js';
import type { Conversations } from './conversations.js';
import type { InboundTurn, TeamsTransport } from './transport.js';

/** Structured logging, satisfied by pino and fastify's `app.log`. */
export interface TeamsLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every Teams handler needs. */
export interface BotContext {
  core: CoreDeps;
  convs: Conversations;
  transport: TeamsTransport;
  telemetry: Telemetry;
  log: TeamsLogger;
}

/** Any core error value → the localized sentence (`name` is the other person, when known). */
export function errorText(locale: Locale, error: { code: string }, name = ''): string {
  const code = ERROR_CODES.find((c) => c === error.code) ?? 'STORE_UNAVAILABLE';
  return describeError(locale, { ...error, code }, name);
}

/** A mentioned user becomes a core actor (they may not be registered yet). */
async function actorOfMember(turn: InboundTurn, id: string, tenantId: string): Promise<Actor | null> {
  const member = await turn.getMember(id);
  if (!member) return null;
  return {
    identity: { platform: 'teams', tenantId, aadObjectId: member.aadObjectId },
    displayName: member.name,
  };
}

/** Who a command names → a core target; null when a mention or e-mail matches no one here. */
export async function targetOf(turn: InboundTurn, who: Who, tenantId: string): Promise<TargetRef | null> {
  switch (who.kind) {
    case 'text':
      return { kind: 'text', text: who.text };
    case 'mention':
    case 'email': {
      const id = who.kind === 'mention' ? (who.mention satisfies Mention).id : who.email;
      const actor = await actorOfMember(turn, id, tenantId);
      return actor ? { kind: 'actor', actor } : null;
    }
  }
}
