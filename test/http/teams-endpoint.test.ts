import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTeamsBot } from '../../src/bots/teams/index.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { buildServer } from '../../src/http/server.js';
import { openTestCore, TEST_PUBLIC_URL, type TestCore } from '../helpers/core.js';
import { printFigure } from '../helpers/figures.js';
import { logSink, SECRET } from './support.js';

/**
 * `POST /api/messages` attacked from outside, on the real server with the real botbuilder transport.
 * With credentials configured nothing here reaches Microsoft: a request without a token is refused
 * before its body is read, and a token that is not even a JWT fails botbuilder's first check.
 */
const CREDENTIALS = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'MultiTenant',
};
const REFUSED = { error: 'unauthorized', message: 'Bot Framework token missing or not valid' };

let open: { app: FastifyInstance; core: TestCore } | null = null;
afterEach(async () => {
  await open?.app.close();
  await open?.core.close();
  open = null;
});

async function teamsEndpoint(env: Record<string, string>, rateLimitPerMinute?: number) {
  const core = openTestCore();
  const loaded = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL, ...env });
  if (!loaded.ok || !loaded.config.teams) throw new Error('Teams config did not load');
  const logs = logSink();
  const logger = loggerOptions('info', logs.stream);
  const app = await buildServer({
    config: loaded.config,
    core: core.deps,
    secretKey: SECRET,
    logger,
    plugins: [
      {
        name: 'teams',
        plugin: createTeamsBot({
          config: loaded.config.teams,
          core: core.deps,
          logger: { info: () => {}, warn: () => {}, error: () => {} },
          ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}),
        }).plugin,
      },
    ],
  });
  open = { app, core };
  return { app, logs };
}

const activity = {
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:ann', aadObjectId: 'aad-ann', name: 'Ann' },
  recipient: { id: '28:bot', name: 'bot' },
  conversation: { id: 'a:personal-ann', conversationType: 'personal', tenantId: 'tenant-1' },
  text: 'help',
};

/**
 * The attackers run in a child process, as they would on another machine: the server's event loop then
 * carries only the server's own work. Each POSTs `bytes` of `[[[[…]]]]` (valid, costly-to-parse
 * JSON) over a plain socket; the child prints the statuses as JSON.
 */
const ATTACKER = `
const net = require('node:net');
const [port, count, bytes] = process.argv.slice(1).map(Number);
const body = Buffer.from('['.repeat(bytes / 2) + ']'.repeat(bytes / 2));
const one = () => new Promise((resolve) => {
  let answer = '';
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write('POST /api/messages HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: ' + body.length + '\\r\\nConnection: close\\r\\n\\r\\n');
    socket.write(body);
  });
  socket.on('data', (d) => { answer += d; });
  socket.on('error', () => {});
  socket.on('close', () => resolve(Number((/^HTTP\\/1\\.1 (\\d{3})/.exec(answer) || [])[1] || 0)));
});
Promise.all(Array.from({ length: count }, one)).then((s) => process.stdout.write(JSON.stringify(s)));
`;

function attack(port: number, count: number, bytes: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ATTACKER, String(port), String(count), String(bytes)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', reject);
    child.once('exit', () => resolve(z.array(z.number()).parse(JSON.parse(out || '[]'))));
  });
}

describe('POST /api/messages from outside', () => {
  it('without an Authorization header: 401 before the body is read (a body that is not even JSON)', async () => {
    const { app } = await teamsEndpoint(CREDENTIALS);
    const res = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { 'content-type': 'application/json' },
      payload: '{{{ not json',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(REFUSED);
  });

  it('a token botbuilder cannot verify: 401 with our plain words, none of botbuilder’s', async () => {
    const { app, logs } = await teamsEndpoint(CREDENTIALS);
    const res = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: 'Bearer not.a.jwt' },
      payload: activity,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(REFUSED);
    expect(logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('an invalid activity ({}, a list, no conversation) gets 400 and no error is logged', async () => {
    const { app, logs } = await teamsEndpoint({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    const bodies: unknown[] = [{}, [1, 2], { type: 'message' }, { ...activity, conversation: null }];
    const statuses: number[] = [];
    for (const payload of bodies) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/messages',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      statuses.push(res.statusCode);
      expect(res.body).not.toMatch(/botbuilder|CloudAdapter|validateAndFixActivity|at .*\.js:\d+/);
    }
    printFigure(`invalid activities answered ${statuses.join(', ')}`);
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('a body over 256 KB is refused with 413', async () => {
    const { app } = await teamsEndpoint(CREDENTIALS);
    const res = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: 'Bearer not.a.jwt', 'content-type': 'application/json' },
      payload: JSON.stringify({ ...activity, text: 'x'.repeat(300 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
  });

  it('is rate limited per client IP', async () => {
    const { app } = await teamsEndpoint(CREDENTIALS, 3);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await app.inject({ method: 'POST', url: '/api/messages', payload: activity })).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  // Wall-clock figures on a shared 2-core machine move with whatever else runs, so the bounds are the
  // median /healthz time and the CPU time this process (the server) spent while under attack: both far
  // from the 2.6 s stall of parsing these bodies. The worst probe is printed.
  it('twelve unauthenticated 1 MB nested-JSON bodies at once leave /healthz answering under 100 ms', async () => {
    const { app } = await teamsEndpoint(CREDENTIALS);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    await (await fetch(`${base}/healthz`)).text();
    let attacking = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (attacking) {
        const started = performance.now();
        const res = await fetch(`${base}/healthz`);
        await res.text();
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const cpuBefore = process.cpuUsage();
    const statuses = await attack(port, 12, 1024 * 1024);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    attacking = false;
    await probe;
    const worst = Math.max(...latencies);
    const median = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)] ?? Infinity;
    printFigure(
      `12 × 1 MB nested JSON without a token: answers ${[...new Set(statuses)].join('/')}; /healthz ${latencies.length} probes, median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; server CPU ${cpuMs.toFixed(0)} ms (${latencies.map((l) => l.toFixed(0)).join(' ')})`,
    );
    expect(statuses).toEqual(Array(12).fill(401));
    expect(latencies.length).toBeGreaterThan(0);
    expect(median).toBeLessThan(100);
    expect(cpuMs).toBeLessThan(300);
    expect(worst).toBeLessThan(1000);
  });
});
