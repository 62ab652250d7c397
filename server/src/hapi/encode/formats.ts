/**
 * The three HAPI data formats (HAPI.md section 6), written record by record from a decoded chunk:
 *
 * - CSV: RFC 4180, no column names, one line per record, arrays flattened (last index fastest),
 *   strings quoted when they hold a comma, quote, CR/LF or edge spaces; doubles in the shortest
 *   form that reads back to the same float64 (JavaScript's number formatting), so CSV loses nothing.
 * - binary: the same columns, little-endian float64 / int32, strings NUL-padded to `length` bytes.
 * - JSON: one array per record, arrays nested by `size`, strings quoted. JSON has no NaN: a double
 *   whose fill is "NaN" is written `null` there (and only there); a numeric fill is written as the number.
 *
 * Each encoder returns the bytes of a range of records and, for the variable-length formats, the
 * byte offset of every record, so that cached bytes of a whole chunk can later be sliced to any
 * time range without re-encoding. JSON records carry a leading ",\n" separator; the stream drops it
 * before the first record of an answer.
 *
 * @module
 */
import type { DecodedChunk } from '../store/chunk-codec.ts';
import { dayPrefix, HAPI_TIME_LENGTH, MS_PER_DAY, timeOfDaySuffix } from '../time.ts';
import { asInt32, numericValue, textValue, valueReader, type OutputColumn, type ValueReader } from './layout.ts';
import type { DataFormat } from '../request.ts';

/** Bytes of records [a, b) of a chunk; `offsets[j]` = start of record a+j, `offsets[b-a]` = end. */
export interface EncodedRecords {
  bytes: Buffer;
  offsets: Uint32Array;
}

/** Bytes JSON puts before every record (dropped before the first record of an answer). */
export const JSON_RECORD_SEPARATOR_BYTES = 2;

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A CSV field for a string value (RFC 4180 quoting only when needed). */
export function csvField(s: string): string {
  return CSV_NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Encodes records of one output layout in one format. */
export class RecordEncoder {
  /** Binary record size (time + every parameter); the other formats vary per record. */
  readonly binaryRecordBytes: number;

  constructor(
    readonly format: DataFormat,
    readonly columns: readonly OutputColumn[],
  ) {
    this.binaryRecordBytes = columns.reduce((n, c) => n + c.binaryBytes, HAPI_TIME_LENGTH);
  }

  /** A rough size of one record, to choose slice sizes. */
  estimatedRecordBytes(): number {
    if (this.format === 'binary') return this.binaryRecordBytes;
    return this.columns.reduce((n, c) => n + c.width * (c.type === 'double' ? 20 : c.type === 'integer' ? 8 : c.length + 3), HAPI_TIME_LENGTH + 8);
  }

  /** Encode records [a, b) of a decoded chunk. */
  encode(chunk: DecodedChunk, a: number, b: number): EncodedRecords {
    const readers = this.columns.map((c) => valueReader(c, chunk.columns[c.column]));
    if (this.format === 'binary') return this.encodeBinary(chunk, readers, a, b);
    const lines: string[] = new Array(b - a);
    const times = new TimeText();
    const write = this.format === 'csv' ? this.csvRecord : this.jsonRecord;
    for (let i = a; i < b; i++) lines[i - a] = write.call(this, times.of(chunk.times[i]), readers, i);
    return joinLines(lines);
  }

  private csvRecord(time: string, readers: ValueReader[], i: number): string {
    let line = time;
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      const r = readers[c];
      const w = col.width;
      if (col.type === 'double') {
        const data = r.data;
        if (data) {
          for (let k = 0, base = i * w; k < w; k++) {
            const x = data[base + k];
            line += x === x ? `,${x}` : `,${col.fillText}`;
          }
        } else {
          for (let k = 0; k < w; k++) {
            const x = numericValue(col, r, i, k);
            line += Number.isNaN(x) ? `,${col.fillText}` : `,${x}`;
          }
        }
      } else if (col.type === 'integer') {
        for (let k = 0; k < w; k++) {
          const x = asInt32(r.number(i, k));
          line += Number.isNaN(x) ? `,${col.fillText}` : `,${x}`;
        }
      } else {
        for (let k = 0; k < w; k++) line += `,${csvField(textValue(col, r, i, k))}`;
      }
    }
    return `${line}\n`;
  }

  private jsonRecord(time: string, readers: ValueReader[], i: number): string {
    let line = `,\n["${time}"`;
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      const r = readers[c];
      const scalar = col.size === undefined;
      const value = (k: number): string => {
        if (col.type === 'string' || col.type === 'isotime') return JSON.stringify(textValue(col, r, i, k));
        const x = numericValue(col, r, i, k);
        return Number.isNaN(x) ? 'null' : String(x);
      };
      line += `,${scalar ? value(0) : nested(col.size!, value)}`;
    }
    return `${line}]`;
  }

  private encodeBinary(chunk: DecodedChunk, readers: ValueReader[], a: number, b: number): EncodedRecords {
    const n = b - a;
    const size = this.binaryRecordBytes;
    const buf = Buffer.allocUnsafe(size * n);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const times = new TimeText();
    const cols = this.columns;
    let off = 0;
    for (let i = a; i < b; i++) {
      buf.write(times.of(chunk.times[i]), off, HAPI_TIME_LENGTH, 'latin1');
      off += HAPI_TIME_LENGTH;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c];
        const r = readers[c];
        const w = col.width;
        if (col.type === 'double') {
          const data = r.data;
          for (let k = 0, base = i * w; k < w; k++, off += 8) {
            const x = data ? data[base + k] : numericValue(col, r, i, k);
            view.setFloat64(off, x === x ? x : col.fillNumber, true);
          }
        } else if (col.type === 'integer') {
          for (let k = 0; k < w; k++, off += 4) {
            const x = asInt32(r.number(i, k));
            view.setInt32(off, Number.isNaN(x) ? col.fillNumber : x, true);
          }
        } else {
          for (let k = 0; k < w; k++, off += col.length) {
            const written = buf.write(textValue(col, r, i, k), off, col.length, 'utf8');
            buf.fill(0, off + written, off + col.length);
          }
        }
      }
    }
    const offsets = new Uint32Array(n + 1);
    for (let j = 0; j <= n; j++) offsets[j] = j * size;
    return { bytes: buf, offsets };
  }
}

