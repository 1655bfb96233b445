import { z } from 'zod';

/**
 * The bridge's settings: the `CHATWORK_*` part of the one env schema in `src/config.ts` (which spreads
 * `chatworkEnv` into it and is still the only reader of process.env), and what they become.
 */

/** Base URLs without a trailing slash; `oauth` null when not configured (people link with API tokens). */
export interface ChatworkSettings {
  apiUrl: string;
  oauthUrl: string;
  oauth: { clientId: string; clientSecret: string } | null;
  pollIntervalMs: number;
}

const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const interval =
  'CHATWORK_POLL_INTERVAL must be a whole number of seconds, at least 2, e.g. CHATWORK_POLL_INTERVAL=60';

export const chatworkEnv = {
  CHATWORK_API_URL: z
    .url({ error: 'CHATWORK_API_URL must be a URL, e.g. https://api.chatwork.com/v2' })
    .default('https://api.chatwork.com/v2'),
  CHATWORK_OAUTH_URL: z
    .url({ error: 'CHATWORK_OAUTH_URL must be a URL, e.g. https://oauth.chatwork.com' })
    .default('https://oauth.chatwork.com'),
  CHATWORK_CLIENT_ID: text,
  CHATWORK_CLIENT_SECRET: text,
  /** Seconds; at least 2, so one person's polls stay far below Chatwork's 300 calls per 5 minutes. */
  CHATWORK_POLL_INTERVAL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: interval }).int(interval).min(2, interval).default(60),
  ),
};

export type ChatworkEnv = { [K in keyof typeof chatworkEnv]: z.output<(typeof chatworkEnv)[K]> };

/** What stops startup, with how to fix it. */
export function chatworkProblems(env: ChatworkEnv): string[] {
  return Boolean(env.CHATWORK_CLIENT_ID) === Boolean(env.CHATWORK_CLIENT_SECRET)
    ? []
    : [
        'CHATWORK_CLIENT_ID and CHATWORK_CLIENT_SECRET go together (Chatwork OAuth client): set both, or neither',
      ];
}

export function chatworkSettingsOf(env: ChatworkEnv): ChatworkSettings {
  return {
    apiUrl: env.CHATWORK_API_URL.replace(/\/+$/, ''),
    oauthUrl: env.CHATWORK_OAUTH_URL.replace(/\/+$/, ''),
    oauth:
      env.CHATWORK_CLIENT_ID && env.CHATWORK_CLIENT_SECRET
        ? { clientId: env.CHATWORK_CLIENT_ID, clientSecret: env.CHATWORK_CLIENT_SECRET }
        : null,
    pollIntervalMs: env.CHATWORK_POLL_INTERVAL * 1000,
  };
}
