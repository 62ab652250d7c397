/**
 * Tile-compressed image variants written by astropy (cfitsio's compressor): RICE_1 with BYTEPIX
 * 1/2/4, GZIP_1, GZIP_2, rectangular and 3-D tiles with partial edge tiles, BLANK, quantised floats
 * with NO_DITHER / SUBTRACTIVE_DITHER_1 / SUBTRACTIVE_DITHER_2 (ZDITHER0 wrap-around), lossless
 * float GZIP. Truth: the original arrays for lossless cases, astropy's decoding for every case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ditherSequence } from './dither.ts';
import { firstImage, readFitsFile } from './index.ts';
import { float64Digest, PY_DIGEST, runPython } from './test-helpers.ts';

interface Case {
  name: string;
  file: string;
  lossless: boolean;
  original: string;
  decoded: string;
  shape: number[];
  zbitpix: number;
  zcmptype: string;
  zquantiz: string | null;
  ztile: number[];
}

/** Writes the fixtures with astropy; returns digests of the original and astropy-decoded arrays. */
const GENERATOR = `${PY_DIGEST}
import warnings, os
from astropy.io import fits
warnings.simplefilter('ignore')
rng = np.random.default_rng(20110215)
yy, xx = np.mgrid[0:117, 0:203]
smooth = 300 * np.sin(xx / 17.0) * np.cos(yy / 23.0)
cases = []
# astropy 5.2 neither applies BLANK to compressed integer images nor writes ZBLANK for NaN in
# quantised floats (it stores -2**31): BLANK is applied here, and a ZBLANK keyword patched in.
def add(name, data, lossless, blank=None, zblank=None, **kw):
    hdu = fits.CompImageHDU(data, **kw)
    if blank is not None:
        hdu.header['BLANK'] = blank
    path = os.path.join(ARGS, name + '.fits')
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(path, overwrite=True)
    with fits.open(path) as hl:
        decoded = np.array(hl[1].data, dtype='f8')
        if blank is not None:
            decoded[hl[1].data == blank] = np.nan
    if zblank is not None:
        with fits.open(path, mode='update', disable_image_compression=True) as hl:
            hl[1].header['ZBLANK'] = zblank
        decoded[np.isnan(data)] = np.nan
    with fits.open(path, disable_image_compression=True) as hl:
        raw = hl[1].header
        cases.append({'name': name, 'file': path, 'lossless': lossless,
                      'original': digest(data if blank is None else np.where(data == blank, np.nan, data)),
                      'decoded': digest(decoded), 'shape': list(data.shape[::-1]),
                      'zbitpix': raw['ZBITPIX'], 'zcmptype': raw['ZCMPTYPE'], 'zquantiz': raw.get('ZQUANTIZ'),
                      'ztile': [raw['ZTILE%d' % (i + 1)] for i in range(raw['ZNAXIS'])]})
i16 = (smooth + rng.normal(0, 20, smooth.shape)).astype(np.int16)
i16[5:9, 11:30] = -32768
add('rice-int16-rect-tiles-blank', i16, True, blank=-32768, compression_type='RICE_1', tile_size=(50, 40))
add('rice-uint8', (np.abs(smooth) / 2 + rng.integers(0, 9, smooth.shape)).astype(np.uint8), True, compression_type='RICE_1')
i32 = (1e5 * np.sin(xx / 5.0) + rng.normal(0, 3000, smooth.shape)).astype(np.int32)
i32[0, 0] = 2**31 - 1; i32[0, 1] = -2**31; i32[0, 2] = 2**31 - 1
add('rice-int32-extremes', i32, True, compression_type='RICE_1')
add('gzip1-int32', i32, True, compression_type='GZIP_1', tile_size=(203, 5))
add('gzip2-int16', i16, True, compression_type='GZIP_2', tile_size=(64, 64))
cube = (rng.normal(0, 1000, (7, 33, 45))).astype(np.int16)
add('rice-int16-cube-3d-tiles', cube, True, compression_type='RICE_1', tile_size=(20, 10, 3))
f32 = (smooth + rng.normal(0, 5, smooth.shape)).astype(np.float32)
f32[10, 10:20] = np.nan
f32[20, :] = 0
f32[30, 3:9] = 0
add('rice-float32-dither1', f32, False, zblank=-2**31, compression_type='RICE_1', quantize_method=1, dither_seed=9990, quantize_level=8)
add('rice-float32-dither2', f32, False, compression_type='RICE_1', quantize_method=2, dither_seed=1234)
add('gzip1-float32-nodither', f32, False, compression_type='GZIP_1', quantize_method=-1, quantize_level=4)
add('gzip2-float64-lossless', f32.astype(np.float64) / 3, True, compression_type='GZIP_2', quantize_level=0)
add('rice-float64-dither1-2d-tiles', f32.astype(np.float64) * 1e-3, False, compression_type='RICE_1', tile_size=(32, 16), quantize_method=1, dither_seed=1)
print(json.dumps(cases))
`;

