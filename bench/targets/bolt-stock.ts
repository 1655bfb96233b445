import bolt from '@slack/bolt';
import { freePort } from '../../test/helpers/free-port.js';
import { announceReady } from './ready.js';

/**
 * Baseline B: a stock Bolt App on its own HTTPReceiver whose `/chatwork-invite` listener only acks,
 * as a developer would write it. Token verification at start is off (no Slack here).
 */
const app = new bolt.App({
  signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
  token: 'xoxb-bench',
  tokenVerificationEnabled: false,
  // With ids given, Bolt needs no auth.test call (there is no Slack here).
  botId: 'B0BENCH',
  botUserId: 'U0BENCHBOT',
  logLevel: bolt.LogLevel.ERROR,
});
app.command('/chatwork-invite', async ({ ack }) => {
  await ack();
});
const port = await freePort();
await app.start(port);
announceReady(port);
