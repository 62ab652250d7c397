/**
 * The unit-EM table U_b(logTc, sigma) over a (logTc, sigma) grid (SCIENCE.md 1.2, 1.5): the solve is
 * a scan of this table, the forward model is never evaluated per pixel.
 *
 * Layout (chosen for the hot loop): node j = iSigma * nTc + iTc (logTc fastest, so a window of
 * neighbouring temperatures is contiguous), 12 doubles per node: U_0..U_5 then U_0^2..U_5^2
 * (the per-node squares save six multiplications per node and pixel). U is stored per
 * `EM_UNIT` cm^-5 (values ~1e-3..1e3 instead of 1e-30..1e-24, so that float32 copies and squares
 * stay in range); EM returned by the solver is in cm^-5.
 *
 * @module
 */
import { DemError } from './errors.ts';
import { unitEmResponse } from './forward.ts';
import { NBANDS, type FineResponse } from './response.ts';

/** Emission measure unit of the stored table [cm^-5]. */
export const EM_UNIT = 1e27;
/** Doubles per node in `DemLut.table`. */
export const NODE_STRIDE = 2 * NBANDS;

/** A regular (logTc, sigma) grid, both ends included. */
export interface DemGridSpec {
  logTcMin: number;
  logTcMax: number;
  logTcStep: number;
  sigmaMin: number;
  sigmaMax: number;
  sigmaStep: number;
}

/**
 * Default grid: logTc 5.6-7.0 step 0.01 (141 temperatures: the AIA temperature resolution is ~0.03
 * dex at best, Guennou et al. 2012, so 0.01 keeps the quantisation well below it) x sigma
 * 0.02-0.60 step 0.02 (30 widths: the width is less constrained than Tc); 4230 nodes.
 */
export const DEFAULT_GRID: Readonly<DemGridSpec> = Object.freeze({
  logTcMin: 5.6,
  logTcMax: 7.0,
  logTcStep: 0.01,
  sigmaMin: 0.02,
  sigmaMax: 0.6,
  sigmaStep: 0.02,
});

/** The table and its axes. */
export interface DemLut {
  spec: DemGridSpec;
  nTc: number;
  nSigma: number;
  nodes: number;
  logTc: Float64Array;
  sigma: Float64Array;
  /** nodes x NODE_STRIDE: U (per EM_UNIT) then U^2, see the module comment. */
  table: Float64Array;
}

function axis(min: number, max: number, step: number, name: string): Float64Array {
  if (!(Number.isFinite(min) && Number.isFinite(max) && step > 0 && max >= min)) throw new DemError('bad-grid', `${name}: bad range ${min}..${max} step ${step}`);
  const n = Math.round((max - min) / step) + 1;
  if (Math.abs(min + (n - 1) * step - max) > 1e-6 * step) throw new DemError('bad-grid', `${name}: ${max - min} is not a multiple of the step ${step}`);
  // Rounded to 1e-9 so that e.g. 5.6 + 3 * 0.01 prints as 5.63 in headers and tests.
  return Float64Array.from({ length: n }, (_, i) => Math.round((min + i * step) * 1e9) / 1e9);
}

/** Number of nodes of a grid (validates it). */
export function gridAxes(spec: DemGridSpec): { logTc: Float64Array; sigma: Float64Array } {
  const logTc = axis(spec.logTcMin, spec.logTcMax, spec.logTcStep, 'logTc');
  const sigma = axis(spec.sigmaMin, spec.sigmaMax, spec.sigmaStep, 'sigma');
  if (sigma[0] <= 0) throw new DemError('bad-grid', 'sigma must be > 0');
  if (logTc.length * sigma.length > 1 << 20) throw new DemError('bad-grid', 'more than 2^20 nodes');
  return { logTc, sigma };
}

/**
 * Builds the table on the fine response. `shared: true` backs it with a SharedArrayBuffer so
 * worker threads read the very same numbers without copying.
 */
export function buildDemLut(fine: FineResponse, spec: DemGridSpec = DEFAULT_GRID, opts: { shared?: boolean } = {}): DemLut {
  const { logTc, sigma } = gridAxes(spec);
  const nTc = logTc.length;
  const nSigma = sigma.length;
  const nodes = nTc * nSigma;
  const bytes = nodes * NODE_STRIDE * Float64Array.BYTES_PER_ELEMENT;
  const table = new Float64Array(opts.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const u = new Float64Array(NBANDS);
  for (let s = 0; s < nSigma; s++) {
    for (let t = 0; t < nTc; t++) {
      unitEmResponse(fine, logTc[t], sigma[s], u);
      const o = (s * nTc + t) * NODE_STRIDE;
      for (let b = 0; b < NBANDS; b++) {
        const v = u[b] * EM_UNIT;
        table[o + b] = v;
        table[o + NBANDS + b] = v * v;
      }
    }
  }
  return { spec: { ...spec }, nTc, nSigma, nodes, logTc, sigma, table };
}

/** Rebuilds the LUT object around a table received from another thread (no copy). */
export function lutFromShared(spec: DemGridSpec, table: Float64Array): DemLut {
  const { logTc, sigma } = gridAxes(spec);
  const nodes = logTc.length * sigma.length;
  if (table.length !== nodes * NODE_STRIDE) throw new DemError('bad-grid', `table has ${table.length} values, grid needs ${nodes * NODE_STRIDE}`);
  return { spec: { ...spec }, nTc: logTc.length, nSigma: sigma.length, nodes, logTc, sigma, table };
}
