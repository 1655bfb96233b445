import { afterEach, expect, it } from 'vitest';
import { type Harness, slackHarness } from './support.js';

let h: Harness;
afterEach(async () => h.close());

it('with SLACK_APP_TOKEN the bot opens Socket Mode through SLACK_API_URL, and a refusal does not stop the server', async () => {
  h = await slackHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
  h.slack.failNext('apps.connections.open', { error: 'invalid_auth' }, 5);
  await h.app.ready();
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && h.slack.callsTo('apps.connections.open').length === 0)
    await new Promise((r) => setTimeout(r, 20));
  const open = h.slack.callsTo('apps.connections.open')[0];
  expect(open?.token).toBe('xapp-1-test');
  expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
});
