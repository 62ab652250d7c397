/**
 * Known-truth inputs for the DEM tests and the bench: a seeded random generator (uniform, normal,
 * exact Poisson), AIA counts of a Gaussian DEM with photon and read noise, and a synthetic
 * full-disk Sun (quiet corona, active regions, coronal hole, off-limb decay) with known Tc, sigma, EM.
 *
 * @module
 */
import { Rng } from '../util/random.ts';
import { unitEmResponse } from './forward.ts';
import { channelNoise, READ_NOISE_DN, aiaTelescope } from './noise.ts';
import { BANDS, NBANDS, type FineResponse } from './response.ts';

/** The shared seeded generator, re-exported for the DEM tests that draw synthetic noise. */
export { Rng };

/**
 * Exposure times [s] used for synthetic data: 2.0 s for 171 Å (as in the SunPy AIA 171 level-1 test
 * file); the others are not established (SCIENCE.md 8), 2.9 s is typical of AIA's full-disk
 * sequence. Real runs read EXPTIME from each header.
 */
export const SYNTHETIC_EXPTIME: readonly number[] = BANDS.map((b) => (b === 171 ? 2.0 : 2.9));

/** A Gaussian DEM. */
export interface DemTruth {
  logTc: number;
  sigma: number;
  /** cm^-5 */
  em: number;
}

/**
 * Counts [DN] of the six bands for a Gaussian DEM: expected DN = rate x EXPTIME; photons ~ Poisson
 * (DN / DNPERPHT), DN = photons x DNPERPHT, plus Gaussian read noise of the band's camera. With
 * `rng` omitted, the noiseless expected counts. Writes `out[offset + b]`.
 */
export function syntheticCounts(fine: FineResponse, truth: DemTruth, exptime: readonly number[], rng: Rng | undefined, out: Float64Array, offset = 0, u = new Float64Array(NBANDS)): void {
  unitEmResponse(fine, truth.logTc, truth.sigma, u);
  for (let b = 0; b < NBANDS; b++) {
    const expected = u[b] * truth.em * exptime[b];
    if (!rng) {
      out[offset + b] = expected;
      continue;
    }
    const g = GAIN[b];
    out[offset + b] = rng.poisson(expected / g) * g + READ[b] * rng.normal();
  }
}

const GAIN = BANDS.map((b) => channelNoise(b).dnPerPhoton);
const READ = BANDS.map((b) => READ_NOISE_DN[aiaTelescope(b)]);

/** Geometry and truth maps of a synthetic full-disk Sun. */
export interface SyntheticSun {
  width: number;
  height: number;
  /** Disk centre (0-based pixels) and radius in pixels. */
  xc: number;
  yc: number;
  rPix: number;
  logTc: Float32Array;
  sigma: Float32Array;
  em: Float32Array;
}

/**
 * A deterministic corona: quiet Sun (logTc 6.15-6.25, sigma 0.2, EM ~2e27), three active regions
 * (logTc 6.4-6.5, sigma 0.3, EM up to 5e28), a coronal hole (logTc 6.0, EM 2e26) and an off-limb
 * corona falling off with a 0.1 R_sun scale height (so far corners hold low counts, some of them
 * non-positive after noise, as in real images). Sizes scale with the image.
 */
