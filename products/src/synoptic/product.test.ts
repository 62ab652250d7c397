/**
 * The synoptic product end to end: record and file names as the definitions expect, summary
 * indices against synthetic truths, the 360 × 180 HAPI array layout, the FITS file checked by
 * astropy (Debian /usr/bin/python3) and fitsverify, the PNG, map types, input checks and the
 * projection cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synopticEuv } from '../definitions/synoptic-euv.ts';
import { synopticPhotosphere } from '../definitions/synoptic-photosphere.ts';
import type { ProductRecordInput } from '../definitions/types.ts';
import { readFits } from '../fits/index.ts';
import { fitsverifyReport } from '../fits/test-helpers.ts';
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { CarringtonGrid } from '../geometry/grids.ts';
import { runPython } from '../geometry/test-support.ts';
import { ProjectionCache } from './cache.ts';
import { AIA_REFERENCE_PIXEL_AREA_M2, lowResolutionMap, MAP_RSUN_M } from './indices.ts';
import { decideMapType } from './map-type.ts';
import type { SynopticMap } from './merge.ts';
import { SynopticInputError } from './options.ts';
import { makeSynopticProduct, SYNOPTIC_PIPELINE_VERSION } from './product.ts';
import { DAY_MS, renderDisk, type View } from './test-support.ts';

const T_REF = Date.parse('2024-05-10T12:00:00Z');
const HOUR = 3_600_000;
const earth = sunFromEarth(T_REF);
const AIA = { WAVELNTH: 171, EXPTIME: 2, QUALITY: 0x40000000 };

/** Views of an Earth-like observer at t_ref − k·6 h (CRLN_OBS from the ephemeris). */
function earthView(hoursBefore: number, size = 192): View {
  const t = T_REF - hoursBefore * HOUR;
  const s = sunFromEarth(t);
  return { tObsMs: t, crlnDeg: s.l0Deg, crltDeg: s.b0Deg, dsunM: s.dsunM, size, cdelt: 11.2, crota2: 0 };
}

describe('EUV product from a uniform Sun', () => {
  const grid = CarringtonGrid.car(360, 180);
  // 2 s exposures of a uniform 200 DN pixel⁻¹ Sun: 100 DN/s, over 5 days of images every 6 h.
  const images = Array.from({ length: 20 }, (_, k) => renderDisk(() => 200, earthView(6 * k), AIA));
  const out = makeSynopticProduct({ product: 'synoptic-euv', channel: '171', referenceTimeMs: T_REF, mapType: 'nowcast', dataType: 'nrt', images, grid });

  it('fills the record as the definition expects', () => {
    const { record } = out;
    expect(record).toMatchObject({ product: 'synoptic-euv', parameter: '171', timeMs: T_REF, mapType: 'nowcast', version: 1, pipelineVersion: SYNOPTIC_PIPELINE_VERSION });
    const indices = synopticEuv.hapiDatasets({ harps: [] }).find((d) => d.id === 'euv171_indices')!;
    expect(Object.keys(record.summary).sort()).toEqual(indices.parameters.slice(1).map((p) => p.name).sort());
    expect(out.files.map((f) => [f.kind, f.name])).toEqual([
      ['fits', 'synoptic_aia_171_2024-05-10T12_00_nowcast_v1.fits'],
      ['png', 'synoptic_aia_171_2024-05-10T12_00_nowcast_v1.png'],
      ['thumbnail', 'synoptic_aia_171_2024-05-10T12_00_nowcast_v1_thumb.png'],
    ]);
    expect(out.used).toHaveLength(20);
    expect(out.skipped).toEqual([]);
  });

  it('is 100 DN/s everywhere it has data; the indices match the covered area', () => {
    const values = out.map.value.filter((v) => v === v);
    expect(Math.min(...values)).toBeCloseTo(100, 9);
    expect(Math.max(...values)).toBeCloseTo(100, 9);
    const s = out.record.summary as Record<string, number>;
    // 5 days of images cover the Earth-facing hemisphere and 5 × 13.2° more: coverage ≈ (180 + 2·78 + 66 − 2·... )/360.
    expect(s.coverage).toBeGreaterThan(0.5);
    expect(s.coverage).toBeLessThan(0.75);
    const k = MAP_RSUN_M ** 2 / AIA_REFERENCE_PIXEL_AREA_M2;
    expect(s.total_radiance).toBeCloseTo(100 * 4 * Math.PI * s.coverage * k, -Math.log10(100 * k) + 3);
    // The Earth-facing hemisphere is covered except beyond μ = 0.2 on the side of older images.
    expect(s.disk_radiance / (100 * 2 * Math.PI * k)).toBeGreaterThan(0.85);
    expect(s.disk_radiance + s.total_radiance * s.farside_fraction).toBeCloseTo(s.total_radiance, 3);
    expect(s.mean_data_age).toBeGreaterThan(0);
    expect(s.mean_data_age).toBeLessThan(5 * 24);
  });

  it('gives HAPI the 360 × 180 map, longitude-major, latitude fastest', () => {
    const lowres = out.arrays!.lowres;
    expect(lowres).toHaveLength(360 * 180);
    const record: ProductRecordInput = { ...out.record, files: [], inputs: [], productionTimeMs: T_REF };
    const rows = synopticEuv.hapiRecords(record, { fileUrl: (p) => p, arrays: out.arrays });
    expect(rows.find((r) => r.dataset === 'euv171_lowres')!.record.values[1]).toBe(lowres);
    // Bin of the sub-Earth point has data, the anti-Earth point none.
    const bin = (lon: number, lat: number) => lowres[Math.floor(((lon % 360) + 360) % 360) * 180 + Math.floor(lat + 90)];
    expect(bin(earth.l0Deg, 0)).toBeCloseTo(100, 9);
    expect(bin(earth.l0Deg + 180, 0)).toBeNaN();
  });

  it('renders a PNG quicklook with colour bar and a thumbnail', () => {
    const png = decode(out.files[1].bytes);
    expect(png.width).toBeGreaterThanOrEqual(360);
    expect(png.height).toBeGreaterThan(180 + 20); // title and colour bar around the map
    const thumb = decode(out.files[2].bytes);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(160);
  });
});

