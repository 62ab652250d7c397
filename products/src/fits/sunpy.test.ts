/**
 * SunPy test images (uncompressed float64 primary images, a gzip-wrapped float32 map) and a JSOC
 * text header: WCS and ephemeris keywords as SCIENCE.md sections 5.5-5.6 list them, data as astropy reads them.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstImage, FitsHeader, readFitsFile, type FitsFile } from './index.ts';
import { float64Digest, PY_DIGEST, runPython, SHARED_DATA } from './test-helpers.ts';

const DIR = `${SHARED_DATA}sdo/sunpy-test/`;
const IMAGES = ['aia_171_level1.fits', 'resampled_hmi.fits', 'heliographic_phase_map.fits.gz'];
const files = new Map<string, FitsFile>();

beforeAll(async () => {
  for (const f of IMAGES) files.set(f, await readFitsFile(DIR + f));
});

describe('sunpy test images', () => {
  it('reads the AIA 171 level-1 image with its WCS and observer keywords', () => {
    const image = firstImage(files.get('aia_171_level1.fits')!);
    const h = image.header;
    expect([image.width, image.height, image.bitpix]).toEqual([128, 128, -64]);
    expect(image.data).toBeInstanceOf(Float64Array);
    expect(h.string('DATE-OBS')).toBe('2011-02-15T00:00:00.34');
    expect(h.number('CDELT1')).toBe(19.183648);
    expect(h.number('CDELT2')).toBe(19.183648);
    expect(h.number('CRPIX1')).toBe(64.5);
    expect(h.number('CRPIX2')).toBe(64.5);
    expect(h.number('CRVAL1')).toBeCloseTo(-4.532172, 6);
    expect(h.number('CRVAL2')).toBeCloseTo(2.865575, 6);
    expect(h.number('CROTA2')).toBe(0.019413);
    expect(h.string('CTYPE1')).toBe('HPLN-TAN');
    expect(h.string('CTYPE2')).toBe('HPLT-TAN');
    expect(h.string('CUNIT1')).toBe('arcsec');
    expect(h.number('CRLN_OBS')).toBe(22.814522);
    expect(h.number('CRLT_OBS')).toBe(-6.820544);
    expect(h.number('HGLN_OBS')).toBe(0);
    expect(h.number('DSUN_OBS')).toBe(147724815128);
    expect(h.number('RSUN_OBS')).toBe(971.812597);
    expect(h.number('RSUN_REF')).toBe(696000000);
    expect(h.number('EXPTIME')).toBe(2.000191);
    // BLANK on a floating-point image is ignored (NaN is the floating-point "no data").
    expect(h.number('BLANK')).toBe(-32768);
    expect(image.data.some(Number.isNaN)).toBe(false);
  });

  it('reads the resampled HMI magnetogram (second instrument, same code path)', () => {
    const image = firstImage(files.get('resampled_hmi.fits')!);
    const h = image.header;
    expect([image.width, image.height]).toEqual([100, 100]);
    expect(h.string('T_OBS')).toBe('2014.03.01_00:01:25_TAI');
    expect(h.number('CDELT1')).toBe(20.65575936);
    expect(h.number('CRPIX1')).toBe(50.5);
    expect(h.number('CROTA2')).toBe(179.929779);
    expect(h.number('DSUN_OBS')).toBe(148205511547.72);
    expect(h.number('RSUN_OBS')).toBe(968.660583);
    expect(h.number('CRLN_OBS')).toBe(132.560135);
    expect(h.number('CRLT_OBS')).toBe(-7.226688);
    expect(Array.from(image.data).filter(Number.isNaN).length).toBe(2430); // off-disk pixels
  });

  it('reads the gzip-wrapped heliographic map', () => {
    const image = firstImage(files.get('heliographic_phase_map.fits.gz')!);
    const h = image.header;
    expect([image.width, image.height, image.bitpix]).toEqual([361, 181, -32]);
    expect(image.data).toBeInstanceOf(Float32Array);
    expect(h.string('CTYPE1')).toBe('CRLN-CAR');
    expect(h.string('CTYPE2')).toBe('CRLT-CAR');
    expect(h.number('CRPIX1')).toBe(181);
    expect(h.number('CDELT1')).toBe(1);
    expect(h.number('DSUN_OBS')).toBe(147372994401.8405);
    expect(h.string('DATE-OBS')).toBe('2017-01-27T16:54:20');
  });

  it('parses the JSOC HMI synoptic header from text', () => {
    const h = FitsHeader.fromText(readFileSync(`${DIR}hmi_synoptic.header`, 'latin1'));
    expect(h.cards.length).toBe(77);
    expect(h.number('NAXIS1')).toBe(720);
    expect(h.number('NAXIS2')).toBe(360);
    expect(h.string('CTYPE1')).toBe('CRLN-CEA');
    expect(h.string('CTYPE2')).toBe('CRLT-CEA');
    expect(h.number('CRPIX1')).toBe(360.4);
    expect(h.number('CRVAL1')).toBe(795420);
    expect(h.number('CDELT1')).toBe(-0.5);
    expect(h.number('CDELT2')).toBe(0.005556);
    expect(h.string('CUNIT2')).toBe('Sine Latitude');
    expect(h.number('CAR_ROT')).toBe(2210);
    expect(h.all('HISTORY').map((c) => c.value)).toEqual([
      'Carrington-Time conversion corrected; o2helio.c bug corrected -- July 20',
      '13',
    ]);
  });
});

describe('sunpy test data against astropy', () => {
  it('every image value and every header card equals astropy', () => {
    const ref = runPython<{ file: string; digest: string; cards: [string, unknown][] }[]>(
      `${PY_DIGEST}
import warnings
from astropy.io import fits
warnings.simplefilter('ignore')
out = []
def plain(v):
    if isinstance(v, bool) or isinstance(v, str): return v
    if isinstance(v, (int, float)): return float(v) if v == v else 'NaN'
    return str(v)
for path in ARGS['files']:
    with fits.open(path) as hl:
        h = hl[0].header
        out.append({'file': path, 'digest': digest(hl[0].data),
                    'cards': [[k, plain(v)] for k, v in h.items()]})
print(json.dumps(out))
`,
      { files: IMAGES.map((f) => DIR + f) },
    );
    for (const r of ref) {
      const image = firstImage(files.get(r.file.slice(DIR.length))!);
      expect(float64Digest(image.data), r.file).toBe(r.digest);
      const ours = image.header.cards.map((c) => [c.key, typeof c.value === 'number' ? (Number.isNaN(c.value) ? 'NaN' : c.value) : c.value]);
      expect(ours, r.file).toEqual(r.cards);
    }
  });

  it('the text header equals astropy Header.fromtextfile', () => {
    const cards = runPython<[string, unknown][]>(
      `from astropy.io import fits
h = fits.Header.fromtextfile(ARGS)
print(json.dumps([[k, v if isinstance(v, (bool, str)) else float(v)] for k, v in h.items()]))`,
      `${DIR}hmi_synoptic.header`,
    );
    const h = FitsHeader.fromText(readFileSync(`${DIR}hmi_synoptic.header`, 'latin1'));
    expect(h.cards.map((c) => [c.key, c.value])).toEqual(cards);
  });
});

