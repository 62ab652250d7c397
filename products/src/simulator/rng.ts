/**
 * Seeded random numbers for the simulator: a small, fast generator (mulberry32) and a way to derive
 * independent streams from integer keys, so that "the regions born on day 5321" or "the noise of
 * the 171 Å image at 12:00" are the same whatever else was generated before (fill order, live
 * steps and restarts must not change the synthetic Sun).
 *
 * @module
 */
import { Rng } from '../util/random.ts';

/** Mixes integers into a 32-bit seed (murmur3 finaliser per key); order-sensitive. */
export function deriveSeed(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    // Split large keys (e.g. times in ms) into two 32-bit halves so no bit is lost.
    const hi = Math.floor(key / 4294967296) | 0;
    for (const part of [key | 0, hi]) {
      let k = Math.imul(part, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The shared generator (uniform, normal and Poisson draws) with the range draw the simulator uses
 * for region placement.
 */
export class Random extends Rng {
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }
}
