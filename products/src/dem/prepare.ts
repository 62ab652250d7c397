/**
 * From six AIA images (values + headers) to the six float32 count images the inversion reads:
 * channel identification, exposure times, counts per pixel, saturation, a common pixel grid and
 * optional binning.
 *
 * - Units: level-1 images are DN per pixel; an image whose BUNIT is per second (DN/s, e.g. after
 *   aiapy `normalize_exposure`) is multiplied back by EXPTIME, because the noise model needs counts.
 * - Saturation: a pixel at or above `saturationDn` counts, or flagged in the optional mask, becomes
 *   +Infinity (the inversion treats it as invalid; binning and resampling propagate it).
 * - Grid: the 193 Å image is the reference (GAIA-DEM also keys its maps on 193 Å). A channel whose
 *   grid puts any corner more than `geometryTolerancePx` away from the reference is resampled
 *   onto it by bilinear interpolation of counts, scaled by the ratio of pixel areas (level-1 AIA
 *   channels differ by a few pixels in centre and slightly in scale and roll; level 1.5 agree).
 *   Any NaN among the interpolation neighbours gives NaN, any saturated one +Infinity; outside
 *   the image gives NaN (missing).
 * - Binning by `bin` (1, 2, 4 ...): the mean of bin x bin pixels, the noise model then uses
 *   n = bin^2 samples. A bin is valid only if all its pixels are (a saturated pixel saturates
 *   the bin, a missing one makes it missing), so n is the same everywhere.
 *
 * @module
 */
import { DemError } from './errors.ts';
import { ImageGrid, type HeaderLike } from './image-grid.ts';
import { BANDS, NBANDS } from './response.ts';

/** One AIA image as the pipeline receives it. */
export interface DemChannelImage {
  /** FITS header (WAVELNTH, EXPTIME, T_OBS or DATE-OBS, CRPIX/CDELT/CROTA2 or PC, RSUN_OBS ...). */
  header: HeaderLike;
  width: number;
  height: number;
  /** Physical values, x fastest (FITS order), NaN where missing. */
  data: Float32Array | Float64Array;
  /** Optional: non-zero where the pixel is saturated or otherwise unusable (e.g. blooming). */
  saturated?: Uint8Array;
}

export interface PrepareOptions {
  /** Binning factor (1 = full resolution); must divide the reference width and height. */
  bin: number;
  /** Counts at or above this are saturated [DN]. */
  saturationDn: number;
  /** Largest tolerated misalignment before a channel is resampled [pixels]. */
  geometryTolerancePx: number;
  /** Put the count images on SharedArrayBuffers (needed by workers). */
  shared: boolean;
}

/** The inversion's input. */
export interface PreparedInputs {
  /** Float32 counts per band on the output grid, BANDS order. */
  counts: Float32Array[];
  width: number;
  height: number;
  /** Output grid (reference grid, binned). */
  grid: ImageGrid;
  /** Samples averaged per output pixel (bin^2). */
  nSample: number;
  /** Per band, BANDS order. */
  exptime: number[];
  timeMs: number[];
  /** T_OBS (or DATE-OBS) strings as found in the headers. */
  tObs: string[];
  /** Bands that were resampled onto the reference grid. */
  resampled: number[];
  /** Header of the reference (193 Å) image. */
  reference: HeaderLike;
}

/** The reference channel for grid and time. */
export const REFERENCE_BAND = 193;

/** Parses FITS/ISO times ('2011-02-15T00:00:00.34', with or without Z; UTC) to ms. */
export function parseObsTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)Z?$/.exec(t);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], 0) + Math.round(parseFloat(m[6]) * 1000);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Orders the six images by band and checks they are the six coronal channels once each. */
export function orderChannels(images: readonly DemChannelImage[]): DemChannelImage[] {
  const byBand = new Map<number, DemChannelImage>();
  for (const im of images) {
    const w = im.header.number('WAVELNTH');
    if (w === undefined) throw new DemError('bad-input', 'an image has no WAVELNTH');
    if (!BANDS.includes(w)) throw new DemError('bad-input', `WAVELNTH ${w} is not one of the DEM channels ${BANDS.join(', ')}`);
    if (byBand.has(w)) throw new DemError('bad-input', `two images for ${w} Å`);
    byBand.set(w, im);
  }
  const missing = BANDS.filter((b) => !byBand.has(b));
  if (missing.length) throw new DemError('missing-channel', `missing channel(s) ${missing.join(', ')} Å`);
  return BANDS.map((b) => byBand.get(b) as DemChannelImage);
}

/** Counts of every pixel of one image (exposure de-normalised, saturation as +Infinity), float64 scratch. */
function countsOf(im: DemChannelImage, band: number, exptime: number, saturationDn: number): Float64Array {
  const n = im.width * im.height;
  if (im.data.length !== n) throw new DemError('bad-input', `${band} Å: ${im.data.length} values for ${im.width} x ${im.height}`);
  if (im.saturated && im.saturated.length !== n) throw new DemError('bad-input', `${band} Å: saturation mask size differs from the image`);
  const unit = (im.header.string('BUNIT') ?? '').replace(/\s+/g, '').toLowerCase();
  const perSecond = /\/s(ec)?$/.test(unit);
  const scale = perSecond ? exptime : 1;
  const out = new Float64Array(n);
  const mask = im.saturated;
  for (let i = 0; i < n; i++) {
    const c = im.data[i] * scale;
    out[i] = c >= saturationDn || (mask !== undefined && mask[i] !== 0) ? Infinity : c;
  }
  return out;
}

