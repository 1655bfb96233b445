import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * What `npm start` does on a fresh machine: the real entry point as a child process, on the embedded
 * store, with no settings — it must answer /healthz, and a bad setting must stop it with a fix-it message.
 */
const ROOT = resolve(import.meta.dirname, '../..');
let child: ChildProcess | null = null;

function start(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return { proc, output: () => output };
}

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

describe('the server process', () => {
  it('starts with no setup, answers /healthz and a profile, and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwi-start-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { proc, output } = start({
      PORT: String(port),
      STORE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      LOG_LEVEL: 'info',
    });
    let health: Response | null = null;
    // Generous: a loaded CI machine can take a while to start tsx.
    for (let i = 0; i < 300 && !health; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    }
    expect(health?.status).toBe(200);
    expect(await health?.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const unknown = await fetch(`http://127.0.0.1:${port}/nobody-here`);
    expect(unknown.status).toBe(404);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim().length).toBeGreaterThanOrEqual(43);
    expect(output()).toMatch(/Slack is off/);

    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/shutting down/);
  }, 60_000);

  it('refuses an invalid setting with a message and exit code 1', async () => {
    const { proc, output } = start({ PORT: 'eighty' });
    const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(output()).toMatch(/PORT must be a number/);
    expect(output()).not.toMatch(/at .*\.ts:\d+/);
  });
});
