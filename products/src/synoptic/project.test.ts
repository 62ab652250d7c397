/**
 * Per-image reconstruction (SCIENCE.md §2.4 tests 1, 4, 5): a known Carrington map is rendered into
 * full-disk images by the geometry module's pixel → Carrington chain, then projected back.
 */
import { describe, expect, it } from 'vitest';
import { CarringtonGrid } from '../geometry/grids.ts';
import { SolarImageWcs } from '../geometry/wcs.ts';
import { ImageFrame, type RowForms } from './image-frame.ts';
import { mergeProjections } from './merge.ts';
import { resolveWeighting } from './options.ts';
import { projectImage } from './project.ts';
import { AU, blob, centroid, dLon, renderDisk, viewFields, type View } from './test-support.ts';

const T0 = Date.parse('2024-05-10T12:00:00Z');
const DEG = Math.PI / 180;
const EUV = resolveWeighting('synoptic-euv');

const VIEWS: View[] = [
  { tObsMs: T0, crlnDeg: 100, crltDeg: 7, crota2: 0, size: 384, cdelt: 5.6 },
  { tObsMs: T0, crlnDeg: 250, crltDeg: -5.5, crota2: 180, size: 384, cdelt: 5.6, dsunM: 0.985 * AU, offsetPix: [3.3, -2.1] },
];

/** Map of one image at its own time (no rotation shift): the projection itself. */
function singleMap(image: ReturnType<typeof renderDisk>, grid: CarringtonGrid, muMin = EUV.muMin) {
  const p = projectImage(image, ImageFrame.fromWcs(image.wcs), grid, muMin, image.wcs.timeMs as number);
  return { p, map: mergeProjections([p], grid, image.wcs.timeMs as number, { ...EUV, muMin }) };
}

describe('ImageFrame', () => {
  it('projects Carrington points to the same pixels and μ as SolarImageWcs (CROTA2 0, 180 and a PC matrix)', () => {
    const pc = { ...viewFields(VIEWS[0]), crota2: undefined, pc: [[0.96, -0.28], [0.28, 0.96]] as const };
    for (const fields of [viewFields(VIEWS[0]), viewFields(VIEWS[1]), pc]) {
      const wcs = SolarImageWcs.fromFields(fields);
      const frame = ImageFrame.fromWcs(wcs);
      const f: RowForms = { xs: 0, xc: 0, x1: 0, ys: 0, yc: 0, y1: 0, ws: 0, wc: 0, w1: 0 };
      for (const [dl, lat] of [[0, 0], [30, 20], [-60, -45], [75, 10], [10, 70]]) {
        const lon = fields.crlnObsDeg + dl;
        const ref = wcs.carringtonToPixel(lon, lat);
        frame.rowForms(lat * DEG, f);
        const [s, c] = [Math.sin(dl * DEG), Math.cos(dl * DEG)];
        const w = f.ws * s + f.wc * c + f.w1;
        expect(frame.x0 + (f.xs * s + f.xc * c + f.x1) / w).toBeCloseTo(ref.x, 8);
        expect(frame.y0 + (f.ys * s + f.yc * c + f.y1) / w).toBeCloseTo(ref.y, 8);
        expect(frame.muAt(Math.sin(lat * DEG), Math.cos(lat * DEG), c)).toBeCloseTo(ref.mu, 12);
      }
    }
  });
});

