/**
 * Timing helper shared by the in-process benchmarks.
 *
 * @module
 */

/** Median wall time (ms) of `runs` calls of `fn` after `warm` warm-up calls (JIT, caches). */
export function medianMs(fn: () => unknown, runs: number, warm = 2): number {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}
