import type { CoreDeps, Telemetry } from '../../core/index.js';
import { runOn } from '../../flows/outcome.js';
import type { Log } from '../../runtime/log.js';
import type { Conversations } from './conversations.js';
import type { TeamsTransport } from './transport.js';

/** Structured logging, satisfied by pino and fastify's `app.log`. */
export type TeamsLogger = Pick<Log, 'info' | 'warn' | 'error'>;

/** How this bot runs and reports a flow (`runFlow` of `src/flows/outcome.ts`). */
export const flowRun = (ctx: BotContext, action: string) => runOn('teams', ctx, action);

/** What every Teams handler needs. */
export interface BotContext {
  core: CoreDeps;
  convs: Conversations;
  transport: TeamsTransport;
  telemetry: Telemetry;
  log: TeamsLogger;
  /** TEAMS_ADMINS: admins of their tenant's policy besides its installer (`src/flows/admin.ts`). */
  admins: readonly string[];
}
