/**
 * Seeded random numbers for the simulator: a small, fast generator (mulberry32) and a way to derive
 * independent streams from integer keys, so that "the regions born on day 5321" or "the noise of
 * the 171 Å image at 12:00" are the same whatever else was generated before (fill order, live
 * steps and restarts must not change the synthetic Sun).
 *
 * @module
 */

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

/** mulberry32 generator with uniform, normal (Marsaglia polar) and Poisson draws. */
export class Random {
  private state: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Standard normal deviate (polar method: no trigonometry, two deviates per accepted pair). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Poisson deviate (Knuth's product method; only used for small means such as region counts). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }
}
