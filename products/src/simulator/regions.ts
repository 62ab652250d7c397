/**
 * The synthetic Sun's population: active regions (emerging, rotating differentially, decaying) and
 * coronal holes, generated deterministically from a seed for any time.
 *
 * Regions are born per UTC day (a seeded stream per day index), so the Sun at a given instant does
 * not depend on where a fill started or how a live run was stepped. Every parameter drawn here is a
 * plausible choice, not an established value (SCIENCE.md §8): the tests only rely on the truth the
 * model exposes, never on these ranges.
 *
 * @module
 */
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { carringtonShiftDeg, type RotationModel } from '../geometry/diffrot.ts';
import { Random, deriveSeed } from './rng.ts';

export const MS_PER_DAY = 86_400_000;
/** Day 0 of the region calendar: SDO's first science data (2010-05-01T00:00Z). */
export const REGION_EPOCH_MS = Date.UTC(2010, 4, 1);
/** At most this many regions are born per day (also the stride of the HARP numbering). */
export const MAX_REGIONS_PER_DAY = 4;
/** Regions live less than this; older birth days are not searched. */
const MAX_REGION_LIFE_DAYS = 45;
/** Length of a coronal-hole generation epoch [days]. */
const HOLE_EPOCH_DAYS = 27;

/** Gaussian DEM of a plasma component: peak log10 T [K], width in log T, emission measure [cm^-5]. */
export interface GaussianDem {
  logTc: number;
  sigma: number;
  em: number;
}

/** Everything that defines an active region (all optional fields have seeded or fixed defaults). */
export interface ActiveRegionSpec {
  /** Time the flux starts to emerge, UTC ms. */
  emergeMs: number;
  /** Carrington longitude [deg] of the region centre at `emergeMs`. */
  lonDeg: number;
  /** Latitude of the region centre [deg] (constant). */
  latDeg: number;
  /** Peak field of each polarity at full development [G]. Default 2000. */
  peakFieldG?: number;
  /** Gaussian radius L of each polarity and of its flux rope [Mm]. Default 10. */
  ropeRadiusMm?: number;
  /** Distance between the two polarity centres [deg of great circle]. Default 6. */
  separationDeg?: number;
  /** Tilt of the bipole axis to the equator [deg], leading polarity nearer the equator. Default Joy's law 0.5 |lat|. */
  tiltDeg?: number;
  /** Twist B0/Bpeak of the flux ropes (sign = handedness; > 0 gives jz Bz > 0). Default -0.4 north, +0.4 south. */
  twist?: number;
  /** Sign of the leading (westward) polarity. Default -1 north, +1 south (cycle 25 Hale law). */
  leadingSign?: 1 | -1;
  /** Emergence (rise) time to full flux [days]. Default 1.5. */
  riseDays?: number;
  /** e-folding time of the decay after the peak [days]. Default 7. */
  decayDays?: number;
  /** Coronal DEM at the region core at full development. Default logTc 6.5, sigma 0.22, EM 5e27. */
  dem?: GaussianDem;
  /** HARP number in the definitive series (hmi.sharp_cea_720s). */
  harpnum?: number;
  /** HARP number in the near-real-time series (different numbering). */
  harpnumNrt?: number;
  /** NOAA active region number. */
  noaa?: number;
}

/** A region with every parameter resolved. */
export interface ActiveRegion extends Required<ActiveRegionSpec> {
  /** Stable identifier (the HARP number of the definitive series). */
  id: number;
  /** When the region has decayed below the smallest amplitude simulated, UTC ms. */
  endMs: number;
}

/** A coronal hole: a disk of open field, rotating with the surface at its latitude. */
export interface CoronalHole {
  lonDeg: number;
  latDeg: number;
  radiusDeg: number;
  startMs: number;
  endMs: number;
}

/** Regions whose amplitude is below this are considered gone (no HARP, no emission). */
export const MIN_AMPLITUDE = 0.03;

/** Fills the defaults of a region spec. */
export function resolveRegion(spec: ActiveRegionSpec, fallbackId: number): ActiveRegion {
  const north = spec.latDeg >= 0;
  const riseDays = spec.riseDays ?? 1.5;
  const decayDays = spec.decayDays ?? 7;
  const harpnum = spec.harpnum ?? fallbackId;
  const r: ActiveRegion = {
    emergeMs: spec.emergeMs,
    lonDeg: spec.lonDeg,
    latDeg: spec.latDeg,
    peakFieldG: spec.peakFieldG ?? 2000,
    ropeRadiusMm: spec.ropeRadiusMm ?? 10,
    separationDeg: spec.separationDeg ?? 6,
    tiltDeg: spec.tiltDeg ?? 0.5 * Math.abs(spec.latDeg),
    twist: spec.twist ?? (north ? -0.4 : 0.4),
    leadingSign: spec.leadingSign ?? (north ? -1 : 1),
    riseDays,
    decayDays,
    dem: spec.dem ?? { logTc: 6.5, sigma: 0.22, em: 5e27 },
    harpnum,
    harpnumNrt: spec.harpnumNrt ?? harpnum + 50_000,
    noaa: spec.noaa ?? 10_000 + (harpnum % 80_000),
    id: harpnum,
    endMs: spec.emergeMs + (riseDays + decayDays * Math.log(1 / MIN_AMPLITUDE)) * MS_PER_DAY,
  };
  return r;
}

