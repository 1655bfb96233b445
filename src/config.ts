import { z } from 'zod';
import {
  type ChatworkSettings,
  chatworkEnv,
  chatworkProblems,
  chatworkSettingsOf,
} from './chatwork/settings.js';

/**
 * The only reader of process.env: every variable of the README's table is parsed here, once, at startup.
 * A setting that is present but invalid stops startup with a message that says how to fix it (docs/rules.md).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A random 32-byte key has ~30 distinct bytes; a placeholder (44 `A`s, a repeated word) far fewer. */
const distinctBytes = (base64: string): number => new Set(Buffer.from(base64, 'base64')).size;

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: `${name} must be true or false` })
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A positive whole number; unset or empty means the default. */
const positiveInt = (name: string, what: string, fallback: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: `${name} must be a whole number: ${what}` })
      .int(`${name} must be a whole number: ${what}`)
      .min(1, `${name} must be at least 1: ${what}`)
      .default(fallback),
  );

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number, e.g. PORT=3000' })
    .int()
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z
    .url({ error: 'PUBLIC_URL must be an absolute http(s) URL, e.g. PUBLIC_URL=https://invite.example.com' })
    .refine((u) => /^https?:\/\//i.test(u), 'PUBLIC_URL must start with http:// or https://')
    .default('http://localhost:3000'),
  STORE_URL: z
    .string()
    .refine(
      (u) => /^(sqlite:|rediss?:\/\/)/.test(u),
      'STORE_URL must be sqlite:<path>, sqlite::memory:, redis://… or rediss://…',
    )
    .default('sqlite:./data/chatwork-invite.db'),
  REDIS_CLUSTER_NODES: optionalText.refine(
    (v) => v === undefined || v.split(',').every((n) => /^[^:\s]+:\d{1,5}$/.test(n.trim())),
    'REDIS_CLUSTER_NODES must be host:port,host:port,… e.g. 127.0.0.1:7001,127.0.0.1:7002',
  ),
  SECRET_KEY: optionalText.refine(
    (v) => v === undefined || (Buffer.from(v, 'base64').length >= 32 && distinctBytes(v) >= 16),
    'SECRET_KEY must be at least 32 random bytes, base64 encoded (at least 16 distinct bytes, not a placeholder): generate one with `openssl rand -base64 32`',
  ),
  DATA_DIR: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
  ),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'SLACK_APP_TOKEN must be an app-level token starting with xapp-',
  ),
  SLACK_API_URL: z
    .url({ error: 'SLACK_API_URL must be a URL, e.g. https://slack.com/api/' })
    .default('https://slack.com/api/'),
  MicrosoftAppId: optionalText.refine(
    (v) => v === undefined || GUID.test(v),
    "MicrosoftAppId must be the Azure Bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot → Configuration)",
  ),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .optional(),
  MicrosoftAppTenantId: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED: bool('TEAMS_ALLOW_UNAUTHENTICATED'),
  TEAMS_ADMINS: optionalText
    .transform((v) => (v === undefined ? [] : v.split(',').map((id) => id.trim().toLowerCase())))
    .refine(
      (ids) => ids.every((id) => GUID.test(id)),
      'TEAMS_ADMINS must be a comma-separated list of Microsoft Entra (AAD) object ids, GUIDs like 00000000-0000-0000-0000-000000000000 (Entra admin center → Users → Object ID)',
    ),
  WEB_RATE_LIMIT_PER_MINUTE: positiveInt(
    'WEB_RATE_LIMIT_PER_MINUTE',
    'requests per minute per client to the invite page and QR codes, e.g. WEB_RATE_LIMIT_PER_MINUTE=120',
    120,
  ),
  SIGNIN_RATE_LIMIT_PER_MINUTE: positiveInt(
    'SIGNIN_RATE_LIMIT_PER_MINUTE',
    'sign-in attempts per minute per client, e.g. SIGNIN_RATE_LIMIT_PER_MINUTE=10',
    10,
  ),
  METRICS_TOKEN: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'METRICS_TOKEN must be at least 16 characters: generate one with `openssl rand -hex 24`',
  ),
  METRICS_PORT: z.coerce
    .number({
      error:
        'METRICS_PORT must be a port number, or 0 to serve no separate metrics port, e.g. METRICS_PORT=9464',
    })
    .int('METRICS_PORT must be a whole number, e.g. METRICS_PORT=9464')
    .min(0, 'METRICS_PORT must be between 0 and 65535')
    .max(65535, 'METRICS_PORT must be between 0 and 65535')
    .default(9464),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 'loopback' : v.trim()))
    .refine(
      (v) =>
        /^(true|false|\d{1,2})$/.test(v) ||
        v
          .split(',')
          .every((p) => /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)$/.test(p.trim())),
      'TRUST_PROXY must be true, false, a hop count (e.g. 1) or addresses/CIDRs of your proxies (e.g. 10.0.0.0/8,loopback)',
    ),
  TEAMS_RATE_LIMIT_PER_MINUTE: positiveInt(
    'TEAMS_RATE_LIMIT_PER_MINUTE',
    'requests per minute per client IP to POST /api/messages (Teams posts from a few Microsoft addresses), e.g. TEAMS_RATE_LIMIT_PER_MINUTE=1200',
    1200,
  ),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(
    'HTTP_REQUEST_TIMEOUT_MS',
    'how long a client may take to send a whole request, and a connection may stay silent, e.g. HTTP_REQUEST_TIMEOUT_MS=30000',
    30_000,
  ),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(
    'HTTP_HEADERS_TIMEOUT_MS',
    'how long a client may take to send the request headers, e.g. HTTP_HEADERS_TIMEOUT_MS=10000',
    10_000,
  ),
  SESSION_TTL_DAYS: positiveInt(
    'SESSION_TTL_DAYS',
    'how many days a web sign-in lasts, e.g. SESSION_TTL_DAYS=30',
    30,
  ).refine((v) => v <= 365, 'SESSION_TTL_DAYS must be at most 365'),
  ...chatworkEnv,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'redis'; url: string }
  | { kind: 'redis-cluster'; nodes: Array<{ host: string; port: number }> };

