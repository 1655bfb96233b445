import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeError } from '../../src/i18n/catalog.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { printFigure } from '../helpers/figures.js';
import { TEST_SECRET_KEY } from '../helpers/secret-key.js';
import { randomPort, type ServerProcess, startServer, waitForHttp } from './support/process.js';
import { hasRedisServer, ownRedis } from './support/redis-server.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_TEAM, signedCommand } from './support/slack.js';

/**
 * Redis outage under load: the real server (child process) on a redis-server of its own, Slack on
 * the fake Web API; 8 clients keep sending signed slash commands (writes and reads) and opening
 * invite pages. Redis is stopped for 10 s, then started again (and, a second time, frozen with
 * SIGSTOP: connections stay open but nothing answers). Every request is answered within 3 s;
 * during the outage with the localized "temporarily unavailable" message; the process stays up
 * and recovers by itself.
 */
const OUTAGE_MS = 10_000;
const CLIENTS = 8;
const LIMIT_MS = 3_000;
const UNAVAILABLE = {
  en: describeError('en', { code: 'STORE_UNAVAILABLE' }),
  ja: describeError('ja', { code: 'STORE_UNAVAILABLE' }),
};

interface Sample {
  start: number;
  end: number;
  kind: 'command' | 'web';
  locale: 'en' | 'ja';
  status: number;
  text: string;
}

const ready = hasRedisServer();
if (!ready && process.env.CI === 'true') throw new Error('CI needs redis-server for the outage test');
let slack: FakeSlack | null = null;
let server: ServerProcess | null = null;
let redis: Awaited<ReturnType<typeof ownRedis>> | null = null;
async function stopAll() {
  server?.proc.kill('SIGKILL');
  server = null;
  await redis?.thaw();
  await redis?.stop();
  if (redis) rmSync(redis.dir, { recursive: true, force: true });
  redis = null;
  await slack?.close();
  slack = null;
}
afterAll(stopAll);

for (const mode of ['stopped', 'frozen'] as const)
  it.skipIf(!ready)(
    `Redis ${mode} for 10 s under load: answers within 3 s, localized, no crash, recovers alone`,
    () => outage(mode),
  );

async function outage(mode: 'stopped' | 'frozen') {
  await stopAll();
  redis = await ownRedis();
  await redis.start();
  slack = await startFakeSlack();
  const port = randomPort();
  const base = `http://127.0.0.1:${port}`;
  server = startServer({
    PORT: String(port),
    STORE_URL: redis.url,
    SECRET_KEY: TEST_SECRET_KEY,
    PUBLIC_URL: 'https://invite.example.com',
    SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    WEB_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'fatal',
  });
  expect((await waitForHttp(`${base}/readyz`)).status).toBe(200);

  const people = Array.from({ length: 10 }, (_, i) => ({
    id: `U_OUT${i}`,
    name: `Person ${i}`,
    locale: i % 2 === 0 ? ('en' as const) : ('ja' as const),
  }));
  for (const p of people)
    slack.addUser({
      id: p.id,
      name: p.name,
      teamId: SLACK_TEAM,
      locale: p.locale === 'ja' ? 'ja-JP' : 'en-US',
    });
  const command = async (p: (typeof people)[number], text: string): Promise<Sample> => {
    const signed = signedCommand(p, text);
    const start = Date.now();
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    const raw = res ? await res.text() : '';
    let reply = raw;
    try {
      reply = String(JSON.parse(raw).text ?? raw);
    } catch {
      // not JSON: keep the raw body
    }
    return {
      start,
      end: Date.now(),
      kind: 'command',
      locale: p.locale,
      status: res?.status ?? 0,
      text: reply,
    };
  };
  const page = async (handle: string, locale: 'en' | 'ja'): Promise<Sample> => {
    const start = Date.now();
    const res = await fetch(`${base}/${handle}`, {
      headers: { 'accept-language': locale },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    const text = res ? await res.text() : '';
    return { start, end: Date.now(), kind: 'web', locale, status: res?.status ?? 0, text };
  };

  // Everyone has a handle and a locale (Slack tells us the locale through users.info).
  for (const [i, p] of people.entries()) expect((await command(p, `id set out-${i}`)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 500)); // profile refreshes after the acks

  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const client = async () => {
    while (running) {
      const i = n++;
      const p = people[i % people.length] ?? people[0];
      if (!p) return;
      const other = `out-${(i * 7 + 3) % people.length}`;
      const op = i % 4;
      samples.push(op === 3 ? await page(other, p.locale) : await command(p, op === 2 ? 'requests' : other));
    }
  };
  const load = Array.from({ length: CLIENTS }, client);

  await new Promise((r) => setTimeout(r, 2_000));
  const stopAt = Date.now();
  await (mode === 'stopped' ? redis.stop() : redis.freeze());
  // Requests already waiting on a frozen Redis give up after the 1 s command timeout.
  const stoppedAt = Date.now() + (mode === 'frozen' ? 1_000 : 0);
  await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stopAt)));
  const restartAt = Date.now();
  await (mode === 'stopped' ? redis.start() : redis.thaw());
  const restartedAt = Date.now();

  // Recovers by itself: a write goes through again.
  let recoveredAt = 0;
  while (!recoveredAt && Date.now() - restartedAt < 15_000) {
    const probe = await command(people[0] ?? { id: 'U_OUT0', name: 'x', locale: 'en' }, 'requests');
    if (probe.status === 200 && !probe.text.includes(UNAVAILABLE.en)) recoveredAt = probe.end;
    else await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  running = false;
  await Promise.all(load);

  expect(server.proc.exitCode).toBe(null);
  expect(recoveredAt).toBeGreaterThan(0);
  const worst = Math.max(...samples.map((s) => s.end - s.start));
  const during = samples.filter((s) => s.start >= stoppedAt && s.end <= restartAt);
  const after = samples.filter((s) => s.start >= recoveredAt);
  const localizedOk = (s: Sample) =>
    s.kind === 'command'
      ? s.status === 200 && s.text === UNAVAILABLE[s.locale]
      : s.status === 503 && s.text.includes(UNAVAILABLE[s.locale].replace(/'/g, '&#39;').split('.')[0] ?? '');
  const wrong = during.filter((s) => !localizedOk(s));
  printFigure(
    `redis outage (${mode}): ${OUTAGE_MS / 1000} s under ${CLIENTS} clients, ${samples.length} requests ` +
      `(${during.length} during the outage), worst latency ${worst} ms, ` +
      `${wrong.length} answers during the outage not the localized message, ` +
      `recovered ${recoveredAt - restartedAt} ms after Redis was back, 0 crashes`,
  );
  if (wrong.length > 0) console.error('[faults] unexpected answers during the outage:', wrong.slice(0, 5));
  expect(during.length).toBeGreaterThan(mode === 'stopped' ? 50 : 20);
  expect(worst).toBeLessThanOrEqual(LIMIT_MS);
  expect(samples.every((s) => s.status !== 0 && s.status !== 500)).toBe(true);
  expect(wrong).toEqual([]);
  expect(after.length).toBeGreaterThan(10);
  expect(after.filter((s) => s.text.includes(UNAVAILABLE.en) || s.text.includes(UNAVAILABLE.ja))).toEqual([]);
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
}
