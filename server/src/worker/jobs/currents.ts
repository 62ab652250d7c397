/**
 * Currents jobs: one map per (data type, HARP, T_REC) for which all eight SHARP CEA segments the
 * pipeline needs are present.
 *
 * @module
 */
import { CurrentsInputError, makeCurrentsProduct, SHARP_SEGMENTS } from '../../../../products/src/currents/index.ts';
import { isoTime } from '../../api/params.ts';
import type { InputFile } from '../../catalogue/catalogue.ts';
import { readInputImage } from './read-input.ts';
import { BadInputError, type ProductionJob, type ProductPlanner } from './types.ts';

export const currentsPlanner: ProductPlanner = {
  product: 'currents',
  plan(ctx, startMs, stopMs) {
    const groups = new Map<string, InputFile[]>();
    for (const f of ctx.catalogue.inputFiles({ kind: 'sharp', startMs, stopMs })) {
      if (!(SHARP_SEGMENTS as readonly string[]).includes(f.channel ?? '')) continue;
      const key = `${f.dataType}/${f.harpnum}/${f.timeMs}`;
      const list = groups.get(key) ?? [];
      // Two copies of one segment (e.g. the same file in two folders): keep the first path.
      if (!list.some((g) => g.channel === f.channel)) list.push(f);
      groups.set(key, list);
    }
    const jobs: ProductionJob[] = [];
    for (const inputs of groups.values()) {
      if (inputs.length !== SHARP_SEGMENTS.length) continue; // still arriving, or never complete
      const { dataType, harpnum, timeMs } = inputs[0];
      const identity = { product: 'currents' as const, parameter: 'jr', timeMs: timeMs!, dataType: dataType!, harpnum: harpnum!, version: 1 };
      if (ctx.catalogue.recordIdFor(identity, inputs) !== undefined) continue;
      jobs.push({
        product: 'currents',
        label: `currents ${dataType} HARP ${harpnum} ${isoTime(timeMs!)}`,
        timeMs: timeMs!,
        inputs,
        run: (inputDir) => runCurrents(inputDir, inputs),
      });
    }
    return jobs.sort((a, b) => a.timeMs - b.timeMs || a.label.localeCompare(b.label));
  },
};

async function runCurrents(inputDir: string, inputs: InputFile[]) {
  const segments = Object.fromEntries(await Promise.all(inputs.map(async (f) => [f.channel!, await readInputImage(inputDir, f.path)] as const)));
  const series = String(inputs[0].meta.series ?? '');
  try {
    return makeCurrentsProduct(segments, { series });
  } catch (e) {
    // A segment the pipeline rejects is a bad input file: name it so it is quarantined.
    if (e instanceof CurrentsInputError && e.segment) {
      const file = inputs.find((f) => f.channel === e.segment);
      if (file) throw new BadInputError(file.path, e.message, { cause: e });
    }
    throw e;
  }
}
