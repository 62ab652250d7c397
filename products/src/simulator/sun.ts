/**
 * The synthetic Sun: a seeded population of active regions and coronal holes (regions.ts) frozen
 * into scenes (scene.ts) at any instant, with the truth the tests compare the pipelines to.
 *
 * @module
 */
import { sunFromEarth } from '../geometry/ephemeris.ts';
import {
  type ActiveRegion,
  type ActiveRegionSpec,
  type CoronalHole,
  type GaussianDem,
  MIN_AMPLITUDE,
  candidateDays,
  candidateHoleEpochs,
  holesBornInEpoch,
  regionAmplitude,
  regionsBornOnDay,
  resolveRegion,
  startupRegion,
} from './regions.ts';
import { DEFAULT_SUN_PARAMETERS, type RegionTruth, SunScene, type SunParameters, unitVector } from './scene.ts';

export interface SyntheticSunOptions {
  /** Seed of every random choice (regions, holes, noise). */
  seed: number;
  /** When given, a region is placed near the central meridian at this time (see `startupRegion`). */
  startMs?: number;
  /** Extra regions, fully or partly specified (HARP numbers default to 900000 + index). */
  regions?: ActiveRegionSpec[];
  /** Seeded random regions (default true). */
  randomRegions?: boolean;
  /** Mean number of regions born per day (default 0.35). */
  regionsPerDay?: number;
  /** Low-latitude coronal holes: seeded (default) or an explicit list (polar holes are always there). */
  coronalHoles?: CoronalHole[] | 'random';
  /** Plasma parameters and rotation law. */
  params?: Partial<SunParameters>;
}

/** Everything true about the Sun at an instant, in the Carrington frame. */
export interface SunTruth {
  timeMs: number;
  /** Sub-Earth point and distance (the observer of every synthetic image). */
  l0Deg: number;
  b0Deg: number;
  dsunM: number;
  regions: RegionTruth[];
  coronalHoles: { lonDeg: number; latDeg: number; radiusDeg: number; amplitude: number }[];
}

/** The radial field and the horizontal field in the local frame [G]. */
export interface LocalField {
  br: number;
  /** Westward component (SHARP Bp). */
  bWest: number;
  /** Northward component (SHARP −Bt). */
  bNorth: number;
}

export interface SyntheticSun {
  readonly seed: number;
  readonly params: Readonly<SunParameters>;
  /** Regions with a non-zero amplitude at t. */
  regionsAlive(tMs: number): ActiveRegion[];
  /** The frozen Sun at t (cached: renderers of one time share it). */
  sceneAt(tMs: number): SunScene;
  truthAt(tMs: number): SunTruth;
  /** Surface (radial-column) Gaussian DEM at a Carrington position, with the region and hole weights. */
  demAt(lonDeg: number, latDeg: number, tMs: number): GaussianDem & { wAr: number; wCh: number };
  /** Radial field [G]. */
  brAt(lonDeg: number, latDeg: number, tMs: number): number;
  /** Radial and horizontal field [G]. */
  fieldAt(lonDeg: number, latDeg: number, tMs: number): LocalField;
  /** Analytic vertical current density [A/m²]. */
  jzAt(lonDeg: number, latDeg: number, tMs: number): number;
}


const DEG = Math.PI / 180;

/** Creates the synthetic Sun. Pure: same options, same Sun. */
export function createSyntheticSun(options: SyntheticSunOptions): SyntheticSun {
  const seed = options.seed >>> 0;
  const params: SunParameters = { ...DEFAULT_SUN_PARAMETERS, ...options.params };
  const meanPerDay = options.regionsPerDay ?? 0.35;
  const random = options.randomRegions ?? true;
  const explicit = (options.regions ?? []).map((spec, i) => resolveRegion(spec, 900_000 + i));
  if (options.startMs !== undefined) explicit.push(startupRegion(seed, options.startMs));
  const dayCache = new Map<number, ActiveRegion[]>();
  const holeCache = new Map<number, CoronalHole[]>();
  const sceneCache = new Map<number, SunScene>();

  const bornOn = (day: number): ActiveRegion[] => {
    let list = dayCache.get(day);
    if (!list) {
      list = random ? regionsBornOnDay(seed, day, meanPerDay) : [];
      dayCache.set(day, list);
    }
    return list;
  };
  const holesAt = (tMs: number): CoronalHole[] => {
    if (Array.isArray(options.coronalHoles)) return options.coronalHoles;
    const [e0, e1] = candidateHoleEpochs(tMs);
    const out: CoronalHole[] = [];
    for (let e = e0; e <= e1; e++) {
      let list = holeCache.get(e);
      if (!list) holeCache.set(e, (list = holesBornInEpoch(seed, e)));
      out.push(...list);
    }
    return out;
  };

  const regionsAlive = (tMs: number): ActiveRegion[] => {
    const [d0, d1] = candidateDays(tMs);
    const out: ActiveRegion[] = [];
    for (let d = d0; d <= d1; d++) for (const r of bornOn(d)) if (regionAmplitude(r, tMs) >= MIN_AMPLITUDE) out.push(r);
    for (const r of explicit) if (regionAmplitude(r, tMs) >= MIN_AMPLITUDE) out.push(r);
    return out;
  };

  const sceneAt = (tMs: number): SunScene => {
    let scene = sceneCache.get(tMs);
    if (!scene) {
      scene = new SunScene(tMs, regionsAlive(tMs), holesAt(tMs), params);
      if (sceneCache.size > 16) sceneCache.delete(sceneCache.keys().next().value as number);
      sceneCache.set(tMs, scene);
    }
    return scene;
  };

  const sample = { logTc: 0, sigma: 0, em: 0, wAr: 0, wCh: 0, br: 0 };
  const hv = new Float64Array(3);
  return {
    seed,
    params,
    regionsAlive,
    sceneAt,
    truthAt(tMs) {
      const scene = sceneAt(tMs);
      const o = sunFromEarth(tMs);
      return {
        timeMs: tMs,
        l0Deg: o.l0Deg,
        b0Deg: o.b0Deg,
        dsunM: o.dsunM,
        regions: scene.regions.map((r) => structuredClone(r)),
        coronalHoles: scene.holes.map((h) => ({ ...h })),
      };
    },
    demAt(lonDeg, latDeg, tMs) {
      const [x, y, z] = unitVector(lonDeg, latDeg);
      sceneAt(tMs).sample(x, y, z, sample);
      return { logTc: sample.logTc, sigma: sample.sigma, em: sample.em, wAr: sample.wAr, wCh: sample.wCh };
    },
    brAt(lonDeg, latDeg, tMs) {
      const [x, y, z] = unitVector(lonDeg, latDeg);
      return sceneAt(tMs).brAt(x, y, z);
    },
    fieldAt(lonDeg, latDeg, tMs) {
      const [x, y, z] = unitVector(lonDeg, latDeg);
      const scene = sceneAt(tMs);
      scene.horizontalFieldAt(x, y, z, hv);
      const [sl, cl, so, co] = [Math.sin(latDeg * DEG), Math.cos(latDeg * DEG), Math.sin(lonDeg * DEG), Math.cos(lonDeg * DEG)];
      return {
        br: scene.brAt(x, y, z),
        bWest: -so * hv[0] + co * hv[1],
        bNorth: -sl * co * hv[0] - sl * so * hv[1] + cl * hv[2],
      };
    },
    jzAt(lonDeg, latDeg, tMs) {
      const [x, y, z] = unitVector(lonDeg, latDeg);
      return sceneAt(tMs).jzAt(x, y, z);
    },
  };
}
