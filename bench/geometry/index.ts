/**
 * Carrington → pixel throughput of the geometry module, the hot loop of the synoptic resamplers:
 * every cell of a 3600×1440 (JSOC CEA) and a 1920×960 (CAR) Carrington grid projected into the
 * HMI test header (CROTA2 ≈ 180°), writing x, y and μ.
 *
 * Ratios are against two baselines measured in the same run:
 * - `per-point`: the object-returning API (`carringtonToPixel`) in a loop, all trigonometry per
 *   point (what a straightforward resampler would do);
 * - `fill`: writing x, y, μ from a linear formula (memory-bound lower limit of any projector).
 *
 * Run: node --import tsx bench/geometry/index.ts
 */
import { readFileSync } from 'node:fs';
import { firstImage, readFits } from '../../products/src/fits/index.ts';
import { SolarImageWcs } from '../../products/src/geometry/wcs.ts';
import { medianMs } from '../common/timing.ts';

const HMI = new URL('../../../shared/data/sdo/sunpy-test/resampled_hmi.fits', import.meta.url).pathname;

const time = medianMs;

function main(): void {
  const wcs = SolarImageWcs.fromHeader(firstImage(readFits(readFileSync(HMI))).header);
  console.log(`Carrington → pixel, HMI header (CROTA2 ${wcs.fields.crota2}°), Node ${process.version}`);
  for (const [nLon, nLat, sineLat] of [[3600, 1440, true], [1920, 960, false]] as const) {
    const n = nLon * nLat;
    const lon = Float64Array.from({ length: nLon }, (_, i) => ((i + 0.5) * 2 * Math.PI) / nLon);
    const lat = Float64Array.from({ length: nLat }, (_, j) =>
      sineLat ? Math.asin(-1 + ((j + 0.5) * 2) / nLat) : -Math.PI / 2 + ((j + 0.5) * Math.PI) / nLat,
    );
    const shift = Float64Array.from(lat, (l) => -0.01 * Math.sin(l) ** 2);
    const [x, y, mu] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];

    const tGrid = time(() => wcs.carringtonGridToPixelInto(lon, lat, x, y, mu, shift), 7);
    const flatLon = new Float64Array(n);
    const flatLat = new Float64Array(n);
    for (let r = 0; r < nLat; r++) for (let c = 0; c < nLon; c++) [flatLon[r * nLon + c], flatLat[r * nLon + c]] = [lon[c] + shift[r], lat[r]];
    const tPoints = time(() => wcs.carringtonToPixelInto(flatLon, flatLat, x, y, mu), 5);
    const deg = 180 / Math.PI;
    const tPerPoint = time(() => {
      for (let k = 0; k < n; k++) {
        const p = wcs.carringtonToPixel(flatLon[k] * deg, flatLat[k] * deg);
        x[k] = p.visible ? p.x : Number.NaN;
        y[k] = p.visible ? p.y : Number.NaN;
        mu[k] = p.mu;
      }
    }, 3, 1);
    const tFill = time(() => {
      for (let k = 0; k < n; k++) {
        x[k] = 0.5 * k;
        y[k] = 0.25 * k;
        mu[k] = 1;
      }
    }, 7);
    const rate = (ms: number): string => `${((n / ms) * 1e3 / 1e6).toFixed(1)} Mpt/s`;
    console.log(`\n${nLon}×${nLat} grid (${(n / 1e6).toFixed(2)} M points)`);
    console.log(`  carringtonGridToPixelInto  ${tGrid.toFixed(1).padStart(7)} ms  ${rate(tGrid).padStart(12)}  ×${(tPerPoint / tGrid).toFixed(1)} vs per-point, ${(tGrid / tFill).toFixed(1)}× fill time`);
    console.log(`  carringtonToPixelInto      ${tPoints.toFixed(1).padStart(7)} ms  ${rate(tPoints).padStart(12)}  ×${(tPerPoint / tPoints).toFixed(1)} vs per-point`);
    console.log(`  baseline per-point API     ${tPerPoint.toFixed(1).padStart(7)} ms  ${rate(tPerPoint).padStart(12)}`);
    console.log(`  baseline fill              ${tFill.toFixed(1).padStart(7)} ms  ${rate(tFill).padStart(12)}`);
  }
  const W = 4096;
  const [lonOut, latOut, muOut] = [new Float32Array(W * W), new Float32Array(W * W), new Float32Array(W * W)];
  const big = new SolarImageWcs({ ...wcs.fields, crpix1: 2048.5, crpix2: 2048.5, cdelt1: 0.504, cdelt2: 0.504 });
  const tImage = time(() => big.pixelsToCarringtonInto(W, W, lonOut, latOut, muOut), 3, 1);
  console.log(`\npixelsToCarringtonInto 4096×4096 (HMI full disk): ${tImage.toFixed(0)} ms, ${((W * W) / tImage / 1e3).toFixed(1)} Mpix/s`);
}

main();
