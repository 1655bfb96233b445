import { describe, expect, it } from 'vitest';
import { coalescedRuns } from '../../src/runtime/coalesced-runs.js';

describe('coalescedRuns: one run at a time per key, a burst costs one more run', () => {
  it('calls during a run share one more run after it; other keys run on their own', async () => {
    const runs = coalescedRuns();
    const log: string[] = [];
    let finish = () => {};
    const work = (key: string) => () => {
      log.push(key);
      return log.length === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve();
    };
    const first = runs('a', work('a'));
    const burst = [runs('a', work('a')), runs('a', work('a')), runs('a', work('a'))];
    expect(burst.every((p) => p === first)).toBe(true);
    await runs('b', work('b'));
    finish();
    await first;
    expect(log).toEqual(['a', 'b', 'a']);
    await runs('a', work('a'));
    expect(log).toEqual(['a', 'b', 'a', 'a']);
  });

  it('a failing run rejects its callers and frees the key', async () => {
    const runs = coalescedRuns();
    await expect(runs('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    let ran = false;
    await runs('a', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
