/**
 * The synthetic Sun frozen at one instant: active-region polarities with their twisted flux ropes,
 * active-region and coronal-hole plasma, all as packed arrays so that images of a million pixels can
 * be evaluated point by point quickly. The truth helpers of the model and the renderers use the same
 * evaluation, so every image is a sampling of the truth.
 *
 * Magnetic model of a polarity (centre c, unit vectors; s = R |p − c| the chord distance):
 *   Br = b exp(−s²/L²)                                         [G]
 *   B_h = (B0/L) exp(−s²/L²) R (c × p)                           (azimuthal flux rope, |R c × p| ≈ s)
 *   jz  = B0 / (µ0 L) exp(−s²/L²) (2 − 2 s²/L²)                  [A/m², B0 in T]  (SCIENCE.md §4.5)
 * with B0 = twist · b, so twist > 0 gives jz Bz > 0. The two polarities of a region are far enough
 * apart (separation > 4 L by default) for their ropes not to overlap.
 *
 * @module
 */
import { carringtonShiftDeg, type RotationModel } from '../geometry/diffrot.ts';
import { SDO_RSUN_REF_M } from '../geometry/ephemeris.ts';
import {
  type ActiveRegion,
  type CoronalHole,
  type GaussianDem,
  MS_PER_DAY,
  regionAmplitude,
  regionLongitude,
} from './regions.ts';

const DEG = Math.PI / 180;
/** Vacuum permeability [T m / A] (as the currents pipeline). */
export const MU0 = 4e-7 * Math.PI;
/** Solar radius of the model [m] (RSUN_REF of AIA/HMI). */
export const MODEL_RSUN_M = SDO_RSUN_REF_M;

/** Plasma and surface parameters shared by all regions (not established values: configurable). */
export interface SunParameters {
  /** Quiet-Sun coronal DEM. */
  quietDem: GaussianDem;
  /** Coronal-hole DEM. */
  holeDem: GaussianDem;
  /** Polar coronal holes poleward of this latitude [deg]. */
  polarHoleLatDeg: number;
  /** Rotation law of regions and holes (geometry/diffrot.ts). */
  rotationModel: RotationModel;
}

export const DEFAULT_SUN_PARAMETERS: Readonly<SunParameters> = Object.freeze({
  quietDem: { logTc: 6.15, sigma: 0.18, em: 6e26 },
  holeDem: { logTc: 5.95, sigma: 0.12, em: 5e25 },
  polarHoleLatDeg: 62,
  rotationModel: 'howard',
});

/** One polarity of a region at an instant. */
export interface PolarityTruth {
  sign: 1 | -1;
  lonDeg: number;
  latDeg: number;
  /** Peak radial field (signed) [G]. */
  bzG: number;
  /** Flux-rope amplitude B0 (signed) [G]. */
  ropeB0G: number;
  /** Gaussian radius L [Mm]. */
  radiusMm: number;
  /** |flux| = |b| π L² [Mx]. */
  fluxMx: number;
  /** Total unsigned vertical current of the rope 4π |B0| L / (µ0 e) [A]. */
  unsignedCurrentA: number;
}

/** An active region at an instant. */
export interface RegionTruth {
  id: number;
  harpnum: number;
  harpnumNrt: number;
  noaa: number;
  /** Carrington longitude and latitude of the centre [deg]. */
  lonDeg: number;
  latDeg: number;
  /** Development 0..1 (flux and coronal emission scale with it). */
  amplitude: number;
  twist: number;
  separationDeg: number;
  tiltDeg: number;
  ropeRadiusMm: number;
  emergeMs: number;
  endMs: number;
  /** Sum of both polarities' |flux| [Mx]. */
  unsignedFluxMx: number;
  /** Sum of both ropes' unsigned current [A]. */
  unsignedCurrentA: number;
  /** Core DEM of the fully developed region (the map blends it in with the amplitude). */
  dem: GaussianDem;
  polarities: [PolarityTruth, PolarityTruth];
  /** Angular radius [deg] beyond which the region's field and currents are negligible (< 1e-4). */
  extentDeg: number;
}

