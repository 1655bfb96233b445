import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION, encode } from '../../src/bots/slack/values.js';
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
  signedClick,
  signedCommand,
} from './support/slack.js';
import { startSlowProxy } from './support/slow-proxy.js';

/**
 * Crash: the real server as a child process on a SQLite file, Slack pointed at the fake Web API
 * through a proxy that holds each `chat.postMessage` answer for 300 ms (so DMs are posted but not
 * yet known to be). 50 people post their invite card; a burst of 1,000 signed [Add to contacts]
 * clicks on them follows (20 clickers × 50 cards, 25 in flight). The server is killed with SIGKILL
 * the moment the 400th HTTP 200 arrives, so always mid-burst, with the other clicks still in flight.
 * An HTTP 200 is the promise: every click answered 200 (before or just after the kill) must be in the
 * store after the restart. Then the clicks that got no 200 are made again, as their users would, and
 * every outbox event must reach the fake Slack exactly once.
 */
const SENDERS = 20;
const RECIPIENTS = 50;
const KILL_AFTER = 400;
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
  await res.arrayBuffer();
  return res.status;
}

let clicks = 0;
/** One [Add to contacts] click on `ownerId`'s invite card; resolves with the HTTP status (null: no answer). */
async function addToContacts(user: { id: string; name: string }, ownerId: string): Promise<number | null> {
  const actionTs = `1700000001.${String(++clicks).padStart(6, '0')}`;
  const signed = signedClick(
    user,
    { actionId: ACTION.add, value: encode.add(ownerId), actionTs },
    { responseUrl: slack.responseUrl(`click-${clicks}`) },
  );
  try {
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return null;
  }
}

