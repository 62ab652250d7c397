/**
 * Tile compression for the writer: an image becomes a standard compressed-image BINTABLE
 * (FITS 4.0 section 10) with one tile per image row, one `1PB` COMPRESSED_DATA column and the heap
 * right after the table. GZIP_1 is lossless for every pixel type (floating point included, no
 * quantisation); RICE_1 is offered for integer images (8, 16 and 32 bits).
 *
 * @module
 */
import { gzipSync } from 'node:zlib';
import { FitsError } from './errors.ts';
import type { FitsCard } from './header.ts';
import { riceEncode } from './rice.ts';

export type TileCompression = 'GZIP_1' | 'RICE_1';

/** Pixel arrays the writer accepts. */
export type WritablePixels = Float32Array | Float64Array | Int16Array | Int32Array | Uint8Array;

/** The table part of a compressed HDU: its structural cards and its data unit (table + heap). */
export interface CompressedTable {
  cards: FitsCard[];
  bytes: Uint8Array;
}

const RICE_BLOCKSIZE = 32;

/**
 * Compress `data` (already in the type of `bitpix`) tile by tile. `gzipLevel` trades speed for
 * size (zlib levels 1-9).
 */
export function compressImage(
  data: WritablePixels,
  shape: number[],
  bitpix: number,
  method: TileCompression,
  gzipLevel: number,
  hdu: number,
): CompressedTable {
  if (method === 'RICE_1' && bitpix < 0) {
    throw new FitsError('RICE_1 needs integer pixels (floating point would need lossy quantisation): use GZIP_1', { hdu });
  }
  const rowLength = shape[0];
  const rows = data.length / rowLength;
  const bytepix = Math.abs(bitpix) / 8;
  const tiles: Uint8Array[] = [];
  const rowBytes = new Uint8Array(rowLength * bytepix);
  const rowView = new DataView(rowBytes.buffer);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * rowLength, (r + 1) * rowLength);
    if (method === 'RICE_1') {
      tiles.push(riceEncode(row, rowLength, RICE_BLOCKSIZE, bytepix));
      continue;
    }
    bigEndianRow(row, bitpix, rowView);
    tiles.push(gzipSync(rowBytes, { level: gzipLevel }));
  }
  const heapSize = tiles.reduce((a, t) => a + t.length, 0);
  const tableSize = 8 * tiles.length;
  if (tableSize + heapSize > 0x7fffffff) throw new FitsError('compressed image exceeds the 2 GiB reach of 1PB descriptors', { hdu });
  const bytes = new Uint8Array(tableSize + heapSize);
  const view = new DataView(bytes.buffer);
  let heapOffset = 0;
  let maxLength = 0;
  tiles.forEach((tile, i) => {
    view.setInt32(8 * i, tile.length);
    view.setInt32(8 * i + 4, heapOffset);
    bytes.set(tile, tableSize + heapOffset);
    heapOffset += tile.length;
    maxLength = Math.max(maxLength, tile.length);
  });

  const cards: FitsCard[] = [
    { key: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension' },
    { key: 'BITPIX', value: 8, comment: '8-bit bytes' },
    { key: 'NAXIS', value: 2, comment: '2-dimensional binary table' },
    { key: 'NAXIS1', value: 8, comment: 'width of table in bytes' },
    { key: 'NAXIS2', value: tiles.length, comment: 'number of rows in table (one per tile)' },
    { key: 'PCOUNT', value: heapSize, comment: 'size of the heap' },
    { key: 'GCOUNT', value: 1, comment: 'one data group' },
    { key: 'TFIELDS', value: 1, comment: 'number of fields in each row' },
    { key: 'TTYPE1', value: 'COMPRESSED_DATA', comment: 'label for field 1' },
    { key: 'TFORM1', value: `1PB(${maxLength})`, comment: 'variable-length array of bytes' },
    { key: 'ZIMAGE', value: true, comment: 'extension contains a compressed image' },
    { key: 'ZTENSION', value: 'IMAGE', comment: 'the uncompressed HDU is an image extension' },
    { key: 'ZBITPIX', value: bitpix, comment: 'data type of the original image' },
    { key: 'ZNAXIS', value: shape.length, comment: 'dimension of the original image' },
    ...shape.map((n, i) => ({ key: `ZNAXIS${i + 1}`, value: n, comment: `length of original image axis ${i + 1}` })),
    { key: 'ZPCOUNT', value: 0, comment: 'PCOUNT of the original image' },
    { key: 'ZGCOUNT', value: 1, comment: 'GCOUNT of the original image' },
    ...shape.map((n, i) => ({ key: `ZTILE${i + 1}`, value: i === 0 ? n : 1, comment: `tile size along axis ${i + 1}` })),
    { key: 'ZCMPTYPE', value: method, comment: 'compression algorithm' },
  ];
  if (bitpix < 0) {
    // Lossless: tiles hold the IEEE values themselves (cfitsio's keyword value for "not quantised").
    cards.push({ key: 'ZQUANTIZ', value: 'NONE', comment: 'lossless compression without quantization' });
  }
  if (method === 'RICE_1') {
    cards.push(
      { key: 'ZNAME1', value: 'BLOCKSIZE', comment: 'compression block size' },
      { key: 'ZVAL1', value: RICE_BLOCKSIZE, comment: 'pixels per block' },
      { key: 'ZNAME2', value: 'BYTEPIX', comment: 'bytes per pixel (1, 2, 4, or 8)' },
      { key: 'ZVAL2', value: bytepix, comment: 'bytes per pixel (1, 2, 4, or 8)' },
    );
  }
  return { cards, bytes };
}

/** Write one row of pixels big-endian into `view` in the BITPIX type. */
function bigEndianRow(row: WritablePixels, bitpix: number, view: DataView): void {
  const n = row.length;
  switch (bitpix) {
    case 8:
      for (let i = 0; i < n; i++) view.setUint8(i, row[i]);
      break;
    case 16:
      for (let i = 0; i < n; i++) view.setInt16(2 * i, row[i]);
      break;
    case 32:
      for (let i = 0; i < n; i++) view.setInt32(4 * i, row[i]);
      break;
    case -32:
      for (let i = 0; i < n; i++) view.setFloat32(4 * i, row[i]);
      break;
    case -64:
      for (let i = 0; i < n; i++) view.setFloat64(8 * i, row[i]);
      break;
  }
}
