/**
 * The production worker process, started by the server (`npm start`) or on its own
 * (`node --import tsx server/src/worker/main.ts`, same configuration as the server). It has its
 * own catalogue connection (SQLite WAL: the server reads while the worker writes), so heavy
 * pipelines never stall HTTP answers, and a crash of a pipeline never takes the server down.
 * SIGTERM/SIGINT stop it between two maps.
 *
 * @module
 */
import fs from 'node:fs';
import { Catalogue } from '../catalogue/catalogue.ts';
import { clockOf, ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../http/logger.ts';
import { PARENT_PIPE_ENV } from './index.ts';
import { runLoop } from './loop.ts';
import { createSimulatorFeed } from './simulator-adapter.ts';

let config;
try {
  config = loadConfig(process.env, process.argv.slice(2));
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
const logger = createLogger(config.logLevel).child({ process: 'worker' });
for (const dir of [config.dataDir, config.inputDir, config.productsDir]) fs.mkdirSync(dir, { recursive: true });
const catalogue = Catalogue.open(config.databasePath);
const now = clockOf(config);
const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    logger.info({ signal }, 'worker stopping after the current map');
    controller.abort();
  });
}
// Started by the server: stop when the server goes away (its end of our stdin closes).
if (process.env[PARENT_PIPE_ENV] === '1') {
  process.stdin.on('end', () => {
    logger.warn('the server is gone; worker stopping');
    controller.abort();
  });
  process.stdin.resume();
}
const feed = config.simulator ? await createSimulatorFeed(config, logger) : undefined;
logger.info({ inputDir: config.inputDir, simulator: config.simulator }, 'worker started');
await runLoop({ config, catalogue, logger, now, feed }, { tickSeconds: config.workerTickSeconds, signal: controller.signal });
catalogue.close();
logger.info('worker stopped');
process.exit(0);
