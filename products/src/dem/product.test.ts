/**
 * The DEM product end to end on synthetic full-disk AIA images made from known Gaussian DEMs
 * (`synthetic.ts`, `forward.ts`): recovered planes against the truth (SCIENCE.md 1.6 items 4-7),
 * summary indices against values computed from the truth maps, the FITS file checked by
 * `fitsverify` and astropy (values and WCS), the quicklooks' display rules, and input errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { readFits, type FitsImage } from '../fits/index.ts';
import { fitsverifyReport, float64Digest, PY_DIGEST, runPython } from '../fits/test-helpers.ts';
import { DemError } from './errors.ts';
import type { HeaderLike } from './image-grid.ts';
import { DEM_INDEX_NAMES, makeDemProduct, makeDemProductParallel } from './product.ts';
import type { DemChannelImage } from './prepare.ts';
import { BANDS, NBANDS } from './response.ts';
import { SYNTHETIC_EXPTIME, syntheticCounts, syntheticSun, syntheticSunCounts, type SyntheticSun } from './synthetic.ts';
import { defaultModelData } from './test-support.ts';
import type { PipelineOutput } from '../definitions/types.ts';

const { fine } = defaultModelData();
const SIZE = 64;
const ARCSEC_PER_PIXEL_4K = 0.6;
/** Well above any synthetic count, so that only the pixels a test saturates are saturated. */
const SATURATION = 1e7;

type Values = Record<string, string | number>;

function header(values: Values): HeaderLike {
  return {
    number: (k) => (typeof values[k] === 'number' ? (values[k] as number) : undefined),
    string: (k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined),
  };
}

/** Level-1-like header of one band for a synthetic Sun (disk centre at world (0, 0)). */
function headerValues(sun: SyntheticSun, band: number, extra: Values = {}): Values {
  const cdelt = (ARCSEC_PER_PIXEL_4K * 4096) / sun.width;
  const b = BANDS.indexOf(band);
  return {
    TELESCOP: 'SDO/AIA',
    WAVELNTH: band,
    EXPTIME: SYNTHETIC_EXPTIME[b],
    // The six channels of one AIA sequence, a few seconds apart.
    T_OBS: `2024-05-10T12:00:0${b}.50Z`,
    BUNIT: 'DN',
    CTYPE1: 'HPLN-TAN',
    CTYPE2: 'HPLT-TAN',
    CUNIT1: 'arcsec',
    CUNIT2: 'arcsec',
    CRPIX1: sun.xc + 1,
    CRPIX2: sun.yc + 1,
    CRVAL1: 0,
    CRVAL2: 0,
    CDELT1: cdelt,
    CDELT2: cdelt,
    CROTA2: 0,
    RSUN_OBS: sun.rPix * cdelt,
    RSUN_REF: 696000000,
    DSUN_OBS: 151000000000,
    HGLN_OBS: 0,
    HGLT_OBS: -3.2,
    ...extra,
  };
}

/** Noiseless counts [DN] of the truth maps by the forward model itself, one image per band. */
function noiselessCounts(sun: SyntheticSun): Float32Array[] {
  const n = sun.width * sun.height;
  const images = BANDS.map(() => new Float32Array(n));
  const c = new Float64Array(NBANDS);
  for (let k = 0; k < n; k++) {
    syntheticCounts(fine, { logTc: sun.logTc[k], sigma: sun.sigma[k], em: sun.em[k] }, SYNTHETIC_EXPTIME, undefined, c);
    for (let b = 0; b < NBANDS; b++) images[b][k] = c[b];
  }
  return images;
}

function channelImages(sun: SyntheticSun, counts: Float32Array[], extra: (band: number) => Values = () => ({})): DemChannelImage[] {
  return BANDS.map((band, b) => ({ header: header(headerValues(sun, band, extra(band))), width: sun.width, height: sun.height, data: counts[b].slice() }));
}

const OPTIONS = { series: 'aia.lev1_euv_12s', saturationDn: SATURATION, quicklookSize: 256 } as const;

function fitsImages(out: PipelineOutput): FitsImage[] {
  const fits = out.files.find((f) => f.kind === 'fits');
  if (!fits) throw new Error('no FITS file');
  return readFits(fits.bytes).images;
}

