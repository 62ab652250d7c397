/**
 * FITS reader: walks the HDUs of a byte buffer (2880-byte blocks), decodes images (primary,
 * IMAGE extensions, tile-compressed BINTABLEs) to physical values and exposes other binary tables.
 *
 * Every size announced by a header is checked against the bytes actually present before anything
 * is allocated, so a truncated or hostile file raises a located FitsError instead of allocating
 * gigabytes or returning a silently partial array.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { FitsTable } from './bintable.ts';
import { decodeCompressedImage, isCompressedImage } from './compressed.ts';
import { FitsError, type FitsErrorLocation } from './errors.ts';
import { FitsHeader, readHeaderBlock } from './header.ts';
import { decodePhysical, type PhysicalArray } from './pixels.ts';

const gunzipAsync = promisify(gunzip);
const BLOCK = 2880;
/** Deflate cannot expand data by more than ~1032:1; a larger claim is a zip bomb. */
const MAX_GZIP_RATIO = 1032;

/** An image HDU decoded to physical values (BSCALE/BZERO applied, BLANK -> NaN), x fastest. */
export interface FitsImage {
  header: FitsHeader;
  hduIndex: number;
  extname?: string;
  bitpix: number;
  /** [NAXIS1, NAXIS2, ...] */
  shape: number[];
  width: number;
  height: number;
  data: Float32Array | Float64Array;
  /** True when the image was stored tile-compressed (header is then the restored image header). */
  compressed?: boolean;
}

/** One HDU as found in the file. `kind`: primary, image, bintable, compressed-image, table, ... */
export interface FitsHdu {
  index: number;
  header: FitsHeader;
  kind: string;
  /** Absolute byte offsets of the header and of the data, and the data size (without padding). */
  headerOffset: number;
  dataOffset: number;
  dataBytes: number;
}

export interface FitsFile {
  primaryHeader: FitsHeader;
  hdus: FitsHdu[];
  images: FitsImage[];
  /** Binary tables that are not compressed images, with typed column access. */
  tables: FitsTable[];
}

export interface ReadFitsOptions {
  /** File name for error messages. */
  source?: string;
  /** Return every image as Float32Array (default: float64 when float32 would lose precision). */
  float32?: boolean;
  /** Parse headers only; `images` stays empty and no pixel is decoded. */
  headersOnly?: boolean;
}

/** Read all HDUs of an in-memory FITS file (plain, not gzip-wrapped: see `readFitsFile`). */
export function readFits(bytes: Uint8Array, opts: ReadFitsOptions = {}): FitsFile {
  const source = opts.source;
  const hdus: FitsHdu[] = [];
  const images: FitsImage[] = [];
  const tables: FitsTable[] = [];
  if (bytes.length < BLOCK) {
    throw new FitsError(`file of ${bytes.length} bytes is shorter than one FITS block (2880 bytes)`, { source, offset: 0 });
  }
  let offset = 0;
  while (offset < bytes.length) {
    const index = hdus.length;
    const where: FitsErrorLocation = { source, hdu: index };
    if (index > 0 && !startsWith(bytes, offset, 'XTENSION')) {
      if (isPadding(bytes, offset)) break; // trailing zero or blank blocks are harmless
      throw new FitsError('unexpected bytes after the last HDU (expected XTENSION)', { ...where, offset });
    }
    if (index === 0 && !startsWith(bytes, 0, 'SIMPLE  =')) {
      throw new FitsError('not a FITS file: the first card is not SIMPLE', { ...where, offset: 0, keyword: 'SIMPLE' });
    }
    const { header, dataOffset } = readHeaderBlock(bytes, offset, where);
    const layout = dataLayout(header, index, where);
    const end = dataOffset + layout.dataBytes;
    if (end > bytes.length) {
      throw new FitsError(
        `data unit needs ${layout.dataBytes} bytes (from NAXISn, BITPIX, PCOUNT, GCOUNT) but only ${Math.max(0, bytes.length - dataOffset)} remain: file truncated or header wrong`,
        { ...where, offset: dataOffset, keyword: 'NAXIS' },
      );
    }
    const hdu: FitsHdu = { index, header, kind: layout.kind, headerOffset: offset, dataOffset, dataBytes: layout.dataBytes };
    hdus.push(hdu);
    if (!opts.headersOnly) decodeHdu(bytes, hdu, layout, opts, where, images, tables);
    offset = dataOffset + Math.ceil(layout.dataBytes / BLOCK) * BLOCK;
  }
  return { primaryHeader: hdus[0].header, hdus, images, tables };
}

/**
 * The FITS bytes of a file's content: gzip-wrapped files (`.fits.gz`, detected by magic bytes)
 * are inflated, within the deflate ratio limit; others are returned as they are.
 */
