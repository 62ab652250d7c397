/**
 * In-memory cache of per-image projections, so that a nowcast update after one new image costs
 * one projection plus a merge. Keyed by the input's identity (SHA-256, or path + T_OBS), the grid,
 * the μ cut and the pixel preparation (channel kind, AIA factor). Least recently used entries are
 * evicted beyond `maxBytes`.
 *
 * @module
 */
import type { CarringtonGrid } from '../geometry/grids.ts';
import { projectionBytes, type ProjectedImage } from './project.ts';

/** Key of a projection: everything that changes its content. */
export function projectionKey(identity: string, grid: CarringtonGrid, muMin: number, settingsKey: string): string {
  return `${identity}|${grid.projection}:${grid.width}x${grid.height}@${grid.lonStartDeg}|mu>=${muMin}|${settingsKey}`;
}

export class ProjectionCache {
  private readonly entries = new Map<string, ProjectedImage>();
  private bytes = 0;
  /** Projections computed / served from the cache since creation (for logs and tests). */
  misses = 0;
  hits = 0;

  /** @param maxBytes memory budget (default 2 GiB: about 300 projections on the 1920 x 960 grid). */
  constructor(readonly maxBytes = 2 * 1024 ** 3) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** The cached projection, or a new one from `compute` (stored, evicting the oldest if needed). */
  getOrCompute(key: string, compute: () => ProjectedImage): ProjectedImage {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      // Re-insert: Map iteration order is insertion order, so the first entry is the least recent.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const p = compute();
    const size = projectionBytes(p);
    if (size > this.maxBytes) return p;
    this.entries.set(key, p);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= projectionBytes(v);
    }
    return p;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