describe('low-resolution layout', () => {
  it('bin (i, j) averages the cells of longitude [i, i+1)° and latitude [−90 + j, −89 + j)°', () => {
    const grid = CarringtonGrid.car(720, 360);
    const value = new Float32Array(720 * 360);
    for (let r = 0; r < 360; r++) for (let c = 0; c < 720; c++) value[r * 720 + c] = grid.lonDeg(c) + 1000 * Math.round(grid.latDeg(r) - 0.5);
    const map: SynopticMap = { width: 720, height: 360, value, weight: new Float32Array(value.length).fill(1), dataAgeHours: new Float32Array(value.length) };
    const low = lowResolutionMap(map, grid);
    for (const [i, j] of [[0, 0], [17, 100], [359, 179], [200, 90]]) expect(low[i * 180 + j]).toBeCloseTo(i + 0.5 + 1000 * (j - 90), 3);
  });
});

describe('photosphere product', () => {
  it('summary: unsigned flux, polar fields and coverage of a known Br', () => {
    const grid = CarringtonGrid.cea(360, 144);
    // Br = 5 G everywhere: the visible polar caps read 5 G, the flux is 5 G × covered area.
    const view: View = { tObsMs: T_REF, crlnDeg: 10, crltDeg: 7, size: 256, cdelt: 8.4, crota2: 180 };
    const out = makeSynopticProduct({
      product: 'synoptic-photosphere',
      channel: 'hmi.m_720s',
      referenceTimeMs: T_REF,
      mapType: 'archived',
      dataType: 'sci',
      images: [renderDisk((_l, _b, mu) => 5 * mu, view, { QUALITY: 0 })],
      grid,
    });
    const s = out.record.summary as Record<string, number | null>;
    const indices = synopticPhotosphere.hapiDatasets({ harps: [] }).find((d) => d.id === 'photo_br_indices')!;
    expect(Object.keys(s).sort()).toEqual(indices.parameters.slice(1).map((p) => p.name).sort());
    expect(s.polar_field_north).toBeCloseTo(5, 5); // B0 = +7°: the north pole is seen
    expect(s.polar_field_south).toBeCloseTo(5, 5); // 60-76° S is still in view (μ ≥ 0.109)
    expect(s.unsigned_flux).toBeCloseTo(5 * (s.coverage as number) * 4 * Math.PI * (MAP_RSUN_M * 100) ** 2, -20);
    expect(out.files[0].name).toBe('synoptic_hmi_br_2024-05-10T12_00_archived_v1.fits');
  });
});

