import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../helpers/free-port.js';

/**
 * A redis-server of the test's own (own port and directory, append-only file with fsync always, so
 * what it acknowledged survives a stop), which the test can stop and start again.
 */
export const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

export async function ownRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cwi-redis-'));
  let proc: ChildProcess | null = null;
  const ping = async () =>
    spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim();

  const start = async () => {
    proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if ((await ping()) === 'PONG') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on ${port} did not start`);
  };
  const stop = async () => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    const exited = once(p, 'exit');
    p.kill('SIGTERM');
    await exited;
    proc = null;
  };
  /** SIGSTOP: the server keeps its connections but answers nothing (a hung host), until `thaw`. */
  const freeze = async () => {
    proc?.kill('SIGSTOP');
  };
  const thaw = async () => {
    proc?.kill('SIGCONT');
  };
  return { port, url: `redis://127.0.0.1:${port}/0`, dir, start, stop, freeze, thaw };
}
