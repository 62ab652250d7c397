/**
 * The synthetic Sun: deterministic from its seed, regions that emerge and decay, and that rotate
 * with the differential-rotation law of geometry/diffrot.ts — measured on the magnetograms
 * themselves, not only in the truth tables.
 */
import { describe, expect, it } from 'vitest';
import { carringtonShiftDeg } from '../geometry/diffrot.ts';
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { SolarImageWcs } from '../geometry/wcs.ts';
import { renderAiaSet } from './aia.ts';
import { renderHmiPair } from './hmi.ts';
import { createSyntheticSun } from './sun.ts';
import { hasSharp } from './sharp.ts';
import { DAY_MS, T0, singleRegionSun } from './test-support.ts';

describe('synthetic Sun', () => {
  it('is the same for the same seed, whatever the order of the questions', () => {
    const a = createSyntheticSun({ seed: 11, startMs: T0 });
    const b = createSyntheticSun({ seed: 11, startMs: T0 });
    const later = T0 + 5 * DAY_MS;
    const aLater = a.truthAt(later);
    expect(b.truthAt(T0)).toEqual(a.truthAt(T0));
    expect(b.truthAt(later)).toEqual(aLater);
    const [ia] = renderAiaSet(a, T0, { size: 64, wavelengths: [171] });
    const [ib] = renderAiaSet(b, T0, { size: 64, wavelengths: [171] });
    expect(ib.pixels).toEqual(ia.pixels); // noise included
    const c = createSyntheticSun({ seed: 12, startMs: T0 });
    expect(c.truthAt(later).regions.map((r) => r.lonDeg)).not.toEqual(aLater.regions.map((r) => r.lonDeg));
    const [ic] = renderAiaSet(c, T0, { size: 64, wavelengths: [171] });
    expect(ic.pixels).not.toEqual(ia.pixels);
  });

  it('has a region with a SHARP near disk centre at its start time, and random regions that come and go', () => {
    const sun = createSyntheticSun({ seed: 3, startMs: T0 });
    const startRegions = sun.truthAt(T0).regions.filter((r) => hasSharp(r, T0));
    expect(startRegions.length).toBeGreaterThan(0);
    const ids = (t: number) => new Set(sun.truthAt(t).regions.map((r) => r.id));
    const now = ids(T0);
    const month = ids(T0 + 40 * DAY_MS);
    expect([...month].some((id) => !now.has(id))).toBe(true);
    // HARP numbers of the two series differ; NOAA numbers are 5 digits.
    for (const r of sun.truthAt(T0).regions) {
      expect(r.harpnumNrt).not.toBe(r.harpnum);
      expect(String(r.noaa)).toMatch(/^\d{5}$/);
    }
  });

  it('regions emerge, peak and decay: flux and current follow the amplitude', () => {
    const sun = singleRegionSun({ riseDays: 1.5, decayDays: 4 }, T0, 1.5); // peak at T0
    const at = (days: number) => sun.truthAt(T0 + days * DAY_MS).regions[0];
    expect(sun.truthAt(T0 - 2 * DAY_MS).regions).toHaveLength(0); // not born yet
    expect(at(-1).amplitude).toBeLessThan(at(-0.5).amplitude);
    expect(at(0).amplitude).toBeCloseTo(1, 12);
    expect(at(4).amplitude).toBeCloseTo(Math.exp(-1), 12);
    expect(at(4).unsignedFluxMx / at(0).unsignedFluxMx).toBeCloseTo(Math.exp(-1), 12);
    // Flux of a Gaussian polarity: |b| π L² = 2000 G × π × (1e9 cm)².
    expect(at(0).polarities[0].fluxMx).toBeCloseTo(2000 * Math.PI * 1e18, -12);
  });

  it('a region at 30° drifts in Carrington longitude as the Howard law over 3 days, on the magnetograms', () => {
    const lat = 30;
    const mid = T0 + 1.5 * DAY_MS;
    const sun = singleRegionSun({ latDeg: lat, twist: 0.3, decayDays: 1000 }, mid, 4);
    const centroidLon = (t: number): number => {
      const [mag] = renderHmiPair(sun, t, { size: 512, magnetogramNoiseG: 0 });
      const m = new Map(mag.cards.map((c) => [c.key, c.value]));
      const wcs = SolarImageWcs.fromHeader({
        number: (k) => (typeof m.get(k) === 'number' ? (m.get(k) as number) : undefined),
        string: (k) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : undefined),
      });
      // Flux-weighted centre longitude: |Br| = |Blos|/μ times the pixel's area on the sphere ∝ 1/μ.
      let sx = 0, sy = 0;
      for (let j = 0; j < 512; j++) {
        for (let i = 0; i < 512; i++) {
          const v = mag.pixels[j * 512 + i];
          if (v === -2147483648 || Math.abs(v) < 500) continue; // |Blos| < 50 G
          const p = wcs.pixelToCarrington(i, j);
          if (!p || p.mu < 0.2) continue;
          const w = (Math.abs(v) * 0.1) / p.mu / p.mu;
          const lo = (p.lonDeg * Math.PI) / 180, la = (p.latDeg * Math.PI) / 180;
          sx += w * Math.cos(la) * Math.cos(lo);
          sy += w * Math.cos(la) * Math.sin(lo);
        }
      }
      return (Math.atan2(sy, sx) * 180) / Math.PI;
    };
    const t1 = T0, t2 = T0 + 3 * DAY_MS;
    const measured = centroidLon(t2) - centroidLon(t1);
    const expected = carringtonShiftDeg('howard', lat, 3);
    expect(expected).toBeCloseTo(-1.506, 2); // SCIENCE.md §5.3: −0.502 °/day at 30°
    expect(Math.abs(measured - expected)).toBeLessThan(0.1);
    // And the truth tables agree exactly.
    const truth = sun.truthAt(t2).regions[0].lonDeg - sun.truthAt(t1).regions[0].lonDeg;
    expect(truth).toBeCloseTo(expected, 9);
    // Both times the region is on the disk, east then west of the central meridian.
    const fromCentralMeridian = (t: number) => ((sun.truthAt(t).regions[0].lonDeg - sunFromEarth(t).l0Deg + 540) % 360) - 180;
    expect(fromCentralMeridian(t1)).toBeLessThan(0);
    expect(fromCentralMeridian(t2)).toBeGreaterThan(0);
  });
});
