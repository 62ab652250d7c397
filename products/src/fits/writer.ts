/**
 * FITS writer: a primary HDU and any number of IMAGE extensions (or GZIP_1 / RICE_1 tile-compressed
 * images), big-endian data, headers padded with spaces and data with zeros to 2880-byte blocks,
 * DATE, LONGSTRN when long strings are present, and CHECKSUM/DATASUM on every HDU.
 * The output passes `fitsverify` and reads in astropy without warnings when the caller's
 * cards are standard (WCS units, ISO dates: the writer checks the date keywords).
 *
 * The writer owns the structural keywords: SIMPLE, XTENSION, BITPIX, NAXISn, EXTEND, PCOUNT,
 * GCOUNT, CHECKSUM, DATASUM, LONGSTRN and the table/compression keywords are taken out of the
 * caller's cards (so a header read from another file can be passed through), as are BSCALE,
 * BZERO and BLANK on floating-point data, where they would re-scale the values on reading.
 * A keyword given twice keeps its first position and its last value.
 *
 * @module
 */
import { endianness } from 'node:os';
import { formatCard, isLongString } from './cards.ts';
import { addSums, encodeChecksum, onesComplementSum } from './checksum.ts';
import { FitsError } from './errors.ts';
import type { FitsCard } from './header.ts';
import { compressImage, type TileCompression, type WritablePixels } from './tile-writer.ts';

const BLOCK = 2880;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** One HDU to write. The first one is the primary HDU. */
export interface FitsWriteHdu {
  data?: WritablePixels;
  /** [NAXIS1, NAXIS2, ...]; default [data.length]. */
  shape?: number[];
  /** Stored type; default from the array type (Float32Array -32, Float64Array -64, Int16Array 16, Int32Array 32, Uint8Array 8). */
  bitpix?: 8 | 16 | 32 | -32 | -64;
  /** Header cards in order (values, comments, COMMENT/HISTORY). */
  cards?: FitsCard[];
  extname?: string;
  /** Tile compression (extensions only): GZIP_1 (lossless, any type) or RICE_1 (integers). */
  compress?: TileCompression;
}

export interface WriteFitsOptions {
  /** Value of the DATE card (file creation time); default now. `false` writes no DATE. */
  date?: Date | false;
  /** Write CHECKSUM and DATASUM (default true). */
  checksum?: boolean;
  /** zlib level for GZIP_1 tiles (default 6). */
  gzipLevel?: number;
}

const RESERVED =
  /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|GROUPS|END|CHECKSUM|DATASUM|LONGSTRN|THEAP|TFIELDS|T(TYPE|FORM|UNIT|DIM|SCAL|ZERO|NULL|DISP)\d+|ZIMAGE|ZCMPTYPE|ZBITPIX|ZNAXIS\d*|ZTILE\d+|ZNAME\d+|ZVAL\d+|ZQUANTIZ|ZDITHER0|ZMASKCMP|ZSIMPLE|ZTENSION|ZEXTEND|ZBLOCKED|ZPCOUNT|ZGCOUNT|ZHECKSUM|ZDATASUM|ZSCALE|ZZERO|ZBLANK)$/;
const SCALING = /^(BSCALE|BZERO|BLANK)$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);

/** Serialise HDUs to a FITS byte stream. */
export function writeFits(hdus: FitsWriteHdu[], opts: WriteFitsOptions = {}): Uint8Array {
  if (hdus.length === 0) throw new FitsError('nothing to write: give at least a primary HDU');
  if (hdus[0].compress) {
    throw new FitsError('the primary HDU cannot be tile-compressed: write an empty primary HDU first', { hdu: 0 });
  }
  const date = opts.date === false ? undefined : isoSeconds(opts.date ?? new Date());
  const longStrings = hdus.some((h) => (h.cards ?? []).some(isLongString));
  const plans = hdus.map((hdu, index) => plan(hdu, index, hdus.length, { date, longStrings, gzipLevel: opts.gzipLevel ?? 6 }));
  const checksum = opts.checksum !== false;

  const headers = plans.map((p) => p.cards.flatMap((c) => formatCard(c, p.index)));
  const headerBytes = headers.map((records) => padded((records.length + (checksum ? 2 : 0) + 1) * 80));
  const total = plans.reduce((sum, p, i) => sum + headerBytes[i] + padded(p.dataBytes), 0);
  const out = new Uint8Array(total);
  let offset = 0;
  plans.forEach((p, i) => {
    const dataOffset = offset + headerBytes[i];
    p.writeData(out, dataOffset);
    const records = headers[i];
    let checksumAt = -1;
    let dataSum = 0;
    if (checksum) {
      dataSum = onesComplementSum(out, dataOffset, dataOffset + padded(p.dataBytes));
      const stamp = date ? ` ${date}` : '';
      checksumAt = offset + records.length * 80 + 11;
      records.push(...formatCard({ key: 'CHECKSUM', value: '0000000000000000', comment: `HDU checksum${stamp}` }));
      records.push(...formatCard({ key: 'DATASUM', value: String(dataSum), comment: `data unit checksum${stamp}` }));
    }
    records.push('END'.padEnd(80));
    const text = records.join('').padEnd(headerBytes[i], ' ');
    out.set(Buffer.from(text, 'latin1'), offset);
    if (checksum) {
      const sum = addSums(onesComplementSum(out, offset, dataOffset), dataSum);
      out.set(Buffer.from(encodeChecksum(sum), 'latin1'), checksumAt);
    }
    offset = dataOffset + padded(p.dataBytes);
  });
  return out;
}

