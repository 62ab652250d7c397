/**
 * Pixel loop of the DEM inversion: validity flags, AIA noise model, rates, the table solve and the
 * output planes, for a range of rows. The same function runs on the main thread and in the
 * workers, on the same float32 counts, so results do not depend on how rows are shared out.
 *
 * Per band b and pixel (counts C in DN, mean of n samples when binned):
 *   valid     C finite, C > 0 and C < saturation (a saturated input is +Infinity after `prepare`)
 *   variance  s_C^2 = aiapy noise (shot, compression, dark, read, quantisation) + (eps_sys C)^2  [DN^2]
 *   rate      I = C k_b,  s_I = s_C k_b,  k_b = 1 / (EXPTIME_b x degradation_b)                 [DN/s]
 * then a_b = I / s_I^2, w_b = 1 / s_I^2 feed the solver. Pixels with fewer than 6 valid bands get
 * NaN in TC, EM, WIDTH, CHI2 and their count in NBANDS; nothing from them reaches a neighbour.
 *
 * @module
 */
import { COMPRESSION_THRESHOLD_DN, QUANT_RMS_DN, type ChannelNoise } from './noise.ts';
import { EM_UNIT, type DemLut } from './lut.ts';
import { NBANDS } from './response.ts';
import type { GaussianDemSolver } from './solve.ts';

/** Degrees of freedom of the fit: 6 bands - 3 parameters (Tc, sigma, EM). CHI2 is chi2 / DOF. */
export const DEGREES_OF_FREEDOM = 3;

/** A count image: float32 in the pipeline (exact for AIA's 14-bit integer DN), float64 allowed. */
export type CountImage = Float32Array | Float64Array;

/** Per-band constants of the pixel loop (plain numbers, so they cross to workers as JSON). */
export interface PixelModel {
  /** 1 / (EXPTIME x degradation) per band [s^-1]. */
  rateScale: number[];
  /** Noise constants per band (n = samples averaged). */
  noise: ChannelNoise[];
  /** Fractional systematic error added in quadrature to every band. */
  epsSys: number;
  /** Counts at or above this are saturated [DN]. */
  saturationDn: number;
}

/** The output planes (float32 as written to FITS, plus the node index and band count). */
export interface DemPlanes {
  width: number;
  height: number;
  /** Peak temperature Tc [K]. */
  tc: Float32Array;
  /** Total emission measure [cm^-5]. */
  em: Float32Array;
  /** Gaussian width sigma [dex]. */
  sigma: Float32Array;
  /** Reduced chi2 = chi2 / 3. */
  chi2: Float32Array;
  /** Valid bands 0..6. */
  nbands: Uint8Array;
  /** Best table node (iSigma * nTc + iTc), -1 when not fitted. */
  node: Int32Array;
}

/** Allocates output planes, on SharedArrayBuffers when `shared`. */
export function allocatePlanes(width: number, height: number, shared: boolean): DemPlanes {
  const n = width * height;
  const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    width,
    height,
    tc: new Float32Array(buf(4 * n)),
    em: new Float32Array(buf(4 * n)),
    sigma: new Float32Array(buf(4 * n)),
    chi2: new Float32Array(buf(4 * n)),
    nbands: new Uint8Array(buf(n)),
    node: new Int32Array(buf(4 * n)),
  };
}

/**
 * Inverts rows [rowStart, rowEnd) of the six count images (`counts[b]`, BANDS order, x fastest)
 * into `out`. Allocation-free apart from a few locals.
 */
export function invertRows(counts: CountImage[], model: PixelModel, lut: DemLut, solver: GaussianDemSolver, out: DemPlanes, rowStart: number, rowEnd: number): void {
  const { width } = out;
  const c0 = counts[0], c1 = counts[1], c2 = counts[2], c3 = counts[3], c4 = counts[4], c5 = counts[5];
  const k = Float64Array.from(model.rateScale);
  const gOverN = Float64Array.from(model.noise, (m) => m.dnPerPhoton / m.n);
  const invCompress = Float64Array.from(model.noise, (m) => 1 / m.compress);
  const invSqrtN = Float64Array.from(model.noise, (m) => 1 / Math.sqrt(m.n));
  const floor = Float64Array.from(model.noise, (m) => m.floorVariance);
  const frac = Float64Array.from(model.noise, (m) => m.fractionalSq + model.epsSys * model.epsSys);
  const sat = model.saturationDn;
  const a = solver.a, w = solver.w;
  const { nTc, sigma, logTc } = lut;
  const tcStep = lut.spec.logTcStep, sigmaStep = lut.spec.sigmaStep;
  const cIn = new Float64Array(NBANDS);
  for (let i = rowStart * width, end = rowEnd * width; i < end; i++) {
    cIn[0] = c0[i];
    cIn[1] = c1[i];
    cIn[2] = c2[i];
    cIn[3] = c3[i];
    cIn[4] = c4[i];
    cIn[5] = c5[i];
    let valid = 0;
    let sxx = 0;
    for (let b = 0; b < NBANDS; b++) {
      const c = cIn[b];
      // NaN fails both comparisons: missing, non-positive and saturated are all "not valid".
      if (!(c > 0 && c < sat)) continue;
      valid++;
      const shotSq = gOverN[b] * c;
      let compress = 0;
      if (c >= COMPRESSION_THRESHOLD_DN) {
        const r = Math.sqrt(shotSq) * invCompress[b];
        compress = (r < QUANT_RMS_DN ? QUANT_RMS_DN : r) * invSqrtN[b];
      }
      const varDn = shotSq + compress * compress + floor[b] + frac[b] * c * c;
      const kb = k[b];
      const rate = c * kb;
      const wb = 1 / (varDn * kb * kb);
      w[b] = wb;
      a[b] = wb * rate;
      sxx += wb * rate * rate;
    }
    out.nbands[i] = valid;
    if (valid < NBANDS) {
      out.tc[i] = NaN;
      out.em[i] = NaN;
      out.sigma[i] = NaN;
      out.chi2[i] = NaN;
      out.node[i] = -1;
      continue;
    }
    solver.solve();
    const node = solver.node;
    const iT = node % nTc;
    const chi2 = sxx - (solver.sxy * solver.sxy) / solver.syy;
    out.node[i] = node;
    out.tc[i] = 10 ** (logTc[iT] + solver.dt * tcStep);
    out.sigma[i] = sigma[(node - iT) / nTc] + solver.ds * sigmaStep;
    out.em[i] = (EM_UNIT * solver.sxy) / solver.syy;
    // chi2 >= 0 mathematically; rounding can leave -1e-12 for a perfect fit.
    out.chi2[i] = chi2 > 0 ? chi2 / DEGREES_OF_FREEDOM : 0;
  }
}