/** Point samples of the scene. */
export interface PointSample {
  logTc: number;
  sigma: number;
  em: number;
  /** Active-region and coronal-hole weights 0..1. */
  wAr: number;
  wCh: number;
  /** Radial field [G]. */
  br: number;
}

/** Unit vector of a Carrington position. */
export function unitVector(lonDeg: number, latDeg: number): [number, number, number] {
  const cl = Math.cos(latDeg * DEG);
  return [cl * Math.cos(lonDeg * DEG), cl * Math.sin(lonDeg * DEG), Math.sin(latDeg * DEG)];
}

/** exp(−x) below which a Gaussian term is skipped. */
const CUT_EXPONENT = 12;

/** The Sun at one instant. */
export class SunScene {
  readonly timeMs: number;
  readonly regions: RegionTruth[];
  readonly holes: { lonDeg: number; latDeg: number; radiusDeg: number; amplitude: number }[];
  readonly params: SunParameters;

  // Polarities: centre unit vector, peak Br, rope B0 [G], k = R²/L² (chord units), skip threshold on dot.
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly pz: Float64Array;
  private readonly pb: Float64Array;
  private readonly pb0: Float64Array;
  private readonly pk: Float64Array;
  private readonly pl: Float64Array; // L [m]
  private readonly pcut: Float64Array;
  // Region coronal envelopes.
  private readonly ex: Float64Array;
  private readonly ey: Float64Array;
  private readonly ez: Float64Array;
  private readonly eamp: Float64Array;
  private readonly ek: Float64Array;
  private readonly ecut: Float64Array;
  private readonly eLogTc: Float64Array;
  private readonly eSigma: Float64Array;
  private readonly eLogEm: Float64Array;
  // Holes.
  private readonly hx: Float64Array;
  private readonly hy: Float64Array;
  private readonly hz: Float64Array;
  private readonly hr: Float64Array; // radius [rad]
  private readonly hamp: Float64Array;
  private readonly hcut: Float64Array;
  private readonly polarSin: number;

