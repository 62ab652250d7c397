import { describe, expect, it } from 'vitest';
import { DemError } from './errors.ts';
import { unitEmResponse } from './forward.ts';
import { buildDemLut, DEFAULT_GRID, EM_UNIT, gridAxes, lutFromShared, NODE_STRIDE } from './lut.ts';
import { fineResponse, loadTemperatureResponse } from './response.ts';

describe('unit-EM table', () => {
  const fine = fineResponse(loadTemperatureResponse());

  it('has the documented default grid: logTc 5.6-7.0 step 0.01, sigma 0.02-0.60 step 0.02', () => {
    const { logTc, sigma } = gridAxes(DEFAULT_GRID);
    expect(logTc.length).toBe(141);
    expect(sigma.length).toBe(30);
    expect(logTc[0]).toBe(5.6);
    expect(logTc[140]).toBe(7);
    expect(logTc[37]).toBe(5.97);
    expect(sigma[0]).toBe(0.02);
    expect(sigma[29]).toBe(0.6);
  });

  it('stores U (per 1e27 cm^-5) and U^2 per node, logTc fastest', () => {
    const spec = { logTcMin: 5.8, logTcMax: 6.0, logTcStep: 0.1, sigmaMin: 0.1, sigmaMax: 0.3, sigmaStep: 0.2 };
    const lut = buildDemLut(fine, spec);
    expect([lut.nTc, lut.nSigma, lut.nodes]).toEqual([3, 2, 6]);
    const u = new Float64Array(6);
    for (let s = 0; s < 2; s++) {
      for (let t = 0; t < 3; t++) {
        unitEmResponse(fine, lut.logTc[t], lut.sigma[s], u);
        const o = (s * 3 + t) * NODE_STRIDE;
        for (let b = 0; b < 6; b++) {
          expect(lut.table[o + b]).toBeCloseTo(u[b] * EM_UNIT, 12);
          expect(lut.table[o + 6 + b]).toBe(lut.table[o + b] ** 2);
        }
      }
    }
    // Anchor of SCIENCE.md 1.2 through the table: logTc 6.0, sigma 0.1, 171 Å = 802.5 DN/s at 1e27.
    const o = (0 * 3 + 2) * NODE_STRIDE;
    expect(Math.abs(lut.table[o + 2] / 802.5 - 1)).toBeLessThan(5e-3);
  });

  it('can live on a SharedArrayBuffer and be rebuilt around it', () => {
    const lut = buildDemLut(fine, DEFAULT_GRID, { shared: true });
    expect(lut.table.buffer).toBeInstanceOf(SharedArrayBuffer);
    const again = lutFromShared(DEFAULT_GRID, lut.table);
    expect(again.nodes).toBe(4230);
    expect(again.table).toBe(lut.table);
    expect(() => lutFromShared(DEFAULT_GRID, lut.table.subarray(12))).toThrow(DemError);
  });

  it('rejects inconsistent grids', () => {
    expect(() => gridAxes({ ...DEFAULT_GRID, logTcStep: 0.03 })).toThrow(DemError);
    expect(() => gridAxes({ ...DEFAULT_GRID, sigmaMin: 0, sigmaMax: 0.6 })).toThrow(DemError);
    expect(() => gridAxes({ ...DEFAULT_GRID, logTcMax: 5 })).toThrow(DemError);
    expect(() => gridAxes({ ...DEFAULT_GRID, logTcStep: 0 })).toThrow(DemError);
  });
});
