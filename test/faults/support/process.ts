import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServerProcess {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The real entry point (`node --import tsx src/main.ts`) as a child process, with only `env` set. */
export function startServer(env: Record<string, string>, opts: { uid?: number; gid?: number } = {}) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  });
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, output: () => output, exited } satisfies ServerProcess;
}

/** Polls `url` until it answers (any status) or `timeoutMs` passes. */
export async function waitForHttp(url: string, timeoutMs = 20_000): Promise<Response> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url).catch(() => null);
    if (res) return res;
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A free-ish TCP port for a child server. */
export const randomPort = () => 20_000 + Math.floor(Math.random() * 20_000);

/** When running as root, file modes don't bind us: run the child as `nobody` so read-only means read-only. */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Null when a child can run the server with file modes enforced; otherwise why not (as root, the
 * `nobody` user must be able to read the checkout).
 */
export function unprivilegedSkipReason(): string | null {
  if (process.getuid?.() !== 0) return null;
  const probe = spawnSync(
    process.execPath,
    ['-e', `require('fs').accessSync(${JSON.stringify(`${ROOT}/src/main.ts`)})`],
    {
      ...UNPRIVILEGED,
    },
  );
  return probe.status === 0
    ? null
    : `running as root and user nobody cannot read ${ROOT}, so a read-only directory cannot be simulated`;
}
