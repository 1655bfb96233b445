import { Socket } from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from '../../core/index.js';
import { SCRIPTS, type Script } from './scripts.js';

export type RedisTarget = { url: string } | { clusterNodes: Array<{ host: string; port: number }> };

export interface ConnectionOptions {
  /** Per command; a command that gets no answer in time fails with STORE_UNAVAILABLE. Default 1000. */
  commandTimeoutMs?: number;
  /** How long opening waits for the first connection before returning anyway. Default 2000. */
  connectWaitMs?: number;
  /** Driver errors (connection refused, reconnects); they are also thrown per call. */
  onError?: (error: Error) => void;
  /** Gets one line when Redis goes away (where, and why) and one when it is back; nothing in between. */
  log?: ConnectionLog;
}

export interface ConnectionLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** `host:port` of a target, for the log lines. */
function whereOf(target: RedisTarget): string {
  if ('clusterNodes' in target) return target.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',');
  try {
    const url = new URL(target.url);
    return `${url.hostname}:${url.port || '6379'}`;
  } catch {
    return 'redis';
  }
}

/** The short reason of a driver error: the system code (ECONNREFUSED, ETIMEDOUT, …) or its first line. */
function causeOf(e: Error): string {
  const code = Reflect.get(e, 'code');
  if (typeof code === 'string' && code) return code;
  return (e.message.split('\n')[0] ?? '').slice(0, 200);
}

/**
 * Turns ioredis' stream of events into what an operator wants: while Redis is away, ioredis reports
 * every reconnect attempt (and each command fails with "Stream isn't writeable…"); this logs the
 * first failure once, with where and why, and the recovery once, with how long it lasted.
 */
function watchOutages(client: Redis | Cluster, target: RedisTarget, log: ConnectionLog): void {
  const where = whereOf(target);
  const store = 'clusterNodes' in target ? 'redis-cluster' : 'redis';
  let downSince: number | null = null;
  const wentAway = (cause: string) => {
    if (downSince !== null) return;
    downSince = Date.now();
    log.warn(
      { store, where, cause },
      `${store} unreachable at ${where} (${cause}): answering "temporarily unavailable" and reconnecting every second`,
    );
  };
  client.on('error', (e: Error) => wentAway(causeOf(e)));
  client.on('node error', (e: Error) => wentAway(causeOf(e)));
  client.on('ready', () => {
    if (downSince === null) return;
    const downMs = Date.now() - downSince;
    downSince = null;
    log.info({ store, where, downMs }, `${store} is back at ${where} after ${(downMs / 1000).toFixed(1)} s`);
  });
}

/** Replies that mean "Redis cannot serve this now", as opposed to a bug in a command or script. */
const UNAVAILABLE_REPLY =
  /^(LOADING|BUSY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|NOREPLICAS|MOVED|ASK|OOM|MISCONF|NOAUTH|WRONGPASS)\b/;

const isReplyError = (e: unknown): e is Error => e instanceof Error && e.name === 'ReplyError';

/** Connection loss, timeouts, a disabled offline queue, cluster not ready: all unavailability. */
export function isUnavailable(e: unknown): boolean {
  if (isReplyError(e)) return UNAVAILABLE_REPLY.test(e.message);
  return e instanceof Error;
}

function reconnectDelay(times: number): number {
  return Math.min(50 * times, 1000);
}

function createClient(target: RedisTarget, timeout: number): Redis | Cluster {
  if ('url' in target) {
    return new Redis(target.url, {
      commandTimeout: timeout,
      connectTimeout: timeout,
      // Fail fast: no queue of commands waiting for a connection that may never come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: reconnectDelay,
    });
  }
  return new Cluster(target.clusterNodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    clusterNodeRetryStrategy: reconnectDelay,
    slotsRefreshTimeout: timeout,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    maxRedirections: 5,
    redisOptions: { commandTimeout: timeout, connectTimeout: timeout, maxRetriesPerRequest: 1 },
  });
}

/** One ioredis client (standalone or cluster) with fail-fast options and script execution. */
export class Connection {
  readonly kind: 'redis' | 'redis-cluster';
  readonly client: Redis | Cluster;

  constructor(target: RedisTarget, opts: ConnectionOptions = {}) {
    this.kind = 'url' in target ? 'redis' : 'redis-cluster';
    this.client = createClient(target, opts.commandTimeoutMs ?? 1000);
    this.client.on('error', (e: Error) => opts.onError?.(e));
    if (opts.log) watchOutages(this.client, target, opts.log);
    // Load the scripts on every (re)connection so that EVALSHA finds them; NOSCRIPT still falls back.
    this.client.on('ready', () => void this.loadScripts());
  }

  /** Resolves true once connected, false after `ms` without a connection. */
  ready(ms: number): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.client.on('ready', onReady);
    });
  }

  /**
   * Commands sent in one turn of the event loop leave in one socket write: the first call corks the
   * socket and the next check phase (`setImmediate`) uncorks it, so ioredis' per-command writes go out
   * as one `writev` (one syscall here, one read for Redis). Nothing waits for an earlier reply (unlike
   * ioredis' auto-pipelining, which queues a pipeline behind the one in flight): each command keeps
   * its own timeout from the moment it is sent. Standalone only; a cluster writes as before.
   */
  private corked: Socket | null = null;
  private corkTurn(): void {
    const stream = this.client instanceof Redis ? this.client.stream : undefined;
    if (!(stream instanceof Socket) || stream === this.corked || !stream.writable) return;
    stream.cork();
    this.corked = stream;
    setImmediate(() => {
      this.corked = null;
      stream.uncork();
    });
  }

  /** Runs one driver call; I/O failures become StoreUnavailableError with `{ cause }`. */
  async call<T>(what: string, body: (client: Redis | Cluster) => Promise<T>): Promise<T> {
    this.corkTurn();
    try {
      return await body(this.client);
    } catch (e) {
      if (!isUnavailable(e)) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new StoreUnavailableError(`${this.kind}: ${what} failed: ${reason}`, { cause: e });
    }
  }

  /** EVALSHA, or EVAL when the server does not know the script (NOSCRIPT): one round trip normally. */
  run(script: Script, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    return this.call(script.name, async (client) => {
      try {
        return await client.evalsha(script.sha, keys.length, ...keys, ...args);
      } catch (e) {
        if (!isReplyError(e) || !e.message.startsWith('NOSCRIPT')) throw e;
        return await client.eval(script.lua, keys.length, ...keys, ...args);
      }
    });
  }

  /** Loads the scripts a server does not know yet (it keeps them until restart or SCRIPT FLUSH). */
  private async loadScripts(): Promise<void> {
    const scripts = Object.values(SCRIPTS);
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    await Promise.all(
      nodes.map(async (node) => {
        try {
          const known = await node.script('EXISTS', ...scripts.map((s) => s.sha));
          const missing = scripts.filter((_, i) => !Array.isArray(known) || known[i] !== 1);
          await Promise.all(missing.map((s) => node.script('LOAD', s.lua)));
        } catch {
          // Best effort: EVALSHA falls back to EVAL on NOSCRIPT.
        }
      }),
    );
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
