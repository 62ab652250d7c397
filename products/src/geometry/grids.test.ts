import { beforeAll, describe, expect, it } from 'vitest';
import { sunFromEarth } from './ephemeris.ts';
import { CarringtonGrid, SharpCeaWcs, sharpPixelSize } from './grids.ts';
import { headerView, readImageHeader, runPython, sharedDataPath } from './test-support.ts';
import { parseJsocTime } from './time.ts';
import { WcsError } from './wcs.ts';

const SHARP_BR = sharedDataPath('sdo/sharp-377/hmi.sharp_cea_720s.377.20110215_020000_TAI.Br.fits');
const T_REF = Date.parse('2014-03-01T12:00:00Z');
const dLon = (a: number, b: number): number => ((((a - b) % 360) + 540) % 360) - 180;

describe('CarringtonGrid geometry', () => {
  it('CAR 1920×960: 0.1875° pixels, centres from 0.09375° and −89.90625°', () => {
    const g = CarringtonGrid.car();
    expect([g.width, g.height, g.dLonDeg]).toEqual([1920, 960, 0.1875]);
    expect(g.lonDeg(0)).toBe(0.09375);
    expect(g.lonDeg(1919)).toBe(359.90625);
    expect(g.latDeg(0)).toBe(-89.90625);
    expect(g.latDeg(959)).toBe(89.90625);
    expect(g.latDeg(479.5)).toBe(0);
  });

  it('CEA 3600×1440: 0.1° in longitude, rows equally spaced in sin(latitude) by 2/1440', () => {
    const g = CarringtonGrid.cea();
    expect(g.lonDeg(0)).toBeCloseTo(0.05, 12);
    for (const j of [0, 1, 100, 719, 720, 1439]) {
      expect(Math.sin((g.latDeg(j) * Math.PI) / 180)).toBeCloseTo(-1 + (j + 0.5) * (2 / 1440), 12);
    }
    expect(g.latDeg(719.5)).toBeCloseTo(0, 12);
  });

  it('inverts pixel centres (and wraps longitudes)', () => {
    for (const g of [CarringtonGrid.car(), CarringtonGrid.cea(), new CarringtonGrid({ projection: 'CAR', width: 360, height: 180, lonStartDeg: -180 })]) {
      for (const [x, y] of [[0, 0], [17, 33], [g.width - 1, g.height - 1], [12.25, 40.75]]) {
        const p = g.pixelOf(g.lonDeg(x), g.latDeg(y));
        expect(p.x).toBeCloseTo(x, 9);
        expect(p.y).toBeCloseTo(y, 9);
      }
      expect(g.xOfLon(g.lonDeg(3) + 720)).toBeCloseTo(3, 9);
    }
    expect(() => CarringtonGrid.car().yOfLat(91)).toThrow(RangeError);
    expect(() => new CarringtonGrid({ projection: 'CAR', width: 0, height: 10 })).toThrow(RangeError);
    expect(new CarringtonGrid({ projection: 'CEA' })).toMatchObject({ width: 3600, height: 1440 });
  });

  it('reads its own cards back, and rejects other grids naming the keyword', () => {
    for (const g of [CarringtonGrid.car(), CarringtonGrid.cea(), new CarringtonGrid({ projection: 'CAR', width: 720, height: 360, lonStartDeg: -180 })]) {
      const values = new Map<string, string | number>(g.fitsCards(T_REF).map((c) => [c.key, c.value]));
      values.set('NAXIS1', g.width).set('NAXIS2', g.height);
      const back = CarringtonGrid.fromHeader(headerView(values));
      expect(back).toMatchObject({ projection: g.projection, width: g.width, height: g.height, lonStartDeg: g.lonStartDeg });
      const shifted = new Map(values).set('CRPIX2', Number(values.get('CRPIX2')) + 0.5);
      expect(() => CarringtonGrid.fromHeader(headerView(shifted))).toThrow(expect.objectContaining({ keyword: 'CRPIX2' }));
    }
    expect(() => CarringtonGrid.fromHeader(headerView({ CTYPE1: 'HPLN-TAN' }))).toThrow(WcsError);
  });

  it('cell solid angles sum to 4π (equal cells for CEA)', () => {
    for (const g of [CarringtonGrid.car(), CarringtonGrid.cea(), CarringtonGrid.car(7, 5)]) {
      const rows = g.rowSolidAnglesSr();
      const total = rows.reduce((s, v) => s + v, 0) * g.width;
      expect(Math.abs(total - 4 * Math.PI)).toBeLessThan(1e-12);
    }
    const cea = CarringtonGrid.cea();
    expect(cea.cellSolidAngleSr(0)).toBe(cea.cellSolidAngleSr(720));
    expect(cea.cellSolidAngleSr(0)).toBeCloseTo((4 * Math.PI) / (3600 * 1440), 18);
    // CAR: the polar row is much smaller than the equatorial one (cos φ weighting).
    const car = CarringtonGrid.car();
    const equatorial = car.cellSolidAngleSr(480);
    expect(equatorial).toBeCloseTo(((0.1875 * Math.PI) / 180) * Math.sin((0.1875 * Math.PI) / 180), 15); // row 480 spans 0-0.1875°
    expect(car.cellSolidAngleSr(0) / equatorial).toBeLessThan(0.002);
  });

  it('exposes centre longitudes/latitudes in radians for the projector', () => {
    const g = CarringtonGrid.cea(36, 18);
    const lon = g.lonCentresRad();
    const lat = g.latCentresRad();
    expect(lon).toHaveLength(36);
    expect(lat).toHaveLength(18);
    expect(lon[5]).toBeCloseTo((g.lonDeg(5) * Math.PI) / 180, 14);
    expect(lat[3]).toBeCloseTo((g.latDeg(3) * Math.PI) / 180, 14);
  });

  it('writes the reference time, MJD and the Earth observer at t_ref into the cards', () => {
    const cards = Object.fromEntries(CarringtonGrid.car().fitsCards(T_REF).map((c) => [c.key, c.value]));
    expect(cards['DATE-OBS']).toBe('2014-03-01T12:00:00.000');
    expect(cards['MJD-OBS']).toBe(56717.5);
    const s = sunFromEarth(T_REF);
    expect(cards['CRLN_OBS']).toBeCloseTo(s.l0Deg, 6);
    expect(cards['CRLT_OBS']).toBeCloseTo(s.b0Deg, 6);
    expect(cards['CAR_ROT']).toBe(2147);
    const bare = CarringtonGrid.cea().fitsCards(T_REF, { earthObserver: false }).map((c) => c.key);
    expect(bare).not.toContain('DSUN_OBS');
    expect(bare).toContain('PV2_1');
  });
});