function planesOf(out: PipelineOutput): Record<string, Float32Array | Float64Array> {
  return Object.fromEntries(fitsImages(out).map((im) => [im.extname ?? '', im.data]));
}

const onDisk = (sun: SyntheticSun, k: number): boolean => {
  const x = k % sun.width, y = Math.floor(k / sun.width);
  return (x - sun.xc) ** 2 + (y - sun.yc) ** 2 <= sun.rPix ** 2;
};

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const sun = syntheticSun(SIZE, SIZE);
const clean = noiselessCounts(sun);
const cleanOut = makeDemProduct(channelImages(sun, clean), OPTIONS);
const cleanPlanes = planesOf(cleanOut);

describe('makeDemProduct on noiseless synthetic truth (SCIENCE.md 1.6 item 4)', () => {
  it('recovers Tc and sigma within half a table step and EM within 5 % at every pixel', () => {
    const { TC, EM, WIDTH, NBANDS: nb } = cleanPlanes;
    let worstT = 0, worstS = 0, worstE = 0;
    for (let k = 0; k < SIZE * SIZE; k++) {
      expect(nb[k]).toBe(6);
      worstT = Math.max(worstT, Math.abs(Math.log10(TC[k]) - sun.logTc[k]));
      worstS = Math.max(worstS, Math.abs(WIDTH[k] - sun.sigma[k]));
      worstE = Math.max(worstE, Math.abs(EM[k] / sun.em[k] - 1));
    }
    // Table steps 0.01 (logTc) and 0.02 (sigma); a float32 Tc in K carries < 3e-8 dex.
    expect(worstT).toBeLessThanOrEqual(0.005);
    expect(worstS).toBeLessThanOrEqual(0.01);
    expect(worstE).toBeLessThan(0.05);
  });

  it('makes a dem record (sci from aia.lev1_euv_12s, 193 Å T_OBS) with exactly the dem_indices names', () => {
    const r = cleanOut.record;
    expect([r.product, r.parameter, r.dataType, r.version]).toEqual(['dem', 'dem', 'sci', 1]);
    expect(r.timeMs).toBe(Date.UTC(2024, 4, 10, 12, 0, 3, 500));
    expect(Object.keys(r.summary)).toEqual([...DEM_INDEX_NAMES]);
    expect(DEM_INDEX_NAMES).toEqual(['median_tc', 'em_weighted_tc', 'total_em', 'ar_median_tc', 'ar_em_weighted_tc', 'ar_total_em', 'chi2_gt4_fraction', 'valid_fraction']);
    expect(cleanOut.files.map((f) => [f.kind, f.name])).toEqual([
      ['fits', 'DEM_aia_2024-05-10T12_00_sci_v1.fits'],
      ['png', 'DEM_aia_2024-05-10T12_00_sci_v1.png'],
      ['png:tc', 'DEM_aia_2024-05-10T12_00_sci_v1_tc.png'],
      ['png:em', 'DEM_aia_2024-05-10T12_00_sci_v1_em.png'],
      ['thumbnail', 'DEM_aia_2024-05-10T12_00_sci_v1_thumb.png'],
    ]);
    expect(makeDemProduct(channelImages(sun, clean), { ...OPTIONS, series: 'aia.lev1_nrt2', version: 3 }).record).toMatchObject({ dataType: 'nrt', version: 3 });
  });

  it('gives summary indices equal to those computed from the truth maps over the disk', () => {
    const disk: number[] = [];
    for (let k = 0; k < SIZE * SIZE; k++) if (onDisk(sun, k)) disk.push(k);
    const tcTrue = (k: number): number => 10 ** sun.logTc[k];
    const emMedian = median(disk.map((k) => sun.em[k]));
    const ar = disk.filter((k) => sun.em[k] > 5 * emMedian);
    const weighted = (ks: number[]): number => ks.reduce((s, k) => s + sun.em[k] * tcTrue(k), 0) / ks.reduce((s, k) => s + sun.em[k], 0);
    const s = cleanOut.record.summary as Record<string, number>;
    expect(ar.length).toBeGreaterThan(20);
    // Per-pixel tolerances of item 4: Tc within half a step (10^0.005 - 1 = 1.16 %), EM 5 %.
    const tcTol = 10 ** 0.005 - 1;
    expect(Math.abs(s.median_tc / median(disk.map(tcTrue)) - 1)).toBeLessThan(tcTol);
    expect(Math.abs(s.em_weighted_tc / weighted(disk) - 1)).toBeLessThan(tcTol);
    expect(Math.abs(s.total_em / disk.reduce((a, k) => a + sun.em[k], 0) - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.ar_median_tc / median(ar.map(tcTrue)) - 1)).toBeLessThan(tcTol);
    expect(Math.abs(s.ar_em_weighted_tc / weighted(ar) - 1)).toBeLessThan(tcTol);
    expect(Math.abs(s.ar_total_em / ar.reduce((a, k) => a + sun.em[k], 0) - 1)).toBeLessThan(0.05);
    // A Gaussian truth is fitted exactly: no pixel has chi2 > 4; all bands valid everywhere.
    expect(s.chi2_gt4_fraction).toBe(0);
    expect(s.valid_fraction).toBe(1);
  });

  it('divides by the degradation factors: a degraded instrument with its factors gives the same map', () => {
    const factors: Record<number, number> = { 94: 0.9, 131: 0.55, 171: 0.8, 193: 0.7, 211: 0.6, 335: 0.3 };
    const degraded = clean.map((img, b) => img.map((c) => c * factors[BANDS[b]]));
    const withFactors = planesOf(makeDemProduct(channelImages(sun, degraded), { ...OPTIONS, degradation: factors }));
    const without = planesOf(makeDemProduct(channelImages(sun, degraded), OPTIONS));
    let worstT = 0, worstE = 0, biasWithout = 0;
    for (let k = 0; k < SIZE * SIZE; k++) {
      worstT = Math.max(worstT, Math.abs(Math.log10(withFactors.TC[k]) - sun.logTc[k]));
      worstE = Math.max(worstE, Math.abs(withFactors.EM[k] / sun.em[k] - 1));
      biasWithout += Math.abs(without.EM[k] / sun.em[k] - 1) / (SIZE * SIZE);
    }
    expect(worstT).toBeLessThanOrEqual(0.005);
    expect(worstE).toBeLessThan(0.05);
    // Ignoring the factors biases EM by tens of percent (SCIENCE.md 1.3).
    expect(biasWithout).toBeGreaterThan(0.1);
  });

  it('takes DN/s images (BUNIT DN/s) back to counts with EXPTIME: same map as from DN', () => {
    const perSecond = clean.map((img, b) => img.map((c) => c / SYNTHETIC_EXPTIME[b]));
    const out = planesOf(makeDemProduct(channelImages(sun, perSecond, () => ({ BUNIT: 'DN/s' })), OPTIONS));
    for (let k = 0; k < SIZE * SIZE; k++) {
      // Float32 rounding of c / EXPTIME * EXPTIME (one ulp) is all that differs.
      expect(Math.abs(out.TC[k] / cleanPlanes.TC[k] - 1)).toBeLessThan(1e-5);
      expect(Math.abs(out.EM[k] / cleanPlanes.EM[k] - 1)).toBeLessThan(1e-5);
    }
  });
});

