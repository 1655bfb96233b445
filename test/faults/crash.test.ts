import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { printFigure } from '../helpers/figures.js';
import { TEST_SECRET_KEY } from '../helpers/secret-key.js';
import { randomPort, type ServerProcess, startServer, waitForHttp } from './support/process.js';
import {
  requestIdsIn,
  SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET,
  SLACK_TEAM,
  signedCommand,
} from './support/slack.js';
import { startSlowProxy } from './support/slow-proxy.js';

/**
 * Crash: the real server as a child process on a SQLite file, Slack pointed at the fake Web API
 * through a proxy that holds each `chat.postMessage` answer for 300 ms (so messages are posted but
 * not yet known to be). A burst of 1,000 signed `/chatwork-invite <handle>` commands (20 senders ×
 * 50 recipients, 25 in flight); `kill -9` once 400 are acknowledged and 60 DMs are posted;
 * restart; the unacknowledged commands are sent again, as their users would. Every acknowledged
 * action must be in the store, and every outbox event must reach the fake Slack exactly once.
 */
const SENDERS = 20;
const RECIPIENTS = 50;
const KILL_AFTER = 400;
const KILL_AFTER_POSTS = 60;
const IN_FLIGHT = 25;

let dir: string;
let slack: FakeSlack;
let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
let server: ServerProcess | null = null;
const port = randomPort();
const base = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cwi-crash-'));
  slack = await startFakeSlack();
  proxy = await startSlowProxy(slack.url, /chat\.postMessage/, 300);
});
afterAll(async () => {
  server?.proc.kill('SIGKILL');
  await proxy.close();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

function boot(): ServerProcess {
  return startServer({
    PORT: String(port),
    STORE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    SECRET_KEY: TEST_SECRET_KEY,
    PUBLIC_URL: 'https://invite.example.com',
    SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN,
    SLACK_API_URL: `${proxy.url}api/`,
    LOG_LEVEL: 'error',
  });
}

async function command(user: { id: string; name: string }, text: string) {
  const signed = signedCommand(user, text);
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  const json: unknown = await res.json();
  const reply = json && typeof json === 'object' ? String(Reflect.get(json, 'text') ?? '') : '';
  return { status: res.status, text: reply };
}

const sender = (i: number) => ({ id: `U_SNDR${String(i).padStart(2, '0')}`, name: `Sender ${i}` });
const recipient = (i: number) => ({ id: `U_RCPT${String(i).padStart(2, '0')}`, name: `Recipient ${i}` });
const handle = (i: number) => `rcpt-${String(i).padStart(2, '0')}`;

it('kill -9 in the middle of 1,000 actions: 0 acknowledged actions lost, 0 notifications duplicated', async () => {
  for (let i = 0; i < SENDERS; i++) slack.addUser({ ...sender(i), teamId: SLACK_TEAM });
  for (let i = 0; i < RECIPIENTS; i++) slack.addUser({ ...recipient(i), teamId: SLACK_TEAM });
  server = boot();
  expect((await waitForHttp(`${base}/readyz`)).status).toBe(200);
  for (let i = 0; i < RECIPIENTS; i++) {
    const set = await command(recipient(i), `id set ${handle(i)}`);
    expect(set.status).toBe(200);
  }

  // The burst: action k is sender k % 20 → recipient floor(k / 20); every pair once.
  const actions = Array.from({ length: SENDERS * RECIPIENTS }, (_, k) => ({
    k,
    from: sender(k % SENDERS),
    to: handle(Math.floor(k / SENDERS)),
  }));
  const acked = new Set<number>();
  let killed = false;
  let next = 0;
  const maybeKill = () => {
    if (!killed && acked.size >= KILL_AFTER && slack.callsTo('chat.postMessage').length >= KILL_AFTER_POSTS) {
      killed = true;
      server?.proc.kill('SIGKILL');
    }
  };
  const poll = setInterval(maybeKill, 5);
  const worker = async () => {
    while (!killed && next < actions.length) {
      const action = actions[next++];
      if (!action) return;
      const res = await command(action.from, action.to).catch(() => null);
      if (res?.status === 200 && /Request sent|pending/.test(res.text)) acked.add(action.k);
      maybeKill();
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  while (!killed && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
  clearInterval(poll);
  const burstMs = Date.now() - t0;
  const ackedBeforeKill = acked.size;
  const postsBeforeKill = slack.callsTo('chat.postMessage').length;
  expect(await server.exited).toBe(null); // killed by signal, not exited
  expect(ackedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(ackedBeforeKill).toBeLessThan(actions.length);

  // Restart on the same file (Slack answers at full speed again); the users whose commands failed try again.
  proxy.setDelay(0);
  server = boot();
  expect((await waitForHttp(`${base}/readyz`)).status).toBe(200);
  const retry = actions.filter((a) => !acked.has(a.k));
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let action = retry.shift(); action; action = retry.shift()) {
        const res = await command(action.from, action.to);
        expect(res.status).toBe(200);
        expect(res.text).toMatch(/Request sent|pending/);
        acked.add(action.k);
      }
    }),
  );
  expect(acked.size).toBe(actions.length);

  const retriedMs = Date.now() - t0;
  // Every acknowledged action is in the store.
  const store: SqliteStore = openSqliteStore({ path: join(dir, 'db.sqlite') });
  try {
    const requestIds = new Set<string>();
    let missing = 0;
    for (const action of actions) {
      const from = await store.getAccountByIdentity({
        platform: 'slack',
        teamId: SLACK_TEAM,
        userId: action.from.id,
      });
      const to = await store.resolveHandle(action.to, Date.now());
      const rel = from && to ? await store.relationship(from.id, to.account.id) : null;
      const pending = rel?.outgoing?.state === 'pending' ? rel.outgoing : null;
      if (pending) requestIds.add(pending.id);
      else missing++;
    }
    expect(missing).toBe(0);
    expect(requestIds.size).toBe(actions.length);

    // Every event reaches Slack: wait for the outbox to drain (a lease held by the killed process
    // expires after DELIVERY.leaseMs), then a little longer so a late duplicate would show.
    const end = Date.now() + 90_000;
    while ((await store.outboxStats(Date.now())).depth > 0 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 250));
    expect(await store.outboxStats(Date.now())).toMatchObject({ depth: 0, dead: 0 });
    await new Promise((r) => setTimeout(r, 1000));

    const cards = slack.callsTo('chat.postMessage').flatMap((c) => requestIdsIn(c.blocks));
    const perRequest = new Map<string, number>();
    for (const id of cards) perRequest.set(id, (perRequest.get(id) ?? 0) + 1);
    const lost = [...requestIds].filter((id) => !perRequest.has(id)).length;
    const duplicated = [...perRequest.values()].reduce((s, n) => s + (n - 1), 0);
    printFigure(
      `crash: ${actions.length} actions, ${ackedBeforeKill} acknowledged before kill -9 ` +
        `(${postsBeforeKill} DMs posted by then), ${missing} acknowledged actions lost, ` +
        `${lost} notifications lost, ${duplicated} notifications duplicated, ` +
        `${slack.callsTo('conversations.history').length} DM histories read back after the crash ` +
        `(burst ${burstMs} ms, restart and retries ${retriedMs - burstMs} ms, drained ${Date.now() - t0} ms)`,
    );
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(store.integrityCheck()).toBe('ok');
  } finally {
    await store.close();
  }
  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
});
