/**
 * The currents pipeline end to end on a small synthetic patch with a known current: record, file
 * names, FITS planes read back with our reader, and the PNG quicklook of jr.
 */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { readFits } from '../fits/index.ts';
import { amperePerSquareMetrePerGaussPerPixel, sharpPixelScale } from './scale.ts';
import { makeCurrentsProduct } from './product.ts';
import { SHARP_SEGMENTS, type HeaderLike, type SegmentImage } from './segments.ts';

const [W, H] = [48, 32];
const GEOMETRY = { CDELT1: 0.03, CDELT2: 0.03, RSUN_REF: 696e6, DSUN_OBS: 147746220503.41, RSUN_OBS: 971.671936 };

function header(values: Record<string, string | number>): HeaderLike {
  return {
    get: (k) => values[k],
    number: (k) => (typeof values[k] === 'number' ? (values[k] as number) : undefined),
    string: (k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined),
  };
}

/**
 * Uniform current: Bx = -a y, By = a x (Bp = Bx, Bt = -By) gives jz = 2a G/pixel everywhere;
 * the active-region bitmap covers x, y in [8, 40) x [8, 24) (32 x 16 = 512 pixels).
 */
function syntheticSegments(a = 0.25): Record<string, SegmentImage> {
  const h = header({
    HARPNUM: 9001,
    T_REC: '2024.05.10_12:00:00_TAI',
    NOAA_AR: 13664,
    NOAA_ARS: '13664,13668',
    CTYPE1: 'CRLN-CEA',
    CTYPE2: 'CRLT-CEA',
    CUNIT1: 'degree',
    CUNIT2: 'degree',
    CRPIX1: 24.5,
    CRPIX2: 16.5,
    CRVAL1: 120,
    CRVAL2: -18,
    ...GEOMETRY,
  });
  const fill = (f: (x: number, y: number) => number) => {
    const out = new Float64Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = f(x, y);
    return out;
  };
  const planes: Record<string, Float64Array> = {
    Bp: fill((_x, y) => -a * (y - 16)),
    Bt: fill((x) => -a * (x - 24)),
    Br: fill((x) => (x < 24 ? -400 : 600)),
    Br_err: fill(() => 5),
    Bp_err: fill(() => 10),
    Bt_err: fill(() => 10),
    bitmap: fill((x, y) => (x >= 8 && x < 40 && y >= 8 && y < 24 ? 34 : 2)),
    conf_disambig: fill(() => 90),
  };
  return Object.fromEntries(SHARP_SEGMENTS.map((s) => [s, { header: h, width: W, height: H, data: planes[s] }]));
}

