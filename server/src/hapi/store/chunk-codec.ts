/**
 * Column-oriented chunks of HAPI records: the storage format behind `putHapiRecords`.
 *
 * A chunk holds the records of one dataset for one UTC day, as columns: the times (float64 ms) in
 * one BLOB, and every value slot (parameter after Time) in a second BLOB. Numbers and numeric arrays
 * are raw little-endian float64 columns (NaN = null = fill), so a reader gets a `Float64Array` view
 * without parsing; strings and anything irregular are JSON. The codec is schema-less on purpose: it
 * infers each column's kind from the values, so the catalogue stays independent of the dataset
 * definitions and keeps whatever a product hands it.
 *
 * Columns BLOB layout (all integers u32 little-endian, payloads 8-byte aligned):
 *
 *     'HPC1' | count | ncols | 0
 *     ncols × [kind | width | byteLength | 0]      kind: 1 number, 2 number array, 3 string (JSON), 4 JSON
 *     payloads, each padded to a multiple of 8 bytes
 *
 * @module
 */
import os from 'node:os';
import type { HapiValue } from '../../../../products/src/definitions/types.ts';

if (os.endianness() !== 'LE') throw new Error('the HAPI chunk store writes float64 columns in host order and needs a little-endian host');

/** One column of a chunk. `data` of number columns holds `count × width` values, last index fastest. */
export type ChunkColumn =
  | { kind: 'number'; width: 1; data: Float64Array }
  | { kind: 'array'; width: number; data: Float64Array }
  | { kind: 'string'; values: (string | null)[] }
  | { kind: 'json'; values: unknown[] };

/** A decoded chunk: `count` records, times in ms (ascending, unique), one column per value slot. */
export interface DecodedChunk {
  count: number;
  times: Float64Array;
  columns: ChunkColumn[];
}

/** A record as the store receives it (values in parameter order, Time excluded). */
export interface StoredRecord {
  timeMs: number;
  values: readonly (HapiValue | unknown)[];
}

const MAGIC = 0x31435048; // 'HPC1' read as little-endian u32
const KIND_CODE = { number: 1, array: 2, string: 3, json: 4 } as const;
const CODE_KIND = ['', 'number', 'array', 'string', 'json'] as const;

function isNumericArray(v: unknown): v is Float64Array | readonly unknown[] {
  return v instanceof Float64Array || Array.isArray(v);
}

/** Infer the column of slot `c` from the records' values. */
function buildColumn(records: readonly StoredRecord[], c: number): ChunkColumn {
  let scalars = true;
  let arrays = true;
  let strings = true;
  let width = -1;
  for (const r of records) {
    const v = r.values[c];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number') scalars = false;
    if (typeof v !== 'string') strings = false;
    if (isNumericArray(v)) {
      if (width === -1) width = v.length;
      else if (width !== v.length) arrays = false;
      if (Array.isArray(v) && !v.every((x) => typeof x === 'number' || x === null)) arrays = false;
    } else arrays = false;
    if (!scalars && !arrays && !strings) break;
  }
  const n = records.length;
  if (scalars) {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = records[i].values[c];
      data[i] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
    }
    return { kind: 'number', width: 1, data };
  }
  if (arrays && width >= 0) {
    const data = new Float64Array(n * width).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      const v = records[i].values[c] as Float64Array | (number | null)[] | null | undefined;
      if (!v) continue;
      const base = i * width;
      for (let k = 0; k < width; k++) {
        const x = v[k];
        data[base + k] = typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN;
      }
    }
    return { kind: 'array', width, data };
  }
  if (strings) return { kind: 'string', values: records.map((r) => (r.values[c] ?? null) as string | null) };
  return { kind: 'json', values: records.map((r) => jsonSafe(r.values[c])) };
}

/** A value as JSON keeps it: typed arrays become plain arrays, non-finite numbers null. */
function jsonSafe(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Float64Array) return Array.from(v, (x) => (Number.isFinite(x) ? x : null));
  return v;
}

/** Build the columns of records sorted by time (one column per value slot). */
export function buildChunk(records: readonly StoredRecord[]): DecodedChunk {
  const ncols = records.reduce((m, r) => Math.max(m, r.values.length), 0);
  const times = Float64Array.from(records, (r) => r.timeMs);
  const columns = Array.from({ length: ncols }, (_, c) => buildColumn(records, c));
  return { count: records.length, times, columns };
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}

