/**
 * SHARP patches of a single twisted region: the currents pipeline (parseSharpSegments,
 * computeCurrents, makeCurrentsProduct) accepts the written segments, and what it measures matches
 * the analytic flux ropes (SCIENCE.md §4.5: jz = B0/(µ0 L) e^(−r²/L²)(2 − 2r²/L²), total unsigned
 * current 4π B0 L/(µ0 e) per rope).
 */
import { describe, expect, it, afterAll } from 'vitest';
import { readFitsFile, firstImage } from '../fits/index.ts';
import { computeCurrents, makeCurrentsProduct, parseSharpSegments, type SegmentImage } from '../currents/index.ts';
import { SharpCeaWcs } from '../geometry/sharp-cea.ts';
import { fillInterval } from './archive.ts';
import { analyticPatchJz, renderSharpPatch, SHARP_SEGMENT_NAMES } from './sharp.ts';
import { sharpFilePath } from './schedule.ts';
import { T0, fitsverify, singleRegionSun, tempFolder } from './test-support.ts';

const sun = singleRegionSun();
const region = sun.truthAt(T0).regions[0];
const folder = tempFolder('sim-sharp-');
afterAll(() => folder.remove());

/** Reads the eight segments of one patch written by fillInterval. */
async function readPatch(series: 'nrt' | 'definitive', harpnum: number): Promise<Record<string, SegmentImage>> {
  const out: Record<string, SegmentImage> = {};
  for (const s of SHARP_SEGMENT_NAMES) out[s] = firstImage(await readFitsFile(sharpFilePath(folder.dir, T0, harpnum, s, series)));
  return out;
}

