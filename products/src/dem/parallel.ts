/**
 * Runs the pixel loop over a whole map, on the calling thread or on worker_threads sharing the
 * inputs, the table and the outputs through SharedArrayBuffers. Rows are handed out in small
 * blocks from an atomic counter (off-disk rows are cheap, so static bands would idle a worker);
 * every pixel is computed by the same code from the same float32 inputs, so the planes are
 * bit-identical whatever the number of workers and whoever takes which block.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { DemError } from './errors.ts';
import { invertRows, allocatePlanes, type CountImage, type DemPlanes, type PixelModel } from './invert.ts';
import type { DemGridSpec, DemLut } from './lut.ts';
import { NBANDS } from './response.ts';
import { GaussianDemSolver, type SearchOptions } from './solve.ts';

/** Rows per work item: small enough to balance two threads, large enough to keep Atomics rare. */
export const ROWS_PER_TASK = 8;

/** Everything a worker needs; all arrays are views on SharedArrayBuffers. */
export interface WorkerJob {
  spec: DemGridSpec;
  table: Float64Array;
  counts: CountImage[];
  model: PixelModel;
  search: SearchOptions;
  planes: DemPlanes;
  /** [next task] */
  counter: Int32Array;
  rowsPerTask: number;
}

/** What a worker reports back. */
export type WorkerReply = { ok: true; evaluations: number; pixels: number } | { ok: false; message: string };

/** Statistics of one run. */
export interface InvertStats {
  /** Node evaluations summed over threads (coarse + fine). */
  evaluations: number;
  /** Pixels that were fitted (6 valid bands). */
  fitted: number;
  workers: number;
}

/** Takes row blocks from `counter` until none are left (shared by the main thread and workers). */
export function drainRows(job: Omit<WorkerJob, 'spec' | 'table'>, lut: DemLut, solver: GaussianDemSolver): void {
  const { height } = job.planes;
  for (;;) {
    const task = Atomics.add(job.counter, 0, 1);
    const r0 = task * job.rowsPerTask;
    if (r0 >= height) return;
    invertRows(job.counts, job.model, lut, solver, job.planes, r0, Math.min(height, r0 + job.rowsPerTask));
  }
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/** A map to invert. */
export interface InvertRequest {
  /** Count images, BANDS order, `width` x `height`, x fastest. */
  counts: CountImage[];
  width: number;
  height: number;
  model: PixelModel;
  lut: DemLut;
  search: SearchOptions;
  /** 0 = on the calling thread; otherwise that many worker threads (the caller waits). */
  workers: number;
}

/**
 * Inverts a map. With `workers` > 0 the counts and `lut.table` must live on SharedArrayBuffers
 * (`prepareInputs({shared: true})`, `buildDemLut(..., {shared: true})`).
 */
export async function invertMap(req: InvertRequest): Promise<{ planes: DemPlanes; stats: InvertStats }> {
  const { counts, width, height, model, lut, search, workers } = req;
  checkCounts(counts, width, height);
  if (workers <= 0) return invertMapHere(req);
  const planes = allocatePlanes(width, height, true);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const job = { counts, model, search, planes, counter, rowsPerTask: ROWS_PER_TASK };
  if (!isShared(lut.table) || !counts.every(isShared)) throw new DemError('bad-option', 'workers need the table and counts on SharedArrayBuffers');
  const message: WorkerJob = { ...job, spec: lut.spec, table: lut.table };
  const replies = await Promise.all(Array.from({ length: workers }, () => runWorker(message)));
  const failed = replies.find((r) => !r.ok);
  if (failed && !failed.ok) throw new DemError('worker-failed', failed.message);
  const evaluations = replies.reduce((s, r) => s + (r.ok ? r.evaluations : 0), 0);
  return { planes, stats: { evaluations, fitted: countFitted(planes), workers } };
}

/** Inverts a map on the calling thread, synchronously (`workers` is ignored). */
export function invertMapHere(req: Omit<InvertRequest, 'workers'>): { planes: DemPlanes; stats: InvertStats } {
  const { counts, width, height, model, lut, search } = req;
  checkCounts(counts, width, height);
  const planes = allocatePlanes(width, height, false);
  const solver = new GaussianDemSolver(lut, search);
  drainRows({ counts, model, search, planes, counter: new Int32Array(1), rowsPerTask: ROWS_PER_TASK }, lut, solver);
  return { planes, stats: { evaluations: solver.evaluations, fitted: countFitted(planes), workers: 0 } };
}

function checkCounts(counts: CountImage[], width: number, height: number): void {
  if (counts.length !== NBANDS) throw new DemError('bad-input', `${counts.length} count images, the inversion needs ${NBANDS}`);
  const n = width * height;
  for (const c of counts) if (c.length !== n) throw new DemError('bad-input', `count image has ${c.length} values for ${width} x ${height}`);
}

function countFitted(planes: DemPlanes): number {
  let k = 0;
  for (let i = 0; i < planes.node.length; i++) if (planes.node[i] >= 0) k++;
  return k;
}

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

function runWorker(job: WorkerJob): Promise<WorkerReply> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: WorkerReply): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(r);
    };
    const worker = new Worker(WORKER_URL, { workerData: job });
    worker.once('message', (r: WorkerReply) => done(r));
    worker.once('error', (e) => done({ ok: false, message: e.message }));
    worker.once('exit', (code) => done({ ok: false, message: `worker exited with code ${code} before replying` }));
  });
}
