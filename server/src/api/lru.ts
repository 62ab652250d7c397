/**
 * A least-recently-used cache bounded by the total size of its values (bytes for decoded planes,
 * characters for cached JSON). A Map keeps insertion order, so re-inserting on every hit makes
 * the first key the least recently used one.
 *
 * @module
 */

export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  /**
   * @param maxSize upper bound of the summed sizes; a single value larger than this is not kept.
   * @param sizeOf size of a value in the same unit as maxSize.
   */
  constructor(
    readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(value);
    if (size > this.maxSize) return;
    this.map.set(key, { value, size });
    this.total += size;
    for (const [k, e] of this.map) {
      if (this.total <= this.maxSize) break;
      this.map.delete(k);
      this.total -= e.size;
    }
  }

  delete(key: K): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.total -= entry.size;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  /** Summed size of the values held. */
  get size(): number {
    return this.total;
  }

  get count(): number {
    return this.map.size;
  }
}
