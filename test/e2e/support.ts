import { createSlackBot } from '../../src/bots/slack/index.js';
import { createTeamsBot } from '../../src/bots/teams/index.js';
import { loadConfig } from '../../src/config.js';
import { type CoreDeps, dispatchOnce, type Notifier, type StorePort } from '../../src/core/index.js';
import { buildServer } from '../../src/http/server.js';
import { tokenDigest } from '../../src/runtime/token-digest.js';
import { SECRET, SIGNING_SECRET, sign, slackTestEnv, TEAM } from '../bots/slack/support.js';
import { type FakeConnector, startFakeConnector } from '../fakes/bot-connector.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { fixedClock, T0, type TestClock } from '../helpers/clock.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The real server listening on 127.0.0.1 with the Slack bot (and the Teams bot when asked) on `store`,
 * the fake Slack Web API (and the fake Bot Connector), the fixed test clock. What the e2e tests share.
 */
export interface ListeningServer {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  clock: TestClock;
  slack: FakeSlack;
  /** Only with `teams: true`. */
  connector: FakeConnector | undefined;
  /** POSTs `body` to /slack/events signed as Slack signs it at the clock's time, then waits for the work after the ack. */
  post(body: string): Promise<{ status: number; text: string }>;
  /** The form body of `/chatwork-invite <text>` from `userId` in #general (of `teamId`, TEAM by default), with its own trigger_id and response_url. */
  commandBody(userId: string, text: string, teamId?: string): string;
  /** The `payload=` body of a `block_actions` click on an ephemeral message in #general. */
  clickBody(userId: string, actionId: string, value: string): string;
  /** Delivers the outbox with the bots' notifiers until it is empty. */
  deliverAll(): Promise<void>;
  /** Closes the server, the fakes, then the store (`closeStore`). */
  close(): Promise<void>;
}

export async function listeningServer(opts: {
  store: StorePort;
  closeStore: () => Promise<void>;
  /** The seed of the injected randomness. */
  seed: number;
  /** Also the Teams bot (unauthenticated) against a fake Bot Connector. */
  teams?: boolean;
  /** Slack by OAuth installations (/slack/install) instead of one SLACK_BOT_TOKEN. */
  oauth?: boolean;
  /** More settings, e.g. TEAMS_ADMINS. */
  env?: Record<string, string>;
}): Promise<ListeningServer> {
  const clock = fixedClock(T0);
  const slack = await startFakeSlack();
  const connector = opts.teams ? await startFakeConnector() : undefined;
  const loaded = loadConfig({
    ...slackTestEnv(slack.apiUrl, opts.oauth),
    ...(opts.teams ? { TEAMS_ALLOW_UNAUTHENTICATED: 'true' } : {}),
    ...opts.env,
  });
  if (!loaded.ok || !loaded.config.slack) throw new Error('slack not configured');
  if (opts.teams && !loaded.config.teams) throw new Error('teams not configured');
  const deps: CoreDeps = {
    store: opts.store,
    clock,
    random: seededRandom(opts.seed),
    publicUrl: TEST_PUBLIC_URL,
    tokenDigest: tokenDigest(SECRET, 'signin-token'),
  };
  const bot = createSlackBot({ config: loaded.config.slack, core: deps, secretKey: SECRET });
  const plugins = [{ name: 'slack', plugin: bot.plugin }];
  const notifiers: Notifier[] = [bot.notifier];
  if (opts.teams && loaded.config.teams) {
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    const teamsBot = createTeamsBot({ config: loaded.config.teams, core: deps, logger: silent });
    plugins.push({ name: 'teams', plugin: teamsBot.plugin });
    notifiers.push(teamsBot.notifier);
  }
  const app = await buildServer({ config: loaded.config, core: deps, secretKey: SECRET, plugins });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  let n = 0;
  return {
    base,
    clock,
    slack,
    connector,
    async post(body) {
      const ts = Math.floor(clock.now() / 1000);
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(SIGNING_SECRET, ts, body),
        },
        body,
      });
      const text = await res.text();
      await bot.drain();
      return { status: res.status, text };
    },
    commandBody: (userId, text, teamId = TEAM) =>
      new URLSearchParams({
        team_id: teamId,
        team_domain: 'acme',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: userId,
        user_name: userId.toLowerCase(),
        command: '/chatwork-invite',
        text,
        response_url: slack.responseUrl(`cmd-${++n}`),
        trigger_id: `trigger-${n}`,
      }).toString(),
    clickBody(userId, actionId, value) {
      const payload = {
        type: 'block_actions',
        team: { id: TEAM, domain: 'acme' },
        user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
        api_app_id: 'A0001',
        trigger_id: `trigger-${++n}`,
        container: {
          type: 'message',
          message_ts: '1700000000.000100',
          channel_id: 'C0GENERAL',
          is_ephemeral: true,
        },
        channel: { id: 'C0GENERAL', name: 'general' },
        response_url: slack.responseUrl(`click-${n}`),
        actions: [{ type: 'button', action_id: actionId, value, action_ts: `1700000000.${n}` }],
      };
      return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async deliverAll() {
      for (let i = 0; i < 100; i++) {
        const report = await dispatchOnce(deps, notifiers, 'e2e');
        await bot.drain();
        if (report.claimed === 0) return;
      }
      throw new Error('the outbox never emptied');
    },
    async close() {
      await app.close();
      await slack.close();
      await connector?.close();
      await opts.closeStore();
    },
  };
}
