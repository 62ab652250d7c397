/**
 * The HAPI server of the benchmark, in its own process so that its RSS is its own and the client
 * does not share its event loop: the real `hapiRoutes` behind the real request logger (pino, info
 * level, to /dev/null) and the app's error handler, as `createApp` mounts them, on
 * @hono/node-server over loopback. The only difference from production is the dataset registry:
 * every product dataset plus the benchmark's synthetic one (`createApp` takes no registry, hence
 * the composition here), and an adjustable byte-cache budget.
 *
 * Prints `{"port": N}` once listening.
 *
 * Run by bench/hapi/index.ts: node --import tsx bench/hapi/server.ts <data dir> <now ISO> <port> <cache MiB>
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { allHapiDatasets } from '../../products/src/definitions/index.ts';
import type { AppDeps } from '../../server/src/app.ts';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { clockOf, loadConfig } from '../../server/src/config.ts';
import { hapiRoutes } from '../../server/src/hapi/routes.ts';
import { isSelfRendering } from '../../server/src/http/api-error.ts';
import { createLogger, requestLogger } from '../../server/src/http/logger.ts';
import { BENCH_DATASET } from './dataset.ts';

const [dataDir, now, port, cacheMiB] = process.argv.slice(2);
const config = loadConfig({ DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', WORKER: 'off', SIMULATOR: 'off', LOG_LEVEL: 'info', NOW: now, BASE_URL: `http://127.0.0.1:${port}` });
const catalogue = Catalogue.open(config.databasePath);
const logger = createLogger(config.logLevel, pino.destination({ dest: '/dev/null', sync: false }));
const deps: AppDeps = { config, catalogue, logger, now: clockOf(config) };

const app = new Hono();
app.use('*', requestLogger(logger));
app.route('/hapi', hapiRoutes(deps, { datasets: (harps) => [...allHapiDatasets(harps), BENCH_DATASET], cacheBytes: Number(cacheMiB) * 1024 * 1024 }));
app.onError((err, c) => {
  if (isSelfRendering(err)) return err.toResponse();
  logger.error({ err, path: c.req.path }, 'unhandled error');
  return c.json({ error: { status: 500, code: 'internal', message: 'internal error' } }, 500);
});

const server = serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  catalogue.close();
  process.exit(0);
});
