import { z } from 'zod';
import { type Identity, identityKey, scopeKey } from '../../core/index.js';
import { identityParts } from './codec.js';
import type { Ctx } from './context.js';
import { SCRIPTS } from './scripts.js';

/**
 * The stored data's layout version (`{ns}sv`). Redis has no schema migrations; what an older release
 * wrote differently is upgraded here, once, before the store answers identity calls (README: "Upgrades").
 *   1: Enterprise Grid identities keyed by enterprise and user (commit 909cd6a), as SQLite migration 8.
 */
export const STORE_VERSION = 1;

/** Attribute buckets (100 uids each) read per GRID_FIND call: a few ms of Redis each. */
const BUCKETS_PER_CALL = 50;

const findReply = z.array(z.union([z.number().int(), z.string()]));
const rekeyReply = z.union([z.tuple([z.literal('moved'), z.string()]), z.tuple([z.enum(['kept', 'none'])])]);
const OLD_GRID_KEY = /^slack:([^:]+):([^:]+):(.+)$/;

export interface UpgradeReport {
  /** The version found before this run. */
  from: number;
  /** Old Grid identity keys seen, identities moved to their enterprise key, people whose key was already taken. */
  found: number;
  moved: number;
  kept: number;
}

/** The Grid identity an old key `slack:<E>:<T>:<U>` named (null when the key is not one). */
function oldGridIdentity(oldKey: string): Identity | null {
  const m = OLD_GRID_KEY.exec(oldKey);
  if (!m || m[1] === '-' || m[2] === '*') return null;
  return { platform: 'slack', enterpriseId: m[1]!, teamId: m[2]!, userId: m[3]! };
}

/**
 * Upgrades the stored data to STORE_VERSION. Safe to run from several processes at once and again
 * after a crash: every write is one script that re-reads what it changes, and the version is only
 * raised when everything was done.
 */
export async function upgradeStore(ctx: Ctx): Promise<UpgradeReport> {
  const versionKey = ctx.keys.network('storeVersion');
  const from = Number((await ctx.conn.call('storeVersion', (c) => c.get(versionKey))) ?? '0');
  const report: UpgradeReport = { from, found: 0, moved: 0, kept: 0 };
  if (from >= STORE_VERSION) return report;

  // Old Grid keys by the new key they become: one person, however many workspaces they came from.
  const people = new Map<string, string[]>();
  for (let bucket = 0, last = 0; bucket <= last; bucket += BUCKETS_PER_CALL) {
    const reply = findReply.parse(await ctx.net(SCRIPTS.gridFind, [bucket, bucket + BUCKETS_PER_CALL]));
    last = Number(reply[0]);
    for (const oldKey of reply.slice(1).map(String)) {
      const identity = oldGridIdentity(oldKey);
      if (!identity) continue;
      report.found += 1;
      const newKey = identityKey(identity);
      people.set(newKey, [...(people.get(newKey) ?? []), oldKey]);
    }
  }
  for (const oldKeys of people.values()) {
    const identity = oldGridIdentity(oldKeys[0]!)!;
    const parts = identityParts(identity);
    const reply = rekeyReply.parse(
      await ctx.net(SCRIPTS.gridRekey, [parts.key, parts.prefix, parts.user, scopeKey(identity), ...oldKeys]),
    );
    if (reply[0] === 'moved') report.moved += 1;
    if (reply[0] === 'kept') report.kept += 1;
  }
  await ctx.net(SCRIPTS.raiseVersion, [STORE_VERSION]);
  return report;
}

/**
 * The upgrade as a gate: `ready()` resolves once it has run (at once afterwards). A run that failed
 * (Redis unreachable at start) is tried again by the next call, which fails like any other call until then.
 */
export function upgradeGate(ctx: Ctx, onUpgraded?: (report: UpgradeReport) => void) {
  let done = false;
  let running: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    if (done) return Promise.resolve();
    running ??= upgradeStore(ctx).then(
      (report) => {
        done = true;
        if (report.from < STORE_VERSION) onUpgraded?.(report);
      },
      (e: unknown) => {
        running = null;
        throw e;
      },
    );
    return running;
  };
  return { ready };
}
