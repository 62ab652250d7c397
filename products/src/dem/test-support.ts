/**
 * Helpers shared by the DEM tests: one-row "maps" of pixels with known truth, run through the
 * real pixel loop (`invertMap`).
 *
 * @module
 */
import { invertMap } from './parallel.ts';
import type { DemPlanes, PixelModel } from './invert.ts';
import { buildDemLut, DEFAULT_GRID, type DemLut } from './lut.ts';
import { channelNoise } from './noise.ts';
import { BANDS, fineResponse, loadTemperatureResponse, NBANDS, type FineResponse } from './response.ts';
import { DEFAULT_SEARCH, type SearchOptions } from './solve.ts';
import { SYNTHETIC_EXPTIME } from './synthetic.ts';

let cached: { fine: FineResponse; lut: DemLut } | undefined;

/** The V10 fine response and the default LUT (shared buffer, so workers can use it too). */
export function defaultModelData(): { fine: FineResponse; lut: DemLut } {
  cached ??= (() => {
    const fine = fineResponse(loadTemperatureResponse());
    return { fine, lut: buildDemLut(fine, DEFAULT_GRID, { shared: true }) };
  })();
  return cached;
}

/** Noise model of the synthetic tests: synthetic exposure times, n samples, no systematic error, no saturation. */
export function testModel(opts: Partial<PixelModel> & { n?: number } = {}): PixelModel {
  return {
    rateScale: SYNTHETIC_EXPTIME.map((e) => 1 / e),
    noise: BANDS.map((b) => channelNoise(b, opts.n ?? 1)),
    epsSys: 0,
    saturationDn: Infinity,
    ...opts,
  };
}

/** Splits pixel-major counts (pixel p, band b at p*6+b) into six one-row band images. */
export function bandImages(pixelMajor: Float64Array, type: 'f32' | 'f64' = 'f64', shared = false): (Float32Array | Float64Array)[] {
  const n = pixelMajor.length / NBANDS;
  return BANDS.map((_, b) => {
    const bytes = (type === 'f32' ? 4 : 8) * n;
    const buf = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const img = type === 'f32' ? new Float32Array(buf) : new Float64Array(buf);
    for (let p = 0; p < n; p++) img[p] = pixelMajor[p * NBANDS + b];
    return img;
  });
}

/** Inverts one row of pixels given pixel-major counts. */
export async function invertPixels(
  pixelMajor: Float64Array,
  opts: { search?: SearchOptions; model?: PixelModel; workers?: number; type?: 'f32' | 'f64'; lut?: DemLut } = {},
): Promise<DemPlanes> {
  const n = pixelMajor.length / NBANDS;
  const workers = opts.workers ?? 0;
  const { planes } = await invertMap({
    counts: bandImages(pixelMajor, opts.type ?? 'f64', workers > 0),
    width: n,
    height: 1,
    model: opts.model ?? testModel(),
    lut: opts.lut ?? defaultModelData().lut,
    search: opts.search ?? DEFAULT_SEARCH,
    workers,
  });
  return planes;
}

export const FULL_SEARCH: SearchOptions = { ...DEFAULT_SEARCH, mode: 'full' };
