import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdaptiveCardInvokeValue, CloudAdapter, TurnContext } from 'botbuilder';
import { Redis } from 'ioredis';
import { STOCK_ACCEPT_LUA } from './stock-accept-lua.js';

/**
 * Baseline T2: the Accept a stock bot would write inline in `onAdaptiveCardInvoke`: one Lua
 * transition through ioredis (pending → accepted, both contact sets), the updated card as the invoke's
 * answer, and a proactive message to the requester (`continueConversationAsync` → the fake Bot
 * Connector at BENCH_CONNECTOR_URL), all before the invoke is answered.
 * Seeds BENCH_PENDING pending requests in BENCH_STORE_URL (each from a distinct requester with a 1:1
 * conversation `a:personal-r<n>`, as our server's seed) and writes their ids to the seed file the runner signs clicks on.
 */
export async function acceptInline(adapter: CloudAdapter) {
  const redis = new Redis(process.env.BENCH_STORE_URL ?? 'redis://127.0.0.1:6379');
  const serviceUrl = process.env.BENCH_CONNECTOR_URL ?? 'http://127.0.0.1:9/';
  const count = Number(process.env.BENCH_PENDING ?? 1000);
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = redis.pipeline();
    for (let n = start; n < Math.min(count, start + 1000); n++) {
      const id = `req_${n}`;
      ids.push(id);
      batch.hset(`request:${id}`, { state: 'pending', from: `r${n}`, to: 'owner' });
    }
    await batch.exec();
  }
  const seedFile = join(tmpdir(), `cwi-bench-t2-${process.pid}.json`);
  writeFileSync(seedFile, JSON.stringify({ requestIds: ids }));

  const card = (text: string) => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true }],
  });

  const answer = async (context: TurnContext, value: AdaptiveCardInvokeValue) => {
    const data = value.action.data as { requestId?: unknown };
    const requestId = typeof data.requestId === 'string' ? data.requestId : '';
    const [done, from] = (await redis.eval(STOCK_ACCEPT_LUA, 1, `request:${requestId}`, Date.now())) as [
      number,
      string,
    ];
    if (done !== 1) return card('This request was already answered.');
    await adapter.continueConversationAsync(
      '',
      {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: `a:personal-${from}`, conversationType: 'personal', isGroup: false, name: '' },
        bot: { id: context.activity.recipient.id, name: '' },
        user: { id: `29:${from}`, name: '' },
      },
      async (proactive) => {
        await proactive.sendActivity(`${context.activity.from.name} accepted your contact request.`);
      },
    );
    return card(`You accepted ${from}. You are now contacts.`);
  };
  return { answer, seedFile };
}