describe('tile-compressed variants written by astropy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fits-compressed-'));
  let cases: Case[] = [];
  beforeAll(() => {
    cases = runPython<Case[]>(GENERATOR, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every codec and quantisation variant', () => {
    expect(new Set(cases.map((c) => c.zcmptype.trim()))).toEqual(new Set(['RICE_1', 'GZIP_1', 'GZIP_2']));
    expect(new Set(cases.map((c) => c.zquantiz).filter(Boolean))).toEqual(
      new Set(['SUBTRACTIVE_DITHER_1', 'SUBTRACTIVE_DITHER_2', 'NO_DITHER']),
    );
    expect(cases.some((c) => c.ztile.length === 3 && c.ztile[2] > 1)).toBe(true);
  });

  it('decodes every variant exactly as astropy, and lossless ones to the original', async () => {
    for (const c of cases) {
      const image = firstImage(await readFitsFile(c.file));
      expect(image.shape, c.name).toEqual(c.shape);
      expect(image.bitpix, c.name).toBe(c.zbitpix);
      expect(image.compressed, c.name).toBe(true);
      expect(image.header.number('BITPIX'), c.name).toBe(c.zbitpix);
      expect(image.header.string('XTENSION'), c.name).toBe('IMAGE');
      const digest = float64Digest(image.data);
      expect(digest, `${c.name} vs astropy`).toBe(c.decoded);
      if (c.lossless) expect(digest, `${c.name} vs original`).toBe(c.original);
    }
  });

  it('returns float32 for quantised float32 images and NaN where the input had NaN', async () => {
    const c = cases.find((x) => x.name === 'rice-float32-dither1')!;
    const image = firstImage(await readFitsFile(c.file));
    expect(image.data).toBeInstanceOf(Float32Array);
    for (let x = 10; x < 20; x++) expect(image.data[10 * 203 + x]).toBeNaN();
    expect(Number.isNaN(image.data[10 * 203 + 9])).toBe(false);
  });

  it('keeps exact zeros with SUBTRACTIVE_DITHER_2', async () => {
    const c = cases.find((x) => x.name === 'rice-float32-dither2')!;
    const image = firstImage(await readFitsFile(c.file));
    for (let x = 0; x < 203; x++) expect(image.data[20 * 203 + x]).toBe(0);
  });
});

describe('dither random sequence', () => {
  it('follows Park & Miller with the published check value (FITS 4.0 section 10.2.3)', () => {
    const r = ditherSequence();
    expect(r.length).toBe(10000);
    // First values: seed 16807, then 16807^2 mod (2^31 - 1) = 282475249.
    expect(r[0]).toBe(Math.fround(16807 / 2147483647));
    expect(r[1]).toBe(Math.fround(282475249 / 2147483647));
    for (const v of r) expect(v > 0 && v < 1).toBe(true);
  });
});
