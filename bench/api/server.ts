/**
 * The real server for the API benchmark, in its own process so that the load generator does not
 * share its event loop: the app of `createApp` on @hono/node-server over loopback, request logs
 * written (pino, info level) to /dev/null. Prints `{"port": N}` once listening.
 *
 * Run by bench/api/index.ts: node --import tsx bench/api/server.ts <data dir> <now ISO>
 */
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { clockOf, loadConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/http/logger.ts';

const [dataDir, now] = process.argv.slice(2);
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', WORKER: 'off', SIMULATOR: 'off', LOG_LEVEL: 'info', NOW: now });
const catalogue = Catalogue.open(config.databasePath);
const logger = createLogger(config.logLevel, pino.destination({ dest: '/dev/null', sync: false }));
const app = createApp({ config, catalogue, logger, now: clockOf(config) });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  catalogue.close();
  process.exit(0);
});
