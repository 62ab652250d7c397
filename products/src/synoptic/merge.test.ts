/**
 * Merge at the reference time (SCIENCE.md §2.4 tests 2 and 3): differential rotation brings a blob
 * seen 3 days apart to the same place; two constant images give exactly the weighted mean.
 */
import { describe, expect, it } from 'vitest';
import { carringtonDriftDegPerDay } from '../geometry/diffrot.ts';
import { CarringtonGrid } from '../geometry/grids.ts';
import { ImageFrame } from './image-frame.ts';
import { ageWeight, mergeProjections } from './merge.ts';
import { resolveWeighting, type SynopticWeighting } from './options.ts';
import { projectImage, type ProjectedImage } from './project.ts';
import { blob, centroid, DAY_MS, dLon, renderDisk, type View } from './test-support.ts';

const T0 = Date.parse('2024-05-10T00:00:00Z');

function project(image: ReturnType<typeof renderDisk>, grid: CarringtonGrid, w: SynopticWeighting): ProjectedImage {
  return projectImage(image, ImageFrame.fromWcs(image.wcs), grid, w.muMin, image.wcs.timeMs as number);
}

describe('differential rotation to t_ref', () => {
  // A blob at 30° N drifting with the Howard law (−0.502°/day relative to Carrington), seen at t0
  // and t0 + 3 d by observers whose CRLN_OBS decreases 13.2°/day as seen from the Earth.
  const lat0 = 30;
  const lon0 = 200;
  const drift = carringtonDriftDegPerDay('howard', lat0);
  const grid = CarringtonGrid.car(1440, 720);
  const tRef = T0 + 1.5 * DAY_MS;
  const images = [0, 3].map((days) => {
    const view: View = { tObsMs: T0 + days * DAY_MS, crlnDeg: 225 - 13.2 * days, crltDeg: 4, size: 384, cdelt: 5.6, crota2: days ? 180 : 0 };
    return renderDisk(blob(lon0 + drift * days, lat0, 2, 100), view);
  });

  function centroids(model: SynopticWeighting['rotationModel']): number[] {
    const w = resolveWeighting('synoptic-euv', { rotationModel: model });
    return images.map((img) => centroid(mergeProjections([project(img, grid, w)], grid, tRef, w).value, grid, lon0, lat0, 8).lon);
  }

  it('Howard: both images put the blob at the same longitude (within 0.1°), where the truth is at t_ref', () => {
    expect(drift).toBeCloseTo(-0.502, 3);
    const [a, b] = centroids('howard');
    expect(Math.abs(dLon(a, b))).toBeLessThan(0.1);
    const truth = lon0 + drift * 1.5;
    expect(Math.abs(dLon(a, truth))).toBeLessThan(0.1);
    expect(Math.abs(dLon(b, truth))).toBeLessThan(0.1);
  });

  it('rigid: the images disagree by 3 d × 0.502°/day = 1.51°', () => {
    const [a, b] = centroids('rigid');
    expect(dLon(a, b)).toBeCloseTo(1.506, 1);
    expect(Math.abs(dLon(a, b) - 3 * 0.502)).toBeLessThan(0.05);
  });
});

describe('merge weights', () => {
  const grid = CarringtonGrid.car(360, 180);
  const tRef = T0 + 2 * DAY_MS;
  const viewA: View = { tObsMs: tRef - 1 * DAY_MS, crlnDeg: 80, crltDeg: 2, size: 256 };
  const viewB: View = { tObsMs: tRef - 2.5 * DAY_MS, crlnDeg: 110, crltDeg: -3, size: 256, crota2: 180 };
  const [a, b] = [100, 300];

  it('two constant images give exactly (w_a a + w_b b)/(w_a + w_b), with the weight and data-age planes', () => {
    const w = resolveWeighting('synoptic-euv', { muPower: 0, tauDays: 1.5 });
    const pa = project(renderDisk(() => a, viewA), grid, w);
    const pb = project(renderDisk(() => b, viewB), grid, w);
    const map = mergeProjections([pa, pb], grid, tRef, w);
    const [ga, gb] = [Math.exp(-((1 / 1.5) ** 2)), Math.exp(-((2.5 / 1.5) ** 2))];
    expect(ageWeight(DAY_MS, 1.5)).toBe(ga);
    const both = (ga * a + gb * b) / (ga + gb);
    const counts = { both: 0, a: 0, b: 0 };
    for (let i = 0; i < map.value.length; i++) {
      const wt = map.weight[i];
      if (!(wt > 0)) continue;
      const v = map.value[i];
      if (Math.abs(wt - (ga + gb)) < 1e-6) {
        counts.both++;
        expect(v).toBeCloseTo(Math.fround(both), 4);
        expect(Math.abs(v - both) / both).toBeLessThan(1e-7);
        expect(map.dataAgeHours[i]).toBeCloseTo((ga * 24 + gb * 60) / (ga + gb), 4);
      } else if (Math.abs(wt - ga) < 1e-7) {
        counts.a++;
        expect(v).toBe(a);
        expect(map.dataAgeHours[i]).toBe(24);
      } else {
        expect(wt).toBeCloseTo(gb, 7);
        counts.b++;
        expect(v).toBe(b);
        expect(map.dataAgeHours[i]).toBe(60);
      }
    }
    expect(counts.both).toBeGreaterThan(5000);
    expect(counts.a).toBeGreaterThan(300);
    expect(counts.b).toBeGreaterThan(300);
  });

  it('with h(μ) = μ, each cell weighs the images by their μ there (μ from the WCS per-point API)', () => {
    const w = resolveWeighting('synoptic-euv', { muPower: 1, tauDays: 2, rotationModel: 'rigid' });
    const ia = renderDisk(() => a, viewA);
    const ib = renderDisk(() => b, viewB);
    const map = mergeProjections([project(ia, grid, w), project(ib, grid, w)], grid, tRef, w);
    const [ga, gb] = [ageWeight(DAY_MS, 2), ageWeight(2.5 * DAY_MS, 2)];
    let checked = 0;
    for (let r = 0; r < grid.height; r += 3) {
      for (let c = 0; c < grid.width; c += 2) {
        const [lon, lat] = [grid.lonDeg(c), grid.latDeg(r)];
        const ma = ia.wcs.carringtonToPixel(lon, lat).mu;
        const mb = ib.wcs.carringtonToPixel(lon, lat).mu;
        if (!(ma >= w.muMin && mb >= w.muMin)) continue;
        // Cells next to the μ cut may round either way in float32: stay clear of it.
        if (ma < w.muMin + 1e-4 || mb < w.muMin + 1e-4) continue;
        const [wa, wb] = [ga * ma, gb * mb];
        const i = r * grid.width + c;
        expect(Math.abs(map.value[i] - (wa * a + wb * b) / (wa + wb))).toBeLessThan(1e-4);
        expect(map.weight[i]).toBeCloseTo(wa + wb, 6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('ignores images older than maxAgeDays', () => {
    const w = resolveWeighting('synoptic-euv', { maxAgeDays: 1.2 });
    const map = mergeProjections([project(renderDisk(() => a, viewA), grid, w), project(renderDisk(() => b, viewB), grid, w)], grid, tRef, w);
    expect(Math.max(...map.value.filter((v) => v === v))).toBe(a);
  });
});
