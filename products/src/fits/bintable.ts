/**
 * BINTABLE extensions (FITS 4.0 section 7.3): column layout from TFORMn, typed column access,
 * and variable-length arrays in the heap through `P` (32-bit) and `Q` (64-bit) descriptors.
 *
 * Every descriptor is checked against the heap before use, so a corrupt table raises a located
 * FitsError instead of reading foreign bytes or allocating from a hostile count.
 *
 * @module
 */
import { FitsError, type FitsErrorLocation } from './errors.ts';
import type { FitsHeader } from './header.ts';
import { swappedCopy } from './pixels.ts';

/** TFORM data type codes. */
export type ColumnCode = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M';

const ELEMENT_BYTES: Record<ColumnCode, number> = { L: 1, X: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16 };

/** Layout of one column. */
export interface FitsColumn {
  /** 0-based column index (TTYPE of index + 1). */
  index: number;
  name: string;
  /** TFORMn as written. */
  form: string;
  /** Element type; for variable-length columns, the type of the heap array elements. */
  code: ColumnCode;
  /** Repeat count of the field (bits for X). For P/Q columns 1 (one descriptor). */
  repeat: number;
  /** 'P' or 'Q' for variable-length array columns. */
  descriptor?: 'P' | 'Q';
  /** Byte offset of the field inside a row, and its width in bytes. */
  byteOffset: number;
  byteWidth: number;
  unit?: string;
  scale: number;
  zero: number;
  nullValue?: number;
}

/** Values of a fixed-width column for all rows, in host order (row-major, `repeat` per row). */
export type ColumnValues =
  | Uint8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | string[]
  | (boolean | null)[];

/** Values of one variable-length array (one row of a P/Q column). */
export type HeapArray = Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | string | (boolean | null)[];

const TFORM = /^\s*(\d*)([LXBIJKAEDCMPQ])([LXBIJKAEDCM]?)(?:\((\d+)\))?\s*$/;