/** Development of a region at t: 0 before emergence, smooth rise to 1, exponential decay. */
export function regionAmplitude(r: ActiveRegion, tMs: number): number {
  const days = (tMs - r.emergeMs) / MS_PER_DAY;
  if (days <= 0 || tMs >= r.endMs) return 0;
  if (days < r.riseDays) {
    const x = days / r.riseDays;
    return x * x * (3 - 2 * x);
  }
  return Math.exp(-(days - r.riseDays) / r.decayDays);
}

/** Carrington longitude of the region centre at t: born at lonDeg, drifting with the rotation law. */
export function regionLongitude(r: ActiveRegion, tMs: number, model: RotationModel): number {
  const lon = r.lonDeg + carringtonShiftDeg(model, r.latDeg, (tMs - r.emergeMs) / MS_PER_DAY);
  return ((lon % 360) + 360) % 360;
}

/** HARP index of the k-th region born on a day: the definitive HARP number is index + 1. */
function harpIndex(day: number, k: number): number {
  return day * MAX_REGIONS_PER_DAY + k;
}

/** The regions born on one day (day 0 = REGION_EPOCH_MS), from the seed. */
export function regionsBornOnDay(seed: number, day: number, meanPerDay: number): ActiveRegion[] {
  const rng = new Random(deriveSeed(seed, 1, day));
  // The last slot of each day is kept for the region guaranteed at start-up.
  const count = Math.min(MAX_REGIONS_PER_DAY - 1, rng.poisson(meanPerDay));
  const out: ActiveRegion[] = [];
  for (let k = 0; k < count; k++) {
    const north = rng.uniform() < 0.5;
    const lat = (north ? 1 : -1) * rng.between(6, 32);
    const index = harpIndex(day, k);
    out.push(
      resolveRegion(
        {
          emergeMs: REGION_EPOCH_MS + (day + rng.uniform()) * MS_PER_DAY,
          lonDeg: rng.between(0, 360),
          latDeg: lat,
          peakFieldG: rng.between(1400, 2600),
          ropeRadiusMm: rng.between(7, 12),
          separationDeg: rng.between(4, 9),
          tiltDeg: 0.5 * Math.abs(lat) + rng.between(-4, 4),
          twist: (north ? -1 : 1) * rng.between(0.25, 0.6),
          riseDays: rng.between(0.8, 2.5),
          decayDays: rng.between(4, 10),
          dem: { logTc: rng.between(6.4, 6.6), sigma: rng.between(0.18, 0.3), em: 10 ** rng.between(27.3, 27.9) },
          harpnum: index + 1,
        },
        index + 1,
      ),
    );
  }
  return out;
}

/**
 * A region near the central meridian at `startMs` (born 1.5 days before, 10° east of disk centre),
 * so a freshly started service has SHARPs and active-region emission from its first hour.
 */
export function startupRegion(seed: number, startMs: number): ActiveRegion {
  const rng = new Random(deriveSeed(seed, 3, Math.floor(startMs / MS_PER_DAY)));
  const day = Math.floor((startMs - REGION_EPOCH_MS) / MS_PER_DAY);
  const north = rng.uniform() < 0.5;
  const lat = (north ? 1 : -1) * rng.between(10, 20);
  const index = harpIndex(day, MAX_REGIONS_PER_DAY - 1);
  return resolveRegion(
    {
      emergeMs: startMs - 1.5 * MS_PER_DAY,
      lonDeg: sunFromEarth(startMs).l0Deg - 10,
      latDeg: lat,
      peakFieldG: 2200,
      ropeRadiusMm: 10,
      separationDeg: 6,
      riseDays: 1.2,
      decayDays: 9,
      harpnum: index + 1,
    },
    index + 1,
  );
}

/** Coronal holes born in one 27-day epoch (index 0 starts at REGION_EPOCH_MS). */
export function holesBornInEpoch(seed: number, epoch: number): CoronalHole[] {
  const rng = new Random(deriveSeed(seed, 2, epoch));
  const count = Math.floor(rng.between(0, 2.999));
  const out: CoronalHole[] = [];
  for (let k = 0; k < count; k++) {
    const startMs = REGION_EPOCH_MS + (epoch + rng.uniform()) * HOLE_EPOCH_DAYS * MS_PER_DAY;
    out.push({
      lonDeg: rng.between(0, 360),
      latDeg: rng.between(-35, 35),
      radiusDeg: rng.between(6, 14),
      startMs,
      endMs: startMs + rng.between(20, 50) * MS_PER_DAY,
    });
  }
  return out;
}

/** Index of the UTC day (since REGION_EPOCH_MS) containing t. */
export function regionDay(tMs: number): number {
  return Math.floor((tMs - REGION_EPOCH_MS) / MS_PER_DAY);
}

/** Range of birth days whose regions may be alive at t. */
export function candidateDays(tMs: number): [number, number] {
  const d = regionDay(tMs);
  return [d - MAX_REGION_LIFE_DAYS, d];
}

/** Range of hole epochs whose holes may be alive at t. */
export function candidateHoleEpochs(tMs: number): [number, number] {
  const e = Math.floor((tMs - REGION_EPOCH_MS) / (HOLE_EPOCH_DAYS * MS_PER_DAY));
  return [e - 2, e];
}