describe('SHARP CEA patches', () => {
  it('writes both series with their own HARP numbers and the JSOC keywords', async () => {
    const files = await fillInterval({ inputDir: folder.dir, sun, startMs: T0, stopMs: T0, instruments: ['sharp'], series: 'both' });
    expect(files.filter((f) => f.series === 'hmi.sharp_cea_720s').map((f) => f.harpnum)).toEqual(Array(8).fill(4321));
    expect(files.filter((f) => f.series === 'hmi.sharp_cea_720s_nrt').map((f) => f.harpnum)).toEqual(Array(8).fill(54321));
    const br = (await readPatch('definitive', 4321)).Br;
    const h = br.header;
    expect(h.string('CTYPE1')).toBe('CRLN-CEA');
    expect(h.string('CTYPE2')).toBe('CRLT-CEA');
    expect(h.number('CDELT1')).toBe(0.03);
    expect(h.number('HARPNUM')).toBe(4321);
    expect(h.string('NOAA_ARS')).toBe('14321');
    expect(h.string('T_REC')).toMatch(/^\d{4}\.\d\d\.\d\d_\d\d:\d\d:\d\d_TAI$/);
    for (const key of ['IMCRPIX1', 'IMCRPIX2', 'RSUN_REF', 'RSUN_OBS', 'DSUN_OBS', 'CRLN_OBS', 'CRLT_OBS', 'CRVAL1', 'CRVAL2', 'BSCALE']) {
      expect(h.number(key), key).toBeTypeOf('number');
    }
    // The patch is centred on the region (CRVAL = region centre, CRPIX = middle of the grid).
    expect(h.number('CRVAL1')).toBeCloseTo(region.lonDeg, 6);
    expect(h.number('CRVAL2')).toBeCloseTo(region.latDeg, 6);
    // Written as JSOC does: RICE_1 int32 with BSCALE 0.01 for Br, uncompressed int16 bitmap.
    const raw = await readFitsFile(sharpFilePath(folder.dir, T0, 4321, 'Br', 'definitive'), { headersOnly: true });
    expect(raw.hdus[1].header.string('ZCMPTYPE')).toBe('RICE_1');
    expect(raw.hdus[1].header.number('ZBITPIX')).toBe(32);
    expect(fitsverify(sharpFilePath(folder.dir, T0, 4321, 'Br', 'definitive'))).toContain('verification OK');
    expect(fitsverify(sharpFilePath(folder.dir, T0, 4321, 'bitmap', 'definitive'))).toContain('verification OK');
    expect(fitsverify(sharpFilePath(folder.dir, T0, 54321, 'conf_disambig', 'nrt'))).toContain('verification OK');
  });

  it('the currents pipeline recovers the analytic total unsigned current within 1 %', async () => {
    const segments = await readPatch('definitive', 4321);
    const product = makeCurrentsProduct(segments, { series: 'hmi.sharp_cea_720s' });
    expect(product.record.harpnum).toBe(4321);
    expect(product.record.noaaArs).toEqual([14321]);
    // Truth from first principles: 4π |B0| L / (µ0 e) per rope, B0 = twist × peak field × amplitude.
    const mu0 = 4e-7 * Math.PI;
    const b0T = 0.4 * 2000 * region.amplitude * 1e-4;
    const perRope = (4 * Math.PI * b0T * 10e6) / (mu0 * Math.E);
    expect(region.unsignedCurrentA).toBeCloseTo(2 * perRope, -6);
    const totusjz = product.record.summary.TOTUSJZ as number;
    expect(Math.abs(totusjz / (2 * perRope) - 1)).toBeLessThan(0.01);
    // Each rope has zero net current: the signed mean is tiny compared with the unsigned one.
    const { field, info } = parseSharpSegments(segments);
    const result = computeCurrents(field, info.geometry);
    expect(Math.abs(result.keywords.values.MEANJZD)).toBeLessThan(0.01 * (totusjz / result.keywords.values.CMASK) * 1000);
  });

  it('jr matches the analytic jz pixel by pixel (Bp west, Bt south convention)', async () => {
    const segments = await readPatch('definitive', 4321);
    const { field, info } = parseSharpSegments(segments);
    const result = computeCurrents(field, info.geometry);
    const fields = { ...new SharpCeaWcs({ ...info.wcs }).fields, width: field.width, height: field.height, dsunM: info.geometry.dsunObsM, rsunRefM: info.geometry.rsunRefM, rsunObsArcsec: info.geometry.rsunObsArcsec };
    const truth = analyticPatchJz(sun, T0, fields);
    let peak = 0, err2 = 0, n = 0;
    for (let i = 0; i < truth.length; i++) {
      if (!Number.isFinite(truth[i])) continue;
      peak = Math.max(peak, Math.abs(truth[i]));
      err2 += (result.jr[i] - truth[i]) ** 2;
      n++;
    }
    // Central jz of a rope: 2 B0/(µ0 L) ≈ 10 mA/m² here.
    expect(peak).toBeGreaterThan(0.009);
    expect(Math.sqrt(err2 / n) / peak).toBeLessThan(0.002);
    // Northern region with negative twist: jz Bz < 0, so the mean twist MEANALP is negative.
    expect(result.keywords.values.MEANALP).toBeLessThan(0);
  });

  it('a southern region with positive twist gives MEANALP > 0 (sign of the field convention)', () => {
    const south = singleRegionSun({ latDeg: -12, twist: 0.4 });
    const r = south.truthAt(T0).regions[0];
    const patch = renderSharpPatch(south, r, T0, 'definitive');
    const seg: Record<string, SegmentImage> = {};
    for (const s of patch.segments) {
      const scale = s.segment === 'Br' || s.segment === 'Bp' || s.segment === 'Bt' ? 0.01 : s.segment.endsWith('_err') ? 0.001 : 1;
      const cards = new Map(s.cards.map((c) => [c.key, c.value ?? undefined]));
      const header = {
        get: (k: string) => cards.get(k) as string | number | undefined,
        number: (k: string) => (typeof cards.get(k) === 'number' ? (cards.get(k) as number) : undefined),
        string: (k: string) => (typeof cards.get(k) === 'string' ? (cards.get(k) as string) : undefined),
      };
      seg[s.segment] = { header, width: s.width, height: s.height, data: Float64Array.from(s.pixels, (v) => v * scale) };
    }
    const { field, info } = parseSharpSegments(seg);
    expect(computeCurrents(field, info.geometry).keywords.values.MEANALP).toBeGreaterThan(0);
  });

  it('near-real-time patches of a young region are smaller than the definitive one', () => {
    const young = singleRegionSun({}, T0, 0.5);
    const r = young.truthAt(T0).regions[0];
    expect(r.amplitude).toBeLessThan(0.5);
    const nrt = renderSharpPatch(young, r, T0, 'nrt');
    const def = renderSharpPatch(young, r, T0, 'definitive');
    expect(nrt.harpnum).not.toBe(def.harpnum);
    expect(nrt.fields.width * nrt.fields.height).toBeLessThan(def.fields.width * def.fields.height);
  });
});