describe('SHARP CEA patch (HARP 377, 2011-02-15 02:00 TAI)', () => {
  let sharp: SharpCeaWcs;
  beforeAll(() => {
    sharp = SharpCeaWcs.fromHeader(readImageHeader(SHARP_BR));
  });

  it('reads the patch header', () => {
    expect(sharp.fields).toMatchObject({ crpix1: 372.5, crpix2: 189, crval1: 34.879105, crval2: -21.0769, cdelt1: 0.03, cdelt2: 0.03, width: 744, height: 377 });
  });

  it('puts the reference pixel at CRVAL and is its own inverse', () => {
    const c = sharp.pixelToCarrington(371.5, 188)!;
    expect(c.lonDeg).toBeCloseTo(34.879105, 10);
    expect(c.latDeg).toBeCloseTo(-21.0769, 10);
    for (const [x, y] of [[0, 0], [743, 376], [100.5, 300.25], [600, 20]]) {
      const p = sharp.pixelToCarrington(x, y)!;
      const q = sharp.carringtonToPixel(p.lonDeg, p.latDeg);
      expect(q.x).toBeCloseTo(x, 9);
      expect(q.y).toBeCloseTo(y, 9);
    }
  });

  it('gives the SHARP pixel size of SCIENCE.md §4.2: 0.50876", Δ = 364 423 m', () => {
    const s = sharp.pixelSize();
    expect(s.cdelt1Arcsec).toBeCloseTo(0.50876, 5);
    expect(Math.round(s.metresPerPixel)).toBe(364_423);
    // RSUN_REF·CDELT1 in radians is 364 425 m: the SHARP convention differs by 2 m.
    expect(Math.round(696e6 * 0.03 * (Math.PI / 180))).toBe(364_425);
    expect(sharpPixelSize({ cdelt1Deg: 0.03, dsunM: 147746220503.41, rsunRefM: 696e6, rsunObsArcsec: 971.671936 }).metresPerPixel).toBe(s.metresPerPixel);
  });

  it('rejects non-CEA headers', () => {
    const h = { number: (k: string) => ({ CRPIX1: 1, CRPIX2: 1, CRVAL1: 0, CRVAL2: 0, CDELT1: 0.03, CDELT2: 0.03 } as Record<string, number>)[k], string: (k: string) => (k === 'CTYPE1' ? 'HPLN-TAN' : k === 'CTYPE2' ? 'CRLT-CEA' : undefined) };
    expect(() => SharpCeaWcs.fromHeader(h)).toThrow(WcsError);
  });

  it('its T_REC is 2011-02-15T01:59:26Z', () => {
    const h = readImageHeader(SHARP_BR);
    expect(parseJsocTime(h.string('T_REC')!)).toBe(Date.parse('2011-02-15T01:59:26Z'));
  });
});

