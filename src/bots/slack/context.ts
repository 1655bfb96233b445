import type { CoreDeps, Locale, Telemetry } from '../../core/index.js';
import { runOn } from '../../flows/outcome.js';
import type { Log } from '../../runtime/log.js';
import type { RecentKeys } from '../../runtime/recent-keys.js';
import type { SlackApi } from './api.js';
import type { InstallationStore, TokenSource } from './installations.js';
import type { ProfileCache } from './profiles.js';

/** What every listener gets: the core, Slack access and a way to run work after the ack. */
export interface BotContext {
  deps: CoreDeps;
  api: SlackApi;
  tokens: TokenSource;
  profiles: ProfileCache;
  installs: InstallationStore | null;
  log: Log;
  telemetry: Telemetry;
  /** Runs `task` after the ack; failures are logged, never thrown. Tracked so tests can wait for it. */
  later(task: () => Promise<unknown>): void;
  /** Clicks seen by this process lately (see `handleAction`). */
  clicksSeen: RecentKeys;
}

/** How this bot runs and reports a flow (`runFlow` of `src/flows/outcome.ts`). */
export const flowRun = (ctx: BotContext, action: string) => runOn('slack', ctx, action);

export const localeOf = (actor: { locale?: Locale }): Locale => actor.locale ?? 'en';