export function syntheticSun(width: number, height: number): SyntheticSun {
  const n = width * height;
  const xc = (width - 1) / 2 + 0.3;
  const yc = (height - 1) / 2 - 0.2;
  const rPix = 0.39 * Math.min(width, height);
  const logTc = new Float32Array(n), sigma = new Float32Array(n), em = new Float32Array(n);
  const regions = [
    { x: 0.3, y: 0.25, r: 0.18, t: 6.45, s: 0.3, e: 5e28 },
    { x: -0.4, y: -0.1, r: 0.12, t: 6.5, s: 0.25, e: 3e28 },
    { x: 0.05, y: -0.45, r: 0.1, t: 6.4, s: 0.35, e: 2e28 },
  ];
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const x = (i - xc) / rPix, y = (j - yc) / rPix;
      const r = Math.hypot(x, y);
      const k = j * width + i;
      // Quiet Sun with a gentle pattern, so that neighbouring pixels differ.
      let t = 6.2 + 0.05 * Math.sin(7 * x + 3 * y) * Math.cos(5 * y - 2 * x);
      let s = 0.2 + 0.05 * Math.cos(4 * x * y + 1);
      let e = 2e27 * (1 + 0.3 * Math.sin(11 * x) * Math.sin(13 * y));
      const hole = Math.hypot(x + 0.1, y - 0.75) / 0.25;
      if (hole < 1) {
        const f = 1 - hole * hole;
        t -= 0.2 * f;
        e *= 1 - 0.9 * f;
      }
      for (const ar of regions) {
        const d2 = ((x - ar.x) ** 2 + (y - ar.y) ** 2) / (ar.r * ar.r);
        if (d2 < 9) {
          const f = Math.exp(-d2);
          t += (ar.t - t) * f;
          s += (ar.s - s) * f;
          e += ar.e * f;
        }
      }
      if (r > 1) e *= Math.exp(-(r - 1) / 0.1);
      logTc[k] = t;
      sigma[k] = s;
      em[k] = e;
    }
  }
  return { width, height, xc, yc, rPix, logTc, sigma, em };
}

/**
 * Unit-EM responses on a dense (logTc, sigma) grid (0.005 x 0.005 dex), bilinearly interpolated:
 * evaluating the forward model per pixel would take minutes on a 4096^2 map. The interpolation
 * error (< 1e-3 relative) is far below the photon noise of the synthetic counts.
 */
class DenseUnitTable {
  private static readonly T0 = 5.5;
  private static readonly S0 = 0.01;
  private static readonly STEP = 0.005;
  private readonly nT = 321; // 5.5 .. 7.1
  private readonly nS = 129; // 0.01 .. 0.65
  private readonly u: Float64Array;
  constructor(fine: FineResponse) {
    this.u = new Float64Array(this.nT * this.nS * NBANDS);
    for (let s = 0; s < this.nS; s++) {
      for (let t = 0; t < this.nT; t++) {
        unitEmResponse(fine, DenseUnitTable.T0 + t * DenseUnitTable.STEP, DenseUnitTable.S0 + s * DenseUnitTable.STEP, this.u, (s * this.nT + t) * NBANDS);
      }
    }
  }

  /** Unit-EM responses at (logTc, sigma), clamped to the table, into out[0..5]. */
  at(logTc: number, sigma: number, out: Float64Array): void {
    const ft = Math.min(Math.max((logTc - DenseUnitTable.T0) / DenseUnitTable.STEP, 0), this.nT - 1.000001);
    const fs = Math.min(Math.max((sigma - DenseUnitTable.S0) / DenseUnitTable.STEP, 0), this.nS - 1.000001);
    const t = Math.floor(ft), s = Math.floor(fs), dt = ft - t, ds = fs - s;
    const o00 = (s * this.nT + t) * NBANDS, o01 = o00 + NBANDS, o10 = o00 + this.nT * NBANDS, o11 = o10 + NBANDS;
    const u = this.u;
    for (let b = 0; b < NBANDS; b++) {
      out[b] = (1 - ds) * ((1 - dt) * u[o00 + b] + dt * u[o01 + b]) + ds * ((1 - dt) * u[o10 + b] + dt * u[o11 + b]);
    }
  }
}

/**
 * Noisy counts of a synthetic Sun, one float32 image per band (BANDS order), on SharedArrayBuffers
 * when `shared`. Deterministic for a seed.
 */
export function syntheticSunCounts(fine: FineResponse, sun: SyntheticSun, seed: number, opts: { shared?: boolean; exptime?: readonly number[] } = {}): Float32Array[] {
  const n = sun.width * sun.height;
  const exptime = opts.exptime ?? SYNTHETIC_EXPTIME;
  const images = BANDS.map(() => new Float32Array(opts.shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n)));
  const rng = new Rng(seed);
  const dense = new DenseUnitTable(fine);
  const u = new Float64Array(NBANDS);
  for (let k = 0; k < n; k++) {
    dense.at(sun.logTc[k], sun.sigma[k], u);
    const em = sun.em[k];
    for (let b = 0; b < NBANDS; b++) {
      const g = GAIN[b];
      images[b][k] = rng.poisson((u[b] * em * exptime[b]) / g) * g + READ[b] * rng.normal();
    }
  }
  return images;
}
