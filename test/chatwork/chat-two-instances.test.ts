import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Composed, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { injectSigned, SIGNING_SECRET } from '../bots/slack/support.js';
import { type FakeChatwork, startFakeChatwork } from '../fakes/chatwork-api.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { TEST_SECRET_KEY } from '../helpers/secret-key.js';
import { adminClient, dropNamespace, withRedis } from '../store/redis-support.js';

/**
 * Two instances of the product on one Redis, both polling (CHATWORK_POLL_INTERVAL=2), the fake
 * Chatwork API and the fake Slack Web API: three incoming requests become three DMs, once each,
 * and the person is read by one instance per round (the lease), not by both.
 */
const REDIS = { url: `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6390'}/9` };

await withRedis('two instances on one Redis', REDIS, () => {
  describe('two instances on one Redis', () => {
    let cw: FakeChatwork;
    let slack: FakeSlack;
    let instances: Composed[] = [];

    const cleanup = async () => {
      const admin = adminClient(REDIS);
      await admin.connect();
      await dropNamespace(admin, 'cw');
      admin.disconnect();
    };
    beforeAll(async () => {
      await cleanup();
      cw = await startFakeChatwork();
      slack = await startFakeSlack();
      const loaded = loadConfig({
        PUBLIC_URL: 'https://invite.example.com',
        STORE_URL: REDIS.url,
        SECRET_KEY: TEST_SECRET_KEY,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-compose',
        SLACK_API_URL: slack.apiUrl,
        CHATWORK_API_URL: cw.apiUrl,
        CHATWORK_POLL_INTERVAL: '2',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
      });
      if (!loaded.ok) throw new Error(loaded.problems.join('; '));
      const config = loaded.config;
      instances = [await compose(config, { logger: false }), await compose(config, { logger: false })];
    });
    afterAll(async () => {
      for (const c of instances) {
        await c.app.close();
        await c.shutdown();
      }
      await slack.close();
      await cw.close();
      await cleanup();
    });

    it('three requests → three DMs once each; one instance reads the person per round', async () => {
      const [one] = instances;
      if (!one) throw new Error('no instance');
      slack.addUser({ id: 'UANN', teamId: 'T0001', name: 'Ann' });
      const ann = cw.addAccount({ chatwork_id: 'ann_redis' });
      const body = new URLSearchParams({
        team_id: 'T0001',
        team_domain: 'acme',
        channel_id: 'DUANN',
        channel_name: 'directmessage',
        user_id: 'UANN',
        user_name: 'ann',
        command: '/chatwork-invite',
        text: `chatwork token ${ann.apiToken}`,
        response_url: slack.responseUrl('cmd'),
      }).toString();
      const res = await injectSigned(one.app, body);
      expect(res.body).toContain('https://www.chatwork.com/ann_redis');

      const requests = [1, 2, 3].map((i) => cw.addRequest(ann.accountId, { name: `Sender ${i}` }));
      const dms = () =>
        slack
          .callsTo('chat.postMessage')
          .filter((c) => JSON.stringify(c.args.blocks ?? []).includes('ci_cw_accept'));
      const deadline = Date.now() + 10_000;
      while (dms().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const polledFrom = cw.callsTo('GET /incoming_requests').length;
      const watchedFrom = Date.now();
      await new Promise((r) => setTimeout(r, 6000));
      const rounds = (Date.now() - watchedFrom) / 2000;

      expect(dms()).toHaveLength(3);
      for (const r of requests)
        expect(
          dms().filter((d) => JSON.stringify(d.args.blocks).includes(`\\"r\\":${r.request_id},`)),
        ).toHaveLength(1);
      // One read per 2-second round, whichever instance holds the lease: never one per instance.
      const polls = cw.callsTo('GET /incoming_requests').length - polledFrom;
      expect(polls).toBeGreaterThanOrEqual(Math.floor(rounds) - 1);
      expect(polls).toBeLessThanOrEqual(Math.ceil(rounds) + 1);
    }, 30_000);
  });
});
