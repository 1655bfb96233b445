import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatworkMetrics,
  createChatworkBridge,
  type IncomingRequest,
} from '../../src/chatwork/index.js';
import { loadConfig } from '../../src/config.js';
import { tokenSealer } from '../../src/runtime/sealing.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { type FakeChatwork, startFakeChatwork } from '../fakes/chatwork-api.js';
import { fixedClock, type TestClock } from '../helpers/clock.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { seededRandom } from '../helpers/random.js';
import { SECRET } from './support.js';

/** The bridge as the composition root builds it: from the parsed settings, with a metrics port. */
describe('createChatworkBridge', () => {
  let cw: FakeChatwork;
  let clock: TestClock;
  let store: SqliteStore;
  beforeEach(async () => {
    clock = fixedClock();
    cw = await startFakeChatwork({ now: clock.now });
    store = openSqliteStore({ path: ':memory:', now: clock.now() });
  });
  afterEach(async () => {
    await cw.close();
    await store.close();
  });

  it('from CHATWORK_* settings: links, polls, announces, and counts polls, API calls, 429s and announcements', async () => {
    const loaded = loadConfig({
      CHATWORK_API_URL: cw.apiUrl,
      CHATWORK_OAUTH_URL: cw.oauthUrl,
      CHATWORK_CLIENT_ID: cw.clientId,
      CHATWORK_CLIENT_SECRET: cw.clientSecret,
      CHATWORK_POLL_INTERVAL: '30',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const counted: string[] = [];
    const metrics: ChatworkMetrics = {
      linkedPeople: (n) => counted.push(`linked ${n}`),
      polled: (o) => counted.push(`polled ${o}`),
      announced: () => counted.push('announced'),
      broken: () => counted.push('broken'),
      apiCall: (route, status) => counted.push(`${route} ${status}`),
    };
    const heard: IncomingRequest[] = [];
    const bridge = createChatworkBridge({
      settings: loaded.config.chatwork,
      publicUrl: TEST_PUBLIC_URL,
      store,
      clock,
      random: seededRandom(3),
      sealer: tokenSealer(SECRET, 'chatwork-token'),
      announcer: { onIncoming: async (_p, r) => void heard.push(r), onBroken: async () => {} },
      metrics,
    });
    expect(bridge.linking.oauthConfigured).toBe(true);
    const ann = cw.addAccount();
    expect((await bridge.linking.linkApiToken('acc_ann', ann.apiToken)).ok).toBe(true);
    cw.addRequest(ann.accountId, { name: 'Bob' });
    cw.failNext('GET /incoming_requests', { status: 429, resetAt: Math.floor(clock.now() / 1000) + 40 });
    for (let s = 0; s < 120; s++) {
      clock.advance(1000);
      await bridge.poller.tick();
    }
    expect(heard.map((r) => r.name)).toEqual(['Bob']);
    expect(counted).toContain('GET /me 200');
    expect(counted).toContain('GET /incoming_requests 429');
    expect(counted).toContain('polled rate_limited');
    expect(counted.filter((c) => c === 'announced')).toHaveLength(1);
    expect(counted.filter((c) => c === 'GET /incoming_requests 200').length).toBeGreaterThanOrEqual(2); // still pending: seen, not told again
    expect(counted).toContain('linked 1');
  });
});
