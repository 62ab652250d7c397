/**
 * Decoded planes of product FITS files, read with the project's FITS reader and kept in an LRU
 * cache bounded in bytes. A file is decoded once for all its planes (the next request is usually
 * another plane of the same map), and concurrent requests for a file share one decoding.
 *
 * Planes keep the precision of the file (Float32Array for BITPIX -32, Float64Array for -64 and
 * scaled integers), so a pixel readout is the exact stored value; the float32 bodies of the
 * planes endpoint are derived from them and cached too.
 *
 * @module
 */
import os from 'node:os';
import { readFitsFile, type FitsFile, type FitsHeader } from '../../../products/src/fits/index.ts';
import { resolveProductFile } from '../files/resolve.ts';
import { ApiError } from '../http/api-error.ts';
import type { Logger } from '../http/logger.ts';
import { LruCache } from './lru.ts';

export interface DecodedPlane {
  data: Float32Array | Float64Array;
  width: number;
  height: number;
  header: FitsHeader;
  /** Header of the primary HDU (shared keywords of multi-extension files). */
  primaryHeader: FitsHeader;
  /** Finite minimum and maximum, or undefined for an all-NaN plane. */
  range?: [number, number];
}

/** A product file as the catalogue knows it. */
export interface StoredFile {
  path: string;
  sha256: string;
}

type Entry = { kind: 'plane'; plane: DecodedPlane; bytes: number } | { kind: 'body'; body: Buffer; bytes: number };

const PRIMARY = '#0';

function finiteRange(data: Float32Array | Float64Array): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v; // NaN compares false both ways
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

/** Little-endian float32 bytes of a plane (row 0 first, x fastest, as in the FITS file). */
export function float32LittleEndian(data: Float32Array | Float64Array): Buffer {
  const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
  if (os.endianness() === 'LE') return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength);
  const out = Buffer.alloc(f32.length * 4);
  for (let i = 0; i < f32.length; i++) out.writeFloatLE(f32[i], i * 4);
  return out;
}

export class PlaneStore {
  private readonly cache: LruCache<string, Entry>;
  private readonly decoding = new Map<string, Promise<FitsFile>>();

  constructor(
    private readonly productsDir: string,
    private readonly logger: Logger,
    /** Upper bound of the cached planes and bodies, in bytes. */
    maxBytes = 512 * 1024 * 1024,
  ) {
    this.cache = new LruCache(maxBytes, (e) => e.bytes);
  }

  /** Bytes held by the cache (for tests and monitoring). */
  get cachedBytes(): number {
    return this.cache.size;
  }

  /**
   * The plane stored under `extname` in `file`; when `fallbackToFirst`, a file without that
   * EXTNAME gives its first image (single-plane files with an unnamed primary HDU).
   */
  async plane(file: StoredFile, extname: string, fallbackToFirst: boolean): Promise<DecodedPlane> {
    const fileKey = `${file.path}@${file.sha256}`;
    const key = `${fileKey}#${extname.toUpperCase()}`;
    const hit = this.cache.get(key) ?? (fallbackToFirst ? this.cache.get(`${fileKey}${PRIMARY}`) : undefined);
    if (hit?.kind === 'plane') return hit.plane;

    const fits = await this.decode(file, fileKey);
    const image = fits.images.find((im) => (im.extname ?? '').toUpperCase() === extname.toUpperCase()) ?? (fallbackToFirst ? fits.images[0] : undefined);
    if (!image) throw ApiError.notFound(`the FITS file of this record has no ${extname} plane`);
    return (this.cache.get(image === fits.images[0] ? `${fileKey}${PRIMARY}` : key) as { plane: DecodedPlane } | undefined)?.plane ?? this.toPlane(image, fits);
  }

  /** A response body derived from a plane, cached under `key` (e.g. its float32 or gzip bytes). */
  async body(key: string, make: () => Buffer | Promise<Buffer>): Promise<Buffer> {
    const hit = this.cache.get(`body:${key}`);
    if (hit?.kind === 'body') return hit.body;
    const body = await make();
    this.cache.set(`body:${key}`, { kind: 'body', body, bytes: body.byteLength });
    return body;
  }

  private toPlane(image: FitsFile['images'][number], fits: FitsFile): DecodedPlane {
    const width = image.shape[0] ?? image.width;
    const height = image.shape.length > 1 ? image.shape[1] : 1;
    // A cube keeps only its first 2-D slice: a plane is one image.
    const data = image.data.length > width * height ? image.data.subarray(0, width * height) : image.data;
    return { data, width, height, header: image.header, primaryHeader: fits.primaryHeader, range: finiteRange(data) };
  }

  /** Decode a file once, caching every image it holds under its EXTNAME. */
  private decode(file: StoredFile, fileKey: string): Promise<FitsFile> {
    let pending = this.decoding.get(fileKey);
    if (!pending) {
      pending = (async () => {
        const real = await resolveProductFile(this.productsDir, file.path);
        if (!real) throw ApiError.notFound('the FITS file of this record is missing from the products directory');
        let fits: FitsFile;
        try {
          fits = await readFitsFile(real);
        } catch (err) {
          this.logger.error({ err, path: file.path }, 'unreadable product FITS file');
          throw new ApiError(500, 'unreadable_product', 'the FITS file of this record could not be read; the operators have been told');
        }
        fits.images.forEach((im, i) => {
          const plane = this.toPlane(im, fits);
          const entry: Entry = { kind: 'plane', plane, bytes: plane.data.byteLength };
          if (i === 0) this.cache.set(`${fileKey}${PRIMARY}`, entry);
          if (im.extname) this.cache.set(`${fileKey}#${im.extname.toUpperCase()}`, entry);
        });
        return fits;
      })().finally(() => this.decoding.delete(fileKey));
      this.decoding.set(fileKey, pending);
    }
    return pending;
  }
}