describe('map type', () => {
  const now = T_REF;
  it('forecast ahead of now, archived from definitive input, nowcast within the cadence, temporary before', () => {
    expect(decideMapType({ referenceTimeMs: now + 6 * HOUR, nowMs: now, definitive: false })).toBe('forecast');
    expect(decideMapType({ referenceTimeMs: now + 6 * HOUR, nowMs: now, definitive: true })).toBe('forecast');
    expect(decideMapType({ referenceTimeMs: now, nowMs: now + 20 * 60_000, definitive: false })).toBe('nowcast');
    expect(decideMapType({ referenceTimeMs: now + 5 * 60_000, nowMs: now, definitive: false })).toBe('nowcast');
    expect(decideMapType({ referenceTimeMs: now - 3 * DAY_MS, nowMs: now, definitive: false })).toBe('temporary');
    expect(decideMapType({ referenceTimeMs: now - 30 * DAY_MS, nowMs: now, definitive: true })).toBe('archived');
  });

  it('is decided by the product when not given, and checked against the input data type', () => {
    const images = [renderDisk(() => 10, earthView(0, 96), AIA)];
    const base = { product: 'synoptic-euv' as const, channel: '171', referenceTimeMs: T_REF, images, grid: CarringtonGrid.car(90, 45) };
    expect(makeSynopticProduct({ ...base, nowMs: T_REF + HOUR, dataType: 'nrt' }).record.mapType).toBe('nowcast');
    expect(makeSynopticProduct({ ...base, nowMs: T_REF + 10 * DAY_MS, dataType: 'sci' }).record.mapType).toBe('archived');
    expect(() => makeSynopticProduct({ ...base, mapType: 'archived', dataType: 'nrt' })).toThrow(SynopticInputError);
    expect(() => makeSynopticProduct(base)).toThrow(/mapType/);
  });
});

describe('inputs', () => {
  const grid = CarringtonGrid.car(90, 45);
  const base = { product: 'synoptic-euv' as const, channel: '171', referenceTimeMs: T_REF, mapType: 'nowcast' as const, grid };
  it('leaves out bad images with a reason and refuses a map without any usable image', () => {
    const good = renderDisk(() => 10, earthView(0, 96), AIA);
    const bad = [
      renderDisk(() => 10, earthView(6, 96), { ...AIA, QUALITY: 0x100 }),
      renderDisk(() => 10, earthView(12, 96), { WAVELNTH: 193, EXPTIME: 2 }),
      renderDisk(() => 10, earthView(18, 96), { WAVELNTH: 171 }),
      renderDisk(() => 10, earthView(24 * 30, 96), AIA),
    ];
    const out = makeSynopticProduct({ ...base, images: [good, ...bad] });
    expect(out.used).toHaveLength(1);
    expect(out.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/QUALITY/),
      expect.stringMatching(/WAVELNTH 193/),
      expect.stringMatching(/EXPTIME/),
      expect.stringMatching(/maxAgeDays/),
    ]);
    expect(() => makeSynopticProduct({ ...base, images: bad })).toThrow(/no usable image/);
    expect(() => makeSynopticProduct({ ...base, channel: '555', images: [good] })).toThrow(/unknown channel/);
    expect(() => makeSynopticProduct({ ...base, images: [good], options: { tauDays: -1 } })).toThrow(/tauDays/);
    expect(() => makeSynopticProduct({ ...base, images: [good], options: { rotationModel: 'solid' as never } })).toThrow(/rotationModel/);
  });

  it('divides by EXPTIME and the degradation factor', () => {
    const img = { ...renderDisk(() => 10, earthView(0, 96), AIA), degradation: 0.5 };
    const v = makeSynopticProduct({ ...base, images: [img] }).map.value.find((x) => x === x);
    expect(v).toBeCloseTo(10, 9); // 10 DN / 2 s / 0.5
  });
});

describe('projection cache', () => {
  it('a nowcast update after one new image projects only that image, and equals a rebuild', () => {
    const grid = CarringtonGrid.car(360, 180);
    const truth = (lon: number, lat: number) => 100 + 50 * Math.cos(lat * (Math.PI / 180)) * Math.sin(lon * (Math.PI / 180));
    const images = Array.from({ length: 8 }, (_, k) => ({ ...renderDisk(truth, earthView(6 * (k + 1)), AIA), sha256: `sha-${k}` }));
    const cache = new ProjectionCache();
    const req = { product: 'synoptic-euv' as const, channel: '171', referenceTimeMs: T_REF, mapType: 'nowcast' as const, grid, cache };
    makeSynopticProduct({ ...req, images });
    expect([cache.misses, cache.hits, cache.size]).toEqual([8, 0, 8]);
    const newest = { ...renderDisk(truth, earthView(0), AIA), sha256: 'sha-new' };
    const update = makeSynopticProduct({ ...req, images: [...images, newest] });
    expect([cache.misses, cache.hits]).toEqual([9, 8]);
    expect(update.used.filter((u) => !u.cached).map((u) => u.sha256)).toEqual(['sha-new']);
    const rebuild = makeSynopticProduct({ ...req, cache: undefined, images: [...images, newest] });
    expect(update.map.value).toEqual(rebuild.map.value);
    expect(update.map.weight).toEqual(rebuild.map.weight);
    // A different grid or μ cut is a different projection.
    makeSynopticProduct({ ...req, images: [newest], options: { muMin: 0.3 } });
    expect(cache.misses).toBe(10);
    // Eviction keeps the budget.
    const small = new ProjectionCache(1);
    makeSynopticProduct({ ...req, cache: small, images });
    expect(small.size).toBe(0);
  });
});

