/**
 * Tile-compressed images (FITS 4.0 section 10): an image stored as a BINTABLE with ZIMAGE = T,
 * one row per tile. Supported: RICE_1, GZIP_1, GZIP_2 and NOCOMPRESS tiles of any shape
 * (ZTILEn), integer images with BSCALE/BZERO/BLANK (or ZBLANK), and quantised floating-point
 * images (ZSCALE/ZZERO per tile or as keywords, ZBLANK, NO_DITHER, SUBTRACTIVE_DITHER_1/2,
 * ZDITHER0), including tiles that fell back to GZIP_COMPRESSED_DATA or UNCOMPRESSED_DATA.
 * HCOMPRESS_1 and PLIO_1 raise a FitsError.
 *
 * @module
 */
import { unzipSync } from 'node:zlib';
import type { FitsColumn, FitsTable } from './bintable.ts';
import { decodeElements } from './bintable.ts';
import { ditherSequence, ditherStart, DITHER2_ZERO_VALUE, N_RANDOM } from './dither.ts';
import { FitsError, type FitsErrorLocation } from './errors.ts';
import { FitsHeader, type FitsCard } from './header.ts';
import {
  allocatePhysical,
  physicalArrayType,
  scaleInt32ToFloat32,
  scaleInt32ToFloat64,
  scaleInto,
  swappedCopy,
  type PhysicalArray,
} from './pixels.ts';
import { riceDecode, RiceStreamError } from './rice.ts';

/** Largest plausible ratio of image pixels to compressed bytes (gzip's limit is ~1032:1). */
const MAX_PIXELS_PER_BYTE = 1100;

export interface DecodedImage {
  header: FitsHeader;
  bitpix: number;
  shape: number[];
  data: PhysicalArray;
}

type Quantize = 'none' | 'linear' | 'dither1' | 'dither2';

/** True when a BINTABLE header describes a tile-compressed image. */
export function isCompressedImage(header: FitsHeader): boolean {
  return header.get('ZIMAGE') === true;
}

/** Decode a tile-compressed image to physical values. */
export function decodeCompressedImage(table: FitsTable, float32: boolean, where: FitsErrorLocation): DecodedImage {
  return new TileDecoder(table, float32, where).decode();
}

/** Per-image state of the tile loop: keywords, columns and reusable scratch arrays. */
class TileDecoder {
  private readonly h: FitsHeader;
  private readonly cmp: string;
  private readonly bitpix: number;
  private readonly shape: number[] = [];
  private readonly tile: number[] = [];
  private readonly npix: number;
  private readonly isFloat: boolean;
  private readonly quantized: boolean;
  private readonly quantize: Quantize;
  private readonly cData?: FitsColumn;
  private readonly cGzip?: FitsColumn;
  private readonly cRaw?: FitsColumn;
  private readonly cScale?: FitsColumn;
  private readonly cZero?: FitsColumn;
  private readonly cBlank?: FitsColumn;
  private readonly blockSize: number;
  private readonly bytepix: number;
  private readonly view: DataView;
  private ints = new Int32Array(0);
  private floats = new Float64Array(0);
  /** 0-based number of the tile being decoded (for error messages). */
  private t = 0;