interface AstropyGrids {
  grids: { name: string; warnings: string[]; lon: number[]; lat: number[]; celestial: boolean }[];
  sharp: { lon: number[]; lat: number[]; warnings: string[] };
  sunpy: { warnings: string[]; frame: string; lon: number[]; lat: number[] };
}

describe('independent check with astropy.wcs 5.2', () => {
  const pixels: [number, number][] = [[0, 0], [1919, 959], [100, 480], [959.5, 479.5], [3599, 1439], [1234.25, 777.75], [17, 1400]];
  const grids = { car: CarringtonGrid.car(), cea: CarringtonGrid.cea(), carShifted: new CarringtonGrid({ projection: 'CAR', width: 720, height: 360, lonStartDeg: -180 }) };
  const sharpPixels: [number, number][] = [[0, 0], [743, 376], [371.5, 188], [100, 300], [650, 40]];
  let ref: AstropyGrids;

  beforeAll(() => {
    const jobs = Object.entries(grids).map(([name, g]) => ({
      name,
      cards: g.fitsCards(T_REF).map((c) => [c.key, c.value]),
      naxis: [g.width, g.height],
      x: pixels.map((p) => Math.min(p[0], g.width - 1)),
      y: pixels.map((p) => Math.min(p[1], g.height - 1)),
    }));
    ref = runPython<AstropyGrids>(
      `
import json, sys, warnings
import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

def header(cards, naxis):
    h = fits.Header()
    h['NAXIS'] = 2
    h['NAXIS1'], h['NAXIS2'] = naxis
    for k, v in cards:
        h[k] = v
    return h

q = json.load(sys.stdin)
out = dict(grids=[])
for job in q['grids']:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        w = WCS(header(job['cards'], job['naxis']))
        lon, lat = w.wcs_pix2world(np.array(job['x'], float), np.array(job['y'], float), 0)
    out['grids'].append(dict(name=job['name'], warnings=[str(c.message) for c in caught],
                             lon=lon.tolist(), lat=lat.tolist(), celestial=bool(w.has_celestial)))

src = fits.open(q['sharp']['path'])[1].header
keys = ['CTYPE1', 'CTYPE2', 'CUNIT1', 'CUNIT2', 'CRPIX1', 'CRPIX2', 'CRVAL1', 'CRVAL2', 'CDELT1', 'CDELT2', 'CROTA2']
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    w = WCS(header([(k, src[k]) for k in keys], [src['NAXIS1'], src['NAXIS2']]))
    lon, lat = w.wcs_pix2world(np.array(q['sharp']['x'], float), np.array(q['sharp']['y'], float), 0)
out['sharp'] = dict(lon=lon.tolist(), lat=lat.tolist(), warnings=[str(c.message) for c in caught])

# SunPy reads the CAR map as a HeliographicCarrington map (observer = Earth keywords).
import sunpy.map
job = q['grids'][0]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    m = sunpy.map.Map(np.zeros(job['naxis'][::-1], dtype=np.float32), header(job['cards'], job['naxis']))
    c = m.pixel_to_world(np.array(job['x'], float) * __import__('astropy.units').units.pix, np.array(job['y'], float) * __import__('astropy.units').units.pix)
out['sunpy'] = dict(warnings=[str(c_.message) for c_ in caught], frame=type(m.coordinate_frame).__name__,
                    lon=c.lon.to_value('deg').tolist(), lat=c.lat.to_value('deg').tolist())
print(json.dumps(out))
`,
      { grids: jobs, sharp: { path: SHARP_BR, x: sharpPixels.map((p) => p[0]), y: sharpPixels.map((p) => p[1]) } },
    ).result;
  }, 60_000);

  it('reads the CAR and CEA cards without any warning and returns our pixel-centre lon/lat within 1e-6°', () => {
    for (const r of ref.grids) {
      const g = grids[r.name as keyof typeof grids];
      expect(r.warnings, r.name).toEqual([]);
      expect(r.celestial).toBe(true);
      pixels.forEach((p, i) => {
        const [x, y] = [Math.min(p[0], g.width - 1), Math.min(p[1], g.height - 1)];
        expect(Math.abs(dLon(r.lon[i], g.lonDeg(x))), `${r.name} ${x},${y}`).toBeLessThan(1e-6);
        expect(Math.abs(r.lat[i] - g.latDeg(y)), `${r.name} ${x},${y}`).toBeLessThan(1e-6);
      });
    }
  });

  it('SunPy loads the CAR map as a Carrington map with the same coordinates and no warning', () => {
    expect(ref.sunpy.warnings).toEqual([]);
    expect(ref.sunpy.frame).toBe('HeliographicCarrington');
    const g = grids.car;
    pixels.forEach((p, i) => {
      const [x, y] = [Math.min(p[0], g.width - 1), Math.min(p[1], g.height - 1)];
      expect(Math.abs(dLon(ref.sunpy.lon[i], g.lonDeg(x)))).toBeLessThan(1e-6);
      expect(Math.abs(ref.sunpy.lat[i] - g.latDeg(y))).toBeLessThan(1e-6);
    });
  });

  it('maps SHARP CEA pixels to the same Carrington coordinates as astropy (1e-9°)', () => {
    // JSOC writes CUNIT 'degree'; wcslib's unitfix renames it to 'deg' (its only remark on the header).
    for (const w of ref.sharp.warnings) expect(w).toMatch(/^'unitfix' made the change 'Changed units:\s+'degree' -> 'deg'/);
    const sharp = SharpCeaWcs.fromHeader(readImageHeader(SHARP_BR));
    sharpPixels.forEach(([x, y], i) => {
      const c = sharp.pixelToCarrington(x, y)!;
      expect(Math.abs(dLon(c.lonDeg, ref.sharp.lon[i]))).toBeLessThan(1e-9);
      expect(Math.abs(c.latDeg - ref.sharp.lat[i])).toBeLessThan(1e-9);
    });
  });
});
