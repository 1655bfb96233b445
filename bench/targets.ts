import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { type Load, SECRET, type Started } from './scenarios.js';

/** Starting and stopping a bench target (its own process) and loading it with autocannon. */

const ROOT = resolve(import.meta.dirname, '..');

export interface Target extends Started {
  child: ChildProcess;
}

/**
 * `profileOut`: preload `profile-hook.ts` (SIGUSR2 starts the CPU profiler, SIGTERM writes it there).
 * `root`: another checkout of this repository (with its `npm install` done) whose `bench/targets/`
 * script is run instead of this one's, in its own directory (`BENCH_BEFORE`).
 */
export async function startTarget(
  script: string,
  env: Record<string, string> = {},
  profileOut?: string,
  root = ROOT,
): Promise<Target> {
  const hook = profileOut ? ['--import', resolve(import.meta.dirname, 'profile-hook.ts')] : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...hook, resolve(root, 'bench', 'targets', script)],
    {
      cwd: root,
      env: {
        ...process.env,
        BENCH_SIGNING_SECRET: SECRET,
        ...env,
        ...(profileOut ? { BENCH_PROFILE_OUT: profileOut } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 600 s`)), 600_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\d+) (.*)\n/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          port: Number(m[1]),
          extra: JSON.parse(m[2] ?? '{}') as Record<string, unknown>,
          child,
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
}

export function stopTarget(t: Target, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((res) => {
    if (t.child.exitCode !== null) return res();
    t.child.once('exit', () => res());
    t.child.kill(signal);
  });
}

export async function load(port: number, what: Load, seconds: number, connections: number) {
  const base = { url: `http://127.0.0.1:${port}`, connections, duration: seconds };
  if ('fixed' in what) {
    const { path, ...rest } = what.fixed;
    return autocannon({ ...base, ...rest, url: `${base.url}${path}` });
  }
  const list = what.cycle;
  let i = cursors.get(what) ?? 0;
  try {
    return await autocannon({
      ...base,
      requests: [
        {
          setupRequest: (req) => {
            const { tell: _, ...http } = list[i++ % list.length] ?? list[0]!;
            return { ...req, ...http };
          },
        },
      ],
    });
  } finally {
    cursors.set(what, i);
    // Past the list an Accept repeats an answered click (cheap, no store work): the figure would be inflated.
    if (what.distinct && i > list.length)
      process.stderr.write(
        `bench: WARNING ${i - list.length} requests repeated a list of ${list.length}; seed more\n`,
      );
  }
}

/**
 * Where each scenario's cycled list goes on: a later load (the next round) sends the requests not sent
 * yet. Kept per load, so scenarios that share one list of requests each start at its beginning.
 */
const cursors = new WeakMap<Load, number>();
