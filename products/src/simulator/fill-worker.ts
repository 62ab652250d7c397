/**
 * Worker thread of `fillIntervalParallel`: rebuilds the synthetic Sun from its options (same seed,
 * same Sun) and fills its share of the slots.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fillInterval } from './archive.ts';
import { createSyntheticSun } from './sun.ts';
import type { FillWorkerJob, FillWorkerReply } from './parallel-fill.ts';

const job = workerData as FillWorkerJob;
try {
  const { sunOptions, ...fill } = job;
  const files = await fillInterval({ ...fill, sun: createSyntheticSun(sunOptions) });
  parentPort?.postMessage({ ok: true, files } satisfies FillWorkerReply);
} catch (e) {
  parentPort?.postMessage({ ok: false, message: (e as Error).stack ?? String(e) } satisfies FillWorkerReply);
}
