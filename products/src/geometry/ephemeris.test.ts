import { beforeAll, describe, expect, it } from 'vitest';
import {
  MEAN_SYNODIC_PERIOD_DAYS,
  carringtonRotationNumber,
  carringtonRotationStartMs,
  observerCarrington,
  sunFromEarth,
} from './ephemeris.ts';
import { runPython } from './test-support.ts';
import { parseFitsDate, ttToUtcMs } from './time.ts';

/** Signed difference of two longitudes in degrees, in (−180, 180]. */
const dLon = (a: number, b: number): number => ((((a - b) % 360) + 540) % 360) - 180;

describe('L0 against JPL Horizons (SunPy test_sun.py anchors, TT, light time, no aberration)', () => {
  const anchors: [string, number][] = [
    ['2013-01-01', 326.98997],
    ['2013-04-01', 221.440599],
    ['2013-07-01', 98.221806],
    ['2013-10-01', 322.226009],
    ['2013-12-01', 237.836959],
  ];
  for (const [date, l0] of anchors) {
    it(`${date} 00:00 TT: L0 = ${l0}° within 0.0005°`, () => {
      const s = sunFromEarth(ttToUtcMs(Date.parse(`${date}T00:00:00Z`)));
      // Measured: |error| ≤ 0.00008° (VSOP87 truncation ~1"); Meeus ch. 25 alone gives up to 0.009°.
      expect(Math.abs(dLon(s.l0Deg, l0))).toBeLessThan(0.0005);
    });
  }
});

interface SunpyEphemeris {
  points: { t: string; l0: number; b0: number; d: number; cr: number }[];
  rotationStarts: { n: number; t: string }[];
  observer: { t: string; hgln: number; hglt: number; r: number; crln: number; crlt: number }[];
}

describe('against sunpy.coordinates.sun (independent implementation on the ERFA ephemeris)', () => {
  const times = [
    '1995-01-01T00:00:00', '2010-05-01T00:00:00', '2011-02-15T00:00:01.340', '2014-03-01T00:00:50',
    '2016-06-21T12:00:00', '2019-12-31T23:00:00', '2024-05-10T17:00:00', '2030-09-01T00:00:00',
  ];
  // After 1972 only: earlier UTC is not leap-second UTC (time.ts uses TAI − UTC = 10 s there, astropy ΔT).
  const rotations = [1700, 2000, 2106, 2210, 2300];
  const observers = [
    { t: '2011-02-15T00:00:00', hgln: 0, hglt: -6.82, r: 147_724_815_128 },
    { t: '2012-06-01T00:00:00', hgln: 110.5, hglt: 3.2, r: 0.96 * 149_597_870_700 },
    { t: '2021-03-01T00:00:00', hgln: -60, hglt: -4, r: 0.5 * 149_597_870_700 },
  ];
  let ref: SunpyEphemeris;

  beforeAll(() => {
    ref = runPython<SunpyEphemeris>(
      `
import json, sys, warnings
warnings.simplefilter('ignore')
import astropy.units as u
from astropy.coordinates import SkyCoord
from astropy.time import Time
import sunpy.coordinates.sun as sun
from sunpy.coordinates import HeliographicCarrington, HeliographicStonyhurst
q = json.load(sys.stdin)
points = []
for t in q['times']:
    T = Time(t, scale='utc')
    points.append(dict(t=t, l0=sun.L0(T).to_value('deg'), b0=sun.B0(T).to_value('deg'),
                       d=sun.earth_distance(T).to_value('m'), cr=float(sun.carrington_rotation_number(T))))
starts = [dict(n=n, t=sun.carrington_rotation_time(n).utc.isot) for n in q['rotations']]
observer = []
for o in q['observers']:
    obs = SkyCoord(o['hgln'] * u.deg, o['hglt'] * u.deg, o['r'] * u.m, frame=HeliographicStonyhurst, obstime=o['t'])
    c = obs.transform_to(HeliographicCarrington(observer=obs, obstime=o['t']))
    observer.append(dict(o, crln=c.lon.to_value('deg'), crlt=c.lat.to_value('deg')))
print(json.dumps(dict(points=points, rotationStarts=starts, observer=observer)))
`,
      { times, rotations, observers },
    ).result;
  });

  it('L0 and B0 agree within 0.0005° and the distance within 1000 km', () => {
    expect(ref.points).toHaveLength(times.length);
    for (const p of ref.points) {
      const s = sunFromEarth(parseFitsDate(p.t));
      // Measured: |ΔL0| ≤ 0.00009°, |ΔB0| ≤ 0.00004°, |Δd| ≤ 300 km.
      expect(Math.abs(dLon(s.l0Deg, p.l0)), p.t).toBeLessThan(0.0005);
      expect(Math.abs(s.b0Deg - p.b0), p.t).toBeLessThan(0.0005);
      expect(Math.abs(s.dsunM - p.d), p.t).toBeLessThan(1e6);
    }
  });

  it('fractional Carrington rotation numbers agree within 1e-6 rotation', () => {
    for (const p of ref.points) expect(Math.abs(carringtonRotationNumber(parseFitsDate(p.t)) - p.cr), p.t).toBeLessThan(1e-6);
  });

  it('rotation start times agree within 3 s (0.0003° of L0)', () => {
    for (const { n, t } of ref.rotationStarts) {
      expect(Math.abs(carringtonRotationStartMs(n) - parseFitsDate(t.slice(0, 23))), `CR ${n}`).toBeLessThan(3000);
    }
  });

  it('Carrington coordinates of observers away from Earth follow SunPy HGS → HGC (light-time offset)', () => {
    for (const o of ref.observer) {
      const c = observerCarrington(parseFitsDate(o.t), { hglnDeg: o.hgln, hgltDeg: o.hglt, distanceM: o.r });
      expect(Math.abs(dLon(c.crlnDeg, o.crln)), o.t).toBeLessThan(0.0005);
      expect(c.crltDeg).toBeCloseTo(o.crlt, 9);
    }
  });
});

describe('Carrington rotations', () => {
  it('CR fraction is 1 − L0/360 and the integer part counts from 1853-11-09', () => {
    const t = parseFitsDate('2011-02-15T00:00:00');
    const { l0Deg, carringtonRotation } = sunFromEarth(t);
    expect(Math.floor(carringtonRotation)).toBe(2106); // AIA header CAR_ROT
    expect(carringtonRotation % 1).toBeCloseTo(1 - l0Deg / 360, 12);
    expect(Math.floor(carringtonRotationNumber(parseFitsDate('2014-03-01T00:00:50')))).toBe(2147); // HMI CAR_ROT
  });

  it('a rotation starts when L0 crosses 360° and lasts about one synodic period', () => {
    const start = carringtonRotationStartMs(2210);
    expect(Math.abs(dLon(sunFromEarth(start).l0Deg, 360))).toBeLessThan(1e-6);
    expect(carringtonRotationNumber(start + 60_000)).toBeGreaterThan(2210);
    expect(carringtonRotationNumber(start - 60_000)).toBeLessThan(2210);
    const days = (carringtonRotationStartMs(2211) - start) / 86_400_000;
    expect(Math.abs(days - MEAN_SYNODIC_PERIOD_DAYS)).toBeLessThan(0.2);
  });

  it('rejects a rotation number below 1', () => {
    expect(() => carringtonRotationStartMs(0)).toThrow(RangeError);
    expect(() => carringtonRotationStartMs(Number.NaN)).toThrow(RangeError);
  });
});
