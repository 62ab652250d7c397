/**
 * Continuum limb darkening of the photosphere near 617.3 nm (HMI Fe I line continuum), SCIENCE.md §3.3.
 *
 * - The JSOC law of `hmi_limbdark.c` (which produces `hmi.Ic_noLimbDark_720s`), Pierce & Slaughter
 *   (1977, SoPh 51:25) form: I(μ)/I(1) = 1 + Σ_{k=1..5} a_k (ln μ)^k, coefficient version 2 by default.
 *   JSOC crops r² ≥ 0.99975 (a quarter pixel from the limb, μ < 0.0158) and drops pixels where the law
 *   is ≤ 0.
 * - Neckel & Labs (1994) 5th-order polynomial in μ interpolated to 617.33 nm and normalised
 *   (coefficients from `ISP-SST/sstred` `red_neckel_coefficients.pro`): the independent cross-check.
 *
 * Shared by the synoptic pipeline (correction) and the simulator (forward model).
 *
 * @module
 */

/** JSOC `hmi_limbdark.c` coefficients a1..a5, version 2 (the default of `hmi.Ic_noLimbDark_720s`). */
export const JSOC_LIMB_DARKENING_V2: readonly number[] = Object.freeze([0.459224, 0.132395, 0.019601, 0.000802, -4.31934e-5]);

/** JSOC `hmi_limbdark.c` coefficients a1..a5, version 1. */
export const JSOC_LIMB_DARKENING_V1: readonly number[] = Object.freeze([0.443, 0.139, 0.041, 0.0125, 0.0019]);

/** Neckel & Labs (1994) A0..A5 at 617.33 nm: I(μ)/I(1) = Σ A_k μ^k. */
export const NECKEL_LABS_1994_6173: readonly number[] = Object.freeze([0.31445, 1.35342, -1.82654, 2.35725, -1.68781, 0.48922]);

/**
 * JSOC crop: pixels with r² ≥ 0.99975 (r in units of the limb radius) are dropped. Since
 * r² = 1 − μ² exactly for a sphere seen from a finite distance (r = sin ρ / sin ρ_limb), this is
 * μ < sqrt(0.00025) ≈ 0.0158.
 */
export const JSOC_LIMB_CROP_R2 = 0.99975;

/** μ below which JSOC drops continuum pixels (the r² crop expressed as μ). */
export const JSOC_LIMB_CROP_MU = Math.sqrt(1 - JSOC_LIMB_CROP_R2);

/**
 * Pierce & Slaughter law I(μ)/I(1) = 1 + Σ a_k (ln μ)^k (Horner form). NaN for μ ≤ 0 or NaN;
 * may be ≤ 0 for tiny μ with some coefficient sets (callers drop those pixels, as JSOC does).
 */
export function jsocLimbDarkening(mu: number, coefficients: readonly number[] = JSOC_LIMB_DARKENING_V2): number {
  if (!(mu > 0)) return Number.NaN;
  const l = Math.log(mu);
  let acc = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) acc = (acc + coefficients[k]) * l;
  return 1 + acc;
}

/** Neckel & Labs (1994) law at 617.33 nm, Σ A_k μ^k, for 0 < μ ≤ 1 (NaN otherwise). */
export function neckelLabsLimbDarkening(mu: number, coefficients: readonly number[] = NECKEL_LABS_1994_6173): number {
  if (!(mu > 0 && mu <= 1)) return Number.NaN;
  let acc = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) acc = acc * mu + coefficients[k];
  return acc;
}