  constructor(
    private readonly table: FitsTable,
    private readonly float32: boolean,
    private readonly where: FitsErrorLocation,
  ) {
    const h = (this.h = table.header);
    this.cmp = (h.string('ZCMPTYPE') ?? this.fail('missing ZCMPTYPE', 'ZCMPTYPE')).toUpperCase();
    const zbitpix = h.number('ZBITPIX');
    if (zbitpix === undefined || ![8, 16, 32, 64, -32, -64].includes(zbitpix)) this.fail(`invalid ZBITPIX ${h.get('ZBITPIX')}`, 'ZBITPIX');
    this.bitpix = zbitpix as number;
    const znaxis = integerKey(h, 'ZNAXIS', 0, where);
    for (let i = 1; i <= znaxis; i++) {
      this.shape.push(integerKey(h, `ZNAXIS${i}`, 0, where));
      this.tile.push(h.has(`ZTILE${i}`) ? integerKey(h, `ZTILE${i}`, 1, where) : i === 1 ? Math.max(1, this.shape[0]) : 1);
    }
    this.npix = this.shape.reduce((a, b) => a * b, znaxis > 0 ? 1 : 0);
    const storedBytes = table.rowBytes * table.rows + table.heapSize;
    if (this.npix > MAX_PIXELS_PER_BYTE * storedBytes + 65536) {
      this.fail(`ZNAXISn describe ${this.npix} pixels but the HDU holds only ${storedBytes} bytes`, 'ZNAXIS');
    }
    this.cData = table.getColumn('COMPRESSED_DATA');
    this.cGzip = table.getColumn('GZIP_COMPRESSED_DATA');
    this.cRaw = table.getColumn('UNCOMPRESSED_DATA');
    this.cScale = table.getColumn('ZSCALE');
    this.cZero = table.getColumn('ZZERO');
    this.cBlank = table.getColumn('ZBLANK');
    if (!this.cData && !this.cGzip && !this.cRaw) this.fail('compressed image without COMPRESSED_DATA column', 'TTYPE1');
    this.isFloat = this.bitpix < 0;
    this.quantized = this.isFloat && (this.cScale !== undefined || h.has('ZSCALE'));
    this.quantize = this.quantized ? quantizeMethod(h.string('ZQUANTIZ')) : 'none';
    this.blockSize = this.param('BLOCKSIZE', 32);
    this.bytepix = this.param('BYTEPIX', 4);
    this.view = new DataView(table.bytes.buffer, table.bytes.byteOffset, table.bytes.byteLength);
  }

  decode(): DecodedImage {
    const { h, shape, tile, npix, table } = this;
    const znaxis = shape.length;
    const tilesPerAxis = shape.map((n, i) => Math.ceil(n / tile[i]));
    const ntiles = npix === 0 ? 0 : tilesPerAxis.reduce((a, b) => a * b, 1);
    if (ntiles !== table.rows) this.fail(`image needs ${ntiles} tiles but the table has ${table.rows} rows`, 'NAXIS2');
    const scaling = { bscale: h.number('BSCALE') ?? 1, bzero: h.number('BZERO') ?? 0 };
    const kind = this.isFloat ? (this.bitpix === -32 || this.float32 ? 'f32' : 'f64') : physicalArrayType(this.bitpix, scaling, this.float32);
    const out = allocatePhysical(kind, npix);
    const tilePixels = Math.min(tile.reduce((a, b) => a * b, 1), npix);
    this.ints = new Int32Array(tilePixels);
    if (this.quantized) this.floats = new Float64Array(tilePixels);
    const zdither0 = h.number('ZDITHER0') ?? 1;
    const imageBlank = this.isFloat ? undefined : h.number('BLANK');

    const origin = new Array<number>(znaxis).fill(0);
    const dims = new Array<number>(znaxis).fill(0);
    for (let t = 0; t < ntiles; t++) {
      this.t = t;
      // Tiles run through the tile grid with axis 1 fastest.
      let rest = t;
      let n = 1;
      for (let a = 0; a < znaxis; a++) {
        const k = rest % tilesPerAxis[a];
        rest = (rest - k) / tilesPerAxis[a];
        origin[a] = k * tile[a];
        dims[a] = Math.min(tile[a], shape[a] - origin[a]);
        n *= dims[a];
      }
      const src = this.readTile(n);
      if (src !== 'ints') {
        scatter(src, out, n, origin, dims, shape, scaling.bscale, scaling.bzero, imageBlank);
      } else if (!this.quantized) {
        const blank = this.rowValue(this.cBlank, 'ZBLANK') ?? imageBlank;
        scatter(this.ints, out, n, origin, dims, shape, scaling.bscale, scaling.bzero, blank);
      } else {
        const zscale = this.rowValue(this.cScale, 'ZSCALE');
        const zzero = this.rowValue(this.cZero, 'ZZERO');
        if (zscale === undefined || zzero === undefined) return this.fail(`tile ${t + 1} has no ZSCALE/ZZERO`, 'ZSCALE');
        const blank = this.rowValue(this.cBlank, 'ZBLANK');
        unquantize(this.ints, this.floats, n, zscale, zzero, blank, this.quantize, t + 1, zdither0);
        scatter(this.floats, out, n, origin, dims, shape, 1, 0, undefined);
      }
    }
    return { header: imageHeader(h), bitpix: this.bitpix, shape, data: out };
  }

