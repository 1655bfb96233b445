import type { Random } from '../../src/core/ports.js';

/** mulberry32: a tiny seeded PRNG, floats in [0, 1). Same seed, same sequence. */
export function seededFloat(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic ids `prefix_000001`, `prefix_000002`, … (one counter for all prefixes). */
export function sequentialIds(start = 1): (prefix: string) => string {
  let n = start;
  return (prefix) => `${prefix}_${String(n++).padStart(6, '0')}`;
}

/** A `NewId` for store commands: `evt_000001`, … */
export function idGen(prefix = 'evt'): () => string {
  const next = sequentialIds();
  return () => next(prefix);
}

/** The injected `Random` of CoreDeps, fully deterministic. */
export function seededRandom(seed = 42): Random {
  const float = seededFloat(seed);
  const id = sequentialIds();
  return {
    id,
    float,
    token(bytes) {
      const buf = Buffer.alloc(bytes);
      for (let i = 0; i < bytes; i++) buf[i] = Math.floor(float() * 256);
      return buf.toString('base64url');
    },
  };
}