/** Nested JSON arrays of `size` (last index fastest) from a flat element writer. */
function nested(size: readonly number[], value: (k: number) => string): string {
  const strides = size.map((_, d) => size.slice(d + 1).reduce((a, b) => a * b, 1));
  const build = (d: number, base: number): string => {
    const parts: string[] = new Array(size[d]);
    for (let j = 0; j < size[d]; j++) parts[j] = d === size.length - 1 ? value(base + j) : build(d + 1, base + j * strides[d]);
    return `[${parts.join(',')}]`;
  };
  return build(0, 0);
}

/** Formats record times, reusing the date part while records stay within one UTC day. */
class TimeText {
  private dayStart = Number.NaN;
  private dayEnd = Number.NaN;
  private prefix = '';

  of(ms: number): string {
    if (!(ms >= this.dayStart && ms < this.dayEnd)) {
      const day = Math.floor(ms / MS_PER_DAY);
      this.dayStart = day * MS_PER_DAY;
      this.dayEnd = this.dayStart + MS_PER_DAY;
      this.prefix = dayPrefix(day);
    }
    return this.prefix + timeOfDaySuffix(Math.floor(ms) - this.dayStart);
  }
}

/** One buffer of lines with the byte offset of each; pure-ASCII text (the usual case) needs no second pass. */
function joinLines(lines: string[]): EncodedRecords {
  const text = lines.join('');
  const offsets = new Uint32Array(lines.length + 1);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === text.length) {
    for (let j = 0; j < lines.length; j++) offsets[j + 1] = offsets[j] + lines[j].length;
  } else {
    for (let j = 0; j < lines.length; j++) offsets[j + 1] = offsets[j] + Buffer.byteLength(lines[j], 'utf8');
  }
  return { bytes, offsets };
}
