/**
 * Statistics and plain-text tables for the benchmarks' output (shared by bench/hapi and bench/web).
 *
 * @module
 */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The q-quantile (0..1) by linear interpolation between order statistics. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export type Cell = string | number;

/** Numbers: at most `digits` decimals, fewer for large values. */
export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '-';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

/** A table with a header row: columns in `left` (default the first) left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], left: readonly number[] = [0]): string {
  const text = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? num(c) : c)));
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}
