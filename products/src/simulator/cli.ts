/**
 * Fills an input folder with a simulated SDO archive.
 *
 *   node --import tsx products/src/simulator/cli.ts --input-dir var/input \
 *     --start 2026-12-01T00:00:00Z --stop 2026-12-02T00:00:00Z [--aia-size 512] [--hmi-size 512] \
 *     [--seed 1] [--aia-cadence 1800] [--hmi-cadence 720] [--sharp-cadence 720] [--series both] [--workers 2]
 *
 * The synthetic Sun is seeded by --seed and gets a region near disk centre at --stop (the "now"
 * of a fill), as the service does at start-up.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import type { SeriesChoice } from './archive.ts';
import { fillIntervalParallel } from './parallel-fill.ts';

function parseTime(text: string, flag: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`${flag}: not an ISO time: ${text}`);
  return ms;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'input-dir': { type: 'string' },
      start: { type: 'string' },
      stop: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'aia-size': { type: 'string', default: '1024' },
      'hmi-size': { type: 'string', default: '1024' },
      'aia-cadence': { type: 'string', default: '1800' },
      'hmi-cadence': { type: 'string', default: '720' },
      'sharp-cadence': { type: 'string', default: '720' },
      series: { type: 'string', default: 'both' },
      workers: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values['input-dir'] || !values.start || !values.stop) {
    console.error('usage: cli.ts --input-dir DIR --start ISO --stop ISO [--aia-size N] [--hmi-size N] [--seed N] [--aia-cadence S] [--hmi-cadence S] [--sharp-cadence S] [--series nrt|definitive|both] [--workers N]');
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const startMs = parseTime(values.start, '--start');
  const stopMs = parseTime(values.stop, '--stop');
  const t0 = performance.now();
  const files = await fillIntervalParallel({
    inputDir: values['input-dir'],
    sunOptions: { seed: Number(values.seed), startMs: stopMs },
    workers: Number(values.workers),
    startMs,
    stopMs,
    aiaSize: Number(values['aia-size']),
    hmiSize: Number(values['hmi-size']),
    cadences: { aiaCadenceS: Number(values['aia-cadence']), hmiCadenceS: Number(values['hmi-cadence']), sharpCadenceS: Number(values['sharp-cadence']) },
    series: values.series as SeriesChoice,
  });
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  console.log(`wrote ${files.length} files (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
