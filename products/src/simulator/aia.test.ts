/**
 * AIA images: real level-1 keywords, a geometry consistent with the ephemeris, the disk where
 * RSUN_OBS says, disk-centre counts equal to the forward model of the truth DEM (V10 response,
 * dem/forward.ts) within the AIA noise model, files that read back and pass fitsverify.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { firstImage, readFitsFile } from '../fits/index.ts';
import { gaussianDemRates } from '../dem/forward.ts';
import { BANDS, fineResponse, loadTemperatureResponse } from '../dem/response.ts';
import { estimateErrorDn } from '../dem/noise.ts';
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { parseSdoTime } from '../geometry/time.ts';
import { SolarImageWcs } from '../geometry/wcs.ts';
import { AIA_WAVELENGTHS, coronalLimbBrightening, renderAiaSet } from './aia.ts';
import { fillInterval } from './archive.ts';
import { aiaFilePath } from './schedule.ts';
import { fitsverify, singleRegionSun, tempFolder } from './test-support.ts';
import { UnitResponseLut } from './response-lut.ts';

const SIZE = 256;
const SLOT = Date.UTC(2026, 2, 10, 12, 0, 0);
const sun = singleRegionSun({}, SLOT);
const folder = tempFolder('sim-aia-');
afterAll(() => folder.remove());
const fine = fineResponse(loadTemperatureResponse());

describe('AIA level-1 files', () => {
  it('are named as JSOC exports them and carry the level-1 keywords', async () => {
    const files = await fillInterval({ inputDir: folder.dir, sun, startMs: SLOT, stopMs: SLOT, instruments: ['aia'], aiaSize: SIZE });
    expect(files.map((f) => f.channel).sort()).toEqual(AIA_WAVELENGTHS.map(String).sort());
    expect(files.find((f) => f.channel === '171')?.path).toBe(`${folder.dir}/aia/2026/03/10/aia.lev1_euv_12s.2026-03-10T120000Z.171.image_lev1.fits`);
    expect(files.find((f) => f.channel === '1600')?.path).toBe(`${folder.dir}/aia/2026/03/10/aia.lev1_uv_24s.2026-03-10T120000Z.1600.image_lev1.fits`);
    for (const wave of AIA_WAVELENGTHS) {
      const f = await readFitsFile(aiaFilePath(folder.dir, SLOT, wave));
      // Empty primary HDU, RICE_1 int16 image extension.
      expect(f.hdus[0].header.number('NAXIS')).toBe(0);
      expect(f.hdus[1].header.string('ZCMPTYPE')).toBe('RICE_1');
      expect(f.hdus[1].header.number('ZBITPIX')).toBe(16);
      const h = f.images[0].header;
      expect(h.string('TELESCOP')).toBe('SDO/AIA');
      expect(h.string('INSTRUME')).toMatch(/^AIA_[1-4]$/);
      expect(h.number('WAVELNTH')).toBe(wave);
      expect(h.string('WAVEUNIT')).toBe('angstrom');
      expect(h.string('CTYPE1')).toBe('HPLN-TAN');
      expect(h.string('CTYPE2')).toBe('HPLT-TAN');
      expect(h.string('CUNIT1')).toBe('arcsec');
      expect(h.string('PIXLUNIT')).toBe('DN');
      expect(h.number('QUALITY')).toBe(0);
      expect(h.number('LVL_NUM')).toBe(1);
      for (const key of ['EXPTIME', 'CRPIX1', 'CRPIX2', 'CDELT1', 'CDELT2', 'CRVAL1', 'CRVAL2', 'CROTA2', 'RSUN_OBS', 'RSUN_REF', 'DSUN_OBS', 'CRLN_OBS', 'CRLT_OBS', 'HGLN_OBS', 'HGLT_OBS', 'DATAMIN', 'DATAMAX']) {
        expect(h.number(key), `${wave} ${key}`).toBeTypeOf('number');
      }
      // T_OBS is mid-exposure: DATE-OBS + EXPTIME/2, within the 12 s of the slot.
      const tObs = parseSdoTime(h.string('T_OBS') as string);
      expect(tObs - parseSdoTime(h.string('DATE-OBS') as string)).toBeCloseTo(((h.number('EXPTIME') as number) * 1000) / 2, 0);
      expect(tObs - SLOT).toBeGreaterThanOrEqual(0);
      expect(tObs - SLOT).toBeLessThan(15_000);
      // DATAMIN/DATAMAX describe the pixels.
      const data = f.images[0].data;
      let min = Infinity, max = -Infinity;
      for (const v of data) { min = Math.min(min, v); max = Math.max(max, v); }
      expect([h.number('DATAMIN'), h.number('DATAMAX')]).toEqual([min, max]);
    }
  });

  it('have the observer geometry of the ephemeris at T_OBS and the disk where RSUN_OBS puts it', async () => {
    const f = await readFitsFile(aiaFilePath(folder.dir, SLOT, 1700));
    const h = f.images[0].header;
    const tObs = parseSdoTime(h.string('T_OBS') as string);
    const o = sunFromEarth(tObs);
    expect(h.number('CRLN_OBS')).toBeCloseTo(o.l0Deg, 9);
    expect(h.number('CRLT_OBS')).toBeCloseTo(o.b0Deg, 9);
    expect((h.number('DSUN_OBS') as number) / o.dsunM).toBeCloseTo(1, 12);
    expect(h.number('HGLN_OBS')).toBe(0);
    // RSUN_OBS = asin(RSUN_REF / DSUN_OBS) in arcsec.
    expect(h.number('RSUN_OBS')).toBeCloseTo((Math.asin(696e6 / o.dsunM) * 180 * 3600) / Math.PI, 6);
    // The 1700 Å photosphere drops at the limb: along the disk-centre row, the last bright pixel
    // lies within one pixel of RSUN_OBS / CDELT1 from the centre given by CRPIX/CRVAL.
    const wcs = SolarImageWcs.fromHeader(h);
    const c = wcs.diskCentrePixel();
    const rPix = (h.number('RSUN_OBS') as number) / (h.number('CDELT1') as number);
    const row = Math.round(c.y);
    const data = f.images[0].data;
    const centreValue = data[row * SIZE + Math.round(c.x)];
    let edge = Math.round(c.x);
    while (edge + 1 < SIZE && data[row * SIZE + edge + 1] > 0.05 * centreValue) edge++;
    expect(Math.abs(edge + 0.5 - (c.x + rPix))).toBeLessThan(1);
  });

  it('disk-centre counts equal the forward model of the truth DEM within the AIA noise', async () => {
    const zByBand: number[][] = BANDS.map(() => []);
    for (const [b, wave] of BANDS.entries()) {
      const f = await readFitsFile(aiaFilePath(folder.dir, SLOT, wave as (typeof AIA_WAVELENGTHS)[number]));
      const im = firstImage(f);
      const wcs = SolarImageWcs.fromHeader(im.header);
      const exptime = im.header.number('EXPTIME') as number;
      const c = wcs.diskCentrePixel();
      for (let j = Math.round(c.y) - 4; j <= Math.round(c.y) + 4; j++) {
        for (let i = Math.round(c.x) - 4; i <= Math.round(c.x) + 4; i++) {
          const p = wcs.pixelToCarrington(i, j);
          if (!p) throw new Error('disk centre off disk');
          const dem = sun.demAt(p.lonDeg, p.latDeg, SLOT);
          const expected = gaussianDemRates(fine, dem.logTc, dem.sigma, dem.em)[b] * coronalLimbBrightening(p.mu) * exptime;
          const sigma = estimateErrorDn(expected, wave);
          zByBand[b].push((im.data[j * SIZE + i] - expected) / sigma);
        }
      }
    }
    for (const [b, z] of zByBand.entries()) {
      const mean = z.reduce((a, v) => a + v, 0) / z.length;
      const rms = Math.sqrt(z.reduce((a, v) => a + v * v, 0) / z.length);
      // 81 pixels: the mean of unit normals is within ±0.45 (4 sigma); the rms near 1.
      expect(Math.abs(mean), `${BANDS[b]} mean z`).toBeLessThan(0.45);
      expect(rms, `${BANDS[b]} rms z`).toBeGreaterThan(0.7);
      expect(rms, `${BANDS[b]} rms z`).toBeLessThan(1.35);
    }
  });

  it('without noise, the region core equals the forward model to 0.5 % (response table lookup)', () => {
    const [img] = renderAiaSet(sun, SLOT, { size: SIZE, wavelengths: [193], noise: false });
    const wcs = new SolarImageWcs(sunAiaFields(img.cards));
    const truth = sun.truthAt(SLOT).regions[0];
    const p = wcs.carringtonToPixel(truth.lonDeg, truth.latDeg);
    const i = Math.round(p.x), j = Math.round(p.y);
    const q = wcs.pixelToCarrington(i, j);
    if (!q) throw new Error('region off disk');
    const dem = sun.demAt(q.lonDeg, q.latDeg, SLOT);
    expect(dem.wAr).toBeGreaterThan(0.5);
    const expected = gaussianDemRates(fine, dem.logTc, dem.sigma, dem.em)[3] * coronalLimbBrightening(q.mu) * 2.0;
    expect(Math.abs(img.pixels[j * SIZE + i] - expected)).toBeLessThan(0.005 * expected + 0.5);
  });

  it('the unit-response table agrees with the exact forward model across its range', () => {
    const lut = new UnitResponseLut();
    const out = new Float64Array(6);
    for (const [t, s] of [[5.83, 0.117], [6.155, 0.183], [6.47, 0.253], [6.91, 0.105], [6.0, 0.05]]) {
      lut.lookup(t, s, out);
      const exact = gaussianDemRates(fine, t, s, 1);
      for (let b = 0; b < 6; b++) expect(Math.abs(out[b] / exact[b] - 1), `${BANDS[b]} at ${t},${s}`).toBeLessThan(0.005);
    }
  });

  it('read back with the project reader as exactly the rendered counts (same seed, same noise)', async () => {
    const rendered = renderAiaSet(sun, SLOT, { size: SIZE, wavelengths: [94, 304] });
    for (const im of rendered) {
      const back = firstImage(await readFitsFile(aiaFilePath(folder.dir, SLOT, Number(im.channel) as 94 | 304)));
      expect([back.width, back.height]).toEqual([SIZE, SIZE]);
      expect(Array.from(back.data)).toEqual(Array.from(im.pixels));
    }
  });

  it('pass fitsverify with no error or warning', () => {
    for (const wave of [171, 1700] as const) expect(fitsverify(aiaFilePath(folder.dir, SLOT, wave))).toContain('verification OK');
  });
});

/** The WCS fields of a rendered image's cards. */
function sunAiaFields(cards: { key: string; value?: unknown }[]) {
  const m = new Map(cards.map((c) => [c.key, c.value]));
  return SolarImageWcs.fromHeader({
    number: (k) => (typeof m.get(k) === 'number' ? (m.get(k) as number) : undefined),
    string: (k) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : undefined),
  }).fields;
}
