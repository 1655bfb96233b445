import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { killLeftovers, startProcess, waitForHealth } from './support.js';

/**
 * What `npm start` does on a fresh machine: the real entry point as a child process, on the embedded
 * store, with no settings — it must answer /healthz, and a bad setting must stop it with a fix-it message.
 */
const start = (env: Record<string, string>) =>
  startProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);

afterEach(() => killLeftovers());

describe('the server process', () => {
  it('starts with no setup, answers /healthz and a profile, and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwi-start-'));
    const port = await freePort();
    const server = start({
      PORT: String(port),
      STORE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      LOG_LEVEL: 'info',
    });
    const health = await waitForHealth(port, server);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const unknown = await fetch(`http://127.0.0.1:${port}/nobody-here`);
    expect(unknown.status).toBe(404);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim().length).toBeGreaterThanOrEqual(43);
    expect(server.output()).toMatch(/Slack is off/);

    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
  }, 60_000);

  it('refuses an invalid setting with a message and exit code 1', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT must be a number/);
    expect(server.output()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('npm run package:teams without MicrosoftAppId says what to set, exit 1, no stack trace', async () => {
    // From an empty folder, so a developer's .env cannot fill the app id in.
    const tool = startProcess(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, '../../scripts/package-teams.ts')],
      {},
      mkdtempSync(join(tmpdir(), 'cwi-package-')),
    );
    expect(await tool.exited).toBe(1);
    expect(tool.output()).toMatch(/MicrosoftAppId is not set: set it to your Azure Bot's Microsoft App ID/);
    expect(tool.output()).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
