/**
 * Synoptic map engine throughput, side by side with astropy's `reproject_interp` in the same run:
 *
 * 1. Reprojection of one 4096 × 4096 AIA-like image (1 AU, CDELT 0.6″) onto the JSOC-style
 *    3600 × 1440 sine-latitude Carrington grid, μ ≥ 0.2, far side empty: ours (`projectImage`,
 *    bilinear) vs `reproject.reproject_interp` (bilinear, SunPy frames, Debian /usr/bin/python3)
 *    on the same FITS image and output header, with the same μ cut applied in numpy.
 *    Also the agreement of the two maps.
 * 2. A nowcast update after one new image: N cached projections (one image per 6 h over 18 days)
 *    plus one new 4096² image → merged map, on the default 1920 × 960 grid and on 3600 × 1440;
 *    the engine alone (projection + merge) and the whole product (+ FITS, PNG, indices, lowres).
 *
 * Run: node --import tsx bench/synoptic/index.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFits, type FitsCard } from '../../products/src/fits/index.ts';
import { observerCarrington, sunFromEarth } from '../../products/src/geometry/ephemeris.ts';
import { CarringtonGrid } from '../../products/src/geometry/grids.ts';
import { SolarImageWcs, solarImageFitsCards, type SolarImageWcsFields } from '../../products/src/geometry/wcs.ts';
import { ImageFrame } from '../../products/src/synoptic/image-frame.ts';
import { makeSynopticProduct, ProjectionCache, projectImage, projectInputs, mergeProjections, resolveWeighting } from '../../products/src/synoptic/index.ts';
import type { SynopticImageInput } from '../../products/src/synoptic/inputs.ts';
import { medianMs } from '../common/timing.ts';

/** Image side; SYNOPTIC_BENCH_SIZE=1024 gives a quick smoke run (pixel scale grows to keep the disk). */
const SIZE = Number(process.env.SYNOPTIC_BENCH_SIZE ?? 4096);
const T_REF = Date.parse('2024-05-10T12:00:00Z');
const HOUR = 3_600_000;
const MU_MIN = 0.2;

const median = (fn: () => unknown, runs: number, warm = 1): number => medianMs(fn, runs, warm);

/** AIA-like geometry at a time: Earth observer from the IAU/SunPy ephemeris (so SunPy agrees on CRLN). */
function fieldsAt(tMs: number): SolarImageWcsFields {
  const s = sunFromEarth(tMs);
  const c = observerCarrington(tMs, { hglnDeg: 0, hgltDeg: s.b0Deg, distanceM: s.dsunM });
  return {
    crpix1: (SIZE + 1) / 2 + 1.7,
    crpix2: (SIZE + 1) / 2 - 2.3,
    cdelt1: (0.6 * 4096) / SIZE,
    cdelt2: (0.6 * 4096) / SIZE,
    crval1: 0,
    crval2: 0,
    crota2: 0.02,
    dsunM: s.dsunM,
    rsunRefM: 696e6,
    crlnObsDeg: c.crlnDeg,
    crltObsDeg: c.crltDeg,
    hglnObsDeg: 0,
    timeMs: tMs,
    width: SIZE,
    height: SIZE,
  };
}

function headerOf(fields: SolarImageWcsFields): Record<string, string | number> {
  const h: Record<string, string | number> = { NAXIS1: SIZE, NAXIS2: SIZE, WAVELNTH: 171, EXPTIME: 2, QUALITY: 0 };
  for (const c of solarImageFitsCards(fields)) h[c.key] = c.value;
  return h;
}

const view = (h: Record<string, string | number>) => ({
  number: (k: string) => (typeof h[k] === 'number' ? (h[k] as number) : undefined),
  string: (k: string) => (typeof h[k] === 'string' ? (h[k] as string) : undefined),
});

/** A smooth corona-like pattern with bright blobs, 2 s exposure DN; off disk 0. */
function syntheticImage(wcs: SolarImageWcs): Float32Array {
  const n = SIZE * SIZE;
  const lon = new Float32Array(n);
  const lat = new Float32Array(n);
  wcs.pixelsToCarringtonInto(SIZE, SIZE, lon, lat);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const l = lon[i];
    const b = lat[i];
    data[i] = l === l ? 400 + 300 * Math.cos(b) ** 2 * (1 + Math.sin(3 * l) * Math.cos(2 * b)) : 0;
  }
  return data;
}

