/**
 * Real-data regression (SCIENCE.md 4.4): on HARP 377, 2011-02-15 02:00 TAI (NOAA 11158), the SHARP
 * keywords our pipeline computes from the arrays must equal those the HMI pipeline wrote into the
 * segment headers; the product FITS must pass fitsverify and give astropy the SHARP WCS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstImage, readFitsFile, type FitsImage } from '../fits/index.ts';
import { fitsverifyReport } from '../fits/test-helpers.ts';
import { computeCurrents } from './compute.ts';
import type { PipelineOutput } from '../definitions/types.ts';
import type { CurrentKeywordName } from './keywords.ts';
import { makeCurrentsProduct, type PlaneRenderer } from './product.ts';
import { parseSharpSegments, SHARP_SEGMENTS, type SharpSegmentName } from './segments.ts';

const DIR = '../shared/data/sdo/sharp-377';
const FILE_OF = (segment: string) => join(DIR, `hmi.sharp_cea_720s.377.20110215_020000_TAI.${segment}.fits`);

/** Relative tolerances of SCIENCE.md 4.4 (MEANJZH at 1e-6 needs jz in float32). */
const TOLERANCE: Partial<Record<CurrentKeywordName, number>> = {
  MEANJZD: 1e-6,
  TOTUSJZ: 1e-6,
  ERRJZ: 1e-6,
  ERRUSI: 1e-5,
  USFLUX: 1e-6,
  CMASK: 0,
  TOTUSJH: 1e-6,
  ABSNJZH: 1e-6,
  MEANJZH: 1e-6,
  MEANALP: 1e-5,
  SAVNCPP: 1e-6,
};

/**
 * Keywords whose value differs from the header by more than the tolerance, as messages. The
 * header values are printed with 7-8 significant digits, so the tolerance also covers a half unit
 * of the last printed digit.
 */
function mismatches(values: Record<string, number | string | null>, header: FitsImage['header']): string[] {
  const out: string[] = [];
  for (const [name, tol] of Object.entries(TOLERANCE)) {
    const expected = header.number(name);
    const got = values[name];
    if (expected === undefined || typeof got !== 'number') {
      out.push(`${name}: missing (header ${expected}, ours ${got})`);
      continue;
    }
    const rel = Math.abs(got / expected - 1);
    if (tol === 0 ? got !== expected : rel > tol) out.push(`${name}: header ${expected}, ours ${got}, relative difference ${rel.toExponential(2)}`);
  }
  return out;
}

/** A renderer stub: the PNG step is tested with the quicklook module, not here. */
const noPng: PlaneRenderer = { quicklook: () => new Uint8Array(0), thumbnail: () => new Uint8Array(0) };

