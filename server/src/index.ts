/**
 * `npm start`: open the catalogue, start the production worker (and the simulator feeding it),
 * listen, print the URL, and shut everything down cleanly on SIGINT/SIGTERM.
 *
 * @module
 */
import fs from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { Catalogue } from './catalogue/catalogue.ts';
import { clockOf, ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './http/logger.ts';
import { startWorker } from './worker/index.ts';

function readConfig(): Config {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
for (const dir of [config.dataDir, config.inputDir, config.productsDir, config.quarantineDir, config.cacheDir]) fs.mkdirSync(dir, { recursive: true });
const catalogue = Catalogue.open(config.databasePath);
const deps = { config, catalogue, logger, now: clockOf(config) };
const app = createApp(deps);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}/`;
  logger.info({ url, dataDir: config.dataDir, simulator: config.simulator }, 'listening');
  console.log(`\n  SDO map products service: ${url}\n  (health: ${url}healthz, HAPI: ${url}hapi, SPASE: ${url}spase/)\n`);
});
const worker = config.worker ? startWorker(deps) : undefined;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await worker?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  catalogue.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
