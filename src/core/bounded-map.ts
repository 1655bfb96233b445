/**
 * A Map that holds at most `max` entries: setting a key makes it the newest, and past `max` the
 * oldest goes. The in-memory caches (accounts, Slack profiles, recent clicks) are all this.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
