import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chatworkApi } from '../src/chatwork/api.js';
import { chatworkLinking } from '../src/chatwork/linking.js';
import { chatworkPoller } from '../src/chatwork/poller.js';
import type { Clock } from '../src/core/index.js';
import { tokenSealer } from '../src/runtime/sealing.js';
import { systemRandom } from '../src/runtime/system.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

/**
 * The Chatwork poller's own cost: `people` linked people (personal API tokens, one pending request each)
 * on an in-memory SQLite store, polled every 60 s for `minutes` of an injected clock in 1-second ticks,
 * against the fake Chatwork in another process. The figure is this process's CPU time (the poller, the
 * store, the HTTP client) per person per minute, i.e. per poll. `npx tsx bench/chatwork-poller.ts`.
 */
export interface ChatworkPollerCost {
  people: number;
  minutes: number;
  polls: number;
  cpuMs: number;
  cpuUsPerPersonPerMinute: number;
  wallMs: number;
}

async function startFake(people: number): Promise<{ apiUrl: string; tokens: string[]; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'chatwork-fake.ts')],
    {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, BENCH_CHATWORK_PEOPLE: String(people) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((ok, fail) => {
    let buffer = '';
    child.on('exit', (code) => fail(new Error(`chatwork-fake.ts exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\S+) (\S*)\n/.exec(buffer);
      if (m) ok({ apiUrl: m[1] ?? '', tokens: (m[2] ?? '').split(','), stop: () => child.kill('SIGTERM') });
    });
  });
}

export async function chatworkPollerCost(people = 1000, minutes = 5): Promise<ChatworkPollerCost> {
  const fake = await startFake(people);
  let at = Date.UTC(2025, 0, 6, 9, 0, 0);
  const clock: Clock = { now: () => at };
  const store = openSqliteStore({ path: ':memory:', now: at });
  const random = systemRandom;
  const api = chatworkApi({ apiUrl: fake.apiUrl, clock });
  const sealer = tokenSealer(Buffer.alloc(32, 9), 'chatwork-token');
  const linking = chatworkLinking({
    store,
    clock,
    random,
    api,
    oauth: null,
    sealer,
    publicUrl: 'http://bench',
  });
  try {
    for (const [i, token] of fake.tokens.entries()) {
      const linked = await linking.linkApiToken(`acc_${i}`, token);
      if (!linked.ok) throw new Error(`linking failed: ${linked.error.code}`);
    }
    let polls = 0;
    const poller = chatworkPoller({
      store,
      clock,
      random,
      api,
      linking,
      intervalMs: 60_000,
      announcer: { onIncoming: async () => {}, onBroken: async () => {} },
      metrics: {
        linkedPeople: () => {},
        polled: () => {
          polls++;
        },
        announced: () => {},
        broken: () => {},
        apiCall: () => {},
      },
    });
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let s = 0; s < minutes * 60; s++) {
      at += 1000;
      await poller.tick();
    }
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return {
      people,
      minutes,
      polls,
      cpuMs: Math.round(cpuMs),
      cpuUsPerPersonPerMinute: Math.round((cpuMs * 1000) / (people * minutes)),
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    fake.stop();
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await chatworkPollerCost(Number(process.env.BENCH_CHATWORK_PEOPLE ?? 1000));
  console.info(
    `Chatwork poller: ${r.people} people × ${r.minutes} min at 60 s = ${r.polls} polls; ${r.cpuMs} ms CPU in the poller's process → ${r.cpuUsPerPersonPerMinute} µs per person per minute (wall ${r.wallMs} ms)`,
  );
}
