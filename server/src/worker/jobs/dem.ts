/**
 * DEM jobs: one map per slot of the product's cadence (every 30 min by default) for which the six
 * coronal AIA channels were observed together: the 193 A image nearest the slot (within half a
 * cadence), and for each other channel the image nearest that 193 A time within MAX_SPREAD_MS
 * (one AIA sequence takes 12 s; the pipeline refuses sets spread over more than a minute).
 *
 * The record time is the 193 A T_OBS, which the pipeline reads from the header; whether a map
 * exists is asked by its inputs, not by a predicted time.
 *
 * @module
 */
import { productById } from '../../../../products/src/definitions/index.ts';
import { DemError, makeDemProductParallel } from '../../../../products/src/dem/index.ts';
import type { InputFile } from '../../catalogue/catalogue.ts';
import { isoTime } from '../../api/params.ts';
import { readInputImage } from './read-input.ts';
import { BadInputError, type ProductionJob, type ProductPlanner } from './types.ts';

export const DEM_CHANNELS = ['94', '131', '171', '193', '211', '335'] as const;
const MAX_SPREAD_MS = 60_000;

/** The nearest file to `t` within `tolerance`, or undefined. */
function nearest(files: readonly InputFile[], t: number, tolerance: number): InputFile | undefined {
  let best: InputFile | undefined;
  for (const f of files) {
    const d = Math.abs(f.timeMs! - t);
    if (d <= tolerance && (!best || d < Math.abs(best.timeMs! - t))) best = f;
  }
  return best;
}

export const demPlanner: ProductPlanner = {
  product: 'dem',
  plan(ctx, startMs, stopMs) {
    const cadenceMs = productById('dem')!.cadenceSeconds * 1000;
    const half = cadenceMs / 2;
    // Files per data type and channel: one set never mixes nrt and definitive images.
    const files = new Map<string, InputFile[]>();
    for (const c of DEM_CHANNELS) {
      for (const f of ctx.catalogue.inputFiles({ kind: 'aia', channel: c, startMs: startMs - half - MAX_SPREAD_MS, stopMs: stopMs + half + MAX_SPREAD_MS })) {
        // Bad frames (QUALITY != 0: eclipse, calibration, missing data) do not make DEM maps.
        if (f.meta.quality) continue;
        const key = `${f.dataType}/${c}`;
        files.set(key, [...(files.get(key) ?? []), f]);
      }
    }
    const of = (dataType: string | null, c: string) => files.get(`${dataType}/${c}`) ?? [];
    const jobs: ProductionJob[] = [];
    for (let slot = Math.ceil(startMs / cadenceMs) * cadenceMs; slot < stopMs; slot += cadenceMs) {
      const ref = nearest([...of('sci', '193'), ...of('nrt', '193')], slot, half);
      if (!ref) continue;
      const set = DEM_CHANNELS.map((c) => (c === '193' ? ref : nearest(of(ref.dataType, c), ref.timeMs!, MAX_SPREAD_MS)));
      if (set.some((f) => !f)) continue;
      const inputs = set as InputFile[];
      if (ctx.catalogue.recordIdWithInputs('dem', inputs) !== undefined) continue;
      jobs.push({
        product: 'dem',
        label: `dem ${ref.dataType} ${isoTime(ref.timeMs!)}`,
        timeMs: ref.timeMs!,
        inputs,
        run: (inputDir) => runDem(inputDir, inputs),
      });
    }
    return jobs;
  },
};

async function runDem(inputDir: string, inputs: InputFile[]) {
  const images = [];
  for (const f of inputs) {
    const image = await readInputImage(inputDir, f.path, { float32: true });
    images.push({ header: image.header, width: image.width, height: image.height, data: image.data });
  }
  try {
    return await makeDemProductParallel(images, { series: String(inputs[3].meta.series ?? 'aia.lev1_euv_12s') });
  } catch (e) {
    // A channel the pipeline rejects (wrong size, no EXPTIME ...) is a bad input file: its
    // messages about one channel start with the band ("193 Å: ...").
    if (e instanceof DemError && e.reason === 'bad-input') {
      const band = /^(\d+) Å:/.exec(e.message)?.[1];
      const file = band ? inputs[DEM_CHANNELS.indexOf(band as (typeof DEM_CHANNELS)[number])] : undefined;
      if (file) throw new BadInputError(file.path, e.message, { cause: e });
    }
    throw e;
  }
}
