/**
 * Limb-darkening laws and HMI constants against the values tabulated in SCIENCE.md §3.2-3.3
 * (JSOC hmi_limbdark.c v2, Neckel & Labs 1994 at 617.33 nm, JSOC synoptic μ cut).
 */
import { describe, expect, it } from 'vitest';
import { HMI_MU_MIN, radialFieldFromLineOfSight } from './hmi.ts';
import { JSOC_LIMB_CROP_MU, jsocLimbDarkening, neckelLabsLimbDarkening } from './limb-darkening.ts';

const MU = [0.9, 0.7, 0.5, 0.3, 0.2, 0.1];

describe('limb darkening near 617.3 nm', () => {
  it('JSOC v2 law: 0.9531, 0.8522, 0.7390, 0.6066, 0.5280, 0.4306', () => {
    [0.9531, 0.8522, 0.739, 0.6066, 0.528, 0.4306].forEach((v, i) => expect(jsocLimbDarkening(MU[i])).toBeCloseTo(v, 4));
    expect(jsocLimbDarkening(1)).toBe(1);
    expect(jsocLimbDarkening(0)).toBeNaN();
  });

  it('Neckel & Labs 1994: 0.9530, 0.8524, 0.7390, 0.6073, 0.5284, 0.4337, within 0.003 of JSOC v2 for μ ≥ 0.2', () => {
    [0.953, 0.8524, 0.739, 0.6073, 0.5284, 0.4337].forEach((v, i) => expect(neckelLabsLimbDarkening(MU[i])).toBeCloseTo(v, 4));
    for (const mu of MU.slice(0, 5)) expect(Math.abs(neckelLabsLimbDarkening(mu) - jsocLimbDarkening(mu))).toBeLessThan(0.003);
  });

  it('JSOC crop r² ≥ 0.99975 is μ < 0.0158; the synoptic cut r ≥ 0.994 is μ < 0.109', () => {
    expect(JSOC_LIMB_CROP_MU).toBeCloseTo(0.0158, 4);
    expect(HMI_MU_MIN).toBeCloseTo(0.109, 3);
    expect(radialFieldFromLineOfSight(50, 0.5)).toBe(100);
    expect(radialFieldFromLineOfSight(50, 0)).toBeNaN();
  });
});