const PY = String.raw`
import json, sys, time, warnings
import numpy as np
from astropy.io import fits
import sunpy.coordinates  # registers the solar WCS frames
from reproject import reproject_interp
from astropy.wcs import WCS
warnings.simplefilter('ignore')
a = json.load(sys.stdin)
with fits.open(a['input']) as hdul:
    data = hdul[0].data.astype(np.float32)
    hin = hdul[0].header
hout = fits.Header.fromstring(open(a['header']).read(), sep='\n')
shape = (hout['NAXIS2'], hout['NAXIS1'])
t0 = time.perf_counter()
out, foot = reproject_interp((data, hin), hout, shape_out=shape)
# Same visibility rule as ours: mu >= mu_min on the sphere seen from DSUN_OBS (far side empty).
w = WCS(hout)
yy, xx = np.mgrid[0:shape[0], 0:shape[1]]
lon, lat = w.pixel_to_world_values(xx, yy)
b0 = np.radians(hin['CRLT_OBS']); d = hin['DSUN_OBS'] / hin['RSUN_REF']
z = np.sin(np.radians(lat)) * np.sin(b0) + np.cos(np.radians(lat)) * np.cos(b0) * np.cos(np.radians(lon - hin['CRLN_OBS']))
mu = (z * d - 1) / np.sqrt(1 + d * d - 2 * d * z)
out[mu < a['muMin']] = np.nan
out /= hin['EXPTIME']  # ours is in DN/s
t = time.perf_counter() - t0
ours = np.fromfile(a['ours'], dtype='<f4').reshape(shape)
both = np.isfinite(out) & np.isfinite(ours)
rel = np.abs(out[both] - ours[both]) / np.abs(out[both])
print(json.dumps({'seconds': t, 'valid': int(np.isfinite(out).sum()), 'oursValid': int(np.isfinite(ours).sum()), 'both': int(both.sum()),
                  'medianRel': float(np.median(rel)), 'p99Rel': float(np.percentile(rel, 99))}))
`;

