import { describe, expect, it } from 'vitest';
import { gaussianDemRates } from './forward.ts';
import { fineResponse, loadTemperatureResponse, responseAt } from './response.ts';

// SCIENCE.md 1.2: EM = 1e27 cm^-5, DN s^-1 pix^-1 in the order 94, 131, 171, 193, 211, 335.
const ANCHORS: { logTc: number; sigma: number; rates: number[] }[] = [
  { logTc: 6.0, sigma: 0.1, rates: [1.324, 14.42, 802.5, 334.9, 58.11, 4.441] },
  { logTc: 6.2, sigma: 0.15, rates: [0.9517, 4.872, 254.8, 366.5, 106.1, 4.36] },
  { logTc: 6.5, sigma: 0.2, rates: [1.05, 1.565, 32.82, 92.65, 46.69, 3.976] },
  { logTc: 6.9, sigma: 0.1, rates: [2.708, 5.648, 0.5255, 4.665, 1.002, 0.7469] },
];
const ISOTHERMAL_62 = [0.8746, 2.702, 69.52, 625.5, 152.2, 3.303];

describe('Gaussian DEM forward model', () => {
  const table = loadTemperatureResponse();
  const fine = fineResponse(table);

  for (const a of ANCHORS) {
    it(`matches the anchor logTc ${a.logTc}, sigma ${a.sigma} within 0.5 %`, () => {
      const rates = gaussianDemRates(fine, a.logTc, a.sigma, 1e27);
      a.rates.forEach((r, b) => expect(Math.abs(rates[b] / r - 1)).toBeLessThan(5e-3));
    });
  }

  it('matches the isothermal anchor at logT 6.2 (R x 1e27)', () => {
    const r = responseAt(table, 6.2);
    ISOTHERMAL_62.forEach((v, b) => expect(Math.abs((r[b] * 1e27) / v - 1)).toBeLessThan(5e-3));
  });

  it('tends to the isothermal response as sigma shrinks, and is linear in EM', () => {
    // log R is piecewise linear with a kink at the table node 6.2: the error is O(sigma), so test
    // a narrow Gaussian on a finer quadrature grid.
    const narrow = gaussianDemRates(fineResponse(table, 0.0002), 6.2, 0.001, 1e27);
    ISOTHERMAL_62.forEach((v, b) => expect(Math.abs(narrow[b] / v - 1)).toBeLessThan(5e-3));
    const a = gaussianDemRates(fine, 6.3, 0.2, 1e27);
    const b = gaussianDemRates(fine, 6.3, 0.2, 3.5e28);
    for (let i = 0; i < 6; i++) expect(b[i] / a[i]).toBeCloseTo(35, 10);
  });
});
