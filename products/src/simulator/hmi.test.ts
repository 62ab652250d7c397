/**
 * HMI 720 s files: JSOC names and keywords (CONTENT, T_REC in TAI, CROTA2 ≈ 180), the disk edge at
 * RSUN_OBS, the LOS field equal to Br μ of the truth, the continuum following the JSOC limb-darkening
 * law (cross-checked against Neckel & Labs 1994, SCIENCE.md §3.3).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { firstImage, readFitsFile } from '../fits/index.ts';
import { parseJsocTime } from '../geometry/time.ts';
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { SolarImageWcs } from '../geometry/wcs.ts';
import { neckelLabsLimbDarkening } from '../photosphere/limb-darkening.ts';
import { fillInterval } from './archive.ts';
import { hmiFilePath } from './schedule.ts';
import { HMI_CONTINUUM_DISK_CENTRE } from './hmi.ts';
import { T0, fitsverify, singleRegionSun, tempFolder } from './test-support.ts';

const SIZE = 256;
const sun = singleRegionSun();
const folder = tempFolder('sim-hmi-');
afterAll(() => folder.remove());

describe('HMI magnetograms and continuum images', () => {
  it('are written under the JSOC names of both series with the real keywords', async () => {
    const files = await fillInterval({ inputDir: folder.dir, sun, startMs: T0, stopMs: T0, instruments: ['hmi'], hmiSize: SIZE, noise: false });
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        'hmi/2026/03/10/hmi.ic_720s.20260310_120000_TAI.continuum.fits',
        'hmi/2026/03/10/hmi.ic_720s_nrt.20260310_120000_TAI.continuum.fits',
        'hmi/2026/03/10/hmi.m_720s.20260310_120000_TAI.magnetogram.fits',
        'hmi/2026/03/10/hmi.m_720s_nrt.20260310_120000_TAI.magnetogram.fits',
      ].map((p) => `${folder.dir}/${p}`),
    );
    const m = firstImage(await readFitsFile(hmiFilePath(folder.dir, T0, 'magnetogram', true))).header;
    const c = firstImage(await readFitsFile(hmiFilePath(folder.dir, T0, 'continuum', false))).header;
    expect(m.string('CONTENT')).toBe('MAGNETOGRAM');
    expect(c.string('CONTENT')).toBe('CONTINUUM INTENSITY');
    expect(m.string('BUNIT')).toBe('Gauss');
    expect(c.string('BUNIT')).toBe('DN/s');
    for (const h of [m, c]) {
      expect(h.string('TELESCOP')).toBe('SDO/HMI');
      expect(h.string('T_REC')).toBe('2026.03.10_12:00:00_TAI');
      expect(parseJsocTime(h.string('T_REC') as string)).toBe(T0);
      expect(Math.abs((h.number('CROTA2') as number) - 180)).toBeLessThan(0.5);
      const o = sunFromEarth(T0);
      expect(h.number('CRLN_OBS')).toBeCloseTo(o.l0Deg, 9);
      expect(h.number('CRLT_OBS')).toBeCloseTo(o.b0Deg, 9);
    }
    expect(fitsverify(hmiFilePath(folder.dir, T0, 'magnetogram', false))).toContain('verification OK');
    expect(fitsverify(hmiFilePath(folder.dir, T0, 'continuum', true))).toContain('verification OK');
  });

  it('have data exactly on the disk of radius RSUN_OBS and NaN outside', async () => {
    const im = firstImage(await readFitsFile(hmiFilePath(folder.dir, T0, 'continuum', false)));
    const wcs = SolarImageWcs.fromHeader(im.header);
    const c = wcs.diskCentrePixel();
    // The limb circle on the tangent plane: tan(RSUN_OBS) / CDELT ≈ RSUN_OBS / CDELT.
    const rPix = (im.header.number('RSUN_OBS') as number) / (im.header.number('CDELT1') as number);
    let checked = 0;
    for (let j = 0; j < SIZE; j++) {
      for (let i = 0; i < SIZE; i++) {
        const r = Math.hypot(i - c.x, j - c.y);
        if (Math.abs(r - rPix) < 0.05) continue; // pixel centres on the limb itself
        expect(Number.isNaN(im.data[j * SIZE + i])).toBe(r > rPix);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(SIZE * SIZE * 0.99);
  });

  it('show the truth radial field as Blos = Br μ, with north down', async () => {
    const im = firstImage(await readFitsFile(hmiFilePath(folder.dir, T0, 'magnetogram', false)));
    const wcs = SolarImageWcs.fromHeader(im.header);
    const region = sun.truthAt(T0).regions[0];
    for (const pol of region.polarities) {
      const p = wcs.carringtonToPixel(pol.lonDeg, pol.latDeg);
      const i = Math.round(p.x), j = Math.round(p.y);
      const q = wcs.pixelToCarrington(i, j);
      if (!q) throw new Error('polarity off disk');
      const expected = sun.brAt(q.lonDeg, q.latDeg, T0) * q.mu;
      expect(Math.abs(im.data[j * SIZE + i] - expected)).toBeLessThanOrEqual(0.05 + 1e-9); // BSCALE 0.1 rounding
      expect(Math.sign(im.data[j * SIZE + i])).toBe(pol.sign);
    }
    // CROTA2 ≈ 180: the northern region appears below the disk centre.
    expect(wcs.carringtonToPixel(region.lonDeg, region.latDeg).y).toBeLessThan(wcs.diskCentrePixel().y);
  });

  it('continuum follows the limb-darkening law (within 0.5 % of Neckel & Labs 1994 for μ ≥ 0.2)', async () => {
    const im = firstImage(await readFitsFile(hmiFilePath(folder.dir, T0, 'continuum', false)));
    const wcs = SolarImageWcs.fromHeader(im.header);
    let n = 0;
    for (let j = 0; j < SIZE; j += 3) {
      for (let i = 0; i < SIZE; i += 3) {
        const p = wcs.pixelToCarrington(i, j);
        if (!p || p.mu < 0.2 || Math.abs(sun.brAt(p.lonDeg, p.latDeg, T0)) > 50) continue; // quiet Sun only
        const expected = HMI_CONTINUUM_DISK_CENTRE * neckelLabsLimbDarkening(p.mu);
        expect(Math.abs(im.data[j * SIZE + i] / expected - 1)).toBeLessThan(0.005 + 1.5 / expected);
        n++;
      }
    }
    expect(n).toBeGreaterThan(3000);
  });
});
