/**
 * Parallel fill of a past interval on worker threads (the service's start-up fill of the last
 * days): each worker rebuilds the same Sun from its options and writes an interleaved share of the
 * slots (`shard`), so the output is the same as a single-threaded fill.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { fillInterval, type FillOptions, type WrittenFile } from './archive.ts';
import { createSyntheticSun, type SyntheticSunOptions } from './sun.ts';

export interface ParallelFillOptions extends Omit<FillOptions, 'sun' | 'shard'> {
  /** Options of the synthetic Sun (structured-cloneable: each worker builds its own copy). */
  sunOptions: SyntheticSunOptions;
  /** Worker threads (default 2); 0 fills on the calling thread. */
  workers?: number;
}

/** What a worker receives. */
export type FillWorkerJob = Omit<FillOptions, 'sun'> & { sunOptions: SyntheticSunOptions };
export type FillWorkerReply = { ok: true; files: WrittenFile[] } | { ok: false; message: string };

const ENTRY = new URL('./fill-worker-entry.mjs', import.meta.url);

/** Fills [startMs, stopMs] with `workers` threads; returns the files written, in time order. */
export async function fillIntervalParallel(o: ParallelFillOptions): Promise<WrittenFile[]> {
  const { sunOptions, workers = 2, ...fill } = o;
  if (workers <= 0) return fillInterval({ ...fill, sun: createSyntheticSun(sunOptions) });
  const runs = Array.from({ length: workers }, (_, index) => {
    const job: FillWorkerJob = { ...fill, sunOptions, shard: { index, count: workers } };
    return new Promise<WrittenFile[]>((resolve, reject) => {
      const worker = new Worker(ENTRY, { workerData: job });
      let settled = false;
      worker.once('message', (reply: FillWorkerReply) => {
        settled = true;
        if (reply.ok) resolve(reply.files);
        else reject(new Error(`simulator fill worker ${index} failed: ${reply.message}`));
        void worker.terminate();
      });
      worker.once('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`simulator fill worker ${index} exited with code ${code}`));
      });
    });
  });
  const files = (await Promise.all(runs)).flat();
  return files.sort((a, b) => a.timeMs - b.timeMs || a.path.localeCompare(b.path));
}
