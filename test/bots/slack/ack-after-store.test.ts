import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSlackBot } from '../../../src/bots/slack/index.js';
import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { loadConfig } from '../../../src/config.js';
import { type CoreDeps, ensureAccount } from '../../../src/core/index.js';
import { buildServer } from '../../../src/http/server.js';
import { openRedisStore, type RedisStore } from '../../../src/store/redis/index.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';
import { fixedClock, T0 } from '../../helpers/clock.js';
import { TEST_PUBLIC_URL } from '../../helpers/core.js';
import { slackActor, slackIdentity } from '../../helpers/identities.js';
import { seededRandom } from '../../helpers/random.js';
import {
  adminClient,
  dropNamespace,
  freshNamespace,
  STANDALONE,
  withRedis,
} from '../../store/redis-support.js';
import { BOT_TOKEN, SECRET, SIGNING_SECRET, sign, TEAM } from './support.js';

/**
 * An acknowledgement is a promise: when the HTTP 200 for a click reaches Slack, the change it
 * confirms is already stored. The server runs on a real port with a Redis store reached through a
 * proxy that holds every Redis answer for 25 ms, so a store write takes visibly longer than an
 * answer; the test reads Redis directly (no proxy) the moment the 200 arrives, without waiting.
 * Code that acks first and stores afterwards finds nothing there.
 */
const REDIS_DELAY_MS = 25;

/** A TCP proxy to Redis that holds each chunk coming back from Redis for `delayMs`. */
async function slowRedisProxy(port: number, delayMs: number) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.write(chunk), delayMs));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

await withRedis('slack ack after store', STANDALONE, () => {
  const namespace = freshNamespace();
  const clock = fixedClock(T0);
  let admin: Redis | Cluster;
  let proxy: Awaited<ReturnType<typeof slowRedisProxy>>;
  let slow: RedisStore;
  let direct: RedisStore;
  let slack: FakeSlack;
  let app: FastifyInstance;
  let base: string;
  let deps: CoreDeps;

  beforeAll(async () => {
    admin = adminClient(STANDALONE);
    await admin.connect();
    proxy = await slowRedisProxy(Number(new URL(STANDALONE.url).port), REDIS_DELAY_MS);
    slow = await openRedisStore({ url: proxy.url }, { namespace });
    direct = await openRedisStore(STANDALONE, { namespace });
    slack = await startFakeSlack();
    const loaded = loadConfig({
      PUBLIC_URL: TEST_PUBLIC_URL,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
    });
    if (!loaded.ok || !loaded.config.slack) throw new Error('slack not configured');
    deps = { store: slow, clock, random: seededRandom(7), publicUrl: TEST_PUBLIC_URL };
    const bot = createSlackBot({ config: loaded.config.slack, core: deps, secretKey: SECRET });
    app = await buildServer({
      config: loaded.config,
      core: deps,
      secretKey: SECRET,
      plugins: [{ name: 'slack', plugin: bot.plugin }],
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await slow.close();
    await direct.close();
    await proxy.close();
    await slack.close();
    await dropNamespace(admin, namespace);
    admin.disconnect();
  });

  let n = 0;
  /** A signed `block_actions` click over real HTTP; resolves when the answer has arrived. */
  async function click(userId: string, actionId: string, value: string): Promise<number> {
    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'acme' },
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
      api_app_id: 'A0001',
      trigger_id: `trigger-${++n}`,
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0GENERAL' },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { type: 'message', ts: '1700000000.000100', text: 'card' },
      response_url: slack.responseUrl(`click-${n}`),
      actions: [{ type: 'button', action_id: actionId, value, action_ts: `1700000000.${n}` }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
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
    await res.arrayBuffer();
    return res.status;
  }

  it('the 200 for [Add to contacts] and for Accept arrives after the change is stored', async () => {
    const owner = await ensureAccount(deps, slackActor('UOWN', 'Olivia Owner'));
    if (!owner.ok) throw new Error(owner.error.code);
    const ownerId = owner.value.account.id;

    // A first-time clicker: registered and the request sent, all before the answer.
    expect(await click('UNEW', ACTION.add, encode.add(ownerId))).toBe(200);
    const clicker = await direct.getAccountByIdentity(slackIdentity('UNEW'));
    expect(clicker).not.toBeNull();
    const rel = await direct.relationship(clicker?.id ?? '', ownerId);
    expect(rel.outgoing?.state).toBe('pending');

    expect(await click('UOWN', ACTION.accept, encode.request({ r: rel.outgoing?.id ?? '', s: 'dm' }))).toBe(
      200,
    );
    expect((await direct.getRequest(rel.outgoing?.id ?? ''))?.state).toBe('accepted');
    expect((await direct.relationship(ownerId, clicker?.id ?? '')).areContacts).toBe(true);
  });
});
