import type { Connection } from './connection.js';
import type { RedisKeys } from './keys.js';
import type { Script } from './scripts.js';

/** What each part of the store needs: the connection, the key builder, and script execution. */
export interface Ctx {
  conn: Connection;
  keys: RedisKeys;
  /** Runs a network script, routed by the network tag (one cluster slot). */
  net(script: Script, args: ReadonlyArray<string | number>): Promise<unknown>;
}

export function createCtx(conn: Connection, keys: RedisKeys): Ctx {
  return { conn, keys, net: (script, args) => conn.run(script, [keys.tag], args) };
}
