/**
 * Per-pixel corrections of HMI full-disk images before they are resampled onto a Carrington grid
 * (SCIENCE.md §3.2, §3.3). Corrections are applied on the image pixels, with the exact μ of each
 * pixel, so that resampling then interpolates the corrected quantity (as JSOC does: Br = Blos/μ,
 * then interpolate). Every on-disk pixel is kept here (μ > 0, and the JSOC crop for the continuum):
 * the μ_min cut is applied on the Carrington grid, so interpolation next to the cut still has all
 * four neighbours.
 *
 * @module
 */
import { radialFieldFromLineOfSight } from './hmi.ts';
import { JSOC_LIMB_CROP_MU, JSOC_LIMB_DARKENING_V2, jsocLimbDarkening } from './limb-darkening.ts';

/** What the corrections need from the image geometry: μ of each pixel of a row (NaN off disk). */
export interface DiskMu {
  muRowInto(y: number, width: number, out: Float32Array | Float64Array, offset?: number): void;
}

function checkSize(data: ArrayLike<number>, width: number, height: number): void {
  if (data.length !== width * height) throw new RangeError(`image holds ${data.length} values, expected ${width} x ${height}`);
}

/** Br = Blos / μ for every on-disk pixel (NaN off disk or where Blos is NaN). */
export function radialFieldImage(blos: ArrayLike<number>, width: number, height: number, disk: DiskMu): Float32Array {
  checkSize(blos, width, height);
  const out = new Float32Array(width * height);
  const mu = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    disk.muRowInto(y, width, mu);
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = radialFieldFromLineOfSight(blos[o + x], mu[x]);
  }
  return out;
}

/**
 * Continuum divided by the JSOC limb-darkening law (v2 coefficients by default), as
 * `hmi.Ic_noLimbDark_720s`: pixels with r² ≥ 0.99975 (μ < 0.0158) or a law ≤ 0 become NaN.
 */
export function limbDarkeningCorrectedImage(
  ic: ArrayLike<number>,
  width: number,
  height: number,
  disk: DiskMu,
  coefficients: readonly number[] = JSOC_LIMB_DARKENING_V2,
): Float32Array {
  checkSize(ic, width, height);
  const out = new Float32Array(width * height);
  const mu = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    disk.muRowInto(y, width, mu);
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const m = mu[x];
      const law = m >= JSOC_LIMB_CROP_MU ? jsocLimbDarkening(m, coefficients) : Number.NaN;
      out[o + x] = law > 0 ? ic[o + x] / law : Number.NaN;
    }
  }
  return out;
}