describe('product FITS', () => {
  let dir: string;
  const files: Record<string, string> = {};
  const grids = { car: CarringtonGrid.car(360, 180), cea: CarringtonGrid.cea(360, 144) };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'synoptic-'));
    for (const [name, grid] of Object.entries(grids)) {
      const out = makeSynopticProduct({
        product: 'synoptic-euv',
        channel: '193',
        referenceTimeMs: T_REF,
        mapType: 'forecast',
        images: [renderDisk(() => 50, earthView(3, 128), { ...AIA, WAVELNTH: 193 })],
        grid,
      });
      files[name] = join(dir, `${name}.fits`);
      writeFileSync(files[name], out.files[0].bytes);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the main plane first, then WEIGHT and DATA_AGE, read back by our reader', async () => {
    const { readFileSync } = await import('node:fs');
    const f = readFits(readFileSync(files.car));
    expect(f.hdus.map((h) => h.header.string('EXTNAME'))).toEqual(['RADIANCE', 'WEIGHT', 'DATA_AGE']);
    expect(f.hdus[0].header.string('MAPTYPE')).toBe('forecast');
    expect(f.hdus[0].header.string('CTYPE1')).toBe('CRLN-CAR');
  });

  it('passes fitsverify -q with 0 errors and 0 warnings', () => {
    for (const path of Object.values(files)) {
      expect(fitsverifyReport(path)).toMatch(/verification OK/);
    }
  });

  it('gives astropy WCS (every HDU, CAR and CEA) and SunPy the Carrington longitude and latitude of chosen pixels within 1e-6°', () => {
    const pixels = [[0, 0], [359, 0], [180, 90], [17.25, 33.5], [300, 143], [359, 179]];
    const script = String.raw`
import json, sys, warnings
from astropy.io import fits
from astropy.wcs import WCS
args = json.load(sys.stdin)
out = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    for name, path in args['files'].items():
        with fits.open(path) as hdul:
            res = []
            for hdu in hdul:
                w = WCS(hdu.header)
                pix = [p for p in args['pixels'] if p[1] < hdu.header['NAXIS2']]
                lon, lat = w.pixel_to_world_values([p[0] for p in pix], [p[1] for p in pix])
                res.append([[float(a), float(b)] for a, b in zip(lon, lat)])
            out[name] = res
    # SunPy (what JHelioviewer-style clients do): the main plane as a Carrington map.
    import sunpy.map, astropy.units as u
    m = sunpy.map.Map(args['files']['car'])[0]
    pix = args['pixels']
    c = m.pixel_to_world([p[0] for p in pix] * u.pix, [p[1] for p in pix] * u.pix)
    sunpy_out = {'frame': m.coordinate_frame.name, 'lonlat': [[float(a), float(b)] for a, b in zip(c.lon.deg, c.lat.deg)], 'date': m.date.isot}
print(json.dumps({'out': out, 'sunpy': sunpy_out, 'warnings': [str(c.message) for c in caught]}))
`;
    const { result } = runPython<{ out: Record<string, number[][][]>; sunpy: { frame: string; lonlat: number[][]; date: string }; warnings: string[] }>(script, { files, pixels });
    expect(result.warnings).toEqual([]);
    expect(result.sunpy.frame).toBe('heliographic_carrington');
    expect(result.sunpy.date).toBe('2024-05-10T12:00:00.000');
    result.sunpy.lonlat.forEach(([lon, lat], k) => {
      expect(Math.abs((((lon - grids.car.lonDeg(pixels[k][0])) % 360) + 540) % 360 - 180)).toBeLessThan(1e-6);
      expect(Math.abs(lat - grids.car.latDeg(pixels[k][1]))).toBeLessThan(1e-6);
    });
    for (const [name, grid] of Object.entries(grids)) {
      const hdus = result.out[name];
      expect(hdus).toHaveLength(3);
      for (const world of hdus) {
        const pix = pixels.filter((p) => p[1] < grid.height);
        world.forEach(([lon, lat], k) => {
          const [x, y] = pix[k];
          expect(Math.abs(((lon - grid.lonDeg(x)) % 360 + 540) % 360 - 180)).toBeLessThan(1e-6);
          expect(Math.abs(lat - grid.latDeg(y))).toBeLessThan(1e-6);
        });
      }
    }
  });
});
