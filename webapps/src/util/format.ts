/**
 * Numbers as the pages show them.
 *
 * @module
 */

/**
 * A measured value with five significant digits; exponent form outside [1e-3, 1e5).
 * @example formatValue(1.5e27) // → '1.5000e+27'
 */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(4);
  return String(Number(v.toPrecision(5)));
}

/** Bytes for humans: 512 B, 12.3 KB, 4.5 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
