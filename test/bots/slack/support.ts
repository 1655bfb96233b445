import { createHmac } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse as LightResponse } from 'fastify';
import { createSlackBot, type SlackBot } from '../../../src/bots/slack/index.js';
import { type Config, loadConfig } from '../../../src/config.js';
import { type DispatchReport, dispatchOnce, type Telemetry } from '../../../src/core/index.js';
import { buildServer } from '../../../src/http/server.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';
import { openTestCore, TEST_PUBLIC_URL, type TestCore } from '../../helpers/core.js';

/**
 * The Slack bot end to end: the real fastify server (`buildServer`) with the bot's plugin, a real
 * in-memory SQLite store, a fixed clock, and the fake Slack Web API. Requests are signed exactly as
 * Slack signs them and built in the documented shapes (test/fixtures/slack/).
 */
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const SECRET = Buffer.alloc(32, 9);
export const TEAM = 'T0001';

export interface SlackUserRef {
  id: string;
  teamId?: string;
  name?: string;
  enterpriseId?: string;
}

export interface Harness extends TestCore {
  app: FastifyInstance;
  bot: SlackBot;
  slack: FakeSlack;
  config: Config;
  /** Signs and posts a raw body; `ts` defaults to the clock. */
  post(
    body: string,
    contentType: string,
    opts?: { ts?: number; headers?: Record<string, string>; secret?: string },
  ): Promise<LightResponse>;
  /** `/chatwork-invite <text>` from `user`; returns the ack's JSON body. */
  command(
    user: SlackUserRef,
    text: string,
    opts?: { channelName?: string; command?: string },
  ): Promise<CommandReply>;
  /** A `block_actions` click; waits for the work after the ack. */
  click(user: SlackUserRef, actionId: string, value: string, opts?: ClickOptions): Promise<number>;
  /** An Events API delivery; waits for the work after the ack. */
  event(
    event: Record<string, unknown>,
    opts?: { eventId?: string; teamId?: string; retryNum?: number },
  ): Promise<number>;
  /** Runs the outbox dispatcher once with the Slack notifier. */
  deliver(): Promise<DispatchReport>;
  /** A user the fake Slack knows (users.info, lookupByEmail). */
  user(id: string, name: string, opts?: { locale?: string; email?: string; teamId?: string }): SlackUserRef;
}

export interface ClickOptions {
  container?: 'message' | 'view' | 'ephemeral';
  responseId?: string;
  actionTs?: string;
  channel?: string;
  triggerId?: string;
  selected?: boolean;
}

export interface CommandReply {
  status: number;
  response_type?: string;
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  raw: string;
}

