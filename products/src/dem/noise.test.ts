import { describe, expect, it } from 'vitest';
import { aiaTelescope, channelNoise, estimateErrorDn, loadAiaErrorTable, noiseVarianceDn, parseAiaErrorTable } from './noise.ts';
import { DemError } from './errors.ts';

describe('AIA noise model (aiapy estimate_error port)', () => {
  it('reads the V3 error table rows of SCIENCE.md 1.4', () => {
    const t = loadAiaErrorTable();
    const g: Record<number, number> = { 94: 1.975, 131: 1.473, 171: 1.122, 193: 0.962, 211: 0.88, 335: 0.576, 304: 0.611, 1600: 0.12, 1700: 0.113, 4500: 0.056 };
    for (const [w, v] of Object.entries(g)) expect(t.get(Number(w))?.dnPerPhoton).toBe(v);
    expect(t.get(171)?.compress).toBe(14.4);
    expect(t.get(335)?.eveErr).toBe(0.097);
    expect(t.get(94)?.chianti).toBe(0.5);
  });

  it('worked check: 171 Å, 1000 DN, n = 1 gives 33.6 DN', () => {
    // shot 33.50, compress 2.33, read 1.15, dark 0.18, quant 0.289
    expect(estimateErrorDn(1000, 171)).toBeCloseTo(33.6, 1);
    const shot = Math.sqrt(1000 * 1.122);
    const expected = Math.sqrt(shot ** 2 + (shot / 14.4) ** 2 + 1.15 ** 2 + 0.18 ** 2 + 1 / 12);
    expect(estimateErrorDn(1000, 171)).toBeCloseTo(expected, 10);
  });

  it('follows aiapy for binned samples, low counts and the optional terms', () => {
    // n = 4: shot, read, quantisation and compression /2 (compression twice, as aiapy), dark not.
    const shot = Math.sqrt(1000 * 1.122) / 2;
    const n4 = Math.sqrt(shot ** 2 + (shot / 14.4 / 2) ** 2 + (1.15 / 2) ** 2 + 0.18 ** 2 + 1 / 12 / 4);
    expect(estimateErrorDn(1000, 171, { n: 4 })).toBeCloseTo(n4, 10);
    // Below 25 DN there is no compression noise; at 25 DN compression is floored at 1/sqrt(12).
    const low = Math.sqrt(20 * 1.975 + 1.14 ** 2 + 0.18 ** 2 + 1 / 12);
    expect(estimateErrorDn(20, 94)).toBeCloseTo(low, 10);
    const at25 = Math.sqrt(25 * 1.975 + 1 / 12 + 1.14 ** 2 + 0.18 ** 2 + 1 / 12);
    expect(estimateErrorDn(25, 94)).toBeCloseTo(at25, 10);
    // Multiplicative terms.
    const base = noiseVarianceDn(1000, channelNoise(335));
    expect(estimateErrorDn(1000, 335, { eve: true, chianti: true })).toBeCloseTo(Math.sqrt(base + (0.097 * 1000) ** 2 + (0.25 * 1000) ** 2), 8);
    expect(estimateErrorDn(1000, 335, { preflight: true })).toBeCloseTo(Math.sqrt(base + (0.25 * 1000) ** 2), 8);
    // Zero and negative counts: only the floor.
    expect(estimateErrorDn(0, 193)).toBeCloseTo(Math.sqrt(1.2 ** 2 + 0.18 ** 2 + 1 / 12), 10);
    expect(estimateErrorDn(-3, 193)).toBeCloseTo(Math.sqrt(1.2 ** 2 + 0.18 ** 2 + 1 / 12), 10);
  });

  it('maps channels to telescopes as Boerner et al. 2012 Table 6', () => {
    expect([94, 131, 171, 193, 211, 304, 335].map(aiaTelescope)).toEqual([4, 1, 3, 2, 2, 4, 1]);
    expect(() => aiaTelescope(195)).toThrow(DemError);
    expect(() => channelNoise(171, 1, { eve: true, preflight: true })).toThrow(DemError);
  });

  it('rejects a malformed table', () => {
    expect(() => parseAiaErrorTable('WAVELNTH DNPERPHT\n171 1.1')).toThrow(DemError);
    expect(() => parseAiaErrorTable('WAVELNTH DNPERPHT COMPRESS CALERR CHIANTI EVEERR\n171 x 1 1 1 1')).toThrow(DemError);
  });
});