describe('makeDemProduct on noisy synthetic truth (SCIENCE.md 1.6 item 5)', () => {
  it('median |dlogTc| < 0.03, EM bias < 10 %, mean reduced chi2 ~ 1 within 15 % (logTc 5.8-6.6, sigma >= 0.1, EM >= 1e27)', () => {
    const big = syntheticSun(128, 128);
    const noisy = syntheticSunCounts(fine, big, 4242);
    const p = planesOf(makeDemProduct(channelImages(big, noisy), OPTIONS));
    const dT: number[] = [];
    let emRatio = 0, chi2 = 0, n = 0;
    for (let k = 0; k < big.width * big.height; k++) {
      if (!(big.logTc[k] >= 5.8 && big.logTc[k] <= 6.6 && big.sigma[k] >= 0.1 && big.em[k] >= 1e27)) continue;
      // A faint 94 Å pixel (a few DN) can be <= 0 after read noise: not fitted, as in real data.
      if (p.NBANDS[k] < 6) {
        expect(Math.min(...noisy.map((img) => img[k]))).toBeLessThanOrEqual(0);
        continue;
      }
      dT.push(Math.abs(Math.log10(p.TC[k]) - big.logTc[k]));
      emRatio += p.EM[k] / big.em[k];
      chi2 += p.CHI2[k];
      n++;
    }
    expect(n).toBeGreaterThan(1000);
    expect(median(dT)).toBeLessThan(0.03);
    expect(Math.abs(emRatio / n - 1)).toBeLessThan(0.1);
    expect(Math.abs(chi2 / n - 1)).toBeLessThan(0.15);
  });
});

