import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The fault as it was found: one client sending a body a byte at a time made SIGTERM take 11.6 s and
 * exit 1. The real entry point as a child process, default timeouts: it must exit 0 well within 10 s.
 */
const ROOT = resolve(import.meta.dirname, '../..');

describe('SIGTERM with a slow client connected', () => {
  it('the server exits 0 without waiting for the client', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'cwi-slow-'));
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        STORE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
        METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let up = false;
      for (let i = 0; i < 300 && !up; i++) {
        await new Promise((r) => setTimeout(r, 100));
        up = (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok ?? false;
      }
      expect(up).toBe(true);
      const slow = connect(port, '127.0.0.1', () =>
        slow.write(
          'POST /signout HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nc',
        ),
      );
      slow.on('error', () => {});
      const drip = setInterval(() => slow.write('x'), 1000);
      await new Promise((r) => setTimeout(r, 500));
      const started = Date.now();
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      const code = await exited;
      clearInterval(drip);
      slow.destroy();
      const elapsed = Date.now() - started;
      printFigure(`SIGTERM with a 1-byte-per-second client connected: exit ${code} after ${elapsed} ms`);
      expect(code).toBe(0);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      proc.kill('SIGKILL');
    }
  }, 60_000);
});
