import { describe, expect, it } from 'vitest';
import {
  CARRINGTON_RATE_DEG_PER_DAY,
  ROTATION_MODELS,
  type RotationModel,
  carringtonDriftDegPerDay,
  carringtonShiftDeg,
  carringtonShiftRadInto,
  siderealRateDegPerDay,
} from './diffrot.ts';

describe('differential rotation laws (SCIENCE.md table 5.3, SunPy models.py)', () => {
  const table: Record<RotationModel, [number, number, number]> = {
    howard: [14.3263, 13.6822, 11.707],
    snodgrass: [14.1135, 13.5423, 11.5201],
    allen: [14.44, 13.69, 12.19],
    rigid: [14.1844, 14.1844, 14.1844],
  };
  for (const model of ROTATION_MODELS) {
    it(`${model}: ω(0°, 30°, 60°) = ${table[model].join(', ')} °/day to 4 decimals`, () => {
      [0, 30, 60].forEach((lat, i) => {
        expect(siderealRateDegPerDay(model, lat)).toBeCloseTo(table[model][i], 4);
        expect(siderealRateDegPerDay(model, -lat)).toBeCloseTo(table[model][i], 4); // symmetric
      });
    });
  }

  it('drifts relative to the Carrington frame (howard +0.142/−0.502/−2.477, snodgrass −0.071/−0.642/−2.664)', () => {
    expect(CARRINGTON_RATE_DEG_PER_DAY).toBe(14.1844);
    [0.142, -0.502, -2.477].forEach((v, i) => expect(carringtonDriftDegPerDay('howard', [0, 30, 60][i])).toBeCloseTo(v, 3));
    [-0.071, -0.642, -2.664].forEach((v, i) => expect(carringtonDriftDegPerDay('snodgrass', [0, 30, 60][i])).toBeCloseTo(v, 3));
    expect(carringtonDriftDegPerDay('rigid', 45)).toBe(0);
  });

  it('3 days at 30°: howard vs rigid differ by 1.51° (SCIENCE.md §2.4 test 2)', () => {
    const d = carringtonShiftDeg('rigid', 30, 3) - carringtonShiftDeg('howard', 30, 3);
    expect(d).toBeCloseTo(1.51, 2);
  });

  it('fills per-row shifts in radians consistent with the scalar law', () => {
    const lats = Float64Array.from([-80, -30, 0, 30, 80], (d) => (d * Math.PI) / 180);
    const out = carringtonShiftRadInto('snodgrass', lats, -2.5, new Float64Array(5));
    out.forEach((v, i) => expect(v).toBeCloseTo((carringtonShiftDeg('snodgrass', (lats[i] * 180) / Math.PI, -2.5) * Math.PI) / 180, 14));
  });

  it('rejects an unknown model', () => {
    expect(() => siderealRateDegPerDay('solid' as RotationModel, 0)).toThrow(/unknown rotation model/);
  });
});
