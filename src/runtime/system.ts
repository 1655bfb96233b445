import { randomBytes, randomFillSync, randomInt } from 'node:crypto';
import type { Clock, Random } from '../core/index.js';

/** The real clock and randomness; tests inject fixed ones instead. */
export const systemClock: Clock = { now: () => Date.now() };

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes for ids, drawn from the OS 4 KiB at a time: every transition takes an id per event,
 * and one `randomBytes` call per id costs more than the id. Secrets (`token`) never come from here.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
function idBytes(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

export const systemRandom: Random = {
  id: (prefix) => {
    let out = '';
    for (const b of idBytes(16)) out += ID_ALPHABET[b % 36];
    return `${prefix}_${Date.now().toString(36)}${out}`;
  },
  float: () => randomInt(0, 2 ** 47) / 2 ** 47,
  token: (bytes) => randomBytes(bytes).toString('base64url'),
};