describe('HARP 377 (hmi.sharp_cea_720s, 2011-02-15 02:00 TAI)', () => {
  let segments: Record<SharpSegmentName, FitsImage>;
  let out: PipelineOutput;
  beforeAll(async () => {
    const images = await Promise.all(SHARP_SEGMENTS.map(async (s) => firstImage(await readFitsFile(FILE_OF(s)))));
    segments = Object.fromEntries(SHARP_SEGMENTS.map((s, i) => [s, images[i]])) as Record<SharpSegmentName, FitsImage>;
    out = makeCurrentsProduct(segments, { series: 'hmi.sharp_cea_720s', renderer: noPng });
  });

  it('reproduces the SHARP current keywords of the header', () => {
    expect(mismatches(out.record.summary, segments.Br.header)).toEqual([]);
  });

  it('works in float32 like the pipeline: one mask pixel has jz exactly 0 and is left out of MEANJZH (N = 45 700)', () => {
    const { field, info } = parseSharpSegments(segments);
    const r = computeCurrents(field, info.geometry);
    expect(r.keywords.counts.current).toBe(45_703);
    expect(r.keywords.counts.helicity).toBe(45_700);
  });

  it('fails on the wrong sign convention By = +Bt (MEANJZD -0.0062362, TOTUSJZ 8.5734e13 A)', () => {
    const { field, info } = parseSharpSegments(segments);
    const wrong = computeCurrents({ ...field, bt: field.bt.map((v) => -v) }, info.geometry).keywords.values;
    expect(wrong.MEANJZD / -0.0062362 - 1).toBeCloseTo(0, 4);
    expect(wrong.TOTUSJZ / 8.5734e13 - 1).toBeCloseTo(0, 4);
    // Every keyword that depends on the sign of By breaks; errors, flux and mask size do not.
    const failed = mismatches(wrong, segments.Br.header).map((m) => m.split(':')[0]);
    expect(failed.sort()).toEqual(['ABSNJZH', 'MEANALP', 'MEANJZD', 'MEANJZH', 'SAVNCPP', 'TOTUSJH', 'TOTUSJZ']);
  });

  it('keys the record by data type, HARP and T_REC in UTC, with the NOAA regions', () => {
    // TAI - UTC = 34 s from 2009-01-01 to 2012-06-30 (IERS Bulletin C).
    expect(new Date(out.record.timeMs).toISOString()).toBe('2011-02-15T01:59:26.000Z');
    expect(out.record).toMatchObject({ product: 'currents', parameter: 'jr', dataType: 'sci', version: 1, harpnum: 377, noaaArs: [11158] });
    expect(out.files.map((f) => f.name)).toEqual([
      'currents_sci_harp377_2011-02-15T015926_v1.fits',
      'currents_sci_harp377_2011-02-15T015926_v1.png',
      'currents_sci_harp377_2011-02-15T015926_v1_thumb.png',
    ]);
    expect(() => makeCurrentsProduct(segments, { series: 'hmi.sharp_cea_720s', dataType: 'nrt', renderer: noPng })).toThrow(/series/);
    expect(() => makeCurrentsProduct(segments, { renderer: noPng })).toThrow(/data type/);
  });

  describe('product FITS', () => {
    let dir: string;
    let path: string;
    let keywords: Record<string, number | null>;
    beforeAll(() => {
      keywords = out.record.summary as Record<string, number | null>;
      dir = mkdtempSync(join(tmpdir(), 'currents-'));
      path = join(dir, out.files[0].name);
      writeFileSync(path, out.files[0].bytes);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes fitsverify with 0 errors and 0 warnings', () => {
      expect(fitsverifyReport(path, [])).toMatch(/Verification found 0 warning\(s\) and 0 error\(s\)/);
    });

    it('is read by astropy without warnings, with the CEA WCS of the SHARP header', () => {
      const script = String.raw`
import json, sys, warnings
import numpy as np
from astropy.io import fits
from astropy.wcs import WCS
ours, sharp = sys.argv[1], sys.argv[2]
pix = np.array([[0, 0], [371.5, 188.0], [743, 376], [100, 300], [600, 50]])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    with fits.open(ours) as hdul:
        hdul.verify('exception')
        primary = {k: hdul[0].header.get(k) for k in ['HARPNUM', 'NOAA_AR', 'NOAA_ARS', 'T_REC', 'MEANJZD', 'TOTUSJZ', 'CMASK']}
        planes = {}
        for hdu in hdul[1:]:
            w = WCS(hdu.header)
            lon, lat = w.pixel_to_world_values(pix[:, 0], pix[:, 1])
            data = hdu.data
            planes[hdu.name] = dict(shape=list(data.shape), dtype=str(data.dtype), bunit=hdu.header.get('BUNIT'),
                                   lon=lon.tolist(), lat=lat.tolist(), nansum=float(np.nansum(data.astype('f8'))),
                                   finite=int(np.isfinite(data).sum()), cunit=[str(u) for u in w.wcs.cunit])
messages = [str(c.message) for c in caught]
# The reference: the WCS keywords of the SHARP segment header (its other cards are not FITS-clean).
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    with fits.open(sharp) as hdul:
        h = hdul[1].header
        ref = fits.Header()
        for k in ['CTYPE1', 'CTYPE2', 'CRPIX1', 'CRPIX2', 'CRVAL1', 'CRVAL2', 'CDELT1', 'CDELT2', 'CUNIT1', 'CUNIT2']:
            ref[k] = h[k]
        rlon, rlat = WCS(ref).pixel_to_world_values(pix[:, 0], pix[:, 1])
print(json.dumps(dict(warnings=messages, primary=primary, planes=planes, ref=dict(lon=rlon.tolist(), lat=rlat.tolist()))))
`;
      const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path, FILE_OF('Br')], { encoding: 'utf8' }));
      expect(out.warnings).toEqual([]);
      expect(out.primary).toMatchObject({ HARPNUM: 377, NOAA_AR: 11158, NOAA_ARS: '11158', T_REC: '2011.02.15_02:00:00_TAI', CMASK: 45703 });
      expect(out.primary.MEANJZD).toBeCloseTo(keywords.MEANJZD as number, 12);
      expect(Object.keys(out.planes)).toEqual(['JR', 'JR_ERR', 'MASK', 'BR']);
      for (const plane of Object.values(out.planes) as { shape: number[]; dtype: string; lon: number[]; lat: number[]; cunit: string[] }[]) {
        expect(plane.shape).toEqual([377, 744]);
        expect(plane.dtype).toMatch(/float32/);
        expect(plane.cunit).toEqual(['deg', 'deg']);
        plane.lon.forEach((v, i) => expect(v).toBeCloseTo(out.ref.lon[i], 9));
        plane.lat.forEach((v, i) => expect(v).toBeCloseTo(out.ref.lat[i], 9));
      }
      // Pixel (371.5, 188) 0-based is CRPIX (372.5, 189) 1-based, i.e. CRVAL.
      expect(out.ref.lon[1]).toBeCloseTo(34.879105, 9);
      expect(out.ref.lat[1]).toBeCloseTo(-21.0769, 9);
      expect(out.planes.JR.bunit).toBe('A/m2');
      expect(out.planes.BR.bunit).toBe('G');
      // MASK plane: jz-finite selection = the 45 703 pixels of MEANJZD/TOTUSJZ.
      expect(out.planes.MASK.nansum).toBe(45_703);
      expect(out.planes.BR.finite).toBe(744 * 377);
    });
  });
});