describe('per-image reconstruction of a known Carrington map', () => {
  const grid = CarringtonGrid.car(720, 360);
  const smooth = (lon: number, lat: number): number =>
    100 + 30 * Math.sin(lat * DEG) + 20 * Math.cos(lat * DEG) * Math.cos((lon - 40) * DEG) + 10 * Math.cos(2 * lat * DEG) * Math.sin(3 * lon * DEG);

  for (const view of VIEWS) {
    it(`smooth field within 1 % RMS where μ ≥ μ_min (CROTA2 ${view.crota2})`, () => {
      const { map } = singleMap(renderDisk(smooth, view), grid);
      let sum2 = 0;
      let n = 0;
      for (let r = 0; r < grid.height; r++) {
        for (let c = 0; c < grid.width; c++) {
          const v = map.value[r * grid.width + c];
          if (!(v === v)) continue;
          const t = smooth(grid.lonDeg(c), grid.latDeg(r));
          sum2 += ((v - t) / t) ** 2;
          n++;
        }
      }
      expect(n).toBeGreaterThan(0.3 * grid.width * grid.height);
      expect(Math.sqrt(sum2 / n)).toBeLessThan(0.01);
    });

    it(`blob centroids within 0.5 map pixel (CROTA2 ${view.crota2})`, () => {
      const centres = [[0, 0], [35, 20], [-50, -30], [60, 45], [-65, 10]].map(([dl, lat]) => [view.crlnDeg + dl, lat + view.crltDeg]);
      const blobs = centres.map(([lon, lat]) => blob(lon, lat, 2.5, 100));
      const { map } = singleMap(renderDisk((lon, lat) => blobs.reduce((s, b) => s + b(lon, lat), 0), view), grid);
      for (const [lon, lat] of centres) {
        const c = centroid(map.value, grid, lon, lat, 9);
        expect(Math.abs(dLon(c.lon, lon)) * Math.cos(lat * DEG)).toBeLessThan(0.5 * grid.dLonDeg);
        expect(Math.abs(c.lat - lat)).toBeLessThan(0.5 * grid.dRow);
      }
    });
  }

  it('a CROTA2 = 180° image gives the same map as the CROTA2 = 0° image of the flipped array', () => {
    const view: View = { tObsMs: T0, crlnDeg: 42, crltDeg: 3, crota2: 180, size: 256 };
    const rotated = renderDisk(smooth, view);
    const upright = renderDisk(smooth, { ...view, crota2: 0 });
    const flipped = Float64Array.from(rotated.data as Float64Array).reverse();
    // The flipped 180° array is the 0° image (same pixel centres about CRPIX at the array centre).
    for (let i = 0; i < flipped.length; i += 97) {
      if (Number.isNaN(flipped[i])) expect(upright.data[i]).toBeNaN();
      else expect(flipped[i]).toBeCloseTo(upright.data[i], 6);
    }
    const a = singleMap(rotated, grid).map.value;
    const b = singleMap({ ...upright, data: flipped }, grid).map.value;
    let compared = 0;
    let worst = 0;
    let nanMismatch = 0;
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
        if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) nanMismatch++;
        continue;
      }
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
      compared++;
    }
    expect(nanMismatch).toBe(0);
    expect(worst).toBeLessThan(1e-5);
    expect(compared).toBeGreaterThan(50_000);
  });

  it('one image covers CRLN_OBS ± acos(μ_min) at the equator; the far side is NaN with weight 0', () => {
    const fine = CarringtonGrid.car(1440, 720);
    const view: View = { tObsMs: T0, crlnDeg: 123.4, crltDeg: 0, size: 512, cdelt: 4.2 };
    const { map } = singleMap(renderDisk(() => 1, view), fine, 0.2);
    const row = fine.height / 2; // latitude +0.125°
    const covered: number[] = [];
    for (let c = 0; c < fine.width; c++) {
      const i = row * fine.width + c;
      if (map.weight[i] > 0) covered.push(dLon(fine.lonDeg(c), view.crlnDeg));
      else {
        expect(map.value[i]).toBeNaN();
        expect(map.dataAgeHours[i]).toBeNaN();
        expect(map.weight[i]).toBe(0);
      }
    }
    // The μ = 0.2 contour from the WCS per-point API (bisection): acos(0.2) = 78.46° for an observer
    // at infinity, 0.26° less from 1 AU (215 solar radii).
    const { wcs } = renderDisk(() => 1, { ...view, size: 8 });
    let [lo, hi] = [60, 90];
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (wcs.carringtonToPixel(view.crlnDeg + mid, fine.latDeg(row)).mu >= 0.2) lo = mid;
      else hi = mid;
    }
    expect(lo).toBeGreaterThan(Math.acos(0.2) / DEG - 0.3);
    expect(lo).toBeLessThan(Math.acos(0.2) / DEG);
    expect(Math.min(...covered)).toBeGreaterThanOrEqual(-lo);
    expect(Math.max(...covered)).toBeLessThanOrEqual(lo);
    expect(Math.min(...covered)).toBeLessThan(-lo + fine.dLonDeg);
    expect(Math.max(...covered)).toBeGreaterThan(lo - fine.dLonDeg);
    expect(Math.abs(covered.length - (2 * lo) / fine.dLonDeg)).toBeLessThanOrEqual(1);
    // Far side: every cell more than 90° from the observer is empty, at every latitude.
    for (let r = 0; r < fine.height; r++)
      for (let c = 0; c < fine.width; c++) {
        if (Math.abs(dLon(fine.lonDeg(c), view.crlnDeg)) <= 90) continue;
        const i = r * fine.width + c;
        if (map.weight[i] !== 0 || !Number.isNaN(map.value[i])) throw new Error(`far-side cell ${c}, ${r} has data`);
      }
  });
});