/** A binary table HDU over the file bytes; columns are decoded on request. */
export class FitsTable {
  readonly rows: number;
  readonly rowBytes: number;
  readonly columns: FitsColumn[];
  /** Absolute byte offsets of the table start and of the heap, and the heap size. */
  readonly tableOffset: number;
  readonly heapOffset: number;
  readonly heapSize: number;
  readonly extname?: string;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    dataOffset: number,
    readonly header: FitsHeader,
    readonly hduIndex: number,
    private readonly where: FitsErrorLocation,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.rowBytes = header.number('NAXIS1') ?? 0;
    this.rows = header.number('NAXIS2') ?? 0;
    const pcount = header.number('PCOUNT') ?? 0;
    const tableBytes = this.rowBytes * this.rows;
    const theap = header.number('THEAP') ?? tableBytes;
    if (!Number.isInteger(theap) || theap < tableBytes || theap > tableBytes + pcount) {
      throw new FitsError(`THEAP ${theap} outside the data area (table ${tableBytes} + heap ${pcount} bytes)`, {
        ...where,
        keyword: 'THEAP',
      });
    }
    this.tableOffset = dataOffset;
    this.heapOffset = dataOffset + theap;
    this.heapSize = tableBytes + pcount - theap;
    this.extname = header.string('EXTNAME');
    this.columns = this.layout(header.number('TFIELDS') ?? 0);
  }

  /** The column with this TTYPE name (case-insensitive) or 0-based index. */
  getColumn(name: string | number): FitsColumn | undefined {
    if (typeof name === 'number') return this.columns[name];
    const upper = name.toUpperCase();
    return this.columns.find((c) => c.name.toUpperCase() === upper);
  }

  /** Fixed-width column values of every row, raw (TSCAL/TZERO not applied). */
  column(name: string | number): ColumnValues {
    const col = this.require(name);
    if (col.descriptor) {
      throw new FitsError(`column ${col.name} holds variable-length arrays: use heapArray(column, row)`, this.where);
    }
    const count = col.code === 'X' ? col.byteWidth : col.code === 'C' || col.code === 'M' ? col.repeat * 2 : col.repeat;
    return this.gather(col, count);
  }

  /** Physical values (TZERO + TSCAL x raw; TNULL and NaN -> NaN) of a numeric fixed-width column. */
  physical(name: string | number): Float64Array {
    const col = this.require(name);
    const raw = this.column(col.index);
    if (Array.isArray(raw)) throw new FitsError(`column ${col.name} (${col.form}) is not numeric`, this.where);
    const out = new Float64Array(raw.length);
    const nul = col.nullValue;
    for (let i = 0; i < raw.length; i++) {
      const v = Number(raw[i]);
      out[i] = v === nul ? NaN : v * col.scale + col.zero;
    }
    return out;
  }

  /** Element count and heap offset of the variable-length array of `row` (checked against the heap). */
  descriptor(col: FitsColumn, row: number): { count: number; offset: number } {
    const at = this.tableOffset + row * this.rowBytes + col.byteOffset;
    let count: number;
    let offset: number;
    if (col.descriptor === 'P') {
      count = this.view.getInt32(at);
      offset = this.view.getInt32(at + 4);
    } else {
      count = Number(this.view.getBigInt64(at));
      offset = Number(this.view.getBigInt64(at + 8));
    }
    const bytes = col.code === 'X' ? Math.ceil(count / 8) : count * ELEMENT_BYTES[col.code];
    if (count < 0 || offset < 0 || offset + bytes > this.heapSize) {
      throw new FitsError(
        `bad heap descriptor in column ${col.name}, row ${row + 1}: ${count} elements at heap offset ${offset}, heap has ${this.heapSize} bytes`,
        { ...this.where, offset: at },
      );
    }
    return { count, offset };
  }

  /** The variable-length array of a P/Q column in `row`, in host order. */
  heapArray(name: string | number, row: number): HeapArray {
    const col = this.require(name);
    if (!col.descriptor) throw new FitsError(`column ${col.name} is not a variable-length column`, this.where);
    if (!(row >= 0 && row < this.rows)) throw new FitsError(`row ${row} outside table of ${this.rows} rows`, this.where);
    const { count, offset } = this.descriptor(col, row);
    return decodeElements(this.bytes, this.heapOffset + offset, col.code === 'X' ? Math.ceil(count / 8) : count, col.code);
  }

  private require(name: string | number): FitsColumn {
    const col = this.getColumn(name);
    if (!col) throw new FitsError(`no column ${JSON.stringify(name)}`, this.where);
    return col;
  }

  private gather(col: FitsColumn, count: number): ColumnValues {
    if (col.code === 'A') {
      const out: string[] = [];
      for (let r = 0; r < this.rows; r++) {
        out.push(decodeElements(this.bytes, this.tableOffset + r * this.rowBytes + col.byteOffset, col.repeat, 'A') as string);
      }
      return out;
    }
    const size = col.code === 'X' ? 1 : ELEMENT_BYTES[col.code] / (col.code === 'C' || col.code === 'M' ? 2 : 1);
    // Pack the fields of all rows contiguously, then decode in one go.
    const packed = new Uint8Array(this.rows * count * size);
    for (let r = 0; r < this.rows; r++) {
      const from = this.tableOffset + r * this.rowBytes + col.byteOffset;
      packed.set(this.bytes.subarray(from, from + count * size), r * count * size);
    }
    const code = col.code === 'C' ? 'E' : col.code === 'M' ? 'D' : col.code === 'X' ? 'B' : col.code;
    return decodeElements(packed, 0, this.rows * count, code) as ColumnValues;
  }

  private layout(tfields: number): FitsColumn[] {
    const columns: FitsColumn[] = [];
    let offset = 0;
    for (let i = 0; i < tfields; i++) {
      const key = `TFORM${i + 1}`;
      const form = this.header.string(key);
      const m = form === undefined ? null : TFORM.exec(form);
      if (!form || !m) throw new FitsError(`missing or invalid ${key} ${JSON.stringify(form)}`, { ...this.where, keyword: key });
      const repeat = m[1] === '' ? 1 : Number(m[1]);
      const isVar = m[2] === 'P' || m[2] === 'Q';
      if (isVar && (m[3] === '' || repeat > 1)) {
        throw new FitsError(`invalid variable-length format ${form}`, { ...this.where, keyword: key });
      }
      const code = (isVar ? m[3] : m[2]) as ColumnCode;
      const byteWidth = isVar ? repeat * (m[2] === 'P' ? 8 : 16) : code === 'X' ? Math.ceil(repeat / 8) : repeat * ELEMENT_BYTES[code];
      const n = i + 1;
      const column: FitsColumn = {
        index: i,
        name: this.header.string(`TTYPE${n}`) ?? `COL${n}`,
        form,
        code,
        repeat: isVar ? 1 : repeat,
        byteOffset: offset,
        byteWidth,
        scale: this.header.number(`TSCAL${n}`) ?? 1,
        zero: this.header.number(`TZERO${n}`) ?? 0,
      };
      if (isVar) column.descriptor = m[2] as 'P' | 'Q';
      const unit = this.header.string(`TUNIT${n}`);
      if (unit !== undefined) column.unit = unit;
      const nul = this.header.number(`TNULL${n}`);
      if (nul !== undefined) column.nullValue = nul;
      columns.push(column);
      offset += byteWidth;
    }
    if (offset > this.rowBytes) {
      throw new FitsError(`columns need ${offset} bytes per row but NAXIS1 is ${this.rowBytes}`, { ...this.where, keyword: 'NAXIS1' });
    }
    return columns;
  }
}

/** Decode `count` big-endian elements of type `code` starting at `offset`. */
export function decodeElements(bytes: Uint8Array, offset: number, count: number, code: ColumnCode): HeapArray {
  switch (code) {
    case 'A': {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + offset, count).toString('latin1');
      const nul = text.indexOf('\0');
      return (nul < 0 ? text : text.slice(0, nul)).trimEnd();
    }
    case 'L': {
      const out: (boolean | null)[] = [];
      for (let i = 0; i < count; i++) {
        const b = bytes[offset + i];
        out.push(b === 0x54 ? true : b === 0x46 ? false : null);
      }
      return out;
    }
    case 'B':
    case 'X':
      return bytes.slice(offset, offset + count);
    case 'I':
      return new Int16Array(swappedCopy(bytes, offset, count, 2));
    case 'J':
      return new Int32Array(swappedCopy(bytes, offset, count, 4));
    case 'K':
      return new BigInt64Array(swappedCopy(bytes, offset, count, 8));
    case 'E':
      return new Float32Array(swappedCopy(bytes, offset, count, 4));
    case 'D':
      return new Float64Array(swappedCopy(bytes, offset, count, 8));
    case 'C':
      return new Float32Array(swappedCopy(bytes, offset, count * 2, 4));
    case 'M':
      return new Float64Array(swappedCopy(bytes, offset, count * 2, 8));
  }
}