  /** Decode the current tile of `n` pixels: integers into `this.ints` ('ints'), or the values. */
  private readTile(n: number): 'ints' | ArrayLike<number> {
    const { table, cData, cGzip, cRaw } = this;
    const d = cData ? table.descriptor(cData, this.t) : undefined;
    if (cData && d && d.count > 0) {
      const start = table.heapOffset + d.offset;
      const end = start + d.count * (cData.code === 'I' ? 2 : cData.code === 'J' ? 4 : 1);
      const integers = this.quantized || !this.isFloat;
      switch (this.cmp) {
        case 'RICE_1':
        case 'RICE_ONE':
          try {
            riceDecode(table.bytes, start, end, this.ints, n, this.blockSize, this.bytepix);
          } catch (e) {
            if (e instanceof RiceStreamError) this.fail(`tile ${this.t + 1}: ${e.message}`, undefined, start);
            throw e;
          }
          return 'ints';
        case 'GZIP_1':
        case 'GZIP_2':
          return this.fromBytes(this.inflate(start, end, n, this.cmp === 'GZIP_2'), n, integers);
        case 'NOCOMPRESS':
          return this.fromBytes(table.bytes.subarray(start, end), n, integers);
        default:
          return this.fail(`unsupported tile compression ${this.cmp}`, 'ZCMPTYPE');
      }
    }
    // Tiles that could not be compressed normally (cfitsio falls back to these columns).
    const g = cGzip ? table.descriptor(cGzip, this.t) : undefined;
    if (g && g.count > 0) {
      const start = table.heapOffset + g.offset;
      return this.fromBytes(this.inflate(start, start + g.count, n, false), n, !this.isFloat);
    }
    const r = cRaw ? table.descriptor(cRaw, this.t) : undefined;
    if (cRaw && r && r.count > 0) {
      if (r.count !== n) this.fail(`tile ${this.t + 1}: UNCOMPRESSED_DATA has ${r.count} values, the tile ${n}`);
      return decodeElements(table.bytes, table.heapOffset + r.offset, r.count, cRaw.code) as ArrayLike<number>;
    }
    return this.fail(`tile ${this.t + 1} has no data`, undefined, table.tableOffset + this.t * table.rowBytes);
  }

  /** Raw big-endian tile bytes -> integers in `this.ints`, or floating-point values. */
  private fromBytes(raw: Uint8Array, n: number, integers: boolean): 'ints' | ArrayLike<number> {
    const size = n > 0 ? raw.length / n : 0;
    const ints = this.ints;
    if (integers) {
      if (size === 1) for (let i = 0; i < n; i++) ints[i] = raw[i];
      else if (size === 2) ints.set(new Int16Array(swappedCopy(raw, 0, n, 2)));
      else if (size === 4) ints.set(new Int32Array(swappedCopy(raw, 0, n, 4)));
      else if (size === 8) {
        // 64-bit tiles: values are carried as doubles through the int32 scratch only when they fit.
        const big = new BigInt64Array(swappedCopy(raw, 0, n, 8));
        return Array.from(big, (v) => Number(v));
      } else this.fail(`tile ${this.t + 1} of ${n} pixels decompressed to ${raw.length} bytes`);
      return 'ints';
    }
    if (size === 4) return new Float32Array(swappedCopy(raw, 0, n, 4));
    if (size === 8) return new Float64Array(swappedCopy(raw, 0, n, 8));
    return this.fail(`floating-point tile ${this.t + 1} of ${n} pixels decompressed to ${raw.length} bytes`);
  }

