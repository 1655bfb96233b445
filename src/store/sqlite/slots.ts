import { z } from 'zod';
import type { Db } from './db.js';

/**
 * Where an account row lives: `accounts.slot` is its rowid, derived from its handle key, so a handle
 * lookup is one descent of the rowid B+tree (narrow integer interior pages, so it stays shallow) with
 * no index in front of it. The slot is `handleSlot(key)`, or the first free slot after it, within
 * SLOT_WINDOW. A lookup scans that window for the key and stops at the first match. Distinct keys
 * rarely share a home slot (52 bits), so the window is almost always one row.
 */
export const SLOT_WINDOW = 1024;

/**
 * The home slot of a handle key: 52 bits from two 32-bit hashes of its UTF-16 code units (FNV-1a,
 * and a multiply-xorshift hash), so slot + SLOT_WINDOW stays below 2^53 (exact as a JS number).
 * Stored data depends on it: never change it without a migration that moves every row.
 */
export function handleSlot(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 2 ** 20 + ((b >>> 0) >>> 12);
}

const slotRow = z.object({ slot: z.number().int(), id: z.string() });

/**
 * Picks the slot for `key` in `table`: the first slot in its window that is free, or that `selfId`
 * already holds (a handle change may keep the row where it is). Call it inside the write transaction
 * that then writes the row.
 */
export function slotPicker(db: Db, table = 'accounts') {
  const taken = db.prepare(`SELECT slot, id FROM ${table} WHERE slot BETWEEN ? AND ?`);
  return (key: string, selfId: string | null = null): number => {
    const home = handleSlot(key);
    const owners = new Map(
      taken.all(home, home + SLOT_WINDOW - 1).map((row) => {
        const r = slotRow.parse(row);
        return [r.slot, r.id] as const;
      }),
    );
    for (let slot = home; slot < home + SLOT_WINDOW; slot++) {
      const owner = owners.get(slot);
      if (owner === undefined || owner === selfId) return slot;
    }
    throw new Error(`sqlite: no free account slot in the window of ${key}`);
  };
}

/** Arguments for `WHERE a.slot BETWEEN ? AND ? AND +a.handle_key = ? LIMIT 1`. */
export function slotWindow(key: string): [number, number, string] {
  const home = handleSlot(key);
  return [home, home + SLOT_WINDOW - 1, key];
}
