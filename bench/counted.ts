import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { StorePort } from '../src/core/index.js';
import { openRedisStore } from '../src/store/redis/index.js';
import { SECRET } from './scenarios.js';
import { blockActionsBody } from './slack-payloads.js';
import { slackHeaders, slashCommandBody } from './slack-signing.js';
import { startTarget, stopTarget } from './targets.js';

/**
 * The counted figures of `npm run bench`:
 * - P3, Redis round trips: what each store call and each whole Slack action sends to Redis, counted
 *   with MONITOR as test/store/redis-roundtrips.test.ts does (commands run inside a Lua script are
 *   reported as `lua` and not counted);
 * - P4, Redis memory: bench/redis-memory.ts, run as it is, its figures read from its output.
 */

/** Records the commands Redis receives from clients (not from scripts); `fence` marks points in the stream. */
async function monitorOf(url: string) {
  const admin = new Redis(url);
  const monitor = await admin.monitor();
  const seen: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua') seen.push(args);
  });
  let mark = 0;
  const fence = async (): Promise<number> => {
    const m = `bench-fence-${mark++}`;
    await admin.echo(m);
    for (let i = 0; i < 400 && !seen.some((a) => a.includes(m)); i++)
      await new Promise((r) => setTimeout(r, 5));
    const at = seen.findIndex((a) => a.includes(m));
    if (at < 0) throw new Error('MONITOR did not report the fence');
    return at;
  };
  /** Commands sent between two fences, fence commands excluded. */
  const between = (from: number, to: number) =>
    seen.slice(from + 1, to).filter((a) => !String(a[1] ?? '').startsWith('bench-fence-'));
  return {
    seen,
    fence,
    between,
    close: () => {
      monitor.disconnect();
      admin.disconnect();
    },
  };
}

/** Redis commands per store call, one call of each kind on a fresh namespace. */
export async function storeRoundTrips(url: string): Promise<Record<string, number>> {
  const m = await monitorOf(url);
  const store: StorePort = await openRedisStore({ url }, { namespace: 'benchrt' });
  try {
    let n = 0;
    const newId = () => `evt_rt_${n++}`;
    await store.getAccount('warm-up');
    const counts: Record<string, number> = {};
    const count = async (name: string, action: () => Promise<unknown>) => {
      const start = await m.fence();
      await action();
      counts[name] = m.between(start, await m.fence()).length;
    };
    const register = (name: string) =>
      store.registerAccount({
        id: `acc_${name}`,
        identity: { platform: 'slack', teamId: 'T0RT', userId: `U_${name}` },
        displayName: name,
        locale: 'en',
        handleCandidates: [name],
        now: 1_800_000_000_000,
      });
    await count('registerAccount', () => register('alice'));
    await register('bobby');
    const send = (requestId: string, from: string, to: string) =>
      store.sendRequest({
        requestId,
        senderId: from,
        recipientId: to,
        note: null,
        source: 'link',
        context: null,
        now: 1_800_000_000_000,
        newId,
      });
    await count('sendRequest', () => send('req_rt_1', 'acc_alice', 'acc_bobby'));
    await count('decideRequest (accept)', () =>
      store.decideRequest({
        requestId: 'req_rt_1',
        actorId: 'acc_bobby',
        action: 'accept',
        now: 1_800_000_000_001,
        newId,
      }),
    );
    await count('getAccountByIdentity', () =>
      store.getAccountByIdentity({ platform: 'slack', teamId: 'T0RT', userId: 'U_alice' }),
    );
    await count('resolveHandle', () => store.resolveHandle('alice', 1_800_000_000_002));
    await count('listContacts', () => store.listContacts({ accountId: 'acc_alice', limit: 20 }));
    await count('claimOnce', () =>
      store.claimOnce('idempotency', 'rt', 1_800_000_100_000, 1_800_000_000_000),
    );
    return counts;
  } finally {
    await store.close();
    m.close();
  }
}

/**
 * Redis commands per whole Slack action through our server (everything it does for one request,
 * before and after the ack: the idempotency claim, the reads, the transition, App Home): `n` Accept
 * clicks and `n` invite-card commands, one at a time, each counted until Redis falls quiet.
 */
export async function actionRoundTrips(
  url: string,
  fakeSlack: { url: string; apiUrl: string },
  n = 20,
): Promise<{ acceptClick: number; inviteCard: number }> {
  const target = await startTarget('our-server.ts', {
    BENCH_SLACK_API_URL: fakeSlack.apiUrl,
    BENCH_SEED: 'accept',
    BENCH_PENDING: String(n),
    BENCH_STORE_URL: url,
  });
  const m = await monitorOf(url);
  try {
    const { requestIds } = JSON.parse(readFileSync(String(target.extra.seedFile), 'utf8')) as {
      requestIds: string[];
    };
    const post = async (body: string) => {
      const res = await fetch(`http://127.0.0.1:${target.port}/slack/events`, {
        method: 'POST',
        headers: slackHeaders(SECRET, body),
        body,
      });
      if (!res.ok) throw new Error(`bench action answered ${res.status}`);
      await res.text();
    };
    /** Commands until Redis has been quiet for 150 ms after the answer. */
    const quietCount = async (action: () => Promise<void>) => {
      const start = await m.fence();
      await action();
      let last = -1;
      while (m.seen.length !== last) {
        last = m.seen.length;
        await new Promise((r) => setTimeout(r, 150));
      }
      const cmds = m.between(start, await m.fence());
      if (process.env.BENCH_DEBUG) console.error(cmds.map((a) => `${a[0]} ${a.slice(3, 6).join(' ')}`));
      return cmds.length;
    };
    // Warm-up: the profile is fetched once (users.info) and cached, as in production.
    await quietCount(() =>
      post(slashCommandBody({ teamId: 'T0BENCH', userId: 'U0OWNER', userName: 'o', text: '' })),
    );
    let clicks = 0;
    let cards = 0;
    for (const [i, id] of requestIds.slice(0, n).entries()) {
      clicks += await quietCount(() =>
        post(
          blockActionsBody({
            teamId: 'T0BENCH',
            userId: 'U0OWNER',
            actionId: 'ci_accept',
            value: JSON.stringify({ r: id, s: 'dm' }),
            channel: 'D0OWNER',
            responseUrl: `${fakeSlack.url}response/bench`,
            actionTs: `1800000000.${String(i).padStart(6, '0')}`,
          }),
        ),
      );
      cards += await quietCount(() =>
        post(slashCommandBody({ teamId: 'T0BENCH', userId: 'U0OWNER', userName: 'o', text: '' })),
      );
    }
    return { acceptClick: clicks / n, inviteCard: cards / n };
  } finally {
    m.close();
    await stopTarget(target);
  }
}

const run = promisify(execFile);

/** P4: runs bench/redis-memory.ts (its own redis-server) and reads bytes per account and per edge. */
export async function redisMemory(
  accounts: number,
  edges: number,
): Promise<{ accounts: number; edges: number; bytesPerAccount: number; bytesPerEdge: number }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'redis-memory.ts')],
    {
      env: { ...process.env, BENCH_ACCOUNTS: String(accounts), BENCH_EDGES: String(edges) },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const figure = (label: RegExp) => {
    const m = label.exec(stdout);
    if (!m) throw new Error(`redis-memory printed no ${label}:\n${stdout}`);
    return Number(m[1]);
  };
  return {
    accounts,
    edges,
    bytesPerAccount: figure(/bytes per account: (\d+)/),
    bytesPerEdge: figure(/bytes per edge \(steady state\): (\d+)/),
  };
}