const sender = (i: number) => ({ id: `U_SNDR${String(i).padStart(2, '0')}`, name: `Sender ${i}` });
const recipient = (i: number) => ({ id: `U_RCPT${String(i).padStart(2, '0')}`, name: `Recipient ${i}` });
const handle = (i: number) => `rcpt-${String(i).padStart(2, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Account ids behind handles, once the server has registered them (a newcomer's command answers first). */
async function accountIds(store: SqliteStore, handles: string[]): Promise<string[]> {
  const end = Date.now() + 20_000;
  for (;;) {
    const found = await Promise.all(handles.map((h) => store.resolveHandle(h, Date.now())));
    if (found.every((f) => f !== null)) return found.map((f) => f?.account.id ?? '');
    if (Date.now() > end) throw new Error('the recipients were not registered within 20 s');
    await sleep(100);
  }
}

/** How many of `actions` have a pending request from the clicker to the card's owner. */
async function storedOf(store: SqliteStore, actions: ReadonlyArray<{ from: { id: string }; owner: string }>) {
  const requestIds = new Set<string>();
  let missing = 0;
  for (const action of actions) {
    const from = await store.getAccountByIdentity({
      platform: 'slack',
      teamId: SLACK_TEAM,
      userId: action.from.id,
    });
    const rel = from ? await store.relationship(from.id, action.owner) : null;
    if (rel?.outgoing?.state === 'pending') requestIds.add(rel.outgoing.id);
    else missing++;
  }
  return { missing, requestIds };
}

it('kill -9 at the 400th acknowledged of 1,000 [Add to contacts] clicks: 0 acknowledged clicks lost, 0 notifications duplicated', async () => {
  for (let i = 0; i < SENDERS; i++) slack.addUser({ ...sender(i), teamId: SLACK_TEAM });
  for (let i = 0; i < RECIPIENTS; i++) slack.addUser({ ...recipient(i), teamId: SLACK_TEAM });
  server = boot();
  expect((await waitForHttp(`${base}/readyz`)).status).toBe(200);
  for (let i = 0; i < RECIPIENTS; i++) expect(await command(recipient(i), `id set ${handle(i)}`)).toBe(200);
  const path = join(dir, 'db.sqlite');
  const store: SqliteStore = openSqliteStore({ path });
  try {
    // The invite card's [Add to contacts] button names its owner's account.
    const owners = await accountIds(
      store,
      Array.from({ length: RECIPIENTS }, (_, i) => handle(i)),
    );

    // The burst: click k is clicker k % 20 on the card of recipient floor(k / 20); every pair once.
    const actions = Array.from({ length: SENDERS * RECIPIENTS }, (_, k) => ({
      k,
      from: sender(k % SENDERS),
      owner: owners[Math.floor(k / SENDERS)] ?? '',
    }));
    const acked = new Set<number>();
    let atKill: { acked: number; inFlight: number; posts: number; postsInFlight: number } | null = null;
    let started = 0;
    let answered = 0;
    let next = 0;
    const worker = async () => {
      while (!atKill && next < actions.length) {
        const action = actions[next++];
        if (!action) return;
        started++;
        const status = await addToContacts(action.from, action.owner);
        answered++;
        if (status !== 200) continue;
        acked.add(action.k);
        if (!atKill && acked.size >= KILL_AFTER) {
          atKill = {
            acked: acked.size,
            inFlight: started - answered,
            posts: slack.callsTo('chat.postMessage').length,
            postsInFlight: proxy.inFlight(),
          };
          server?.proc.kill('SIGKILL');
        }
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const burstMs = Date.now() - t0;
    if (!atKill) throw new Error('the burst ended before the kill');
    const kill: { acked: number; inFlight: number; posts: number; postsInFlight: number } = atKill;
    expect(await server.exited).toBe(null); // killed by signal, not exited
    expect(kill.inFlight).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(actions.length);

    // Restart on the same file (Slack answers at full speed again). Every 200 is a promise.
    proxy.setDelay(0);
    server = boot();
    expect((await waitForHttp(`${base}/readyz`)).status).toBe(200);
    const promised = actions.filter((a) => acked.has(a.k));
    const { missing: ackedLost } = await storedOf(store, promised);

    // The users whose clicks got no answer click again.
    const retry = actions.filter((a) => !acked.has(a.k));
    const retried = retry.length;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let action = retry.shift(); action; action = retry.shift()) {
          expect(await addToContacts(action.from, action.owner)).toBe(200);
          acked.add(action.k);
        }
      }),
    );
    expect(acked.size).toBe(actions.length);
    const retriedMs = Date.now() - t0;
    const { missing, requestIds } = await storedOf(store, actions);

    // Every event reaches Slack: wait for the outbox to drain (a lease held by the killed process
    // expires after DELIVERY.leaseMs), then a little longer so a late duplicate would show.
    const end = Date.now() + 90_000;
    while ((await store.outboxStats(Date.now())).depth > 0 && Date.now() < end) await sleep(250);
    expect(await store.outboxStats(Date.now())).toMatchObject({ depth: 0, dead: 0 });
    await sleep(1000);

    const cards = slack.callsTo('chat.postMessage').flatMap((c) => requestIdsIn(c.blocks));
    const perRequest = new Map<string, number>();
    for (const id of cards) perRequest.set(id, (perRequest.get(id) ?? 0) + 1);
    const lost = [...requestIds].filter((id) => !perRequest.has(id)).length;
    const duplicated = [...perRequest.values()].reduce((sum, n) => sum + (n - 1), 0);
    printFigure(
      `crash: ${actions.length} [Add to contacts] clicks; kill -9 at the ${kill.acked}th HTTP 200 with ` +
        `${kill.inFlight} clicks in flight (${kill.posts} DMs posted, ${kill.postsInFlight} being posted); ` +
        `${promised.length} clicks acknowledged with 200 (${promised.length - kill.acked} of them arrived after the signal), ` +
        `${ackedLost} acknowledged clicks lost; ${retried} clicked again; ${missing} requests missing in the end, ` +
        `${lost} notifications lost, ${duplicated} notifications duplicated, ` +
        `${slack.callsTo('conversations.history').length} DM histories read back after the crash ` +
        `(burst ${burstMs} ms, restart and retries ${retriedMs - burstMs} ms, drained ${Date.now() - t0} ms)`,
    );
    expect(ackedLost).toBe(0);
    expect(missing).toBe(0);
    expect(requestIds.size).toBe(actions.length);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(store.integrityCheck()).toBe('ok');
  } finally {
    await store.close();
  }
  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
});
