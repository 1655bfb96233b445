import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot } from '../../../src/bots/slack/index.js';
import { createTeamsBot } from '../../../src/bots/teams/index.js';
import { loadConfig } from '../../../src/config.js';
import { dispatchOnce, type Notifier } from '../../../src/core/index.js';
import { buildServer } from '../../../src/http/server.js';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';
import { openTestCore, TEST_PUBLIC_URL, type TestCore } from '../../helpers/core.js';
import { sign } from '../slack/support.js';
import { cardAction, cardText, executeActions, message, type Origin, user } from './support.js';

/**
 * Slack ↔ Teams through one server: both bots' plugins on the real fastify server, one SQLite store,
 * the fake Slack Web API and the fake Bot Connector. The outbox routes each notice by the
 * recipient's platform.
 */
const SIGNING_SECRET = 'cross-platform-signing-secret';
const tina = user('tina', 'Tina Ito');

interface Both extends TestCore {
  app: FastifyInstance;
  slack: FakeSlack;
  slackBot: SlackBot;
  connector: FakeConnector;
  notifiers: Notifier[];
}

async function bothPlatforms(): Promise<Both> {
  const core = openTestCore();
  const slack = await startFakeSlack();
  const connector = await startFakeConnector();
  const loaded = loadConfig({
    PUBLIC_URL: TEST_PUBLIC_URL,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-cross-platform',
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });
  if (!loaded.ok || !loaded.config.slack || !loaded.config.teams) throw new Error('config');
  const secretKey = Buffer.alloc(32, 3);
  const slackBot = createSlackBot({ config: loaded.config.slack, core: core.deps, secretKey });
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const teamsBot = createTeamsBot({ config: loaded.config.teams, core: core.deps, logger: silent });
  const app = await buildServer({
    config: loaded.config,
    core: core.deps,
    secretKey,
    plugins: [
      { name: 'slack', plugin: slackBot.plugin },
      { name: 'teams', plugin: teamsBot.plugin },
    ],
  });
  return {
    ...core,
    app,
    slack,
    slackBot,
    connector,
    notifiers: [slackBot.notifier, teamsBot.notifier],
    close: async () => {
      await app.close();
      await slack.close();
      await connector.close();
      await core.close();
    },
  };
}

describe('cross-platform requests (Slack ↔ Teams)', () => {
  let b: Both;
  let teams: Origin;
  let seq = 0;
  beforeEach(async () => {
    b = await bothPlatforms();
    teams = { connector: b.connector };
    b.slack.addUser({ id: 'U0SAM', teamId: 'T0001', name: 'Sam Park' });
  });
  afterEach(async () => {
    await b.close();
  });

  const signed = async (body: string) => {
    const ts = Math.floor(b.clock.now() / 1000);
    const res = await b.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(SIGNING_SECRET, ts, body),
      },
      payload: body,
    });
    await b.slackBot.drain();
    return res;
  };
  const slashCommand = (text: string) =>
    signed(
      new URLSearchParams({
        team_id: 'T0001',
        team_domain: 'acme',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: 'U0SAM',
        user_name: 'sam',
        command: '/chatwork-invite',
        text,
        api_app_id: 'A0001',
        response_url: b.slack.responseUrl(`cmd-${++seq}`),
        trigger_id: `trigger-${seq}`,
      }).toString(),
    );
  const deliver = async () => {
    const report = await dispatchOnce(b.deps, b.notifiers, `worker-${++seq}`);
    await b.slackBot.drain();
    return report;
  };
  const post = (activity: Record<string, unknown>) =>
    b.app.inject({ method: 'POST', url: '/api/messages', payload: activity });

  it('Slack → Teams: a Slack user asks a Teams user, who accepts in Teams; Slack hears back', async () => {
    await post(message(teams, tina, 'id'));
    const ack = await slashCommand('tina-ito see you in Teams');
    expect(ack.statusCode).toBe(200);
    expect(await deliver()).toMatchObject({ delivered: 1, dead: 0 });
    const notice = b.connector.sends(tina.conversationId).at(-1);
    const card = b.connector.cardOf(notice);
    expect(cardText(card)).toContain('Sam Park wants to connect with you.');
    const [accept] = executeActions(card);
    const res = await post(
      cardAction(teams, tina, 'accept', accept?.data ?? {}, { replyToId: String(notice?.responseId) }),
    );
    expect(cardText(res.json().value)).toContain('You accepted Sam Park.');
    expect(await deliver()).toMatchObject({ delivered: 1, dead: 0 });
    const told = JSON.stringify(b.slack.calls.filter((c) => c.method === 'chat.postMessage').at(-1));
    expect(told).toContain('Tina Ito');
  });

  it('Teams → Slack: a Teams user asks a Slack user, who accepts in Slack; Teams hears back', async () => {
    await slashCommand('id');
    const sam = await b.store.getAccountByIdentity({ platform: 'slack', teamId: 'T0001', userId: 'U0SAM' });
    expect(sam).not.toBeNull();
    await post(message(teams, tina, `${sam?.handle} hello from Teams`));
    expect(cardText(b.connector.cardOf(b.connector.sends(tina.conversationId).at(-1)))).toContain(
      'Request sent to Sam Park.',
    );
    expect(await deliver()).toMatchObject({ delivered: 1, dead: 0 });
    const dm = b.slack.calls.filter((c) => c.method === 'chat.postMessage').at(-1);
    expect(JSON.stringify(dm)).toContain('Tina Ito');
    const button = findButton(dm?.blocks, 'Accept');
    expect(button).not.toBeNull();
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'acme' },
      user: { id: 'U0SAM', username: 'sam', name: 'sam', team_id: 'T0001' },
      api_app_id: 'A0001',
      trigger_id: 'trigger-x',
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: String(dm?.channel ?? 'D0SAM'),
      },
      channel: { id: String(dm?.channel ?? 'D0SAM'), name: 'directmessage' },
      message: { type: 'message', ts: '1700000000.000100', text: 'card' },
      response_url: b.slack.responseUrl('click-1'),
      actions: [{ type: 'button', block_id: 'b', action_ts: '1700000001.000001', ...button }],
    };
    const click = await signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    expect(click.statusCode).toBe(200);
    const pending = await b.store.listRequests({
      accountId: sam?.id ?? '',
      direction: 'incoming',
      now: b.clock.now(),
      limit: 5,
    });
    expect(pending.items).toEqual([]);
    expect(await deliver()).toMatchObject({ delivered: 1, dead: 0 });
    expect(cardText(b.connector.cardOf(b.connector.sends(tina.conversationId).at(-1)))).toContain(
      'Sam Park accepted your contact request.',
    );
  });
});

/** The first button in Block Kit blocks whose label is `label`: its action_id, value and text. */
function findButton(blocks: unknown, label: string): Record<string, unknown> | null {
  if (Array.isArray(blocks)) {
    for (const b of blocks) {
      const found = findButton(b, label);
      if (found) return found;
    }
    return null;
  }
  if (!blocks || typeof blocks !== 'object') return null;
  const o = blocks as Record<string, unknown>;
  const text = o.text as { text?: string } | undefined;
  if (o.type === 'button' && text?.text === label)
    return { action_id: o.action_id, value: o.value, text: o.text };
  for (const v of Object.values(o)) {
    const found = findButton(v, label);
    if (found) return found;
  }
  return null;
}
