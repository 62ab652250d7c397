/**
 * The production loop of `npm start`: sweep what a crash left, let the simulator (when on) fill
 * the last BACKFILL_DAYS, then every tick: new simulated files, discovery, and every product's
 * missing maps over the last BACKFILL_DAYS (the nowcasts among them). Stops between maps when
 * asked.
 *
 * @module
 */
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../http/logger.ts';
import { discoverInputs } from './discovery.ts';
import { sweepProducts } from './output-store.ts';
import { Production } from './production.ts';
import type { InputFeed } from './simulator-feed.ts';

const DAY = 86_400_000;

export interface LoopDeps {
  config: Config;
  catalogue: Catalogue;
  logger: Logger;
  now: () => number;
  /** The simulator (or nothing, for a real archive). */
  feed?: InputFeed;
}

export interface LoopOptions {
  /** Seconds between ticks. */
  tickSeconds: number;
  signal: AbortSignal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One pass: feed, discover, produce. Returns what was made. */
export async function tick(deps: LoopDeps, production: Production, signal: AbortSignal): Promise<{ made: number; failed: number }> {
  const nowMs = deps.now();
  if (deps.feed) {
    try {
      await deps.feed.step(nowMs);
    } catch (e) {
      deps.logger.error({ err: e }, 'the simulator failed; production goes on with the files there are');
    }
  }
  const found = await discoverInputs(deps.config.inputDir, deps.catalogue, deps.logger, nowMs);
  if (found.added || found.quarantined) deps.logger.info(found, 'inputs discovered');
  const startMs = nowMs - Math.max(deps.config.backfillDays, 1) * DAY;
  const summary = await production.produce(startMs, nowMs + 1, { shouldStop: () => signal.aborted });
  if (summary.planned) deps.logger.info(summary, 'production pass');
  return { made: summary.made, failed: summary.failed };
}

export async function runLoop(deps: LoopDeps, opts: LoopOptions): Promise<void> {
  const { removed } = sweepProducts({ catalogue: deps.catalogue, productsDir: deps.config.productsDir }, deps.now());
  if (removed.length) deps.logger.warn({ files: removed.length }, 'removed product files left by an interrupted run');
  if (deps.feed && deps.config.backfillDays > 0) {
    const nowMs = deps.now();
    deps.logger.info({ days: deps.config.backfillDays }, 'simulator: filling the recent past');
    try {
      await deps.feed.fill(nowMs - deps.config.backfillDays * DAY, nowMs, opts.signal);
    } catch (e) {
      deps.logger.error({ err: e }, 'the simulator could not fill the recent past');
    }
  }
  const production = new Production(deps);
  while (!opts.signal.aborted) {
    try {
      await tick(deps, production, opts.signal);
    } catch (e) {
      // Discovery or the catalogue failed (disk full, locked database): log and try again later.
      deps.logger.error({ err: e }, 'production pass failed');
    }
    await sleep(opts.tickSeconds * 1000, opts.signal);
  }
}