  private inflate(start: number, end: number, n: number, shuffled: boolean): Uint8Array {
    const input = Buffer.from(this.table.bytes.buffer, this.table.bytes.byteOffset + start, end - start);
    let raw: Uint8Array;
    try {
      // A tile never holds more than 8 bytes per pixel: refuse to inflate beyond that.
      raw = unzipSync(input, { maxOutputLength: Math.max(n * 8, 1) });
    } catch (e) {
      return this.fail(`tile ${this.t + 1}: corrupt gzip data (${(e as Error).message})`, undefined, start);
    }
    return shuffled ? unshuffle(raw, raw.length / n) : raw;
  }

  /** Per-tile value from a table column, else the keyword of the same name. */
  private rowValue(col: FitsColumn | undefined, key: string): number | undefined {
    if (!col) return this.h.number(key);
    const at = this.table.tableOffset + this.t * this.table.rowBytes + col.byteOffset;
    switch (col.code) {
      case 'D':
        return this.view.getFloat64(at);
      case 'E':
        return this.view.getFloat32(at);
      case 'J':
        return this.view.getInt32(at);
      case 'I':
        return this.view.getInt16(at);
      default:
        return this.fail(`unsupported ${key} column format ${col.form}`, key);
    }
  }

  /** ZVALi of the compression parameter named `name` (ZNAMEi), or the default. */
  private param(name: string, fallback: number): number {
    for (let i = 1; this.h.has(`ZNAME${i}`); i++) {
      if (this.h.string(`ZNAME${i}`)?.toUpperCase() === name) return this.h.number(`ZVAL${i}`) ?? fallback;
    }
    return fallback;
  }

  private fail(reason: string, keyword?: string, offset?: number): never {
    throw new FitsError(reason, { ...this.where, keyword, offset });
  }
}

function quantizeMethod(zquantiz: string | undefined): Quantize {
  switch ((zquantiz ?? 'NO_DITHER').toUpperCase()) {
    case 'SUBTRACTIVE_DITHER_1':
      return 'dither1';
    case 'SUBTRACTIVE_DITHER_2':
      return 'dither2';
    default:
      return 'linear';
  }
}

function integerKey(h: FitsHeader, key: string, min: number, where: FitsErrorLocation): number {
  const v = h.number(key);
  if (v === undefined || !Number.isInteger(v) || v < min) {
    throw new FitsError(`invalid ${key} ${JSON.stringify(h.get(key))}`, { ...where, keyword: key });
  }
  return v;
}

/**
 * Quantised integers -> floating-point values (cfitsio `unquantize_i4r8`): with subtractive
 * dithering the random offset advances for every pixel, null or not.
 */
function unquantize(
  ints: Int32Array,
  out: Float64Array,
  n: number,
  zscale: number,
  zzero: number,
  blank: number | undefined,
  method: Quantize,
  tileNumber: number,
  zdither0: number,
): void {
  const nul = blank === undefined ? NaN : blank;
  if (method === 'linear') {
    for (let i = 0; i < n; i++) out[i] = ints[i] === nul ? NaN : ints[i] * zscale + zzero;
    return;
  }
  const r = ditherSequence();
  let { seed, next } = ditherStart(tileNumber, zdither0);
  const zeroCode = method === 'dither2' ? DITHER2_ZERO_VALUE : NaN;
  for (let i = 0; i < n; i++) {
    const v = ints[i];
    out[i] = v === nul ? NaN : v === zeroCode ? 0 : (v - r[next] + 0.5) * zscale + zzero;
    if (++next === N_RANDOM) {
      if (++seed === N_RANDOM) seed = 0;
      next = Math.trunc(Math.fround(r[seed] * 500));
    }
  }
}

