/**
 * Child process for redis-multiprocess.test.ts: opens the Redis store named in its JSON argument,
 * prints `ready`, waits for `go` on stdin (so both processes start together), fires all of its
 * decisions at once, and prints one JSON line: one outcome per decision, in order.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openRedisStore } from '../../src/store/redis/index.js';

const args = z
  .object({
    url: z.string().min(1),
    namespace: z.string().min(1),
    tag: z.number().int().nonnegative(),
    now: z.number().int(),
    actions: z.array(
      z.object({
        requestId: z.string().min(1),
        actorId: z.string().min(1),
        action: z.enum(['accept', 'decline', 'withdraw']),
      }),
    ),
  })
  .parse(JSON.parse(process.argv[2] ?? '{}'));

const store = await openRedisStore({ url: args.url }, { namespace: args.namespace, strictRuleCheck: true });
let seq = 0;
const newId = () => `evt_p${args.tag}_${seq++}`;

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const outcomes = await Promise.all(
  args.actions.map(async (a) => {
    try {
      const r = await store.decideRequest({ ...a, now: args.now, newId });
      if (r.ok) return `ok:${r.value.request.state}`;
      return `${r.error.code}:${'state' in r.error ? r.error.state : ''}`;
    } catch (e) {
      return `THROWN:${e instanceof Error ? e.message : String(e)}`;
    }
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
