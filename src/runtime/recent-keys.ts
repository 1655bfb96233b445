import { BoundedMap } from '../core/index.js';

/**
 * Keys seen in the last `maxAgeMs`, at most `max` of them (the oldest go first): true the first time.
 * In memory, for what only one process can see twice.
 */
export class RecentKeys {
  readonly #seen: BoundedMap<string, number>;
  constructor(
    private readonly maxAgeMs: number,
    max: number,
  ) {
    this.#seen = new BoundedMap(max);
  }

  firstTime(key: string, now: number): boolean {
    const at = this.#seen.get(key);
    if (at !== undefined && now - at < this.maxAgeMs) return false;
    this.#seen.set(key, now);
    return true;
  }
}
