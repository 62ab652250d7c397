/**
 * From stored values to positions on a colour table: the display transform (linear, log10,
 * symmetric), the display range (fixed, or percentiles of the plane), and the table index.
 * Pure and allocation-light: the server PNGs and the pages' canvas use these same functions, so a
 * pixel has the same colour in both.
 *
 * @module
 */
import type { DisplayScale } from '../definitions/types.ts';

/** A display scale with its range settled, in display units (after log10 for `log10`). */
export interface ResolvedScale {
  scale: DisplayScale['scale'];
  lo: number;
  hi: number;
}

/** Percentiles used when a display scale has no fixed range. */
export const DEFAULT_PERCENTILES: [number, number] = [1, 99];

/** At most this many values are sorted to find the percentiles (evenly strided sample). */
const PERCENTILE_SAMPLE = 1 << 16;

/**
 * The value in display units: log10(v) for `log10` (−Infinity for v ≤ 0, which then sits at the
 * bottom of the range), v otherwise. NaN stays NaN.
 */
export function toDisplay(v: number, scale: DisplayScale['scale']): number {
  if (scale !== 'log10') return v;
  return v > 0 ? Math.log10(v) : v <= 0 ? -Infinity : Number.NaN;
}

/** Units as shown next to a colour bar: `log10(K)` for a log10 scale of kelvin. */
export function displayUnits(units: string, scale: DisplayScale['scale']): string {
  if (scale !== 'log10') return units;
  return units === 'dimensionless' || units === '1' || units === '' ? 'log10' : `log10(${units})`;
}

/**
 * Settle the display range of a plane: the fixed `display.range` when given, else the
 * percentiles (1 %, 99 % by default) of the finite display values; symmetric scales use
 * ±percentile(99) of |v|. A degenerate range is widened so that lo < hi always.
 *
 * @example resolveScale(plane, { colourTable: 'grey', scale: 'linear' }) // → { scale, lo, hi }
 */
export function resolveScale(plane: ArrayLike<number>, display: DisplayScale, percentiles: [number, number] = DEFAULT_PERCENTILES): ResolvedScale {
  if (display.range) return widen({ scale: display.scale, lo: display.range[0], hi: display.range[1] });
  const sample = finiteSample(plane, display.scale);
  if (sample.length === 0) return { scale: display.scale, lo: display.scale === 'symmetric' ? -1 : 0, hi: 1 };
  if (display.scale === 'symmetric') {
    for (let i = 0; i < sample.length; i++) sample[i] = Math.abs(sample[i]);
    sample.sort();
    const m = percentileOfSorted(sample, percentiles[1]);
    return widen({ scale: 'symmetric', lo: -m, hi: m });
  }
  sample.sort();
  return widen({ scale: display.scale, lo: percentileOfSorted(sample, percentiles[0]), hi: percentileOfSorted(sample, percentiles[1]) });
}

function widen(s: ResolvedScale): ResolvedScale {
  if (s.hi > s.lo) return s;
  const half = s.lo === 0 ? 0.5 : Math.abs(s.lo) * 0.05;
  return { scale: s.scale, lo: s.lo - half, hi: s.hi + half };
}

/** Finite display values of an evenly strided sample of the plane. */
function finiteSample(plane: ArrayLike<number>, scale: DisplayScale['scale']): Float64Array {
  const n = plane.length;
  const stride = Math.max(1, Math.floor(n / PERCENTILE_SAMPLE));
  const out = new Float64Array(Math.ceil(n / stride));
  let k = 0;
  for (let i = 0; i < n; i += stride) {
    const d = toDisplay(plane[i], scale);
    if (Number.isFinite(d)) out[k++] = d;
  }
  return out.subarray(0, k);
}

/** Linear-interpolated percentile (0-100) of sorted values. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  const x = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * Position of a stored value in the range: 0 at `lo`, 1 at `hi`, clipped to [0, 1]; NaN for NaN.
 * Values at or below 0 on a log10 scale give 0.
 */
export function normalise(v: number, s: ResolvedScale): number {
  const d = toDisplay(v, s.scale);
  if (Number.isNaN(d)) return Number.NaN;
  const t = (d - s.lo) / (s.hi - s.lo);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/**
 * Which of `levels` equal bins a normalised position falls in: floor(t · levels), with t = 1 in
 * the top bin. The portal canvas uses 256 levels (one per table entry).
 */
export function levelOf(t: number, levels: number): number {
  const k = Math.floor(t * levels);
  return k >= levels ? levels - 1 : k;
}

/** The table entry (0-255) that shows level `k` of `levels`: the ends map to the table ends. */
export function tableIndexOfLevel(k: number, levels: number): number {
  return levels === 256 ? k : Math.round((k * 255) / (levels - 1));
}

/** Inverse of the display transform: the stored value at display value d. */
export function fromDisplay(d: number, scale: DisplayScale['scale']): number {
  return scale === 'log10' ? 10 ** d : d;
}