function reprojectBench(fields: SolarImageWcsFields, data: Float32Array, grid: CarringtonGrid, ours: Float32Array, msOurs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-synoptic-'));
  try {
    const input = join(dir, 'aia.fits');
    const cards: FitsCard[] = Object.entries(headerOf(fields))
      .filter(([k]) => !k.startsWith('NAXIS'))
      .map(([key, value]) => ({ key, value }));
    writeFileSync(input, writeFits([{ data, shape: [SIZE, SIZE], bitpix: -32, cards }]));
    const header = join(dir, 'grid.hdr');
    // DATE-OBS of the output = t_obs: SunPy would otherwise rotate the Carrington frame between the two times.
    const gridCards = [['NAXIS', 2], ['NAXIS1', grid.width], ['NAXIS2', grid.height], ...grid.fitsCards(fields.timeMs as number).map((c) => [c.key, c.value])];
    writeFileSync(header, gridCards.map(([k, v]) => `${String(k).padEnd(8)}= ${typeof v === 'string' ? `'${v}'` : v}`).join('\n'));
    const oursPath = join(dir, 'ours.f32');
    writeFileSync(oursPath, new Uint8Array(ours.buffer, ours.byteOffset, ours.byteLength));
    const run = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify({ input, header, ours: oursPath, muMin: MU_MIN }), encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) {
      console.log(`reproject_interp: failed (${run.status}) ${run.stderr.slice(-800)}`);
      return;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { seconds: number; valid: number; oursValid: number; both: number; medianRel: number; p99Rel: number };
    console.log(`reproject_interp + mu cut     ${(r.seconds * 1000).toFixed(0).padStart(7)} ms   (${r.valid} cells with data)`);
    console.log(`ratio reproject_interp / ours ${(r.seconds * 1000 / msOurs).toFixed(1).padStart(7)} x   (goal >= 20 x)`);
    console.log(`agreement on ${r.both} common cells (ours ${r.oursValid}): median |diff|/value ${r.medianRel.toExponential(2)}, 99th percentile ${r.p99Rel.toExponential(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function nowcastBench(data: Float32Array, grid: CarringtonGrid, label: string): void {
  const weighting = resolveWeighting('synoptic-euv');
  const count = Math.floor((weighting.maxAgeDays * 24) / 6);
  const images: SynopticImageInput[] = Array.from({ length: count }, (_, k) => {
    const h = headerOf(fieldsAt(T_REF - (k + 1) * 6 * HOUR));
    return { header: view(h), width: SIZE, height: SIZE, data, sha256: `old-${k}` };
  });
  const cache = new ProjectionCache();
  const req = { product: 'synoptic-euv' as const, channel: '171', referenceTimeMs: T_REF, mapType: 'nowcast' as const, grid, cache };
  const t0 = performance.now();
  projectInputs({ ...req, images }, grid, weighting);
  const tFill = performance.now() - t0;
  const newest: SynopticImageInput = { header: view(headerOf(fieldsAt(T_REF - 10 * 60_000))), width: SIZE, height: SIZE, data, sha256: 'new' };
  // Engine: one projection (cache miss) + merge of all.
  const t1 = performance.now();
  const { projections } = projectInputs({ ...req, images: [...images, newest] }, grid, weighting);
  const tProject = performance.now() - t1;
  const t2 = performance.now();
  mergeProjections(projections, grid, T_REF, weighting);
  const tMerge = performance.now() - t2;
  // Whole product on a warm cache (another new image so it is again one miss).
  const newer: SynopticImageInput = { ...newest, sha256: 'newer', header: view(headerOf(fieldsAt(T_REF - 5 * 60_000))) };
  const t3 = performance.now();
  const out = makeSynopticProduct({ ...req, images: [...images, newest, newer] });
  const tProduct = performance.now() - t3;
  const mb = cache.totalBytes / 1024 ** 2;
  console.log(`\nnowcast update, ${label} (${grid.width} x ${grid.height}), ${count} cached images + 1 new ${SIZE}² image (cache ${mb.toFixed(0)} MB, filled in ${(tFill / 1000).toFixed(1)} s):`);
  console.log(`  new projection + cache look-ups ${tProject.toFixed(0).padStart(6)} ms`);
  console.log(`  merge of ${projections.length} projections     ${tMerge.toFixed(0).padStart(6)} ms`);
  console.log(`  engine total                  ${(tProject + tMerge).toFixed(0).padStart(6)} ms   (goal < 2000 ms)`);
  console.log(`  whole product (+FITS, PNG, indices, lowres) ${tProduct.toFixed(0)} ms; coverage ${(out.record.summary.coverage as number).toFixed(3)}`);
  cache.clear();
}

function main(): void {
  console.log(`Synoptic engine, Node ${process.version}, one thread`);
  const fields = fieldsAt(T_REF - HOUR);
  const wcs = SolarImageWcs.fromFields(fields);
  const data = syntheticImage(wcs);
  const frame = ImageFrame.fromWcs(wcs);
  const cea = CarringtonGrid.cea(3600, 1440);
  const factor = 1 / 2;
  let ours: Float32Array = new Float32Array(0);
  const msOurs = median(() => {
    const p = projectImage({ data, width: SIZE, height: SIZE, factor }, frame, cea, MU_MIN, fields.timeMs as number);
    ours = mergeProjections([p], cea, fields.timeMs as number, resolveWeighting('synoptic-euv', { muMin: MU_MIN })).value;
  }, 5);
  const msProjectOnly = median(() => projectImage({ data, width: SIZE, height: SIZE, factor }, frame, cea, MU_MIN, fields.timeMs as number), 5);
  console.log(`\nreprojection of one ${SIZE}² image onto ${cea.width} x ${cea.height} CEA, mu >= ${MU_MIN}, far side empty:`);
  console.log(`ours: projectImage             ${msProjectOnly.toFixed(0).padStart(7)} ms   (${((cea.width * cea.height) / msProjectOnly / 1000).toFixed(1)} M grid cells/s)`);
  console.log(`ours: projectImage + to a full map ${msOurs.toFixed(0).padStart(3)} ms   (what is compared below)`);
  reprojectBench(fields, data, cea, ours, msOurs);

  nowcastBench(data, CarringtonGrid.car(), 'default CAR grid');
  nowcastBench(data, cea, 'JSOC-style CEA grid');
}

main();