  constructor(timeMs: number, regions: readonly ActiveRegion[], holes: readonly CoronalHole[], params: SunParameters) {
    this.timeMs = timeMs;
    this.params = params;
    const R = MODEL_RSUN_M;
    this.regions = [];
    for (const r of regions) {
      const amplitude = regionAmplitude(r, timeMs);
      if (amplitude <= 0) continue;
      const lonDeg = regionLongitude(r, timeMs, params.rotationModel);
      const half = r.separationDeg / 2;
      const north = r.latDeg >= 0 ? 1 : -1;
      const dLat = half * Math.sin(r.tiltDeg * DEG);
      const dLon = (half * Math.cos(r.tiltDeg * DEG)) / Math.cos(r.latDeg * DEG);
      const lMm = r.ropeRadiusMm;
      const lM = lMm * 1e6;
      const make = (sign: 1 | -1, lon: number, lat: number): PolarityTruth => {
        const bz = sign * r.peakFieldG * amplitude;
        const b0 = r.twist * bz;
        return {
          sign,
          lonDeg: ((lon % 360) + 360) % 360,
          latDeg: lat,
          bzG: bz,
          ropeB0G: b0,
          radiusMm: lMm,
          fluxMx: Math.abs(bz) * Math.PI * (lM * 100) ** 2,
          unsignedCurrentA: (4 * Math.PI * Math.abs(b0 * 1e-4) * lM) / (MU0 * Math.E),
        };
      };
      // Leading polarity to the west (larger Carrington longitude) and nearer the equator (Joy's law).
      const leading = make(r.leadingSign, lonDeg + dLon, r.latDeg - north * dLat);
      const following = make(r.leadingSign === 1 ? -1 : 1, lonDeg - dLon, r.latDeg + north * dLat);
      const extentDeg = half + (Math.sqrt(CUT_EXPONENT) * lM) / R / DEG;
      this.regions.push({
        id: r.id,
        harpnum: r.harpnum,
        harpnumNrt: r.harpnumNrt,
        noaa: r.noaa,
        lonDeg,
        latDeg: r.latDeg,
        amplitude,
        twist: r.twist,
        separationDeg: r.separationDeg,
        tiltDeg: r.tiltDeg,
        ropeRadiusMm: lMm,
        emergeMs: r.emergeMs,
        endMs: r.endMs,
        unsignedFluxMx: leading.fluxMx + following.fluxMx,
        unsignedCurrentA: leading.unsignedCurrentA + following.unsignedCurrentA,
        dem: { ...r.dem },
        polarities: [leading, following],
        extentDeg,
      });
    }
    const np = this.regions.length * 2;
    this.px = new Float64Array(np);
    this.py = new Float64Array(np);
    this.pz = new Float64Array(np);
    this.pb = new Float64Array(np);
    this.pb0 = new Float64Array(np);
    this.pk = new Float64Array(np);
    this.pl = new Float64Array(np);
    this.pcut = new Float64Array(np);
    const nr = this.regions.length;
    this.ex = new Float64Array(nr);
    this.ey = new Float64Array(nr);
    this.ez = new Float64Array(nr);
    this.eamp = new Float64Array(nr);
    this.ek = new Float64Array(nr);
    this.ecut = new Float64Array(nr);
    this.eLogTc = new Float64Array(nr);
    this.eSigma = new Float64Array(nr);
    this.eLogEm = new Float64Array(nr);
    this.regions.forEach((reg, i) => {
      reg.polarities.forEach((p, j) => {
        const k = 2 * i + j;
        [this.px[k], this.py[k], this.pz[k]] = unitVector(p.lonDeg, p.latDeg);
        this.pb[k] = p.bzG;
        this.pb0[k] = p.ropeB0G;
        const lM = p.radiusMm * 1e6;
        this.pl[k] = lM;
        this.pk[k] = (R * R) / (lM * lM);
        // chord² = 2 − 2 dot; skip when chord² k > CUT_EXPONENT.
        this.pcut[k] = 1 - CUT_EXPONENT / (2 * this.pk[k]);
      });
      [this.ex[i], this.ey[i], this.ez[i]] = unitVector(reg.lonDeg, reg.latDeg);
      this.eamp[i] = reg.amplitude;
      // Envelope of the hot plasma: covers both polarities.
      const wM = (reg.separationDeg / 2) * DEG * R + 1.5 * reg.ropeRadiusMm * 1e6;
      this.ek[i] = (R * R) / (wM * wM);
      this.ecut[i] = 1 - CUT_EXPONENT / (2 * this.ek[i]);
      this.eLogTc[i] = reg.dem.logTc;
      this.eSigma[i] = reg.dem.sigma;
      this.eLogEm[i] = Math.log(reg.dem.em);
    });

    this.holes = [];
    for (const h of holes) {
      const ramp = 3 * MS_PER_DAY;
      const amplitude = Math.min(1, Math.max(0, (timeMs - h.startMs) / ramp), Math.max(0, (h.endMs - timeMs) / ramp));
      if (amplitude <= 0) continue;
      const lonDeg = h.lonDeg + carringtonShiftDeg(params.rotationModel, h.latDeg, (timeMs - h.startMs) / MS_PER_DAY);
      this.holes.push({ lonDeg: ((lonDeg % 360) + 360) % 360, latDeg: h.latDeg, radiusDeg: h.radiusDeg, amplitude });
    }
    const nh = this.holes.length;
    this.hx = new Float64Array(nh);
    this.hy = new Float64Array(nh);
    this.hz = new Float64Array(nh);
    this.hr = new Float64Array(nh);
    this.hamp = new Float64Array(nh);
    this.hcut = new Float64Array(nh);
    this.holes.forEach((h, i) => {
      [this.hx[i], this.hy[i], this.hz[i]] = unitVector(h.lonDeg, h.latDeg);
      this.hr[i] = h.radiusDeg * DEG;
      this.hamp[i] = h.amplitude;
      this.hcut[i] = Math.cos(h.radiusDeg * DEG + 10 * HOLE_EDGE_RAD);
    });
    this.polarSin = Math.sin(params.polarHoleLatDeg * DEG);
  }

  /** Radial field [G] at a unit vector. */
  brAt(x: number, y: number, z: number): number {
    let br = 0;
    for (let k = 0; k < this.pb.length; k++) {
      const dot = x * this.px[k] + y * this.py[k] + z * this.pz[k];
      if (dot < this.pcut[k]) continue;
      br += this.pb[k] * Math.exp(-(2 - 2 * dot) * this.pk[k]);
    }
    return br;
  }

