import { randomBytes, randomInt } from 'node:crypto';
import type { Clock, Random } from '../core/index.js';

/** The real clock and randomness; tests inject fixed ones instead. */
export const systemClock: Clock = { now: () => Date.now() };

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export const systemRandom: Random = {
  id: (prefix) => {
    let out = '';
    const bytes = randomBytes(16);
    for (const b of bytes) out += ID_ALPHABET[b % 36];
    return `${prefix}_${Date.now().toString(36)}${out}`;
  },
  float: () => randomInt(0, 2 ** 47) / 2 ** 47,
  token: (bytes) => randomBytes(bytes).toString('base64url'),
};
