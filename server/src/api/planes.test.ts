import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LruCache } from './lru.ts';
import { acceptsGzip } from './planes.ts';
import { createTestEnv, type TestEnv } from './test-support.ts';

const PYTHON = '/usr/bin/python3';

/**
 * Product-like FITS files written by astropy (an independent writer), and the values astropy
 * reads back at a few pixels: the reference the API must reproduce exactly.
 */
const WRITER = `
import json, sys, warnings
import numpy as np
from astropy.io import fits
warnings.simplefilter('ignore')
out_dir = sys.argv[1]
ny, nx = 30, 40
y, x = np.mgrid[0:ny, 0:nx]

tc = (1.0e6 + 1000.0 * x + y).astype('>f4')
tc[0, 0] = np.nan
em = (1.0e27 * (1 + x + 100 * y)).astype('>f8')
width = fits.ImageHDU((x + 10 * y).astype('>i2'), name='WIDTH')
width.header['BSCALE'] = 0.001
width.header['BZERO'] = 0.0
width.header['BLANK'] = -32768
width.data[5, 7] = -32768
width.header['BUNIT'] = 'dex'
dem = fits.HDUList([
    fits.PrimaryHDU(),
    fits.ImageHDU(tc, name='TC'),
    fits.ImageHDU(em, name='EM'),
    width,
    fits.ImageHDU(np.ones((ny, nx), '>f4'), name='CHI2'),
    fits.ImageHDU(np.full((ny, nx), 6, np.uint8), name='NBANDS'),
])
dem[1].header['BUNIT'] = 'K'
dem.writeto(out_dir + '/dem.fits', overwrite=True)

# A small synoptic CAR map: 36 x 18 pixels of 10 degrees.
rad = (x[:18, :36] + 100.0 * y[:18, :36]).astype('>f4')
car = fits.HDUList([fits.PrimaryHDU(), fits.ImageHDU(rad, name='RADIANCE'), fits.ImageHDU(np.ones_like(rad), name='WEIGHT')])
h = car[1].header
for k, v in dict(CTYPE1='CRLN-CAR', CTYPE2='CRLT-CAR', CUNIT1='deg', CUNIT2='deg', CRPIX1=18.5, CRPIX2=9.5, CRVAL1=180.0, CRVAL2=0.0, CDELT1=10.0, CDELT2=10.0, BUNIT='DN/s').items():
    h[k] = v
car.writeto(out_dir + '/car.fits', overwrite=True)

PIXELS = [(0, 0), (3, 2), (39, 29), (7, 5), (12, 20)]
with fits.open(out_dir + '/dem.fits') as f:
    ref = {name: {'%d,%d' % (px, py): (None if np.isnan(f[name].data[py, px]) else float(f[name].data[py, px])) for px, py in PIXELS} for name in ['TC', 'EM']}
# astropy scales int16 to float32 by default; the FITS value is BZERO + BSCALE * raw in double precision.
with fits.open(out_dir + '/dem.fits', do_not_scale_image_data=True) as f:
    h, raw = f['WIDTH'].header, f['WIDTH'].data
    ref['WIDTH'] = {'%d,%d' % (px, py): (None if raw[py, px] == h['BLANK'] else float(h['BZERO']) + float(h['BSCALE']) * float(raw[py, px])) for px, py in PIXELS}
print(json.dumps(ref))
`;

describe('acceptsGzip', () => {
  it('reads Accept-Encoding with q-values', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used values to stay within its byte bound', () => {
    const lru = new LruCache<string, Uint8Array>(10, (v) => v.byteLength);
    lru.set('a', new Uint8Array(4));
    lru.set('b', new Uint8Array(4));
    lru.get('a'); // a is now more recent than b
    lru.set('c', new Uint8Array(4));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.size).toBe(8);
    lru.set('huge', new Uint8Array(11)); // larger than the bound: not kept, evicts nothing
    expect(lru.count).toBe(2);
  });
});

