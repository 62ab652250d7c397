/**
 * Unit-EM responses U_b(logTc, σ) of the six coronal AIA channels on a fine (logTc, σ) table, for
 * rendering millions of pixels without integrating the response per pixel. Built once per process
 * from the shipped V10 table with the project's forward model (dem/forward.ts); bilinear lookup.
 * With steps of 0.01 in logTc and σ the lookup differs from the exact forward model by well under
 * 0.5 % (tested), far below the photon noise of a pixel.
 *
 * @module
 */
import { unitEmResponse } from '../dem/forward.ts';
import { NBANDS, fineResponse, loadTemperatureResponse } from '../dem/response.ts';

export const LUT_LOGT_MIN = 5.5;
export const LUT_LOGT_MAX = 7.3;
export const LUT_SIGMA_MIN = 0.02;
export const LUT_SIGMA_MAX = 0.6;
export const LUT_STEP = 0.01;

/** Bilinear table of unit-EM responses, six bands per node (`BANDS` order of dem/response.ts). */
export class UnitResponseLut {
  readonly nT: number;
  readonly nS: number;
  private readonly values: Float64Array;

  constructor() {
    const fine = fineResponse(loadTemperatureResponse());
    this.nT = Math.round((LUT_LOGT_MAX - LUT_LOGT_MIN) / LUT_STEP) + 1;
    this.nS = Math.round((LUT_SIGMA_MAX - LUT_SIGMA_MIN) / LUT_STEP) + 1;
    this.values = new Float64Array(this.nT * this.nS * NBANDS);
    for (let i = 0; i < this.nT; i++) {
      for (let j = 0; j < this.nS; j++) {
        unitEmResponse(fine, LUT_LOGT_MIN + i * LUT_STEP, LUT_SIGMA_MIN + j * LUT_STEP, this.values, (i * this.nS + j) * NBANDS);
      }
    }
  }

  /** Unit-EM responses [DN cm^5 s^-1 pix^-1] at (logTc, σ), clamped to the table, into out[0..5]. */
  lookup(logTc: number, sigma: number, out: Float64Array): void {
    let fi = (logTc - LUT_LOGT_MIN) / LUT_STEP;
    let fj = (sigma - LUT_SIGMA_MIN) / LUT_STEP;
    fi = fi < 0 ? 0 : fi > this.nT - 1.000001 ? this.nT - 1.000001 : fi;
    fj = fj < 0 ? 0 : fj > this.nS - 1.000001 ? this.nS - 1.000001 : fj;
    const i = fi | 0;
    const j = fj | 0;
    const a = fi - i;
    const b = fj - j;
    const w00 = (1 - a) * (1 - b), w01 = (1 - a) * b, w10 = a * (1 - b), w11 = a * b;
    const v = this.values;
    const o00 = (i * this.nS + j) * NBANDS;
    const o01 = o00 + NBANDS;
    const o10 = o00 + this.nS * NBANDS;
    const o11 = o10 + NBANDS;
    for (let k = 0; k < NBANDS; k++) out[k] = w00 * v[o00 + k] + w01 * v[o01 + k] + w10 * v[o10 + k] + w11 * v[o11 + k];
  }
}

let shared: UnitResponseLut | undefined;

/** The process-wide table (built on first use, ~0.1 s). */
export function unitResponseLut(): UnitResponseLut {
  return (shared ??= new UnitResponseLut());
}