interface HduPlan {
  index: number;
  cards: FitsCard[];
  dataBytes: number;
  writeData: (out: Uint8Array, offset: number) => void;
}

interface PlanContext {
  date?: string;
  longStrings: boolean;
  gzipLevel: number;
}

function plan(hdu: FitsWriteHdu, index: number, count: number, ctx: PlanContext): HduPlan {
  const where = { hdu: index };
  const data = hdu.data;
  const bitpix = hdu.bitpix ?? (data ? naturalBitpix(data, index) : 8);
  const shape = data ? (hdu.shape ?? [data.length]) : [];
  if (data) checkShape(shape, data.length, index);
  if (data && (bitpix < 0) !== (data instanceof Float32Array || data instanceof Float64Array)) {
    throw new FitsError(`BITPIX ${bitpix} does not match ${data.constructor.name} data (no integer/float conversion)`, where);
  }
  const pixels = data ? storedPixels(data, bitpix) : undefined;
  const userCards = lastValueWins(
    (hdu.cards ?? []).filter(
      (c) => !RESERVED.test(c.key) && !(bitpix < 0 && SCALING.test(c.key)) && !(hdu.extname !== undefined && c.key === 'EXTNAME'),
    ),
  );
  const tail: FitsCard[] = [];
  if (hdu.extname !== undefined) tail.push({ key: 'EXTNAME', value: hdu.extname, comment: 'extension name' });
  if (index === 0 && ctx.longStrings) {
    tail.push({ key: 'LONGSTRN', value: 'OGIP 1.0', comment: 'The OGIP long string convention may be used' });
  }
  if (ctx.date && !userCards.some((c) => c.key === 'DATE')) {
    tail.push({ key: 'DATE', value: ctx.date, comment: 'file creation date (UTC)' });
  }
  tail.push(...withMjdObs(userCards));

  if (hdu.compress && pixels && pixels.length > 0) {
    const table = compressImage(pixels, shape, bitpix, hdu.compress, ctx.gzipLevel, index);
    return {
      index,
      cards: [...table.cards, ...tail],
      dataBytes: table.bytes.length,
      writeData: (out, offset) => out.set(table.bytes, offset),
    };
  }
  const mandatory: FitsCard[] =
    index === 0
      ? [{ key: 'SIMPLE', value: true, comment: 'conforms to the FITS standard' }]
      : [{ key: 'XTENSION', value: 'IMAGE', comment: 'image extension' }];
  mandatory.push({ key: 'BITPIX', value: bitpix, comment: bitpixComment(bitpix) });
  mandatory.push({ key: 'NAXIS', value: shape.length, comment: 'number of data axes' });
  shape.forEach((n, i) => mandatory.push({ key: `NAXIS${i + 1}`, value: n, comment: `length of data axis ${i + 1}` }));
  if (index === 0) {
    if (count > 1) mandatory.push({ key: 'EXTEND', value: true, comment: 'FITS dataset may contain extensions' });
  } else {
    mandatory.push({ key: 'PCOUNT', value: 0, comment: 'no parameters' }, { key: 'GCOUNT', value: 1, comment: 'one data group' });
  }
  const bytesPer = Math.abs(bitpix) / 8;
  return {
    index,
    cards: [...mandatory, ...tail],
    dataBytes: pixels ? pixels.length * bytesPer : 0,
    writeData: (out, offset) => {
      if (pixels) writeBigEndian(pixels, out, offset);
    },
  };
}

