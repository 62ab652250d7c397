/**
 * The `Range` request header (RFC 9110 section 14), single byte range only.
 *
 * A server may ignore a Range header (section 14.2): we ignore multi-range requests, other units
 * and syntactically invalid values, and answer them with the whole file; a valid range that
 * does not overlap the file is "unsatisfiable" (416).
 *
 * @module
 */

/** Inclusive byte positions of a satisfiable range. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeResult = { kind: 'none' } | { kind: 'unsatisfiable' } | ({ kind: 'range' } & ByteRange);

const SINGLE = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Interpret a Range header against a representation of `size` bytes.
 * @example parseRange('bytes=0-99', 1000) // { kind: 'range', start: 0, end: 99 }
 * @example parseRange('bytes=-100', 1000) // the last 100 bytes: { kind: 'range', start: 900, end: 999 }
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' };
  const m = SINGLE.exec(header);
  if (!m) return { kind: 'none' }; // other unit, several ranges or garbage: ignore
  const [, first, last] = m;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    // Suffix range: the last N bytes. "bytes=-0" asks for nothing, which cannot be satisfied.
    const n = Number(last);
    if (!Number.isSafeInteger(n)) return { kind: 'none' };
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (!Number.isSafeInteger(start) || (last !== '' && !Number.isSafeInteger(end))) return { kind: 'none' };
  if (end < start) return { kind: 'none' }; // invalid, so ignored (RFC 9110 14.1.1)
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}