describe('bad pixels (SCIENCE.md 1.6 item 7)', () => {
  const at = (x: number, y: number): number => y * SIZE + x;
  const defects = {
    missing171: at(30, 30),
    zero94: at(31, 30),
    negative335: at(32, 31),
    saturated193: at(20, 40),
    maskSaturated211: at(21, 40),
    allZero: at(40, 20),
    inconsistent94: at(12, 33),
  };
  const counts = clean.map((c) => c.slice());
  const b = (band: number): number => BANDS.indexOf(band);
  counts[b(171)][defects.missing171] = NaN;
  counts[b(94)][defects.zero94] = 0;
  counts[b(335)][defects.negative335] = -3;
  counts[b(193)][defects.saturated193] = 2 * SATURATION;
  for (const c of counts) c[defects.allZero] = 0;
  // 30 times the 94 Å counts: six valid bands that no Gaussian DEM explains.
  counts[b(94)][defects.inconsistent94] *= 30;
  const images = channelImages(sun, counts);
  const mask = new Uint8Array(SIZE * SIZE);
  mask[defects.maskSaturated211] = 1;
  images[b(211)].saturated = mask;
  const out = makeDemProduct(images, OPTIONS);
  const p = planesOf(out);

  it('counts the valid bands, leaves the fit planes NaN there, and throws nothing', () => {
    const expected: Record<string, number> = { missing171: 5, zero94: 5, negative335: 5, saturated193: 5, maskSaturated211: 5, allZero: 0 };
    for (const [name, k] of Object.entries(defects)) {
      if (name === 'inconsistent94') continue;
      expect(p.NBANDS[k], name).toBe(expected[name]);
      for (const plane of ['TC', 'EM', 'WIDTH', 'CHI2']) expect(p[plane][k], `${name} ${plane}`).toBeNaN();
    }
    expect(p.NBANDS[defects.inconsistent94]).toBe(6);
    expect(p.CHI2[defects.inconsistent94]).toBeGreaterThan(4);
  });

  it('never touches the neighbours: every other pixel is bit-identical to the clean map', () => {
    const bad = new Set<number>(Object.values(defects));
    for (const plane of ['TC', 'EM', 'WIDTH', 'CHI2', 'NBANDS']) {
      let differ = 0;
      for (let k = 0; k < SIZE * SIZE; k++) if (!bad.has(k) && !Object.is(p[plane][k], cleanPlanes[plane][k])) differ++;
      expect(differ, plane).toBe(0);
    }
  });

  it('counts the flagged on-disk pixels in valid_fraction and the bad fit in chi2_gt4_fraction', () => {
    let diskPixels = 0, flaggedOnDisk = 0;
    for (let k = 0; k < SIZE * SIZE; k++) {
      if (!onDisk(sun, k)) continue;
      diskPixels++;
      if (Object.entries(defects).some(([name, d]) => d === k && name !== 'inconsistent94')) flaggedOnDisk++;
    }
    expect(flaggedOnDisk).toBe(6);
    const s = out.record.summary as Record<string, number>;
    expect(s.valid_fraction).toBe((diskPixels - flaggedOnDisk) / diskPixels);
    expect(s.chi2_gt4_fraction).toBe(1 / (diskPixels - flaggedOnDisk));
  });

  it('draws the flagged pixels white and the chi2 > 4 pixel in grey in the Tc and EM quicklooks', () => {
    for (const kind of ['png:tc', 'png:em', 'png']) {
      const png = decode(out.files.find((f) => f.kind === kind)!.bytes);
      const text = png.text as Record<string, string>;
      expect(text['Quality rules']).toMatch(/chi2 > 4: grey scale; fewer than 6 valid bands: white/);
      const [mx, my, mw, mh] = text['Map box'].split(',').map(Number);
      expect([mw, mh]).toEqual([SIZE, SIZE]);
      // FITS row 0 is drawn at the bottom of the map box.
      const index = (k: number): number => png.data[(my + mh - 1 - Math.floor(k / SIZE)) * png.width + mx + (k % SIZE)];
      expect(index(defects.allZero)).toBe(1); // palette entry 1 = white
      expect(index(defects.missing171)).toBe(1);
      const grey = index(defects.inconsistent94);
      expect(grey).toBeGreaterThanOrEqual(3); // grey levels follow NaN, white, black
      expect(grey).toBeLessThan(3 + 48);
      const rgb = png.palette![grey];
      expect(rgb[0]).toBe(rgb[1]);
      expect(rgb[1]).toBe(rgb[2]);
    }
  });
});

