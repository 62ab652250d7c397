/**
 * A read-through cache of answers derived from the catalogue (latest records, extents, HARP
 * lists, serialised records), dropped as a whole whenever the catalogue changes. Each request
 * calls `refresh()` once, which costs one tiny query (`Catalogue.changeToken`), so a cached
 * answer is never staler than the catalogue, whichever process wrote to it.
 *
 * It also tracks when the API last saw a change, the `Last-Modified` of metadata answers: the
 * first request after a change notices it, so the date is never earlier than the change.
 *
 * @module
 */
import type { Catalogue } from '../catalogue/catalogue.ts';
import { LruCache } from './lru.ts';

interface Entry {
  value: unknown;
  /** Size for the bound (characters of JSON, or 1 for small objects). */
  size: number;
  /** Expiry in ms since the epoch for answers that depend on the clock. */
  expiresMs?: number;
}

export class CatalogueView {
  private token: string | undefined;
  private readonly cache: LruCache<string, Entry>;
  private changedMs: number;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly now: () => number,
    /** Bound of the cached answers, in characters of JSON (about bytes). */
    maxSize = 64 * 1024 * 1024,
  ) {
    this.cache = new LruCache(maxSize, (e) => e.size);
    this.changedMs = now();
  }

  /** Check the catalogue's change token; drop every cached answer when it moved. */
  refresh(): void {
    const token = this.catalogue.changeToken();
    if (token !== this.token) {
      if (this.token !== undefined) this.changedMs = this.now();
      this.token = token;
      this.cache.clear();
    }
  }

  /** When the API last saw the catalogue change (or started), ms since the epoch. */
  get lastModifiedMs(): number {
    return this.changedMs;
  }

  /**
   * The cached value of `key`, computed by `compute` on a miss. `ttlMs` bounds the life of answers
   * that also depend on the clock; `sizeOf` gives the size of large values (JSON strings).
   */
  memo<T>(key: string, compute: () => T, opts: { ttlMs?: number; sizeOf?: (v: T) => number } = {}): T {
    const hit = this.cache.get(key);
    const nowMs = opts.ttlMs === undefined ? 0 : this.now();
    if (hit && (hit.expiresMs === undefined || hit.expiresMs > nowMs)) return hit.value as T;
    const value = compute();
    this.cache.set(key, { value, size: opts.sizeOf ? opts.sizeOf(value) : 64, ...(opts.ttlMs !== undefined ? { expiresMs: nowMs + opts.ttlMs } : {}) });
    return value;
  }
}