export interface SlackConfig {
  signingSecret: string;
  botToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  appToken?: string;
  apiUrl: string;
}

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** True only when TEAMS_ALLOW_UNAUTHENTICATED=true and no credentials: local and tests. */
  unauthenticated: boolean;
  /** AAD object ids (lower case) who are admins of their tenant's policy, besides the app's installer (TEAMS_ADMINS). */
  admins: readonly string[];
}

export interface WebConfig {
  /** Requests per minute per client IP to `GET /<handle>`, its QR codes and [Add to contacts]. */
  rateLimitPerMinute: number;
  /** Requests per minute per client IP to `/signin` and `/signout`. */
  signinRateLimitPerMinute: number;
  sessionTtlMs: number;
}

/** Timeouts of the HTTP server: a slow client is cut off instead of holding a connection open. */
export interface HttpConfig {
  /** Receiving a whole request (fastify `requestTimeout`), and a silent connection (`connectionTimeout`). */
  requestTimeoutMs: number;
  /** Receiving the request headers (node's `headersTimeout`); at most `requestTimeoutMs`. */
  headersTimeoutMs: number;
  /** Requests per minute per client IP to Teams' `POST /api/messages`. */
  teamsRateLimitPerMinute: number;
}

export interface Config {
  port: number;
  /**
   * Which proxies' X-Forwarded-For to believe (fastify `trustProxy`): the client IP that rate limits
   * and logs use. Default: loopback only. Trusting private networks would let any peer behind a NAT
   * (Docker, Kubernetes) pick its own IP; behind a load balancer, name its addresses or a hop count.
   */
  trustProxy: boolean | number | string[];
  /** When set, `GET /metrics` also answers on the public port, to `Authorization: Bearer <token>` only. */
  metricsToken: string | null;
  /** The separate, private metrics listener (`METRICS_HOST`:`METRICS_PORT`); null when METRICS_PORT=0. */
  metricsListen: { host: string; port: number } | null;
  host: string;
  publicUrl: string;
  store: StoreConfig;
  /** Where the SQLite file and a generated SECRET_KEY live. */
  dataDir: string;
  /** Null when not set: main.ts generates one under dataDir. */
  secretKey: Buffer | null;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** Why Slack / Teams is off, for the one log line that says how to enable it. */
  disabled: { slack?: string; teams?: string };
  logLevel: string;
  web: WebConfig;
  http: HttpConfig;
  chatwork: ChatworkSettings;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

function storeOf(env: z.infer<typeof envSchema>): StoreConfig {
  if (env.REDIS_CLUSTER_NODES) {
    const nodes = env.REDIS_CLUSTER_NODES.split(',').map((n) => {
      const [host = '', port = '0'] = n.trim().split(':');
      return { host, port: Number(port) };
    });
    return { kind: 'redis-cluster', nodes };
  }
  if (env.STORE_URL.startsWith('sqlite:'))
    return { kind: 'sqlite', path: env.STORE_URL.slice('sqlite:'.length) || ':memory:' };
  return { kind: 'redis', url: env.STORE_URL };
}

function dataDirOf(env: z.infer<typeof envSchema>, store: StoreConfig): string {
  if (env.DATA_DIR) return env.DATA_DIR;
  if (store.kind === 'sqlite' && store.path !== ':memory:') {
    const slash = store.path.lastIndexOf('/');
    return slash > 0 ? store.path.slice(0, slash) : '.';
  }
  return './data';
}

function trustProxyOf(v: string): Config['trustProxy'] {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((p) => p.trim());
}

/** Reads `.env` into the environment in development (variables already set win). */
export function loadDotEnv(path = '.env'): boolean {
  try {
    process.loadEnvFile(path);
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`),
    };
  }
  const env = parsed.data;
  const problems: string[] = [];
  const disabled: Config['disabled'] = {};

  let slack: SlackConfig | null = null;
  const oauthParts = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
  const oauthCount = oauthParts.filter(Boolean).length;
  if (oauthCount > 0 && oauthCount < 3) {
    problems.push(
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together: set all three for OAuth install, or none',
    );
  }
  if (env.SLACK_SIGNING_SECRET) {
    if (!env.SLACK_BOT_TOKEN && oauthCount < 3) {
      problems.push(
        'SLACK_SIGNING_SECRET is set but Slack has no token: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET (OAuth)',
      );
    } else {
      slack = {
        signingSecret: env.SLACK_SIGNING_SECRET,
        apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
        ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
        ...(oauthCount === 3
          ? {
              oauth: {
                clientId: env.SLACK_CLIENT_ID ?? '',
                clientSecret: env.SLACK_CLIENT_SECRET ?? '',
                stateSecret: env.SLACK_STATE_SECRET ?? '',
              },
            }
          : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      };
    }
  } else if (env.SLACK_BOT_TOKEN || oauthCount === 3) {
    problems.push(
      'Slack needs SLACK_SIGNING_SECRET (Slack app settings → Basic Information → Signing Secret)',
    );
  } else if (env.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_APP_TOKEN (Socket Mode) is set but Slack has no bot token: also set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET of the same app (or the SLACK_CLIENT_* trio), or remove SLACK_APP_TOKEN',
    );
  } else {
    disabled.slack =
      'Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or the SLACK_CLIENT_* trio for OAuth) to enable it';
  }

  let teams: TeamsConfig | null = null;
  const hasCredentials = Boolean(env.MicrosoftAppId);
  if (hasCredentials && env.TEAMS_ALLOW_UNAUTHENTICATED) {
    problems.push(
      'TEAMS_ALLOW_UNAUTHENTICATED=true is set together with MicrosoftAppId: remove TEAMS_ALLOW_UNAUTHENTICATED in production (requests are then checked against the app id), or unset MicrosoftAppId for local tests',
    );
  }
  if (hasCredentials) {
    const appType = env.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword)
      problems.push(
        'MicrosoftAppId is set: also set MicrosoftAppPassword (Azure Bot → Configuration → Manage password)',
      );
    if (appType !== 'MultiTenant' && !env.MicrosoftAppTenantId)
      problems.push(`MicrosoftAppType=${appType} needs MicrosoftAppTenantId (your Azure AD tenant id)`);
    teams = {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType,
      tenantId: env.MicrosoftAppTenantId,
      unauthenticated: false,
      admins: env.TEAMS_ADMINS,
    };
  } else if (env.MicrosoftAppPassword || env.MicrosoftAppTenantId) {
    problems.push(
      'MicrosoftAppPassword/MicrosoftAppTenantId are set without MicrosoftAppId: set MicrosoftAppId too',
    );
  } else if (env.TEAMS_ALLOW_UNAUTHENTICATED) {
    teams = { appType: 'MultiTenant', unauthenticated: true, admins: env.TEAMS_ADMINS };
  } else {
    disabled.teams =
      'Teams is off: set MicrosoftAppId and MicrosoftAppPassword (or TEAMS_ALLOW_UNAUTHENTICATED=true for local tests only) to enable it';
  }

  problems.push(...chatworkProblems(env));

  if (problems.length > 0) return { ok: false, problems };
  const store = storeOf(env);
  return {
    ok: true,
    config: {
      port: env.PORT,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      metricsToken: env.METRICS_TOKEN ?? null,
      metricsListen: env.METRICS_PORT === 0 ? null : { host: env.METRICS_HOST, port: env.METRICS_PORT },
      host: env.HOST,
      publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
      store,
      dataDir: dataDirOf(env, store),
      secretKey: env.SECRET_KEY ? Buffer.from(env.SECRET_KEY, 'base64') : null,
      slack,
      teams,
      disabled,
      logLevel: env.LOG_LEVEL,
      web: {
        rateLimitPerMinute: env.WEB_RATE_LIMIT_PER_MINUTE,
        signinRateLimitPerMinute: env.SIGNIN_RATE_LIMIT_PER_MINUTE,
        sessionTtlMs: env.SESSION_TTL_DAYS * 24 * 3_600_000,
      },
      http: {
        requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
        headersTimeoutMs: Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
        teamsRateLimitPerMinute: env.TEAMS_RATE_LIMIT_PER_MINUTE,
      },
      chatwork: chatworkSettingsOf(env),
    },
  };
}
