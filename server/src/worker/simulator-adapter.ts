/**
 * The built-in simulator as the worker's input feed (SIMULATOR=on): a synthetic Sun seeded from
 * the configuration, whose files appear in INPUT_DIR as they would in an SDO archive.
 *
 * - At start-up the recent past (BACKFILL_DAYS) is filled at a coarse cadence (AIA every 2 h,
 *   HMI and SHARP every hour, near-real-time series only: definitive data of the last days would
 *   not exist yet), so that every product has maps within a few minutes.
 * - Then each worker pass writes what has become available by now, at the instruments' cadences
 *   and with their latencies (definitive series days later), as a live archive would.
 *
 * @module
 */
import { createSyntheticSun, fillIntervalParallel, liveStep, type LiveState } from '../../../products/src/simulator/index.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../http/logger.ts';
import type { InputFeed } from './simulator-feed.ts';

/** Cadences of the start-up fill [s]: a quick start rather than every image. */
export const FILL_CADENCES = { aiaCadenceS: 7200, hmiCadenceS: 3600, sharpCadenceS: 3600 };
/** Cadences of the live feed [s]: one AIA set per DEM map, HMI and SHARP at their native 720 s. */
export const LIVE_CADENCES = { aiaCadenceS: 1800, hmiCadenceS: 720, sharpCadenceS: 720 };
/** Time filled per call, so that a shutdown request is honoured between chunks. */
const FILL_CHUNK_MS = 6 * 3_600_000;

export async function createSimulatorFeed(config: Config, logger: Logger): Promise<InputFeed> {
  // The Sun is a function of the seed and of the day the service starts on (the simulator puts an
  // active region near the central meridian then, so that there are SHARPs to show): restarts on
  // the same day see the same Sun, and files already written are never rewritten anyway.
  const day = 86_400_000;
  const sunOptions = { seed: config.simulatorSeed, startMs: Math.floor((config.nowMs ?? Date.now()) / day) * day };
  const sun = createSyntheticSun(sunOptions);
  const sizes = { inputDir: config.inputDir, aiaSize: config.simulatorAiaSize, hmiSize: config.simulatorHmiSize };
  const base = { ...sizes, sun };
  const state: LiveState = {};
  return {
    async fill(startMs, stopMs, signal) {
      let files = 0;
      const started = performance.now();
      for (let t = startMs; t < stopMs && !signal?.aborted; t += FILL_CHUNK_MS) {
        // On worker threads (both cores): the start-up fill is the longest wait of a first start.
        files += (await fillIntervalParallel({ ...sizes, sunOptions, cadences: FILL_CADENCES, series: 'nrt', startMs: t, stopMs: Math.min(t + FILL_CHUNK_MS, stopMs) })).length;
      }
      state.lastNowMs = stopMs;
      logger.info({ files, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'simulator: recent past written');
    },
    async step(nowMs) {
      // The first step after the fill looks back one hour only: the fill wrote the hours before.
      const written = await liveStep({ ...base, cadences: LIVE_CADENCES, series: 'both', nowMs, state, lookbackMs: 3_600_000 });
      state.lastNowMs = nowMs;
      if (written.length) logger.info({ files: written.length }, 'simulator: new input files');
    },
  };
}
