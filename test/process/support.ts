import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The repository root: the server processes run from here, as `npm start` does. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  proc: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** The exit code (null when killed by a signal), once it has exited. */
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/**
 * Starts a command (in ROOT unless told) with only PATH, HOME and `env` in its environment (no settings leak in from
 * the test run), collecting its output.
 */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
): ServerProcess {
  const proc = spawn(command, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      npm_config_update_notifier: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let output = '';
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const exited = new Promise<number | null>((r) =>
    proc.once('exit', (code) => {
      running.delete(proc);
      r(code);
    }),
  );
  return { proc, output: () => output, exited };
}

/** For afterEach: SIGKILL whatever a failed test left running, and the server pids it named. */
export function killLeftovers(pids: number[] = []): void {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Polls `GET /healthz` until it answers (a loaded machine can take a while to start tsx). */
export async function waitForHealth(port: number, server: ServerProcess, ms = 45_000): Promise<Response> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res) return res;
    if (server.proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /healthz answer on ${port}; output:\n${server.output()}`);
}

/** Resolves to the exit code, or rejects if the process is still running after `ms`. */
export function exitWithin(server: ServerProcess, ms: number): Promise<number | null> {
  return Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running ${ms} ms after the signal`)), ms).unref(),
    ),
  ]);
}

/** The pid the server logged (pino's `pid` field): with npm in front, not the pid we spawned. */
export function serverPid(output: string): number | null {
  const m = /"pid":(\d+)/.exec(output);
  return m ? Number(m[1]) : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when something can listen on 127.0.0.1:port, i.e. the server let go of it. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = createServer();
    s.once('error', () => r(false));
    s.listen(port, '127.0.0.1', () => s.close(() => r(true)));
  });
}
