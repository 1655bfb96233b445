import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../src/runtime/recent-keys.js';

const MIN = 60_000;

describe('RecentKeys: a key is refused again for at least maxAgeMs, and memory stays bounded', () => {
  it('refuses a key seen up to maxAgeMs ago, whenever in its generation it came', () => {
    const keys = new RecentKeys(10 * MIN, 1_000);
    expect(keys.firstTime('early', 0)).toBe(true);
    expect(keys.firstTime('late', 10 * MIN - 1)).toBe(true);
    // 'early' at its 10 minutes, 'late' just before its own 10 minutes (a generation later).
    expect(keys.firstTime('early', 10 * MIN)).toBe(false);
    expect(keys.firstTime('late', 20 * MIN - 2)).toBe(false);
    expect(keys.firstTime('other', 10 * MIN)).toBe(true);
  });

  it('forgets a key after at most twice maxAgeMs', () => {
    const keys = new RecentKeys(10 * MIN, 1_000);
    expect(keys.firstTime('k', 0)).toBe(true);
    expect(keys.firstTime('x', 10 * MIN)).toBe(true);
    expect(keys.firstTime('k', 20 * MIN)).toBe(true);
  });

  it('past max keys the older half goes first, the newer half is still refused', () => {
    const keys = new RecentKeys(10 * MIN, 4);
    for (const k of ['a', 'b', 'c', 'd', 'e']) expect(keys.firstTime(k, 1)).toBe(true);
    expect(keys.firstTime('c', 2)).toBe(false);
    expect(keys.firstTime('e', 2)).toBe(false);
    expect(keys.firstTime('a', 2)).toBe(true);
  });
});