export async function unwrapFitsBytes(bytes: Uint8Array, source?: string): Promise<Uint8Array> {
  if (!(bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  try {
    const limit = Math.min(bytes.length * MAX_GZIP_RATIO + BLOCK, bufferConstants.MAX_LENGTH);
    return await gunzipAsync(bytes, { maxOutputLength: limit });
  } catch (e) {
    throw new FitsError(`corrupt gzip wrapper (${(e as Error).message})`, { source, offset: 0 }, { cause: e });
  }
}

/** Read a FITS file from disk; gzip-wrapped files (`.fits.gz`, detected by magic bytes) are inflated. */
export async function readFitsFile(path: string, opts: ReadFitsOptions = {}): Promise<FitsFile> {
  const source = opts.source ?? path;
  return readFits(await unwrapFitsBytes(await readFile(path), source), { ...opts, source });
}

/** The first HDU with image data (compressed images included). */
export function firstImage(f: FitsFile): FitsImage {
  const image = f.images[0];
  if (!image) throw new FitsError('the file holds no image data', {});
  return image;
}

interface DataLayout {
  kind: string;
  bitpix: number;
  axes: number[];
  dataBytes: number;
}

/** Data size and kind of an HDU from its mandatory keywords, validated (FITS 4.0 sections 4.4.1, 7). */
function dataLayout(h: FitsHeader, index: number, where: FitsErrorLocation): DataLayout {
  const integer = (key: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = h.get(key);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new FitsError(`${key} must be an integer in [${min}, ${max}], found ${JSON.stringify(v ?? 'nothing')}`, { ...where, keyword: key });
    }
    return v;
  };
  const bitpix = integer('BITPIX', -64, 64);
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) {
    throw new FitsError(`invalid BITPIX ${bitpix}`, { ...where, keyword: 'BITPIX' });
  }
  const naxis = integer('NAXIS', 0, 999);
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) axes.push(integer(`NAXIS${i}`, 0));
  let kind: string;
  let pcount = 0;
  let gcount = 1;
  if (index === 0) {
    kind = 'primary';
    if (h.get('GROUPS') === true && axes[0] === 0) {
      kind = 'random-groups';
      pcount = integer('PCOUNT', 0);
      gcount = integer('GCOUNT', 0);
    }
  } else {
    const xtension = String(h.get('XTENSION') ?? '').trim().toUpperCase();
    pcount = integer('PCOUNT', 0);
    gcount = integer('GCOUNT', 0);
    kind = xtension === 'IMAGE' ? 'image' : xtension === 'BINTABLE' ? (isCompressedImage(h) ? 'compressed-image' : 'bintable') : xtension.toLowerCase();
    if (xtension === 'BINTABLE' && (bitpix !== 8 || naxis !== 2)) {
      throw new FitsError('a BINTABLE needs BITPIX = 8 and NAXIS = 2', { ...where, keyword: bitpix !== 8 ? 'BITPIX' : 'NAXIS' });
    }
  }
  let elements = naxis === 0 ? 0 : 1;
  for (let i = kind === 'random-groups' ? 1 : 0; i < naxis; i++) elements *= axes[i];
  const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (!Number.isSafeInteger(dataBytes)) {
    throw new FitsError(`data size ${dataBytes} is not representable`, { ...where, keyword: 'NAXIS' });
  }
  return { kind, bitpix, axes, dataBytes };
}

function decodeHdu(
  bytes: Uint8Array,
  hdu: FitsHdu,
  layout: DataLayout,
  opts: ReadFitsOptions,
  where: FitsErrorLocation,
  images: FitsImage[],
  tables: FitsTable[],
): void {
  const h = hdu.header;
  const extname = h.string('EXTNAME');
  if ((layout.kind === 'primary' || layout.kind === 'image') && layout.dataBytes > 0) {
    const n = layout.dataBytes / (Math.abs(layout.bitpix) / 8);
    const scaling = { bscale: h.number('BSCALE') ?? 1, bzero: h.number('BZERO') ?? 0, blank: h.number('BLANK') };
    const data = decodePhysical(bytes, hdu.dataOffset, n, layout.bitpix, scaling, opts.float32 === true);
    images.push(makeImage(h, hdu.index, extname, layout.bitpix, layout.axes, data, false));
  } else if (layout.kind === 'bintable' || layout.kind === 'compressed-image') {
    const table = new FitsTable(bytes, hdu.dataOffset, h, hdu.index, where);
    if (layout.kind === 'bintable') {
      tables.push(table);
      return;
    }
    const decoded = decodeCompressedImage(table, opts.float32 === true, where);
    if (decoded.data.length > 0) {
      images.push(makeImage(decoded.header, hdu.index, extname, decoded.bitpix, decoded.shape, decoded.data, true));
    }
  }
}

function makeImage(
  header: FitsHeader,
  hduIndex: number,
  extname: string | undefined,
  bitpix: number,
  shape: number[],
  data: PhysicalArray,
  compressed: boolean,
): FitsImage {
  const image: FitsImage = { header, hduIndex, bitpix, shape, width: shape[0] ?? 0, height: shape[1] ?? 1, data };
  if (extname !== undefined) image.extname = extname;
  if (compressed) image.compressed = true;
  return image;
}

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function isPadding(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < bytes.length; i++) if (bytes[i] !== 0 && bytes[i] !== 0x20) return false;
  return true;
}
