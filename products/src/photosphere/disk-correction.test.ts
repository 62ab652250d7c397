/**
 * Photospheric corrections through the synoptic pipeline (SCIENCE.md §3.5): Br from Blos, the
 * continuum limb-darkening correction and flux conservation disk → map.
 */
import { describe, expect, it } from 'vitest';
import { CarringtonGrid } from '../geometry/grids.ts';
import { ImageFrame } from '../synoptic/image-frame.ts';
import { makeSynopticProduct, type SynopticRenderer } from '../synoptic/product.ts';
import { projectImage } from '../synoptic/project.ts';
import { blob, renderDisk, type View } from '../synoptic/test-support.ts';
import { HMI_MU_MIN } from './hmi.ts';
import { jsocLimbDarkening, neckelLabsLimbDarkening } from './limb-darkening.ts';

const T = Date.parse('2024-03-01T06:00:00Z');
const HMI_VIEW: View = { tObsMs: T, crlnDeg: 150, crltDeg: -7.2, crota2: 180, size: 384, cdelt: 5.6, dsunM: 1.48e11 };
const noPng: SynopticRenderer = { quicklook: () => new Uint8Array(), thumbnail: () => new Uint8Array() };
const DEG = Math.PI / 180;

function hmiMap(channel: 'hmi.m_720s' | 'hmi.ic_720s', image: ReturnType<typeof renderDisk>, grid: CarringtonGrid, muMin?: number) {
  return makeSynopticProduct({
    product: 'synoptic-photosphere',
    channel,
    referenceTimeMs: T,
    mapType: 'archived',
    images: [image],
    grid,
    options: { renderer: noPng, muMin },
  });
}

describe('Br = Blos / μ', () => {
  const grid = CarringtonGrid.car(720, 360);
  const br = (lon: number, lat: number): number => 50 * Math.sin(lat * DEG) + 30 * Math.cos((lon - 140) * DEG) * Math.cos(lat * DEG) + 400 * blob(160, 12, 3)(lon, lat);

  it('recovers the radial truth within 1e-6 (same interpolation) for μ ≥ 0.109, NaN below', () => {
    const blos = renderDisk((lon, lat, mu) => br(lon, lat) * mu, HMI_VIEW);
    const out = hmiMap('hmi.m_720s', blos, grid);
    // The same resampler on an image of Br itself (no μ anywhere) is the truth "with the same interpolation".
    const brImage = renderDisk((lon, lat) => br(lon, lat), HMI_VIEW);
    const truth = projectImage(brImage, ImageFrame.fromWcs(brImage.wcs), grid, HMI_MU_MIN, T);
    let checked = 0;
    let worst = 0;
    let smoothWorst = 0;
    for (let r = 0; r < grid.height; r++) {
      const { start, count, offset } = truth;
      for (let j = 0; j < count[r]; j++) {
        const c = (start[r] + j) % grid.width;
        const v = out.map.value[r * grid.width + c];
        const t = truth.values[offset[r] + j];
        if (Number.isNaN(t)) {
          if (!Number.isNaN(v)) throw new Error(`cell ${c}, ${r}: value where the truth projection has none`);
          continue;
        }
        const mu = blos.wcs.carringtonToPixel(grid.lonDeg(c), grid.latDeg(r)).mu;
        if (mu < HMI_MU_MIN - 1e-6) throw new Error('cell below the cut kept');
        worst = Math.max(worst, Math.abs(v - t) / Math.max(1, Math.abs(t)));
        smoothWorst = Math.max(smoothWorst, Math.abs(v - br(grid.lonDeg(c), grid.latDeg(r))));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect(worst).toBeLessThan(1e-6);
    // And close to the analytic truth itself (interpolation error only, on a 400 G blob).
    expect(smoothWorst).toBeLessThan(20);
    // Below μ = 0.109 (r > 0.994 R): no value, no weight.
    let below = 0;
    for (let r = 0; r < grid.height; r += 2)
      for (let c = 0; c < grid.width; c += 2) {
        const mu = blos.wcs.carringtonToPixel(grid.lonDeg(c), grid.latDeg(r)).mu;
        if (mu >= HMI_MU_MIN - 1e-6) continue;
        below++;
        expect(out.map.value[r * grid.width + c]).toBeNaN();
        expect(out.map.weight[r * grid.width + c]).toBe(0);
      }
    expect(below).toBeGreaterThan(10_000);
  });

  it('keeps the total unsigned flux of a bipole: disk Σ |Blos|/μ · area = map Σ |Br| R² ΔΩ within 1 %', () => {
    const cea = CarringtonGrid.cea(1440, 576);
    const bipole = (lon: number, lat: number): number => 800 * blob(158, 18, 2.5)(lon, lat) - 800 * blob(166, 15, 2.5)(lon, lat);
    const image = renderDisk((lon, lat, mu) => bipole(lon, lat) * mu, HMI_VIEW);
    const out = hmiMap('hmi.m_720s', image, cea);
    // Disk side: a pixel of solid angle Ω at distance ρ from the observer covers ρ² Ω / μ of the sphere.
    const { wcs } = image;
    const pixelSr = (5.6 / 3600) * DEG * ((5.6 / 3600) * DEG);
    let diskMx = 0;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const blos = image.data[y * image.width + x];
        const p = wcs.pixelToHeliocentric(x, y);
        if (!p || !(blos === blos)) continue;
        const rho2 = p.x * p.x + p.y * p.y + (wcs.dsunM - p.z) ** 2;
        const mu = wcs.pixelToCarrington(x, y)!.mu;
        // TAN projection: the pixel's solid angle shrinks as cos³ of the angle from the axis.
        const cos = (wcs.dsunM - p.z) / Math.sqrt(rho2);
        diskMx += (Math.abs(blos) / mu) * ((rho2 * pixelSr * cos ** 3) / mu) * 1e4;
      }
    const mapMx = out.record.summary.unsigned_flux as number;
    expect(diskMx).toBeGreaterThan(1e21);
    expect(Math.abs(mapMx - diskMx) / diskMx).toBeLessThan(0.01);
  });
});

describe('continuum limb darkening', () => {
  const grid = CarringtonGrid.car(360, 180);
  const I0 = 52_000;

  it('an image I0 · LD_v2(μ) becomes flat at I0 (1e-6) wherever the map has data', () => {
    const out = hmiMap('hmi.ic_720s', renderDisk((_l, _b, mu) => I0 * jsocLimbDarkening(mu), HMI_VIEW), grid);
    let n = 0;
    let worst = 0;
    for (const v of out.map.value) {
      if (!(v === v)) continue;
      worst = Math.max(worst, Math.abs(v - I0) / I0);
      n++;
    }
    expect(n).toBeGreaterThan(20_000);
    expect(worst).toBeLessThan(1e-6);
    expect(out.record.summary.mean_intensity).toBeCloseTo(I0, 1);
    expect(out.record.summary.dark_fraction).toBe(0);
  });

  it('an image from the Neckel & Labs law is flat within 0.5 % for μ ≥ 0.2', () => {
    const out = hmiMap('hmi.ic_720s', renderDisk((_l, _b, mu) => I0 * neckelLabsLimbDarkening(mu), HMI_VIEW), grid, 0.2);
    let n = 0;
    let worst = 0;
    for (const v of out.map.value) {
      if (!(v === v)) continue;
      worst = Math.max(worst, Math.abs(v - I0) / I0);
      n++;
    }
    expect(n).toBeGreaterThan(15_000);
    expect(worst).toBeLessThan(0.005);
  });
});