  /**
   * Horizontal field [G] at a unit vector p, as a 3-D vector tangent to the sphere:
   * Σ B0 (R/L) exp(−s²/L²) (c × p).
   */
  horizontalFieldAt(x: number, y: number, z: number, out: Float64Array): void {
    let bx = 0, by = 0, bz = 0;
    for (let k = 0; k < this.pb.length; k++) {
      const cx = this.px[k], cy = this.py[k], cz = this.pz[k];
      const dot = x * cx + y * cy + z * cz;
      if (dot < this.pcut[k]) continue;
      const f = ((this.pb0[k] * MODEL_RSUN_M) / this.pl[k]) * Math.exp(-(2 - 2 * dot) * this.pk[k]);
      bx += f * (cy * z - cz * y);
      by += f * (cz * x - cx * z);
      bz += f * (cx * y - cy * x);
    }
    out[0] = bx;
    out[1] = by;
    out[2] = bz;
  }

  /** Analytic vertical current density [A/m²] at a unit vector (sum of the ropes, §4.5 formula). */
  jzAt(x: number, y: number, z: number): number {
    let jz = 0;
    for (let k = 0; k < this.pb.length; k++) {
      const dot = x * this.px[k] + y * this.py[k] + z * this.pz[k];
      if (dot < this.pcut[k]) continue;
      const u = (2 - 2 * dot) * this.pk[k];
      jz += ((this.pb0[k] * 1e-4) / (MU0 * this.pl[k])) * Math.exp(-u) * (2 - 2 * u);
    }
    return jz;
  }

  /** DEM, weights and Br at a unit vector, written into `out`. */
  sample(x: number, y: number, z: number, out: PointSample): void {
    const q = this.params.quietDem;
    const ch = this.params.holeDem;
    // Coronal holes: polar caps and low-latitude holes, smooth edges.
    const absLatSin = Math.abs(z);
    let wCh = absLatSin > this.polarSin - 0.2 ? logistic((Math.asin(Math.min(1, absLatSin)) - Math.asin(this.polarSin)) / HOLE_EDGE_RAD) : 0;
    for (let i = 0; i < this.hx.length; i++) {
      const dot = x * this.hx[i] + y * this.hy[i] + z * this.hz[i];
      if (dot < this.hcut[i]) continue;
      const w = this.hamp[i] * logistic((this.hr[i] - Math.acos(Math.min(1, dot))) / HOLE_EDGE_RAD);
      if (w > wCh) wCh = w;
    }
    // Active-region envelopes: combined weight 1 − Π(1 − w), parameters averaged with weights w.
    let keep = 1, sw = 0, sT = 0, sS = 0, sE = 0;
    for (let i = 0; i < this.ex.length; i++) {
      const dot = x * this.ex[i] + y * this.ey[i] + z * this.ez[i];
      if (dot < this.ecut[i]) continue;
      const w = this.eamp[i] * Math.exp(-(2 - 2 * dot) * this.ek[i]);
      keep *= 1 - w;
      sw += w;
      sT += w * this.eLogTc[i];
      sS += w * this.eSigma[i];
      sE += w * this.eLogEm[i];
    }
    const wAr = 1 - keep;
    wCh *= 1 - wAr;
    let logTc = q.logTc + wCh * (ch.logTc - q.logTc);
    let sigma = q.sigma + wCh * (ch.sigma - q.sigma);
    let logEm = Math.log(q.em) + wCh * (Math.log(ch.em) - Math.log(q.em));
    if (sw > 0) {
      logTc += wAr * (sT / sw - logTc);
      sigma += wAr * (sS / sw - sigma);
      logEm += wAr * (sE / sw - logEm);
    }
    out.logTc = logTc;
    out.sigma = sigma;
    out.em = Math.exp(logEm);
    out.wAr = wAr;
    out.wCh = wCh;
    out.br = this.brAt(x, y, z);
  }
}

/** Width of the coronal-hole edges [rad]. */
const HOLE_EDGE_RAD = 1.5 * DEG;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