export function sign(secret: string, ts: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/** The Slack part of a test server's environment: signed, pointed at the fake Web API; a bot token, or OAuth. */
export const slackTestEnv = (apiUrl: string, oauth = false): Record<string, string> => ({
  PUBLIC_URL: TEST_PUBLIC_URL,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: apiUrl,
  ...(oauth
    ? { SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret' }
    : { SLACK_BOT_TOKEN: BOT_TOKEN }),
});

/** POSTs a form `body` to /slack/events of `app` (inject), signed as Slack signs it at `nowMs`. */
export function injectSigned(app: FastifyInstance, body: string, nowMs = Date.now()): Promise<LightResponse> {
  const ts = Math.floor(nowMs / 1000);
  return app.inject({
    method: 'POST',
    url: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(SIGNING_SECRET, ts, body),
    },
    payload: body,
  });
}

let counter = 0;

export async function slackHarness(
  opts: { oauth?: boolean; env?: Record<string, string>; telemetry?: Telemetry } = {},
): Promise<Harness> {
  const core = openTestCore();
  const slack = await startFakeSlack();
  const env: Record<string, string> = {
    ...slackTestEnv(slack.apiUrl, opts.oauth),
    ...opts.env,
  };
  const loaded = loadConfig(env);
  if (!loaded.ok || !loaded.config.slack)
    throw new Error(loaded.ok ? 'slack not configured' : loaded.problems.join('; '));
  const config = loaded.config;
  const bot = createSlackBot({
    config: loaded.config.slack,
    core: core.deps,
    secretKey: SECRET,
    ...(opts.telemetry ? { telemetry: opts.telemetry } : {}),
  });
  const app = await buildServer({
    config,
    core: core.deps,
    secretKey: SECRET,
    plugins: [{ name: 'slack', plugin: bot.plugin }],
  });

  const nowSec = () => Math.floor(core.clock.now() / 1000);
  const post: Harness['post'] = (body, contentType, o = {}) => {
    const ts = o.ts ?? nowSec();
    return app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(o.secret ?? SIGNING_SECRET, ts, body),
        ...o.headers,
      },
      payload: body,
    });
  };

  const h: Harness = {
    ...core,
    app,
    bot,
    slack,
    config,
    post,
    async command(user, text, o = {}) {
      const teamId = user.teamId ?? TEAM;
      const body = new URLSearchParams({
        token: 'deprecated',
        team_id: teamId,
        team_domain: 'acme',
        ...(user.enterpriseId ? { enterprise_id: user.enterpriseId } : {}),
        channel_id: 'C0GENERAL',
        channel_name: o.channelName ?? 'general',
        user_id: user.id,
        user_name: (user.name ?? user.id).toLowerCase(),
        command: o.command ?? '/chatwork-invite',
        text,
        api_app_id: 'A0001',
        is_enterprise_install: 'false',
        response_url: slack.responseUrl(`cmd-${++counter}`),
        trigger_id: `trigger-${counter}`,
      }).toString();
      const res = await post(body, 'application/x-www-form-urlencoded');
      await bot.drain();
      const parsed = res.body ? JSON.parse(res.body) : {};
      return { status: res.statusCode, raw: res.body, ...parsed };
    },
    async click(user, actionId, value, o = {}) {
      const teamId = user.teamId ?? TEAM;
      const container = o.container ?? 'message';
      const actionTs = o.actionTs ?? `${nowSec()}.${String(++counter).padStart(6, '0')}`;
      const action = o.selected
        ? {
            type: 'overflow',
            action_id: actionId,
            block_id: 'b',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value },
            action_ts: actionTs,
          }
        : {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            text: { type: 'plain_text', text: 'x' },
            value,
            action_ts: actionTs,
          };
      const payload = {
        type: 'block_actions',
        team: { id: teamId, domain: 'acme' },
        ...(user.enterpriseId ? { enterprise: { id: user.enterpriseId } } : {}),
        user: {
          id: user.id,
          username: (user.name ?? user.id).toLowerCase(),
          name: (user.name ?? user.id).toLowerCase(),
          team_id: teamId,
        },
        api_app_id: 'A0001',
        token: 'deprecated',
        trigger_id: o.triggerId ?? `trigger-${counter}`,
        ...(container === 'view'
          ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] } }
          : {
              container: {
                type: 'message',
                message_ts: '1700000000.000100',
                channel_id: o.channel ?? 'C0GENERAL',
                is_ephemeral: container === 'ephemeral',
              },
              channel: { id: o.channel ?? 'C0GENERAL', name: 'general' },
              message: { type: 'message', ts: '1700000000.000100', text: 'card' },
              response_url: slack.responseUrl(o.responseId ?? `click-${counter}`),
            }),
        actions: [action],
      };
      const res = await post(
        `payload=${encodeURIComponent(JSON.stringify(payload))}`,
        'application/x-www-form-urlencoded',
      );
      await bot.drain();
      return res.statusCode;
    },
    async event(event, o = {}) {
      const teamId = o.teamId ?? TEAM;
      const body = JSON.stringify({
        token: 'deprecated',
        team_id: teamId,
        api_app_id: 'A0001',
        event: { event_ts: '1700000000.000001', ...event },
        type: 'event_callback',
        event_id: o.eventId ?? `Ev${++counter}`,
        event_time: nowSec(),
        authorizations: [
          {
            enterprise_id: null,
            team_id: teamId,
            user_id: 'UBOT',
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
      });
      const res = await post(body, 'application/json', {
        headers: o.retryNum
          ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' }
          : {},
      });
      await bot.drain();
      return res.statusCode;
    },
    async deliver() {
      const report = await dispatchOnce(core.deps, [bot.notifier], 'test-worker');
      await bot.drain();
      return report;
    },
    user(id, name, o = {}) {
      const teamId = o.teamId ?? TEAM;
      slack.addUser({
        id,
        teamId,
        name,
        ...(o.locale ? { locale: o.locale } : {}),
        ...(o.email ? { email: o.email } : {}),
      });
      return { id, teamId, name };
    },
    close: async () => {
      await app.close();
      await slack.close();
      await core.close();
    },
  };
  return h;
}

/** All mrkdwn/plain text in a block tree, joined: for "does it say …" assertions. */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** Every button/option value in a block tree, with its action id. */
export function actionsOf(blocks: unknown): Array<{ action_id: string; value: string }> {
  const out: Array<{ action_id: string; value: string }> = [];
  const walk = (v: unknown, actionId?: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, actionId);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const id = typeof o.action_id === 'string' ? o.action_id : actionId;
      if (typeof o.value === 'string' && id) out.push({ action_id: id, value: o.value });
      for (const x of Object.values(o)) if (typeof x === 'object') walk(x, id);
    }
  };
  walk(blocks);
  return out;
}
