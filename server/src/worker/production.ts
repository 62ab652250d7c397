/**
 * Production: plan the jobs of each product over a time range and run them one by one, each in
 * its own error boundary — a failing product or map is logged (and its bad input quarantined)
 * and never stops the others. Used by the long-running worker (nowcasts) and the backfill CLI.
 *
 * @module
 */
import type { ProductId } from '../../../products/src/definitions/types.ts';
import { inputsKey, type Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../http/logger.ts';
import { PLANNERS } from './jobs/index.ts';
import { BadInputError, type ProductionJob } from './jobs/types.ts';
import { storeOutput } from './output-store.ts';

export interface ProductionDeps {
  config: Pick<Config, 'inputDir' | 'productsDir' | 'baseUrl'>;
  catalogue: Catalogue;
  logger: Logger;
  now: () => number;
}

export type JobOutcome = { status: 'made' | 'existing'; recordId: number } | { status: 'failed'; reason: string };

export interface ProduceSummary {
  planned: number;
  made: number;
  existing: number;
  failed: number;
}

export interface ProduceOptions {
  products?: readonly ProductId[];
  /** Called before each job (index from 0) and once at the end (index = total). */
  onProgress?: (done: number, total: number, job?: ProductionJob) => void;
  /** Checked between jobs: stop early (shutdown). */
  shouldStop?: () => boolean;
}

export class Production {
  /** Jobs that failed for a reason other than a bad input, by label and inputs: not retried until the inputs change. */
  private readonly failed = new Map<string, string>();

  constructor(private readonly deps: ProductionDeps) {}

  /**
   * The jobs of the selected products in [startMs, stopMs), minus those that already failed, in
   * the order they should run: newest first, taking the products in turn, so that after a start
   * (or an outage) every product's Latest map comes before anybody's backlog.
   */
  plan(startMs: number, stopMs: number, products?: readonly ProductId[]): ProductionJob[] {
    const perProduct: ProductionJob[][] = [];
    for (const planner of PLANNERS) {
      if (products && !products.includes(planner.product)) continue;
      try {
        const jobs = planner.plan({ catalogue: this.deps.catalogue, nowMs: this.deps.now() }, startMs, stopMs).filter((job) => !this.failed.has(failureKey(job)));
        perProduct.push(jobs.sort((a, b) => b.timeMs - a.timeMs));
      } catch (e) {
        this.deps.logger.error({ err: e, product: planner.product }, 'planning failed');
        this.deps.catalogue.log('error', planner.product, `planning failed: ${(e as Error).message}`, this.deps.now());
      }
    }
    const ordered: ProductionJob[] = [];
    for (let i = 0; perProduct.some((jobs) => i < jobs.length); i++) {
      for (const jobs of perProduct) if (i < jobs.length) ordered.push(jobs[i]);
    }
    return ordered;
  }

  /** Run one job: pipeline, atomic files, one-transaction registration. Never throws for a job's own failure. */
  async runJob(job: ProductionJob): Promise<JobOutcome> {
    const { catalogue, logger, config } = this.deps;
    const started = performance.now();
    try {
      const output = await job.run(config.inputDir);
      const stored = storeOutput({ catalogue, productsDir: config.productsDir, baseUrl: config.baseUrl }, output, job.inputs, this.deps.now());
      logger.info({ product: job.product, job: job.label, record: stored.id, ms: Math.round(performance.now() - started) }, stored.created ? 'map made' : 'map already registered');
      return { status: stored.created ? 'made' : 'existing', recordId: stored.id };
    } catch (e) {
      const reason = (e as Error).message;
      if (e instanceof BadInputError) {
        this.quarantine(e.inputPath, reason);
      } else {
        this.failed.set(failureKey(job), reason);
        logger.error({ err: e, product: job.product, job: job.label }, 'map failed');
      }
      catalogue.log('error', job.product, `${job.label}: ${reason}`, this.deps.now());
      return { status: 'failed', reason };
    }
  }

  /** Plan and run every job of the range (in the order of `plan`). */
  async produce(startMs: number, stopMs: number, opts: ProduceOptions = {}): Promise<ProduceSummary> {
    const jobs = this.plan(startMs, stopMs, opts.products);
    const summary: ProduceSummary = { planned: jobs.length, made: 0, existing: 0, failed: 0 };
    for (let i = 0; i < jobs.length; i++) {
      if (opts.shouldStop?.()) break;
      opts.onProgress?.(i, jobs.length, jobs[i]);
      const outcome = await this.runJob(jobs[i]);
      summary[outcome.status]++;
      // Let the event loop breathe between maps (signals, timers).
      await new Promise((resolve) => setImmediate(resolve));
    }
    opts.onProgress?.(jobs.length, jobs.length);
    return summary;
  }

  /** Mark an input file unusable, with the reason, so that no job picks it up until it changes. */
  private quarantine(relativePath: string, reason: string): void {
    if (this.deps.catalogue.quarantineInput(relativePath, reason)) this.deps.logger.warn({ path: relativePath, reason }, 'input quarantined by a pipeline');
  }
}

function failureKey(job: ProductionJob): string {
  return `${job.label}|${inputsKey(job.inputs)}`;
}
