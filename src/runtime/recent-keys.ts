/**
 * Keys seen lately: true the first time. A key is remembered for at least `maxAgeMs` and at most twice
 * that, in two generations of `maxAgeMs` each (no timestamp per key, nothing to sweep); past `max` keys
 * the older generation goes early. In memory, for what only one process can see twice.
 */
export class RecentKeys {
  #current = new Set<string>();
  #previous = new Set<string>();
  #since = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly maxAgeMs: number,
    private readonly max: number,
  ) {}

  firstTime(key: string, now: number): boolean {
    if (now - this.#since >= this.maxAgeMs || this.#current.size >= this.max / 2) {
      this.#previous = this.#current;
      this.#current = new Set();
      this.#since = now;
    }
    if (this.#current.has(key) || this.#previous.has(key)) return false;
    this.#current.add(key);
    return true;
  }
}
