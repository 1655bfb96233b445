import { BoundedMap } from '../core/index.js';

/**
 * When each key was last seen, at most `max` keys (the oldest go first), in memory: `lately` says
 * whether it was seen in the last `maxAgeMs`. E.g. who looked at their Slack App Home lately.
 */
export class SeenLately {
  readonly #seen: BoundedMap<string, number>;
  constructor(
    private readonly maxAgeMs: number,
    max: number,
  ) {
    this.#seen = new BoundedMap(max);
  }

  see(key: string, now: number): void {
    this.#seen.set(key, now);
  }

  lately(key: string, now: number): boolean {
    const at = this.#seen.get(key);
    return at !== undefined && now - at <= this.maxAgeMs;
  }
}
