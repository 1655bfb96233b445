import type { Clock } from '../../src/core/ports.js';

/** A fixed, start of a day in UTC: easy to read in failures. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export interface TestClock extends Clock {
  set(at: number): void;
  advance(ms: number): number;
}

/** A clock that only moves when the test moves it. No fake timers needed. */
export function fixedClock(start: number = T0): TestClock {
  let at = start;
  return {
    now: () => at,
    set(next) {
      at = next;
    },
    advance(ms) {
      at += ms;
      return at;
    },
  };
}
