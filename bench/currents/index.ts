/**
 * Currents pipeline throughput on HARP 377 (744 x 377): the jr computation (float32 stencils, mask,
 * keywords) and the whole product (FITS with GZIP_1 planes, PNG quicklook and thumbnail), as
 * ratios to a baseline measured in the same run: a bare float64 central-difference curl over the
 * same arrays (no edges, no rounding, no keywords), i.e. the least work any jr code must do.
 *
 * Run: node --import tsx bench/currents/index.ts
 */
import { firstImage, readFitsFile } from '../../products/src/fits/index.ts';
import { computeCurrents } from '../../products/src/currents/compute.ts';
import { makeCurrentsProduct } from '../../products/src/currents/product.ts';
import { parseSharpSegments, SHARP_SEGMENTS } from '../../products/src/currents/segments.ts';
import { medianMs } from '../common/timing.ts';

const DIR = new URL('../../../shared/data/sdo/sharp-377/', import.meta.url).pathname;

async function main(): Promise<void> {
  const images = await Promise.all(SHARP_SEGMENTS.map(async (s) => firstImage(await readFitsFile(`${DIR}hmi.sharp_cea_720s.377.20110215_020000_TAI.${s}.fits`))));
  const segments = Object.fromEntries(SHARP_SEGMENTS.map((s, i) => [s, images[i]]));
  const { field, info } = parseSharpSegments(segments);
  const { width, height } = field;
  const pixels = width * height;

  const baselineOut = new Float64Array(pixels);
  const baseline = () => {
    const bx = field.bp;
    const bt = field.bt;
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const k = y * width + x;
        baselineOut[k] = 0.5 * (-(bt[k + 1] - bt[k - 1]) - (bx[k + width] - bx[k - width]));
      }
    }
  };

  const time = (fn: () => unknown, runs: number, warm = 3): number => medianMs(fn, runs, warm);

  const tBase = time(baseline, 30);
  const tCompute = time(() => computeCurrents(field, info.geometry), 15);
  const tProduct = time(() => makeCurrentsProduct(segments, { series: 'hmi.sharp_cea_720s' }), 5, 1);
  const mpix = (ms: number) => (pixels / 1e6 / (ms / 1e3)).toFixed(1);
  console.log(`HARP 377, ${width} x ${height} = ${pixels} pixels, Node ${process.version}`);
  console.log(`baseline float64 curl      ${tBase.toFixed(2)} ms  ${mpix(tBase)} Mpix/s  1.00`);
  console.log(`computeCurrents            ${tCompute.toFixed(2)} ms  ${mpix(tCompute)} Mpix/s  ${(tCompute / tBase).toFixed(2)} x baseline`);
  console.log(`makeCurrentsProduct (all)  ${tProduct.toFixed(2)} ms  ${mpix(tProduct)} Mpix/s  ${(tProduct / tBase).toFixed(2)} x baseline`);
}

await main();
