/**
 * Merge of per-image Carrington maps at a reference time (SCIENCE.md §2.2): each projection is
 * shifted in longitude by the differential rotation between its t_obs and t_ref, and accumulated
 * with the weight w = exp(−(Δt/τ)²) · μ^p (options.ts). Outputs the value, weight and data-age
 * planes.
 *
 * The shift of a row is constant (it depends on latitude only), so the output cell at column c
 * samples the projection at c − δ_r with one linear interpolation weight per row; a zero shift
 * (rigid model, Δt = 0) copies values exactly.
 *
 * @module
 */
import { carringtonShiftDeg } from '../geometry/diffrot.ts';
import type { CarringtonGrid } from '../geometry/grids.ts';
import type { SynopticWeighting } from './options.ts';
import type { ProjectedImage } from './project.ts';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** Smallest positive float32: a weight that would round to 0 is stored as this, so weight > 0 ⇔ data. */
const FLOAT32_MIN_POSITIVE = 1.401298464324817e-45;

/** A merged map: planes of width × height, row 0 = southmost (FITS order). */
export interface SynopticMap {
  width: number;
  height: number;
  /** Σ w v / Σ w; NaN where no image contributes. */
  value: Float32Array;
  /** Σ w (0 where no image contributes). */
  weight: Float32Array;
  /** Σ w |Δt| / Σ w in hours; NaN where no image contributes. */
  dataAgeHours: Float32Array;
}

/** Age weight g(Δt) of an image (Δt in ms). */
export function ageWeight(dtMs: number, tauDays: number): number {
  const x = dtMs / MS_PER_DAY / tauDays;
  return Math.exp(-x * x);
}

/** Per-projection constants of a merge at t_ref. */
interface Contribution {
  p: ProjectedImage;
  /** Age weight g(Δt). */
  g: number;
  /** |Δt| in hours. */
  ageH: number;
  /** Δt in days (for the rotation shift). */
  dtDays: number;
}

/**
 * Adds row r of one projection, brought to t_ref, into the row sums (sw, swv, swa of length W).
 * Output column c reads source column c − δ, δ = shift / Δλ: a feature at λ at t_obs is at
 * λ + shift at t_ref.
 */
function accumulateRow(
  k: Contribution,
  r: number,
  latDeg: number,
  grid: CarringtonGrid,
  weighting: SynopticWeighting,
  sw: Float64Array,
  swv: Float64Array,
  swa: Float64Array,
): void {
  const { p, g, ageH } = k;
  const n = p.count[r];
  if (n === 0) return;
  const W = grid.width;
  const delta = carringtonShiftDeg(weighting.rotationModel, latDeg, k.dtDays) / grid.dLonDeg;
  const m = Math.floor(-delta);
  const f = -delta - m;
  const whole = n === W;
  // Source cell j (span-relative) and j + 1 feed output column start + j − m.
  const last = f === 0 || whole ? n : n - 1;
  const o = p.offset[r];
  const values = p.values;
  const mus = p.mu;
  const power = weighting.muPower;
  let c = (((p.start[r] - m) % W) + W) % W;
  for (let j = 0; j < last; j++) {
    const i = o + j;
    let v = values[i];
    let mu = mus[i];
    if (f !== 0) {
      const i1 = j + 1 < n ? i + 1 : o; // whole row: wraps to the span start
      v += f * (values[i1] - v);
      mu += f * (mus[i1] - mu);
    }
    if (v === v) {
      const w = g * (power === 1 ? mu : power === 0 ? 1 : power === 2 ? mu * mu : Math.pow(mu, power));
      sw[c] += w;
      swv[c] += w * v;
      swa[c] += w * ageH;
    }
    if (++c === W) c = 0;
  }
}

/**
 * Merges projections at t_ref. Projections with |Δt| > maxAgeDays are ignored (the caller filters
 * and reports them; this is a guard).
 */
export function mergeProjections(projections: readonly ProjectedImage[], grid: CarringtonGrid, tRefMs: number, weighting: SynopticWeighting): SynopticMap {
  const W = grid.width;
  const n = W * grid.height;
  const contributions: Contribution[] = [];
  for (const p of projections) {
    if (p.gridWidth !== W || p.gridHeight !== grid.height) throw new RangeError('projection made for another grid');
    const dtMs = tRefMs - p.tObsMs;
    if (Math.abs(dtMs) > weighting.maxAgeDays * MS_PER_DAY) continue;
    contributions.push({ p, g: ageWeight(dtMs, weighting.tauDays), ageH: Math.abs(dtMs) / MS_PER_HOUR, dtDays: dtMs / MS_PER_DAY });
  }
  const value = new Float32Array(n);
  const weight = new Float32Array(n);
  const dataAgeHours = new Float32Array(n);
  // Row by row: the double-precision sums of one row stay in cache while every projection adds
  // its span, so memory traffic is one read of each projection and one write of the planes.
  const sw = new Float64Array(W);
  const swv = new Float64Array(W);
  const swa = new Float64Array(W);
  for (let r = 0; r < grid.height; r++) {
    sw.fill(0);
    swv.fill(0);
    swa.fill(0);
    const latDeg = grid.latDeg(r);
    for (const k of contributions) accumulateRow(k, r, latDeg, grid, weighting, sw, swv, swa);
    const base = r * W;
    for (let c = 0; c < W; c++) {
      const w = sw[c];
      if (w > 0) {
        value[base + c] = swv[c] / w;
        dataAgeHours[base + c] = swa[c] / w;
        weight[base + c] = Math.max(w, FLOAT32_MIN_POSITIVE);
      } else {
        value[base + c] = Number.NaN;
        dataAgeHours[base + c] = Number.NaN;
      }
    }
  }
  return { width: W, height: grid.height, value, weight, dataAgeHours };
}
