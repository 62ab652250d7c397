import { describe, expect, it } from 'vitest';
import { CURRENTS_TOTAL_PARAMETERS } from '../definitions/currents.ts';
import { CurrentsTotalsError, diskTotals, type HarpSummary } from './totals.ts';

const T = Date.UTC(2011, 1, 15, 1, 59, 26);

const harp = (harpnum: number, summary: Record<string, number | null>, extra: Partial<HarpSummary> = {}): HarpSummary => ({
  timeMs: T,
  dataType: 'sci',
  harpnum,
  summary,
  ...extra,
});

describe('diskTotals', () => {
  it('sums currents, areas and fluxes, takes the largest MAXJZ, counts HARPs', () => {
    const { dataset, record } = diskTotals([
      harp(377, { TOTUSJZ: 6e13, NETJZ: 1.5e12, MAXJZ: 263, AREA: 6000, USFLUX: 2.7e22 }),
      harp(380, { TOTUSJZ: 1e13, NETJZ: -0.5e12, MAXJZ: 120, AREA: 1000, USFLUX: 0.3e22 }),
      harp(384, { TOTUSJZ: Number.NaN, NETJZ: null, MAXJZ: Number.NaN, AREA: 0, USFLUX: 0 }),
    ]);
    expect(dataset).toBe('currents_total_sci');
    expect(record.timeMs).toBe(T);
    const byName = Object.fromEntries(CURRENTS_TOTAL_PARAMETERS.map((p, i) => [p.name, record.values[i]]));
    const expected = { n_harps: 3, TOTUSJZ: 7e13, NETJZ: 1e12, MAXJZ: 263, AREA: 7000, USFLUX: 3e22 };
    expect(Object.keys(byName)).toEqual(Object.keys(expected));
    for (const [name, v] of Object.entries(expected)) expect(byName[name] as number / v).toBeCloseTo(1, 12);
  });

  it('uses the nrt dataset for nrt records and NaN when no HARP has a value', () => {
    const { dataset, record } = diskTotals([harp(9001, { TOTUSJZ: Number.NaN }, { dataType: 'nrt' })]);
    expect(dataset).toBe('currents_total_nrt');
    expect(record.values[0]).toBe(1);
    expect(Number.isNaN(record.values[1] as number)).toBe(true);
  });

  it('refuses records that do not belong together', () => {
    expect(() => diskTotals([])).toThrow(CurrentsTotalsError);
    expect(() => diskTotals([harp(1, {}), harp(2, {}, { timeMs: T + 720_000 })])).toThrow(/time/);
    expect(() => diskTotals([harp(1, {}), harp(2, {}, { dataType: 'nrt' })])).toThrow(/data type/);
    expect(() => diskTotals([harp(1, {}), harp(1, {})])).toThrow(/twice/);
  });
});
