/**
 * Summary indices of a DEM map for the HAPI dataset `dem_indices` (names as in
 * `definitions/dem.ts`), over on-disk pixels: those whose centre lies within the photospheric
 * radius (RSUN_OBS) of the disk centre.
 *
 * - median_tc, em_weighted_tc [K], total_em [cm^-5]: over fitted on-disk pixels (6 valid bands),
 *   from the TC and EM planes as written (refined, continuous Tc; float32).
 * - ar_*: the same over active-region pixels, fitted on-disk pixels whose EM exceeds
 *   `AR_EM_FACTOR` x the median on-disk EM; null when there are none.
 * - chi2_gt4_fraction: fraction of fitted on-disk pixels with reduced chi2 > 4.
 * - valid_fraction: fraction of on-disk pixels with 6 valid bands.
 * Values are null (HAPI fill) when undefined (no on-disk or no fitted pixel).
 *
 * @module
 */
import type { DemPlanes } from './invert.ts';

/** Active-region threshold: EM above this many times the disk median. */
export const AR_EM_FACTOR = 5;
/** Reduced chi2 above which the Gaussian is considered not to fit (GAIA-DEM display rule). */
export const CHI2_LIMIT = 4;

export interface DemSummary {
  median_tc: number | null;
  em_weighted_tc: number | null;
  total_em: number | null;
  ar_median_tc: number | null;
  ar_em_weighted_tc: number | null;
  ar_total_em: number | null;
  chi2_gt4_fraction: number | null;
  valid_fraction: number | null;
  /** Pixel counts behind the fractions (not HAPI parameters, useful in logs). */
  disk_pixels: number;
  fitted_disk_pixels: number;
  ar_pixels: number;
}

/** Disk (centre in 0-based pixels, radius in pixels) on the map grid. */
export interface DiskCircle {
  xc: number;
  yc: number;
  rPix: number;
}

/** k-th smallest (0-based) of `a` (reordered in place): Hoare selection, median-of-three pivots. */
export function selectKth(a: Float32Array | Float64Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Median of the first n values of `a` (reordered); mean of the two middle values for even n. */
function median(a: Float32Array | Float64Array, n: number): number {
  const v = a.subarray(0, n);
  const upper = selectKth(v, n >> 1);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper middle after selection.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (v[i] > lower) lower = v[i];
  return (lower + upper) / 2;
}

/** Computes the indices of a map from its planes (TC, EM, CHI2, NBANDS) and the disk. */
export function demSummary(planes: DemPlanes, disk: DiskCircle): DemSummary {
  const { width, height, tc, em, chi2, nbands } = planes;
  const r2 = disk.rPix * disk.rPix;
  // Tc and EM of the fitted on-disk pixels, in map order (selection reorders its own copies).
  const tcValues = new Float64Array(width * height);
  const emValues = new Float64Array(width * height);
  let diskPixels = 0, fitted = 0, chi2High = 0;
  let sumEm = 0, sumEmTc = 0;
  for (let y = 0; y < height; y++) {
    const dy2 = (y - disk.yc) ** 2;
    for (let x = 0; x < width; x++) {
      if ((x - disk.xc) ** 2 + dy2 > r2) continue;
      diskPixels++;
      const i = y * width + x;
      if (nbands[i] < 6 || !Number.isFinite(tc[i]) || !Number.isFinite(em[i])) continue;
      tcValues[fitted] = tc[i];
      emValues[fitted] = em[i];
      fitted++;
      sumEm += em[i];
      sumEmTc += em[i] * tc[i];
      if (chi2[i] > CHI2_LIMIT) chi2High++;
    }
  }
  const empty: DemSummary = {
    median_tc: null,
    em_weighted_tc: null,
    total_em: null,
    ar_median_tc: null,
    ar_em_weighted_tc: null,
    ar_total_em: null,
    chi2_gt4_fraction: null,
    valid_fraction: diskPixels > 0 ? 0 : null,
    disk_pixels: diskPixels,
    fitted_disk_pixels: fitted,
    ar_pixels: 0,
  };
  if (fitted === 0) return empty;
  const arThreshold = AR_EM_FACTOR * median(emValues.slice(0, fitted), fitted);
  const arTc = new Float64Array(fitted);
  let arCount = 0, arEm = 0, arEmTc = 0;
  for (let k = 0; k < fitted; k++) {
    const e = emValues[k];
    if (!(e > arThreshold)) continue;
    arTc[arCount++] = tcValues[k];
    arEm += e;
    arEmTc += e * tcValues[k];
  }
  return {
    median_tc: median(tcValues, fitted),
    em_weighted_tc: sumEmTc / sumEm,
    total_em: sumEm,
    ar_median_tc: arCount > 0 ? median(arTc, arCount) : null,
    ar_em_weighted_tc: arCount > 0 ? arEmTc / arEm : null,
    ar_total_em: arCount > 0 ? arEm : null,
    chi2_gt4_fraction: chi2High / fitted,
    valid_fraction: fitted / diskPixels,
    disk_pixels: diskPixels,
    fitted_disk_pixels: fitted,
    ar_pixels: arCount,
  };
}