describe('plane values from the record FITS file', () => {
  let env: TestEnv;
  let demId: number;
  let carId: number;
  let reference: Record<string, Record<string, number | null>>;

  beforeAll(() => {
    env = createTestEnv();
    const work = path.join(env.dir, 'written');
    fs.mkdirSync(work);
    reference = JSON.parse(execFileSync(PYTHON, ['-c', WRITER, work], { encoding: 'utf8' }));
    const register = (name: string, relative: string, r: Parameters<TestEnv['register']>[0]) => {
      const bytes = fs.readFileSync(path.join(work, name));
      const entry = env.writeFile(relative, bytes, 'application/fits');
      return env.register({ ...r, files: [entry] });
    };
    demId = register('dem.fits', 'dem/2026/11/25/DEM_aia_2026-11-25T12_00_nrt_v1.fits', { product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: Date.UTC(2026, 10, 25, 12) });
    carId = register('car.fits', 'synoptic-euv/2026/11/25/synoptic_aia_171.fits', { product: 'synoptic-euv', parameter: '171', mapType: 'nowcast', timeMs: Date.UTC(2026, 10, 25, 12) });
  });
  afterAll(() => env.close());

  const floats = async (res: Response): Promise<Float32Array> => {
    const buf = new Uint8Array(await res.arrayBuffer());
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    return Float32Array.from({ length: buf.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
  };

  it('serves a plane as little-endian float32 in FITS order, with its size, units and range', async () => {
    const res = await env.request(`/api/records/${demId}/planes/tc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-width')).toBe('40');
    expect(res.headers.get('x-height')).toBe('30');
    expect(res.headers.get('x-units')).toBe('K');
    expect(res.headers.get('x-min')).toBe(String(Math.fround(1e6 + 1)));
    expect(res.headers.get('x-max')).toBe(String(Math.fround(1e6 + 39_000 + 29)));
    expect(res.headers.get('cache-control')).toContain('immutable');
    const values = await floats(res);
    expect(values.length).toBe(40 * 30);
    expect(values[0]).toBeNaN();
    for (const [x, y] of [[3, 2], [39, 29], [12, 20]]) expect(values[y * 40 + x]).toBe(Math.fround(1e6 + 1000 * x + y));
  });

  it('converts float64 and scaled integer planes, BLANK becoming NaN', async () => {
    const em = await floats(await env.request(`/api/records/${demId}/planes/em`));
    expect(em[20 * 40 + 12]).toBe(Math.fround(1e27 * (1 + 12 + 2000)));
    const width = await floats(await env.request(`/api/records/${demId}/planes/width`));
    expect(width[5 * 40 + 7]).toBeNaN();
    expect(width[2 * 40 + 3]).toBe(Math.fround(0.001 * 23));
  });

  it('gzips when asked, with its own ETag, and answers 304 on revalidation', async () => {
    const res = await env.request(`/api/records/${demId}/planes/tc`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/-gz"$/);
    // app.request does not inflate: the body is the gzip stream itself.
    const inflated = gunzipSync(new Uint8Array(await res.arrayBuffer()));
    const plain = new Uint8Array(await (await env.request(`/api/records/${demId}/planes/tc`)).arrayBuffer());
    expect(createHash('sha256').update(inflated).digest('hex')).toBe(createHash('sha256').update(plain).digest('hex'));
    const again = await env.request(`/api/records/${demId}/planes/tc`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers HEAD without a body', async () => {
    const res = await env.request(`/api/records/${demId}/planes/chi2`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(40 * 30 * 4));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('reads exact pixel values (astropy as reference), null for NaN', async () => {
    for (const [plane, ext] of [['tc', 'TC'], ['em', 'EM'], ['width', 'WIDTH']] as const) {
      for (const [key, expected] of Object.entries(reference[ext])) {
        const [x, y] = key.split(',');
        const body = await (await env.request(`/api/records/${demId}/pixel?plane=${plane}&x=${x}&y=${y}`)).json();
        expect(body.value, `${plane} ${key}`).toBe(expected);
      }
    }
    const main = await (await env.request(`/api/records/${demId}/pixel?x=3&y=2`)).json();
    expect(main).toMatchObject({ record_id: demId, plane: 'tc', units: 'K', x: 3, y: 2, width: 40, height: 30, coordinate_system: 'pixel' });
  });

  it('gives Carrington coordinates of a CAR map pixel', async () => {
    const body = await (await env.request(`/api/records/${carId}/pixel?x=0&y=0`)).json();
    expect(body).toMatchObject({ plane: 'radiance', units: 'DN/s', value: 0, coordinate_system: 'carrington', carrington_longitude: 5, carrington_latitude: -85 });
    const weight = await (await env.request(`/api/records/${carId}/pixel?plane=weight&x=35&y=17`)).json();
    expect(weight).toMatchObject({ value: 1, carrington_longitude: 355, carrington_latitude: 85 });
  });

  it('rejects pixels off the map, unknown planes and missing x/y', async () => {
    const cases: [string, number, RegExp][] = [
      [`/api/records/${demId}/pixel?x=40&y=0`, 400, /x must be from 0 to 39 and y from 0 to 29/],
      [`/api/records/${demId}/pixel?x=0`, 400, /y is required/],
      [`/api/records/${demId}/pixel?x=-1&y=0`, 400, /invalid x/],
      [`/api/records/${demId}/pixel?plane=radiance&x=0&y=0`, 404, /its planes are tc, em, width, chi2, nbands/],
      [`/api/records/${demId}/planes/radiance`, 404, /its planes are tc, em, width, chi2, nbands/],
      [`/api/records/999999/planes/tc`, 404, /no record 999999/],
    ];
    for (const [url, status, message] of cases) {
      const res = await env.request(url);
      expect(res.status, url).toBe(status);
      expect((await res.json()).error.message, url).toMatch(message);
    }
  });

  it('reports a corrupt product file as a server fault, in JSON, without details', async () => {
    const bad = env.writeFile('dem/2026/11/25/corrupt.fits', 'SIMPLE  = T but not really FITS', 'application/fits');
    const id = env.register({ product: 'dem', parameter: 'dem', dataType: 'sci', timeMs: Date.UTC(2026, 10, 24), files: [bad] });
    const res = await env.request(`/api/records/${id}/planes/tc`);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error).toEqual({ status: 500, code: 'unreadable_product', message: expect.stringMatching(/could not be read/) });
    expect(JSON.stringify(body)).not.toMatch(/FitsError|shorter than one FITS block|\.ts/);
  });

  it('keeps decoded planes in a cache bounded in bytes', async () => {
    await env.request(`/api/records/${carId}/planes/radiance`);
    // The route's cache is internal; its effect: a second read works even after the file is gone.
    const file = env.catalogue.getRecord(carId)!.files[0];
    const abs = path.join(env.deps.config.productsDir, file.path);
    const saved = fs.readFileSync(abs);
    fs.rmSync(abs);
    try {
      expect((await env.request(`/api/records/${carId}/planes/radiance`)).status).toBe(200);
    } finally {
      fs.writeFileSync(abs, saved);
    }
  });
});
