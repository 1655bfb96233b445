import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';

/**
 * Real concurrency on one SQLite file: several OS processes, released together, race the same
 * transitions (the in-process contract cannot interleave a synchronous driver).
 */
const CHILD = fileURLToPath(new URL('./sqlite-race-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROCESSES = 4;
const PER_PROCESS = 40;
const outputSchema = z.object({ decisions: z.array(z.string()), mutual: z.array(z.string()) });

let dir: string;
let path: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-race-'));
  path = join(dir, 'race.db');
  store = openSqliteStore({ path, now: T0 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function account(name: string) {
  const res = await store.registerAccount({
    id: `acc_${name}`,
    identity: slackIdentity(`U_${name}`),
    displayName: name,
    locale: 'en',
    handleCandidates: [name],
    now: T0,
  });
  if (!res.ok) throw new Error(res.error.code);
  return res.value.account;
}

/** Starts the children, waits until all are ready, releases them together, collects their outcomes. */
async function race(arg: (tag: number) => object) {
  const children = Array.from({ length: PROCESSES }, (_, tag) =>
    spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(arg(tag))], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const lines = children.map((c) => createInterface({ input: c.stdout })[Symbol.asyncIterator]());
  const next = async (i: number) => {
    const line = await lines[i]!.next();
    if (line.done) throw new Error(`child ${i} ended early`);
    return line.value;
  };
  expect(await Promise.all(children.map((_, i) => next(i)))).toEqual(Array(PROCESSES).fill('ready'));
  for (const c of children) c.stdin.end('go\n');
  const outputs = await Promise.all(
    children.map(async (_, i) => outputSchema.parse(JSON.parse(await next(i)))),
  );
  return {
    decisions: outputs.flatMap((o) => o.decisions),
    mutual: outputs.flatMap((o) => o.mutual),
  };
}

it(`${PROCESSES} processes × ${PER_PROCESS}: one winner per request, one connection, one event each`, async () => {
  const [alice, bobby, carol, david] = [
    await account('alice'),
    await account('bobby'),
    await account('carol'),
    await account('david'),
  ];
  const sent = await store.sendRequest({
    requestId: 'req_race',
    senderId: alice.id,
    recipientId: bobby.id,
    note: null,
    source: 'link',
    context: null,
    now: T0,
    newId: () => 'evt_seed',
  });
  expect(sent.ok).toBe(true);
  expect(await store.ackOutbox({ eventId: 'evt_seed', owner: 'nobody' })).toBe(false);
  const [seed] = await store.claimOutbox({ owner: 't', now: T0, leaseMs: 1000, limit: 10 });
  expect(await store.ackOutbox({ eventId: seed!.event.id, owner: 't' })).toBe(true);

  const { decisions, mutual } = await race((tag) => ({
    path,
    requestId: 'req_race',
    sender: alice.id,
    recipient: bobby.id,
    a: carol.id,
    b: david.id,
    n: PER_PROCESS,
    tag,
    now: T0 + 1,
  }));
  const total = PROCESSES * PER_PROCESS;

  const final = (await store.getRequest('req_race'))?.state;
  expect(decisions.filter((d) => d.startsWith('ok:'))).toEqual([`ok:${final}`]);
  expect(decisions.filter((d) => !d.startsWith('ok:'))).toEqual(
    Array(total - 1).fill(`ALREADY_DECIDED:${final}`),
  );

  expect(mutual.filter((m) => m === 'sent')).toHaveLength(1);
  expect(mutual.filter((m) => m === 'connected')).toHaveLength(1);
  for (const m of mutual) expect(['sent', 'connected', 'already_pending', 'ALREADY_CONTACTS']).toContain(m);
  expect((await store.relationship(carol.id, david.id)).areContacts).toBe(true);
  expect((await store.relationship(david.id, carol.id)).areContacts).toBe(true);

  const events = [];
  for (let round = 0; round < 10; round++) {
    const items = await store.claimOutbox({ owner: 't', now: T0 + 1, leaseMs: 1000, limit: 100 });
    if (items.length === 0) break;
    for (const i of items) {
      events.push(i.event.type);
      await store.ackOutbox({ eventId: i.event.id, owner: 't' });
    }
  }
  const decisionEvent = final === 'accepted' ? 'request_accepted' : 'request_withdrawn';
  expect(events.sort()).toEqual([decisionEvent, 'request_accepted', 'request_received'].sort());
  expect(store.integrityCheck()).toBe('ok');
});
