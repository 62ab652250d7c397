/**
 * The output layout of a data request: which stored columns go out, in which order, with which
 * type, width, fill and string length, and fast readers that turn a decoded chunk's columns into
 * the values every format writes. All three formats read values through this one place, which is
 * what makes CSV, binary and JSON carry identical values.
 *
 * Value rules shared by every format:
 * - numbers: NaN (also stored null or non-finite) means fill; integers outside int32 or with a
 *   fraction are fill too. A parameter whose fill is null writes NaN (doubles) or 0 (integers) for a
 *   missing value, which its definition says never happens.
 * - strings: null means fill (or "" when the fill is null); values longer than `length` UTF-8 bytes
 *   are cut at a character boundary, in every format alike.
 *
 * @module
 */
import type { HapiParameter, HapiType } from '../../../../products/src/definitions/types.ts';
import type { ChunkColumn } from '../store/chunk-codec.ts';

/** One parameter of the output, bound to its stored column. */
export interface OutputColumn {
  name: string;
  type: Exclude<HapiType, 'isotime'> | 'isotime';
  /** Index of the stored value column (position in the dataset's parameters after Time). */
  column: number;
  /** Values per record (product of size). */
  width: number;
  size: readonly number[] | undefined;
  /** Text of the fill for CSV (the declared string, so CSV shows exactly what /info declares). */
  fillText: string;
  /** Fill as a number for binary and JSON (NaN when the fill is "NaN" or absent). */
  fillNumber: number;
  /** Bytes of string/isotime values (binary width, truncation limit). */
  length: number;
  /** Bytes of one record of this parameter in binary. */
  binaryBytes: number;
}

/** Bind the selected parameters (indices after Time) of a dataset to output columns. */
export function outputColumns(parameters: readonly HapiParameter[], selected: readonly number[]): OutputColumn[] {
  return selected.map((index) => {
    const p = parameters[index];
    const width = (p.size ?? [1]).reduce((a, b) => a * b, 1);
    const isText = p.type === 'string' || p.type === 'isotime';
    const length = isText ? Math.max(1, p.length ?? 1) : 0;
    const numericFill = p.fill === null ? (p.type === 'integer' ? 0 : Number.NaN) : Number(p.fill);
    return {
      name: p.name,
      type: p.type,
      column: index,
      width,
      size: p.size,
      fillText: p.fill ?? (isText ? '' : p.type === 'integer' ? '0' : 'NaN'),
      fillNumber: isText ? Number.NaN : numericFill,
      length,
      binaryBytes: width * (isText ? length : p.type === 'integer' ? 4 : 8),
    };
  });
}

/** Reads value k of record i of one output column; NaN / null mean fill. */
export interface ValueReader {
  /** Numeric columns stored as float64 with the expected width: direct access for hot loops. */
  data?: Float64Array;
  number(i: number, k: number): number;
  string(i: number, k: number): string | null;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A value as an int32, or NaN (fill) when it is not one. */
export function asInt32(x: number): number {
  return Number.isInteger(x) && x >= INT32_MIN && x <= INT32_MAX ? x : Number.NaN;
}

function elementOf(v: unknown, k: number, width: number): unknown {
  if (Array.isArray(v)) return v[k];
  return width === 1 && k === 0 ? v : undefined;
}

/** A reader of column `out` over a decoded chunk's stored column (which may be missing or of another kind). */
export function valueReader(out: OutputColumn, col: ChunkColumn | undefined): ValueReader {
  const w = out.width;
  if (col && (col.kind === 'number' || col.kind === 'array') && col.width === w) {
    const data = col.data;
    return {
      data,
      number: (i, k) => data[i * w + k],
      string: (i, k) => {
        const x = data[i * w + k];
        return Number.isNaN(x) ? null : String(x);
      },
    };
  }
  if (col && col.kind === 'string' && w === 1) {
    const values = col.values;
    return {
      number: (i) => {
        const v = values[i];
        return v === null || v === undefined || v === '' ? Number.NaN : Number(v);
      },
      string: (i) => values[i] ?? null,
    };
  }
  if (col && col.kind === 'json') {
    const values = col.values;
    return {
      number: (i, k) => {
        const v = elementOf(values[i], k, w);
        return typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
      },
      string: (i, k) => {
        const v = elementOf(values[i], k, w);
        return v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
      },
    };
  }
  // Missing column or incompatible shape: every value is fill.
  return { number: () => Number.NaN, string: () => null };
}

/** `s` cut to at most `maxBytes` UTF-8 bytes at a character boundary. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes) return s;
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= maxBytes) return s;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** The text value of a string column for record i, element k: fill when null, truncated to length. */
export function textValue(out: OutputColumn, reader: ValueReader, i: number, k: number): string {
  const v = reader.string(i, k);
  return truncateUtf8(v ?? out.fillText, out.length);
}

/** The numeric value of record i, element k, fill applied (NaN stays NaN when the fill is NaN). */
export function numericValue(out: OutputColumn, reader: ValueReader, i: number, k: number): number {
  const x = reader.number(i, k);
  const v = out.type === 'integer' ? asInt32(x) : x;
  return Number.isNaN(v) || !Number.isFinite(v) ? out.fillNumber : v;
}
