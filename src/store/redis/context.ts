import type { Connection } from './connection.js';
import type { RuleCheck } from './crosscheck.js';
import type { RedisKeys } from './keys.js';
import type { Script } from './scripts.js';

/** What each part of the store needs: the connection, the key builder, script execution, the rule cross-check. */
export interface Ctx {
  conn: Connection;
  keys: RedisKeys;
  check: RuleCheck;
  /** Runs a network script, routed by the network tag (one cluster slot). */
  net(script: Script, args: ReadonlyArray<string | number>): Promise<unknown>;
}

export function createCtx(conn: Connection, keys: RedisKeys, check: RuleCheck): Ctx {
  return { conn, keys, check, net: (script, args) => conn.run(script, [keys.tag], args) };
}
