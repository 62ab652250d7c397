import { describe, expect, it } from 'vitest';
import { BANDS, fineResponse, loadTemperatureResponse, parseTemperatureResponse, responseAt } from './response.ts';
import { DemError } from './errors.ts';

// SCIENCE.md 1.3: peaks reproduced from the data file (logT, value), BANDS order.
const PEAKS: [number, number, number][] = [
  [94, 6.85, 3.517e-27],
  [131, 5.75, 3.911e-26],
  [171, 5.9, 1.21e-24],
  [193, 6.15, 6.526e-25],
  [211, 6.25, 1.91e-25],
  [335, 5.35, 8.275e-27],
];

describe('temperature-response table', () => {
  const table = loadTemperatureResponse();

  it('has the documented units, 101 strictly increasing temperatures 4.00-9.00', () => {
    expect(table.units).toBe('DN cm^5 s^-1 pix^-1');
    expect(table.logT.length).toBe(101);
    expect(table.logT[0]).toBeCloseTo(4, 12);
    expect(table.logT[100]).toBeCloseTo(9, 12);
    for (let i = 1; i < table.logT.length; i++) expect(table.logT[i]).toBeGreaterThan(table.logT[i - 1]);
  });

  it('peaks where SCIENCE.md 1.3 says', () => {
    PEAKS.forEach(([band, logT, value], b) => {
      expect(BANDS[b]).toBe(band);
      const r = table.response[b];
      let iMax = 0;
      for (let i = 1; i < r.length; i++) if (r[i] > r[iMax]) iMax = i;
      expect(table.logT[iMax]).toBeCloseTo(logT, 6);
      expect(r[iMax] / value - 1).toBeLessThan(5e-4);
      expect(r[iMax] / value - 1).toBeGreaterThan(-5e-4);
    });
  });

  it('has the hot 335 lobe at 6.40 (6.254e-27)', () => {
    const r = table.response[5];
    const i = table.logT.findIndex((t) => Math.abs(t - 6.4) < 1e-9);
    expect(r[i]).toBeGreaterThan(r[i - 1]);
    expect(r[i]).toBeGreaterThan(r[i + 1]);
    expect(Math.abs(r[i] / 6.254e-27 - 1)).toBeLessThan(5e-4);
  });

  it('fine grid reproduces the table at the nodes and interpolates log R linearly between', () => {
    const fine = fineResponse(table);
    expect(fine.n).toBe(1001);
    for (let b = 0; b < 6; b++) {
      for (let i = 0; i < 101; i++) expect(fine.response[b][i * 10] / table.response[b][i]).toBeCloseTo(1, 12);
      // Midway between two nodes: the geometric mean.
      const mid = Math.sqrt(table.response[b][40] * table.response[b][41]);
      expect(fine.response[b][405] / mid).toBeCloseTo(1, 12);
      expect(responseAt(table, 6.025)[b] / mid).toBeCloseTo(1, 12);
    }
  });

  it('rejects malformed tables with a DemError', () => {
    const good = { units: 'DN cm^5 s^-1 pix^-1', logT: [4, 5], channels: Object.fromEntries(BANDS.map((b) => [String(b), [1, 2]])) };
    expect(() => parseTemperatureResponse(good)).not.toThrow();
    const bad = [
      { ...good, units: 'DN/s' },
      { ...good, logT: [5, 4] },
      { ...good, channels: { ...good.channels, '94': [1] } },
      { ...good, channels: { ...good.channels, '171': [1, 0] } },
      { ...good, channels: Object.fromEntries(Object.entries(good.channels).filter(([k]) => k !== '335')) },
      'not a table',
    ];
    for (const t of bad) expect(() => parseTemperatureResponse(t)).toThrow(DemError);
  });
});