/** Serialise a chunk into its two BLOBs. */
export function encodeChunk(chunk: DecodedChunk): { times: Buffer; columns: Buffer } {
  const payloads: Uint8Array[] = chunk.columns.map((col) => {
    if (col.kind === 'number' || col.kind === 'array') return new Uint8Array(col.data.buffer, col.data.byteOffset, col.data.byteLength);
    return Buffer.from(JSON.stringify(col.values), 'utf8');
  });
  const headerBytes = 16 + 16 * chunk.columns.length;
  const total = payloads.reduce((s, p) => s + pad8(p.byteLength), headerBytes);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(chunk.count, 4);
  out.writeUInt32LE(chunk.columns.length, 8);
  let offset = headerBytes;
  chunk.columns.forEach((col, c) => {
    const h = 16 + 16 * c;
    out.writeUInt32LE(KIND_CODE[col.kind], h);
    out.writeUInt32LE(col.kind === 'number' || col.kind === 'array' ? col.width : 0, h + 4);
    out.writeUInt32LE(payloads[c].byteLength, h + 8);
    out.set(payloads[c], offset);
    offset += pad8(payloads[c].byteLength);
  });
  const t = chunk.times;
  return { times: Buffer.from(t.buffer, t.byteOffset, t.byteLength), columns: out };
}

/** A view of `bytes` whose start is 8-byte aligned (copying only when it is not). */
function aligned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset % 8 === 0) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** The times of a chunk (a view on the BLOB when aligned). */
export function decodeTimes(timesBlob: Uint8Array): Float64Array {
  const b = aligned(timesBlob);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
}

/** Decode the two BLOBs of a chunk. Throws on a corrupt BLOB (the caller turns that into HAPI 1500). */
export function decodeChunk(timesBlob: Uint8Array, columnsBlob: Uint8Array): DecodedChunk {
  const times = decodeTimes(timesBlob);
  const b = aligned(columnsBlob);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error('corrupt HAPI chunk: bad magic');
  const count = view.getUint32(4, true);
  const ncols = view.getUint32(8, true);
  if (count !== times.length) throw new Error('corrupt HAPI chunk: times and columns disagree');
  let offset = 16 + 16 * ncols;
  const columns: ChunkColumn[] = [];
  for (let c = 0; c < ncols; c++) {
    const h = 16 + 16 * c;
    const kind = CODE_KIND[view.getUint32(h, true)];
    const width = view.getUint32(h + 4, true);
    const byteLength = view.getUint32(h + 8, true);
    if (offset + byteLength > b.byteLength) throw new Error('corrupt HAPI chunk: column past the end');
    const payload = b.subarray(offset, offset + byteLength);
    if (kind === 'number' || kind === 'array') {
      if (byteLength !== count * width * 8) throw new Error('corrupt HAPI chunk: column length');
      const data = new Float64Array(b.buffer, b.byteOffset + offset, count * width);
      columns.push(kind === 'number' ? { kind, width: 1, data } : { kind, width, data });
    } else if (kind === 'string' || kind === 'json') {
      const values = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as unknown[];
      if (!Array.isArray(values) || values.length !== count) throw new Error('corrupt HAPI chunk: value count');
      columns.push(kind === 'string' ? { kind, values: values as (string | null)[] } : { kind, values });
    } else throw new Error('corrupt HAPI chunk: unknown column kind');
    offset += pad8(byteLength);
  }
  return { count, times, columns };
}

/**
 * The value of record `i` in column `col` as the catalogue API has always returned it (JSON-like:
 * NaN and missing values as null, arrays as plain arrays).
 */
export function plainValue(col: ChunkColumn | undefined, i: number): unknown {
  if (!col) return null;
  switch (col.kind) {
    case 'number': {
      const x = col.data[i];
      return Number.isNaN(x) ? null : x;
    }
    case 'array':
      return Array.from(col.data.subarray(i * col.width, (i + 1) * col.width), (x) => (Number.isNaN(x) ? null : x));
    default:
      return col.values[i] ?? null;
  }
}

/** The value of record `i` for merging: arrays as views, NaN kept (the column builder maps it back). */
function mergeValue(col: ChunkColumn, i: number): unknown {
  switch (col.kind) {
    case 'number':
      return col.data[i];
    case 'array':
      return col.data.subarray(i * col.width, (i + 1) * col.width);
    default:
      return col.values[i];
  }
}

/**
 * Merge new records into an existing chunk: a record at an existing time replaces it (one record
 * per dataset and time, as before), the result is sorted by time.
 */
export function mergeIntoChunk(existing: DecodedChunk | undefined, incoming: readonly StoredRecord[]): DecodedChunk {
  const byTime = new Map<number, StoredRecord>();
  if (existing) {
    for (let i = 0; i < existing.count; i++) {
      byTime.set(existing.times[i], { timeMs: existing.times[i], values: existing.columns.map((col) => mergeValue(col, i)) });
    }
  }
  for (const r of incoming) byTime.set(r.timeMs, r);
  const records = [...byTime.values()].sort((a, b) => a.timeMs - b.timeMs);
  return buildChunk(records);
}
