/**
 * The production worker's unit of work: one map of one product from a known set of input files.
 * Each product has a planner that turns the catalogue's usable inputs in a time range into the
 * jobs whose record does not exist yet, and a job knows how to run its pipeline.
 *
 * @module
 */
import type { PipelineOutput, ProductId } from '../../../../products/src/definitions/types.ts';
import type { Catalogue, InputFile } from '../../catalogue/catalogue.ts';

export interface ProductionJob {
  product: ProductId;
  /** Human key for logs and progress, e.g. "currents sci HARP 377 2011-02-15T02:00:00Z". */
  label: string;
  timeMs: number;
  inputs: InputFile[];
  /** Read the inputs (paths relative to `inputDir`) and run the pipeline. Pure apart from reading. */
  run(inputDir: string): Promise<PipelineOutput>;
}

export interface PlanContext {
  catalogue: Catalogue;
  nowMs: number;
}

export interface ProductPlanner {
  product: ProductId;
  /** Jobs for maps in [startMs, stopMs) whose record (with these inputs) does not exist yet, oldest first. */
  plan(ctx: PlanContext, startMs: number, stopMs: number): ProductionJob[];
}

/** An input a pipeline rejected, so that the worker can quarantine that file. */
export class BadInputError extends Error {
  override name = 'BadInputError';
  constructor(
    readonly inputPath: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
