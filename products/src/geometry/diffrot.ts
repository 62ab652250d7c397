/**
 * Solar differential rotation laws ω(φ) = A + B sin²φ + C sin⁴φ (sidereal), as in SunPy
 * `sunpy/sun/models.py` (`differential_rotation`), and the drift of features relative to the
 * Carrington frame used to bring maps observed at t_obs to a reference time t_ref (SCIENCE.md §2.2, §5.3).
 *
 * | model     | A, B, C                  | reference                                      |
 * |-----------|--------------------------|------------------------------------------------|
 * | howard    | 2.894, −0.428, −0.370 µrad/s | Howard, Harvey & Forgach 1990, SoPh 130:295 (magnetic features) |
 * | snodgrass | 2.851, −0.343, −0.474 µrad/s | Snodgrass 1983, ApJ 270:288 (magnetic features) |
 * | allen     | 14.44, −3.0, 0 °/day     | Allen's Astrophysical Quantities (sunspots)     |
 * | rigid     | 14.1844, 0, 0 °/day      | Carrington frame (no differential rotation)     |
 *
 * @module
 */

import { CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY } from './ephemeris.ts';

/** Name of a rotation law. */
export type RotationModel = 'howard' | 'snodgrass' | 'allen' | 'rigid';

/** All rotation laws, for option lists and validation. */
export const ROTATION_MODELS: readonly RotationModel[] = ['howard', 'snodgrass', 'allen', 'rigid'];

/** Sidereal rotation rate of the Carrington frame [deg/day] (Archinal et al. 2018). */
export const CARRINGTON_RATE_DEG_PER_DAY = CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY;

/** 1 µrad/s in deg/day = 1e-6 × 86 400 × 180/π ≈ 4.950355. */
export const MICRORAD_PER_S_IN_DEG_PER_DAY = (1e-6 * 86_400 * 180) / Math.PI;

/** Coefficients (A, B, C) of ω = A + B sin²φ + C sin⁴φ in deg/day, sidereal. */
export const ROTATION_COEFFICIENTS_DEG_PER_DAY: Readonly<Record<RotationModel, readonly [number, number, number]>> = {
  howard: [2.894, -0.428, -0.37].map((c) => c * MICRORAD_PER_S_IN_DEG_PER_DAY) as [number, number, number],
  snodgrass: [2.851, -0.343, -0.474].map((c) => c * MICRORAD_PER_S_IN_DEG_PER_DAY) as [number, number, number],
  allen: [14.44, -3.0, 0],
  rigid: [CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY, 0, 0],
};

function coefficients(model: RotationModel): readonly [number, number, number] {
  const c = ROTATION_COEFFICIENTS_DEG_PER_DAY[model];
  if (!c) throw new RangeError(`unknown rotation model ${JSON.stringify(model)} (expected ${ROTATION_MODELS.join(', ')})`);
  return c;
}

/** Sidereal rotation rate [deg/day] of the model at a latitude [deg]. */
export function siderealRateDegPerDay(model: RotationModel, latDeg: number): number {
  const [a, b, c] = coefficients(model);
  const s = Math.sin((latDeg * Math.PI) / 180);
  const s2 = s * s;
  return a + b * s2 + c * s2 * s2;
}

/**
 * Drift in Carrington longitude [deg/day] of a feature at a latitude: ω(φ) − 14.1844. Negative at
 * mid and high latitudes (features lag the Carrington frame). Zero for `rigid`.
 */
export function carringtonDriftDegPerDay(model: RotationModel, latDeg: number): number {
  return siderealRateDegPerDay(model, latDeg) - CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY;
}

/**
 * Carrington-longitude shift [deg] of a feature at `latDeg` after `dtDays` (t_ref − t_obs):
 * λ(t_ref) = λ(t_obs) + shift.
 */
export function carringtonShiftDeg(model: RotationModel, latDeg: number, dtDays: number): number {
  return carringtonDriftDegPerDay(model, latDeg) * dtDays;
}

/**
 * Per-row Carrington-longitude shifts in radians for a set of latitudes (radians), written into
 * `out` (allocation-free helper for resamplers that sample each output row at λ − shift).
 */
export function carringtonShiftRadInto(
  model: RotationModel,
  latRad: ArrayLike<number>,
  dtDays: number,
  out: Float64Array,
): Float64Array {
  const [a, b, c] = coefficients(model);
  const k = (dtDays * Math.PI) / 180;
  for (let i = 0; i < latRad.length; i++) {
    const s = Math.sin(latRad[i]);
    const s2 = s * s;
    out[i] = (a + b * s2 + c * s2 * s2 - CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY) * k;
  }
  return out;
}
