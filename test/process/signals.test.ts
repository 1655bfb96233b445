import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import {
  exitWithin,
  isAlive,
  killLeftovers,
  portIsFree,
  ROOT,
  serverPid,
  startProcess,
  waitForHealth,
} from './support.js';

/**
 * The two ways to run the server, as an operator does: `npm start` (tsx, no build) and
 * `npm run build && npm run start:prod` (one `node dist/main.js`). A stop signal to the npm process must
 * reach the server, which drains and exits 0 within its 10 s shutdown bound, leaving no process behind and
 * the port free (`docker stop` sends SIGTERM; Ctrl-C sends SIGINT).
 */
let pids: number[] = [];
afterEach(() => {
  killLeftovers(pids);
  pids = [];
});

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(build.status, `npm run build failed:\n${build.stdout}${build.stderr}`).toBe(0);
  expect(existsSync(resolve(ROOT, 'dist/main.js'))).toBe(true);
}, 300_000);

describe('stopping the server started through npm', () => {
  it.each([
    { name: 'npm start', args: ['start'], signal: 'SIGTERM' },
    { name: 'npm start', args: ['start'], signal: 'SIGINT' },
    { name: 'npm run start:prod', args: ['run', 'start:prod'], signal: 'SIGTERM' },
  ] as const)(
    '$name, then $signal: exit 0 within 10 s, no server left, port free',
    async ({ args, signal }) => {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), 'cwi-signal-'));
      const server = startProcess('npm', [...args], {
        PORT: String(port),
        STORE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
        LOG_LEVEL: 'info',
      });
      expect((await waitForHealth(port, server)).status).toBe(200);
      const pid = serverPid(server.output());
      expect(pid).not.toBeNull();
      pids.push(pid ?? 0);

      server.proc.kill(signal);
      expect(await exitWithin(server, 10_000)).toBe(0);
      expect(server.output()).toMatch(/stopped: requests drained/);
      // npm waits for the server, but check the server itself too: the failure this guards against is npm
      // ending while its child keeps serving.
      for (let i = 0; i < 50 && isAlive(pid ?? 0); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(pid ?? 0)).toBe(false);
      expect(await portIsFree(port)).toBe(true);
    },
    90_000,
  );

  it('npm run start:prod is one node process running dist/main.js (no tsx)', async () => {
    const port = await freePort();
    const server = startProcess('npm', ['run', 'start:prod'], {
      PORT: String(port),
      STORE_URL: 'sqlite::memory:',
    });
    await waitForHealth(port, server);
    const pid = serverPid(server.output()) ?? 0;
    pids.push(pid);
    const cmdline = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
    expect(cmdline).toBe('node dist/main.js');
    server.proc.kill('SIGTERM');
    expect(await exitWithin(server, 10_000)).toBe(0);
  }, 90_000);
});
