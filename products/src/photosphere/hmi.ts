/**
 * HMI full-disk conventions used by the photospheric synoptic maps (SCIENCE.md §3.2, §3.4).
 *
 * @module
 */

/** JSOC synoptic maps drop the edge of the disk beyond 0.994 of the limb radius (~12 pixels). */
export const HMI_LIMB_CUT_RADIUS = 0.994;

/** μ at r = 0.994 R: sqrt(1 − 0.994²) ≈ 0.109, the μ cut of the JSOC radial-field synoptic maps. */
export const HMI_MU_MIN = Math.sqrt(1 - HMI_LIMB_CUT_RADIUS * HMI_LIMB_CUT_RADIUS);

/**
 * QUALITY bits that disqualify an HMI 720 s observable for the JSOC synoptic maps: any of
 * 0xfffefb00 set (SCIENCE.md §3.4, http://jsoc.stanford.edu/jsocwiki/MagneticField/SynopticRadial).
 */
export const HMI_BAD_QUALITY_MASK = 0xfffefb00;

/**
 * Radial field from the line-of-sight field under the radial-field assumption, Br = Blos / μ
 * (SCIENCE.md §3.2); NaN where μ ≤ 0 (off disk) or the input is NaN. Noise grows as 1/μ.
 */
export function radialFieldFromLineOfSight(blos: number, mu: number): number {
  return mu > 0 ? blos / mu : Number.NaN;
}