describe('the FITS file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dem-product-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Binned by 2, so that the WCS adjustment is exercised.
  const binned = makeDemProduct(channelImages(sun, clean), { ...OPTIONS, bin: 2 });
  const path = join(dir, binned.files[0].name);
  writeFileSync(path, binned.files[0].bytes);
  const ours = fitsImages(binned);

  it('has one image HDU per quantity with the EXTNAMEs and units of definitions/dem.ts', () => {
    expect(ours.map((im) => im.extname)).toEqual(['TC', 'EM', 'WIDTH', 'CHI2', 'NBANDS']);
    expect(ours.map((im) => im.header.string('BUNIT') ?? null)).toEqual(['K', 'cm-5', 'dex', null, null]);
    for (const im of ours) expect([im.width, im.height]).toEqual([SIZE / 2, SIZE / 2]);
    expect(ours[4].bitpix).toBe(8);
    expect(ours[0].header.string('DATE-OBS')).toBe('2024-05-10T12:00:03.500');
    expect(ours[0].header.string('CTYPE1')).toBe('HPLN-TAN');
  });

  it('passes fitsverify -q with 0 errors and 0 warnings', () => {
    const report = fitsverifyReport(path);
    // -q prints "verification OK" only with 0 errors and 0 warnings ("FAILED ..., n warnings" otherwise).
    expect(report).toMatch(/verification OK/);
  });

  it('reads back in astropy with identical values, and its WCS puts binned pixels where the input pixels were', () => {
    const script = String.raw`
${PY_DIGEST}
import warnings
from astropy.io import fits
from astropy.wcs import WCS
import numpy as np
out = {'hdus': [], 'warnings': []}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    with fits.open(ARGS['path'], checksum=True) as f:
        for h in f[1:]:
            out['hdus'].append({'name': h.name, 'digest': digest(h.data.astype('f8')), 'dtype': str(h.data.dtype), 'bunit': h.header.get('BUNIT')})
        w = WCS(f['TC'].header)
        # The input 193 A header, as astropy would read it from the AIA file.
        hin = fits.Header()
        for k, v in ARGS['input'].items():
            hin[k] = v
        win = WCS(hin, naxis=2)
        # Binned pixel (i, j) covers input pixels 2i..2i+1, 2j..2j+1: its centre is their mean.
        pts = np.array(ARGS['pixels'], dtype=float)
        a = w.pixel_to_world_values(pts[:, 0], pts[:, 1])
        b = win.pixel_to_world_values(2 * pts[:, 0] + 0.5, 2 * pts[:, 1] + 0.5)
        out['dlon'] = float(np.max(np.abs(a[0] - b[0])) * 3600)
        out['dlat'] = float(np.max(np.abs(a[1] - b[1])) * 3600)
    out['warnings'] = [str(c.message) for c in caught]
print(json.dumps(out))
`;
    const input = Object.fromEntries(Object.entries(headerValues(sun, 193)).filter(([k]) => /^(CTYPE|CUNIT|CRPIX|CRVAL|CDELT|CROTA)/.test(k)));
    const r = runPython<{ hdus: { name: string; digest: string; dtype: string; bunit: string | null }[]; dlon: number; dlat: number; warnings: string[] }>(script, {
      path,
      input,
      pixels: [[0, 0], [31, 31], [10.5, 20.25], [16, 5]],
    });
    expect(r.warnings).toEqual([]);
    expect(r.hdus.map((h) => h.name)).toEqual(['TC', 'EM', 'WIDTH', 'CHI2', 'NBANDS']);
    for (const [i, h] of r.hdus.entries()) expect(h.digest, h.name).toBe(float64Digest(ours[i].data));
    expect(r.hdus.map((h) => h.dtype)).toEqual(['float32', 'float32', 'float32', 'float32', 'uint8']);
    expect(r.dlon).toBeLessThan(1e-6);
    expect(r.dlat).toBeLessThan(1e-6);
  });
});