function naturalBitpix(data: WritablePixels, hdu: number): 8 | 16 | 32 | -32 | -64 {
  if (data instanceof Float32Array) return -32;
  if (data instanceof Float64Array) return -64;
  if (data instanceof Int16Array) return 16;
  if (data instanceof Int32Array) return 32;
  if (data instanceof Uint8Array) return 8;
  throw new FitsError('data must be a Float32Array, Float64Array, Int32Array, Int16Array or Uint8Array', { hdu });
}

/** The pixels in the array type of `bitpix` (float32 <-> float64 conversion only). */
function storedPixels(data: WritablePixels, bitpix: number): WritablePixels {
  if (bitpix === -32 && !(data instanceof Float32Array)) return Float32Array.from(data);
  if (bitpix === -64 && !(data instanceof Float64Array)) return Float64Array.from(data);
  const natural = naturalBitpix(data, -1);
  if (natural !== bitpix) {
    throw new FitsError(`BITPIX ${bitpix} does not match ${data.constructor.name} data`);
  }
  return data;
}

function checkShape(shape: number[], length: number, hdu: number): void {
  if (shape.length > 999 || shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new FitsError(`invalid shape [${shape.join(', ')}]`, { hdu });
  }
  const product = shape.reduce((a, b) => a * b, shape.length > 0 ? 1 : 0);
  if (product !== length) {
    throw new FitsError(`shape [${shape.join(', ')}] holds ${product} pixels but data has ${length}`, { hdu });
  }
}

/** Copy pixels into `out` at `offset` (a multiple of 2880, hence aligned) and swap to big-endian. */
function writeBigEndian(pixels: WritablePixels, out: Uint8Array, offset: number): void {
  const n = pixels.length;
  const size = pixels.BYTES_PER_ELEMENT;
  const Ctor = pixels.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => WritablePixels;
  (new Ctor(out.buffer, out.byteOffset + offset, n) as { set(a: ArrayLike<number>): void }).set(pixels);
  if (!LITTLE_ENDIAN_HOST) return;
  const bytes = Buffer.from(out.buffer, out.byteOffset + offset, n * size);
  if (size === 2) bytes.swap16();
  else if (size === 4) bytes.swap32();
  else if (size === 8) bytes.swap64();
}

function padded(n: number): number {
  return Math.ceil(n / BLOCK) * BLOCK;
}

function bitpixComment(bitpix: number): string {
  switch (bitpix) {
    case 8:
      return '8-bit unsigned integers';
    case 16:
      return '16-bit signed integers';
    case 32:
      return '32-bit signed integers';
    case -32:
      return 'IEEE 754 single precision';
    default:
      return 'IEEE 754 double precision';
  }
}

/**
 * A keyword given twice keeps its first position and its last value (so a header read from an
 * input file can be passed with overrides appended). Commentary cards are all kept.
 */
function lastValueWins(cards: FitsCard[]): FitsCard[] {
  const last = new Map<string, FitsCard>();
  for (const c of cards) if (!COMMENTARY.has(c.key)) last.set(c.key, c);
  const seen = new Set<string>();
  const out: FitsCard[] = [];
  for (const c of cards) {
    if (COMMENTARY.has(c.key)) out.push(c);
    else if (!seen.has(c.key)) {
      seen.add(c.key);
      out.push(last.get(c.key) as FitsCard);
    }
  }
  return out;
}

/**
 * Add MJD-OBS right after DATE-OBS when the caller gave only DATE-OBS: WCS readers (wcslib
 * `datfix`, hence astropy) otherwise derive it themselves and warn. Same time scale as DATE-OBS
 * (FITS 4.0 section 9.2.1), so this is calendar arithmetic only.
 */
function withMjdObs(cards: FitsCard[]): FitsCard[] {
  const at = cards.findIndex((c) => c.key === 'DATE-OBS');
  if (at < 0 || cards.some((c) => c.key === 'MJD-OBS') || typeof cards[at].value !== 'string') return cards;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?$/.exec(cards[at].value as string);
  if (!m) return cards; // formatCard reports the malformed date
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 + 40587; // MJD of 1970-01-01 is 40587
  const seconds = m[4] === undefined ? 0 : Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  const mjd: FitsCard = { key: 'MJD-OBS', value: days + seconds / 86400, comment: 'MJD of DATE-OBS' };
  return [...cards.slice(0, at + 1), mjd, ...cards.slice(at + 1)];
}

/** 'YYYY-MM-DDThh:mm:ss' in UTC. */
function isoSeconds(d: Date): string {
  return d.toISOString().slice(0, 19);
}
