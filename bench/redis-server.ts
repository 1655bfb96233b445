import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../test/helpers/free-port.js';

/** A throwaway redis-server for the bench on a free loopback port (no persistence), or null when not installed. */
export async function startBenchRedis(): Promise<{
  url: string;
  flush(): Promise<void>;
  stop(): Promise<void>;
} | null> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((res) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => {
        s.end();
        res(true);
      });
      s.on('error', () => res(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    flush: async () => {
      execFileSync('redis-cli', ['-p', String(port), 'FLUSHALL'], { stdio: 'ignore' });
    },
    stop: () =>
      new Promise((res) => {
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
