import type { CoreDeps, Telemetry } from '../../core/index.js';
import type { Conversations } from './conversations.js';
import type { TeamsTransport } from './transport.js';

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