/** Copy a tile (tile-local order) into the image, scaling and blanking integers on the way. */
function scatter(
  src: ArrayLike<number>,
  out: PhysicalArray,
  n: number,
  origin: number[],
  dims: number[],
  shape: number[],
  bscale: number,
  bzero: number,
  blank: number | undefined,
): void {
  const rowLength = dims[0];
  const counter = new Array<number>(dims.length).fill(0);
  for (let s = 0; s < n; s += rowLength) {
    let dst = 0;
    let stride = 1;
    for (let a = 0; a < dims.length; a++) {
      dst += (origin[a] + (a === 0 ? 0 : counter[a])) * stride;
      stride *= shape[a];
    }
    if (src instanceof Int32Array) {
      if (out instanceof Float64Array) scaleInt32ToFloat64(src, s, out, dst, rowLength, bscale, bzero, blank);
      else scaleInt32ToFloat32(src, s, out, dst, rowLength, bscale, bzero, blank);
    } else {
      scaleInto(src, s, out, dst, rowLength, bscale, bzero, blank);
    }
    for (let a = 1; a < dims.length; a++) {
      if (++counter[a] < dims[a]) break;
      counter[a] = 0;
    }
  }
}

/** GZIP_2 stores all most-significant bytes first, then the next bytes, and so on. */
function unshuffle(raw: Uint8Array, size: number): Uint8Array {
  if (!Number.isInteger(size) || size <= 1) return raw;
  const n = raw.length / size;
  const out = new Uint8Array(raw.length);
  for (let b = 0; b < size; b++) {
    const from = b * n;
    for (let i = 0; i < n; i++) out[i * size + b] = raw[from + i];
  }
  return out;
}

const TABLE_ONLY = /^(XTENSION|BITPIX|NAXIS\d*|PCOUNT|GCOUNT|TFIELDS|T(TYPE|FORM|UNIT|DIM|SCAL|ZERO|NULL|DISP)\d+|THEAP|CHECKSUM|DATASUM|ZIMAGE|ZCMPTYPE|ZBITPIX|ZNAXIS\d*|ZTILE\d+|ZNAME\d+|ZVAL\d+|ZQUANTIZ|ZDITHER0|ZMASKCMP|ZSIMPLE|ZTENSION|ZEXTEND|ZBLOCKED|ZPCOUNT|ZGCOUNT|ZHECKSUM|ZDATASUM|ZSCALE|ZZERO|ZBLANK)$/;

/** The header of the uncompressed image (FITS 4.0 section 10.1.1: Z keywords restored). */
export function imageHeader(h: FitsHeader): FitsHeader {
  const cards: FitsCard[] = [];
  const zsimple = h.get('ZSIMPLE');
  if (zsimple !== undefined) cards.push({ key: 'SIMPLE', value: zsimple });
  else cards.push({ key: 'XTENSION', value: h.string('ZTENSION') ?? 'IMAGE' });
  cards.push({ key: 'BITPIX', value: h.get('ZBITPIX') ?? null });
  const znaxis = h.number('ZNAXIS') ?? 0;
  cards.push({ key: 'NAXIS', value: znaxis });
  for (let i = 1; i <= znaxis; i++) cards.push({ key: `NAXIS${i}`, value: h.get(`ZNAXIS${i}`) ?? null });
  if (zsimple !== undefined) {
    if (h.has('ZEXTEND')) cards.push({ key: 'EXTEND', value: h.get('ZEXTEND') ?? null });
  } else {
    cards.push({ key: 'PCOUNT', value: h.get('ZPCOUNT') ?? 0 }, { key: 'GCOUNT', value: h.get('ZGCOUNT') ?? 1 });
  }
  for (const c of h.cards) if (!TABLE_ONLY.test(c.key)) cards.push({ ...c });
  if (h.has('ZHECKSUM')) cards.push({ key: 'CHECKSUM', value: h.get('ZHECKSUM') ?? null });
  if (h.has('ZDATASUM')) cards.push({ key: 'DATASUM', value: h.get('ZDATASUM') ?? null });
  return new FitsHeader(cards);
}