describe('worker threads (SCIENCE.md 1.6 item 6)', () => {
  it('give planes bit-identical to the calling thread', async () => {
    const noisy = syntheticSunCounts(fine, sun, 7);
    const here = planesOf(makeDemProduct(channelImages(sun, noisy), OPTIONS));
    const there = planesOf(await makeDemProductParallel(channelImages(sun, noisy), { ...OPTIONS, workers: 2 }));
    for (const plane of ['TC', 'EM', 'WIDTH', 'CHI2', 'NBANDS']) expect(float64Digest(there[plane]), plane).toBe(float64Digest(here[plane]));
  }, 60_000);
});

describe('input errors', () => {
  const good = (): DemChannelImage[] => channelImages(sun, clean);
  const fails = (images: DemChannelImage[], pattern: RegExp, options: object = OPTIONS): void => {
    let error: unknown;
    try {
      makeDemProduct(images, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DemError);
    expect((error as Error).message).toMatch(pattern);
  };

  it('names a missing channel', () => {
    fails(good().filter((im) => im.header.number('WAVELNTH') !== 94), /missing channel\(s\) 94 Å/);
  });

  it('rejects a wavelength that is not a DEM channel, and a channel given twice', () => {
    const images = good();
    images[5] = { ...images[5], header: header(headerValues(sun, 335, { WAVELNTH: 304 })) };
    fails(images, /WAVELNTH 304 is not one of the DEM channels 94, 131, 171, 193, 211, 335/);
    const twice = good();
    twice[0] = { ...twice[1] };
    fails(twice, /two images for 131 Å/);
  });

  it('rejects data whose size differs from the header dimensions', () => {
    const images = good();
    images[2] = { ...images[2], data: images[2].data.subarray(1) };
    fails(images, /171 Å: 4095 values for 64 x 64/);
    const mask = good();
    mask[3] = { ...mask[3], saturated: new Uint8Array(10) };
    fails(mask, /193 Å: saturation mask size differs/);
  });

  it('rejects missing EXPTIME or time, and channels too far apart in time', () => {
    const images = good();
    images[1] = { ...images[1], header: header(headerValues(sun, 131, { EXPTIME: 0 })) };
    fails(images, /131 Å: EXPTIME missing or not positive/);
    const late = good();
    late[4] = { ...late[4], header: header(headerValues(sun, 211, { T_OBS: '2024-05-10T12:05:00.00Z' })) };
    fails(late, /span 299\.5 s .* more than 60 s/);
  });

  it('rejects bad options', () => {
    fails(good(), /the data type is unknown/, { saturationDn: SATURATION });
    fails(good(), /aia.lev1_nrt2 is nrt data, but dataType 'sci'/, { ...OPTIONS, series: 'aia.lev1_nrt2', dataType: 'sci' });
    fails(good(), /bin 3 does not divide 64 x 64/, { ...OPTIONS, bin: 3 });
    fails(good(), /degradation factor of 171 Å must be in \(0, 1\]/, { ...OPTIONS, degradation: { 171: 1.5 } });
    fails(good(), /degradation given for 304 Å/, { ...OPTIONS, degradation: { 304: 0.5 } });
  });
});
