import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bolt from '@slack/bolt';
import { Redis } from 'ioredis';
import { freePort } from '../../test/helpers/free-port.js';
import { announceReady } from './ready.js';
import { STOCK_ACCEPT_LUA } from './stock-accept-lua.js';

/**
 * Baseline B2: a stock Bolt App on its own HTTPReceiver doing the Accept the way Bolt's docs teach:
 * `ack()`, one Lua transition through ioredis (pending → accepted, both contact sets), `respond()` to
 * update the clicked message (its response_url), `client.chat.postMessage` to tell the requester, all
 * inline in the listener. The Web API and response_url are the bench's fake Slack
 * (BENCH_SLACK_API_URL). Seeds BENCH_PENDING pending requests `req_<n>` from `US<n>` to `U0OWNER` in
 * BENCH_STORE_URL and writes their ids for the runner to sign clicks on.
 */
const redis = new Redis(process.env.BENCH_STORE_URL ?? 'redis://127.0.0.1:6379');
const count = Number(process.env.BENCH_PENDING ?? 1000);
const requestIds: string[] = [];
for (let start = 0; start < count; start += 1000) {
  const batch = redis.pipeline();
  for (let n = start; n < Math.min(count, start + 1000); n++) {
    requestIds.push(`req_${n}`);
    batch.hset(`request:req_${n}`, { state: 'pending', from: `US${n}`, to: 'U0OWNER' });
  }
  await batch.exec();
}
const seedFile = join(tmpdir(), `cwi-bench-b2-${process.pid}.json`);
writeFileSync(seedFile, JSON.stringify({ requestIds }));

const app = new bolt.App({
  signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
  token: 'xoxb-bench',
  tokenVerificationEnabled: false,
  botId: 'B0BENCH',
  botUserId: 'U0BENCHBOT',
  logLevel: bolt.LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.BENCH_SLACK_API_URL ?? 'http://127.0.0.1:9/api/' },
});

app.action('ci_accept', async ({ ack, action, body, respond, client }) => {
  await ack();
  const value = JSON.parse(action.type === 'button' ? (action.value ?? '{}') : '{}') as { r?: string };
  const [done, from] = (await redis.eval(STOCK_ACCEPT_LUA, 1, `request:${value.r ?? ''}`, Date.now())) as [
    number,
    string,
  ];
  if (done !== 1) {
    await respond({ replace_original: false, text: 'This request was already answered.' });
    return;
  }
  await respond({ replace_original: true, text: `You accepted <@${from}>. You are now contacts.` });
  await client.chat.postMessage({ channel: from, text: `<@${body.user.id}> accepted your contact request.` });
});

const port = await freePort();
await app.start(port);
announceReady(port, { seedFile });
