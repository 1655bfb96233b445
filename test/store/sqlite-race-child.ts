/**
 * Child process for sqlite-processes.test.ts: opens the SQLite file named in its JSON argument,
 * prints `ready`, waits for `go` on stdin (so all siblings start together), then races decisions on
 * one request and mutual requests between two people. Prints one JSON line of outcomes.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

const args = z
  .object({
    path: z.string().min(1),
    requestId: z.string().min(1),
    sender: z.string().min(1),
    recipient: z.string().min(1),
    a: z.string().min(1),
    b: z.string().min(1),
    n: z.number().int().positive(),
    tag: z.number().int().nonnegative(),
    now: z.number().int(),
  })
  .parse(JSON.parse(process.argv[2] ?? '{}'));

const store = openSqliteStore({ path: args.path, now: args.now });
let seq = 0;
const newId = () => `evt_p${args.tag}_${seq++}`;

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const decisions: string[] = [];
const mutual: string[] = [];
for (let i = 0; i < args.n; i++) {
  const flip = (i + args.tag) % 2 === 1;
  const decided = await store.decideRequest({
    requestId: args.requestId,
    actorId: flip ? args.sender : args.recipient,
    action: flip ? 'withdraw' : 'accept',
    now: args.now,
    newId,
  });
  decisions.push(
    decided.ok
      ? `ok:${decided.value.request.state}`
      : `${decided.error.code}:${'state' in decided.error ? decided.error.state : ''}`,
  );
  const sent = await store.sendRequest({
    requestId: `req_p${args.tag}_${i}`,
    senderId: flip ? args.b : args.a,
    recipientId: flip ? args.a : args.b,
    note: null,
    source: 'link',
    context: null,
    now: args.now,
    newId,
  });
  mutual.push(sent.ok ? sent.value.status : sent.error.code);
}
await store.close();
process.stdout.write(`${JSON.stringify({ decisions, mutual })}\n`);
