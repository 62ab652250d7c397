/**
 * The project's FITS reader and writer (SCIENCE.md section 6, TEAM.md FITS contract).
 *
 * Reading: `readFitsFile(path)` / `readFits(bytes)` return every HDU's header, every image decoded
 * to physical values (uncompressed or RICE_1 / GZIP_1 / GZIP_2 tile-compressed) and the other
 * binary tables with typed column access. Writing: `writeFits(hdus)` produces standard image
 * HDUs (optionally GZIP_1 or RICE_1 tile-compressed) with CHECKSUM/DATASUM.
 * `FitsHeader.fromText` parses a header given as text (JSOC `.header` files).
 * Every defect raises a located `FitsError`.
 *
 * @example
 * const f = await readFitsFile('hmi.sharp_cea_720s.377.20110215_020000_TAI.Br.fits');
 * const br = firstImage(f); // br.width 744, br.height 377, br.data Float64Array (NaN = BLANK)
 *
 * @module
 */
export { FitsError, type FitsErrorLocation } from './errors.ts';
export { FitsHeader, parseHeaderText, type CardValue, type FitsCard } from './header.ts';
export { FitsTable, type ColumnValues, type FitsColumn, type HeapArray } from './bintable.ts';
export { readFits, readFitsFile, unwrapFitsBytes, firstImage, type FitsFile, type FitsHdu, type FitsImage, type ReadFitsOptions } from './reader.ts';
export { writeFits, type FitsWriteHdu, type WriteFitsOptions } from './writer.ts';
export type { TileCompression, WritablePixels } from './tile-writer.ts';