describe('makeCurrentsProduct', () => {
  const a = 0.25;
  const out = makeCurrentsProduct(syntheticSegments(a), { series: 'hmi.sharp_cea_720s_nrt', version: 2 });
  const { metresPerPixel: delta, cdelt1Arcsec } = sharpPixelScale({
    cdelt1Deg: 0.03,
    rsunRefM: 696e6,
    dsunObsM: GEOMETRY.DSUN_OBS,
    rsunObsArcsec: GEOMETRY.RSUN_OBS,
  });
  const jr = 2 * a * amperePerSquareMetrePerGaussPerPixel(delta);

  it('makes an nrt record keyed by HARP and time, with the keywords as summary', () => {
    expect(out.record).toMatchObject({ product: 'currents', parameter: 'jr', dataType: 'nrt', version: 2, harpnum: 9001, noaaArs: [13664, 13668] });
    expect(new Date(out.record.timeMs).toISOString()).toBe('2024-05-10T11:59:23.000Z'); // TAI - UTC = 37 s since 2017
    const s = out.record.summary as Record<string, number>;
    expect(s.CMASK).toBe(512);
    expect(s.MEANJZD / (jr * 1e3)).toBeCloseTo(1, 9);
    expect(s.MAXJZ / (jr * 1e3)).toBeCloseTo(1, 9);
    // Uniform jz = 2a G/px over 512 pixels: NETJZ = 512 · 2a · (1e-4/µ0) · Δ [A]; SAVNCPP adds the
    // two polarities' |net| (256 pixels each, same sign) with the pipeline factor Δ / cdelt1_arcsec².
    const perGaussMetre = 1e-4 / (4 * Math.PI * 1e-7);
    expect(s.NETJZ / (512 * 2 * a * perGaussMetre * delta)).toBeCloseTo(1, 9);
    expect(s.SAVNCPP / ((512 * 2 * a * perGaussMetre * delta) / cdelt1Arcsec ** 2)).toBeCloseTo(1, 9);
    expect(out.files.map((f) => [f.kind, f.name, f.mediaType])).toEqual([
      ['fits', 'currents_nrt_harp9001_2024-05-10T115923_v2.fits', 'application/fits'],
      ['png', 'currents_nrt_harp9001_2024-05-10T115923_v2.png', 'image/png'],
      ['thumbnail', 'currents_nrt_harp9001_2024-05-10T115923_v2_thumb.png', 'image/png'],
    ]);
  });

  it('writes the planes JR, JR_ERR, MASK, BR as float32 with the SHARP WCS and the keywords', () => {
    const fits = readFits(out.files[0].bytes);
    const p = fits.primaryHeader;
    expect([p.number('HARPNUM'), p.string('NOAA_ARS'), p.string('T_REC'), p.string('DATATYPE'), p.number('PRODVER')]).toEqual([
      9001,
      '13664,13668',
      '2024.05.10_12:00:00_TAI',
      'nrt',
      2,
    ]);
    expect(p.number('CMASK')).toBe(512);
    expect(p.card('MEANJZD')?.comment).toMatch(/mA\/m2/);
    expect(fits.images.map((i) => i.extname)).toEqual(['JR', 'JR_ERR', 'MASK', 'BR']);
    const [jrPlane, errPlane, maskPlane, brPlane] = fits.images;
    for (const img of fits.images) {
      expect([img.width, img.height, img.bitpix]).toEqual([W, H, -32]);
      expect([img.header.string('CTYPE1'), img.header.string('CUNIT1'), img.header.number('CRVAL2')]).toEqual(['CRLN-CEA', 'deg', -18]);
    }
    expect(jrPlane.header.string('BUNIT')).toBe('A/m2');
    for (const v of jrPlane.data) expect(v / jr).toBeCloseTo(1, 6);
    // Inside: 0.5 sqrt(4 · 10²) = 10 G/pixel.
    expect(errPlane.data[10 * W + 10] / amperePerSquareMetrePerGaussPerPixel(delta)).toBeCloseTo(10, 4);
    expect(Array.from(maskPlane.data).reduce((s, v) => s + v, 0)).toBe(512);
    expect(brPlane.data[0]).toBe(-400);
  });

  it('renders a PNG quicklook of jr with the diverging colour table and a thumbnail', () => {
    const png = decode(out.files[1].bytes);
    expect(png.text['Colour table']).toMatch(/^diverging-current/);
    expect(png.text['Display scale']).toBe('symmetric');
    expect(png.text['Display range']).toBe('-0.1 0.1');
    expect(png.text.Title).toContain('HARP 9001');
    const thumb = decode(out.files[2].bytes);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(160);
  });

  it('refuses bad options with a typed error', () => {
    const segs = syntheticSegments();
    expect(() => makeCurrentsProduct(segs, { dataType: 'sci', version: 0 })).toThrow(/version/);
    expect(() => makeCurrentsProduct(segs, { dataType: 'sci', minFieldGauss: -1 })).toThrow(/minFieldGauss/);
    expect(() => makeCurrentsProduct(segs, { series: 'aia.lev1' })).toThrow(/not a SHARP CEA series/);
    const withThreshold = makeCurrentsProduct(segs, { dataType: 'sci', minFieldGauss: 500 });
    // |B| >= 500 G only where Br = 600 G (x >= 24): 16 columns x 16 rows of the bitmap.
    expect(withThreshold.record.summary.CMASK).toBe(256);
    expect(readFits(withThreshold.files[0].bytes).primaryHeader.number('MINFIELD')).toBe(500);
  });
});
