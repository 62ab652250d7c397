/**
 * Worker thread of `parallel.ts`: rebuilds the solver around the shared table, drains row blocks,
 * replies with its evaluation count.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lutFromShared } from './lut.ts';
import { drainRows, type WorkerJob, type WorkerReply } from './parallel.ts';
import { GaussianDemSolver } from './solve.ts';

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const lut = lutFromShared(job.spec, job.table);
  const solver = new GaussianDemSolver(lut, job.search);
  drainRows(job, lut, solver);
  reply = { ok: true, evaluations: solver.evaluations, pixels: 0 };
} catch (e) {
  reply = { ok: false, message: (e as Error).message };
}
parentPort?.postMessage(reply);
