import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Composed, compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api.js';
import { TEST_SECRET_KEY } from '../../helpers/secret-key.js';
import { injectSigned, SIGNING_SECRET } from './support.js';

/** The composition root wires the Slack plugin and its notifier into the real delivery loop. */
let slack: FakeSlack;
let composed: Composed;

beforeAll(async () => {
  slack = await startFakeSlack();
  const loaded = loadConfig({
    PUBLIC_URL: 'https://invite.example.com',
    STORE_URL: 'sqlite::memory:',
    SECRET_KEY: TEST_SECRET_KEY,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-compose',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  composed = await compose(loaded.config, { logger: false });
});
afterAll(async () => {
  await composed.app.close();
  await composed.shutdown();
  await slack.close();
});

async function command(userId: string, text: string) {
  const body = new URLSearchParams({
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/chatwork-invite',
    text,
    response_url: slack.responseUrl(userId),
  }).toString();
  return injectSigned(composed.app, body);
}

it('a request typed in Slack reaches the recipient as a DM through the outbox and the delivery loop', async () => {
  slack.addUser({ id: 'UA', teamId: 'T0001', name: 'Ann' });
  slack.addUser({ id: 'UB', teamId: 'T0001', name: 'Bob' });
  expect((await command('UB', 'id')).statusCode).toBe(200);
  const res = await command('UA', '<@UB|bob> hello');
  expect(res.statusCode).toBe(200);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && slack.callsTo('chat.postMessage').length === 0)
    await new Promise((r) => setTimeout(r, 50));
  const dm = slack.callsTo('chat.postMessage')[0];
  expect(dm?.channel).toBe('UB');
  expect(dm?.token).toBe('xoxb-compose');
  expect(JSON.stringify(dm?.blocks)).toContain('hello');
});

it('Slack routes answer; a request without a signature is refused', async () => {
  const res = await composed.app.inject({
    method: 'POST',
    url: '/slack/events',
    headers: { 'content-type': 'application/json' },
    payload: '{}',
  });
  expect(res.statusCode).toBe(401);
});

it('after each request the delivery loop looks at once: the DM follows within 200 ms, not at the next idle poll (500 ms)', async () => {
  slack.addUser({ id: 'UD', teamId: 'T0001', name: 'Dan' });
  expect((await command('UD', 'id')).statusCode).toBe(200);
  // Without the nudge each DM would wait for a poll up to 500 ms away: three within 200 ms by chance is ~6%.
  for (const sender of ['UC1', 'UC2', 'UC3']) {
    slack.addUser({ id: sender, teamId: 'T0001', name: `Cleo ${sender}` });
    await new Promise((r) => setTimeout(r, 600)); // every lane is back in its idle poll
    const before = slack.callsTo('chat.postMessage').length;
    const sentAt = Date.now();
    expect((await command(sender, '<@UD|dan>')).statusCode).toBe(200);
    while (slack.callsTo('chat.postMessage').length === before && Date.now() - sentAt < 2_000)
      await new Promise((r) => setTimeout(r, 5));
    expect(Date.now() - sentAt).toBeLessThan(200);
  }
});