/** Bilinear resampling of `src` (grid `from`) onto the pixels of grid `to`, counts scaled by pixel area. */
function resample(src: Float64Array, from: ImageGrid, to: ImageGrid): Float64Array {
  const out = new Float64Array(to.width * to.height);
  const area = to.pixelArea() / from.pixelArea();
  const w = [0, 0], p = [0, 0];
  const W = from.width, H = from.height;
  for (let y = 0; y < to.height; y++) {
    for (let x = 0; x < to.width; x++) {
      to.pixelToWorld(x, y, w);
      from.worldToPixel(w[0], w[1], p);
      const k = y * to.width + x;
      if (!(p[0] >= 0 && p[1] >= 0 && p[0] <= W - 1 && p[1] <= H - 1)) {
        out[k] = NaN;
        continue;
      }
      const x0 = Math.min(Math.floor(p[0]), W - 2), y0 = Math.min(Math.floor(p[1]), H - 2);
      const fx = p[0] - x0, fy = p[1] - y0;
      const i00 = y0 * W + x0;
      const v00 = src[i00], v01 = src[i00 + 1], v10 = src[i00 + W], v11 = src[i00 + W + 1];
      const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
      if ((w00 > 0 && v00 === Infinity) || (w01 > 0 && v01 === Infinity) || (w10 > 0 && v10 === Infinity) || (w11 > 0 && v11 === Infinity)) {
        out[k] = Infinity;
        continue;
      }
      // NaN neighbours with non-zero weight propagate through the sum.
      out[k] = area * ((w00 > 0 ? w00 * v00 : 0) + (w01 > 0 ? w01 * v01 : 0) + (w10 > 0 ? w10 * v10 : 0) + (w11 > 0 ? w11 * v11 : 0));
    }
  }
  return out;
}

/** Mean over bin x bin blocks into a float32 image (Infinity and NaN propagate as documented). */
function binInto(src: Float64Array, width: number, height: number, bin: number, out: Float32Array): void {
  const bw = width / bin, bh = height / bin, inv = 1 / (bin * bin);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sum = 0;
      let saturated = false;
      for (let y = by * bin; y < (by + 1) * bin; y++) {
        for (let x = bx * bin, i = y * width + x; x < (bx + 1) * bin; x++, i++) {
          const v = src[i];
          if (v === Infinity) saturated = true;
          sum += v;
        }
      }
      out[by * bw + bx] = saturated ? Infinity : sum * inv;
    }
  }
}

/** Runs the whole preparation; throws `DemError` on unusable input. */
export function prepareInputs(images: readonly DemChannelImage[], opts: PrepareOptions): PreparedInputs {
  if (!(Number.isInteger(opts.bin) && opts.bin >= 1)) throw new DemError('bad-option', `bin must be a positive integer, got ${opts.bin}`);
  const ordered = orderChannels(images);
  const refIndex = BANDS.indexOf(REFERENCE_BAND);
  const ref = ordered[refIndex];
  const refGrid = ImageGrid.fromHeader(ref.header, ref.width, ref.height);
  if (ref.width % opts.bin !== 0 || ref.height % opts.bin !== 0) throw new DemError('bad-option', `bin ${opts.bin} does not divide ${ref.width} x ${ref.height}`);
  const width = ref.width / opts.bin, height = ref.height / opts.bin;
  const exptime: number[] = [], timeMs: number[] = [], tObs: string[] = [], resampled: number[] = [];
  const counts: Float32Array[] = [];
  for (let b = 0; b < NBANDS; b++) {
    const im = ordered[b];
    const band = BANDS[b];
    const e = im.header.number('EXPTIME');
    if (e === undefined || !(e > 0)) throw new DemError('bad-input', `${band} Å: EXPTIME missing or not positive`);
    const tString = im.header.string('T_OBS') ?? im.header.string('DATE-OBS');
    const t = parseObsTime(tString);
    if (t === undefined) throw new DemError('bad-input', `${band} Å: no readable T_OBS or DATE-OBS`);
    exptime.push(e);
    timeMs.push(t);
    tObs.push(tString ?? '');
    let c = countsOf(im, band, e, opts.saturationDn);
    if (b !== refIndex) {
      const grid = ImageGrid.fromHeader(im.header, im.width, im.height);
      if (im.width !== ref.width || im.height !== ref.height || refGrid.maxOffsetPixels(grid) > opts.geometryTolerancePx) {
        c = resample(c, grid, refGrid);
        resampled.push(band);
      }
    }
    const n = width * height;
    const out = new Float32Array(opts.shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
    if (opts.bin === 1) for (let i = 0; i < n; i++) out[i] = c[i];
    else binInto(c, ref.width, ref.height, opts.bin, out);
    counts.push(out);
  }
  return {
    counts,
    width,
    height,
    grid: opts.bin === 1 ? refGrid : refGrid.binned(opts.bin),
    nSample: opts.bin * opts.bin,
    exptime,
    timeMs,
    tObs,
    resampled,
    reference: ref.header,
  };
}
