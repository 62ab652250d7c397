/**
 * The application factory: wires the sub-apps (/hapi, /api, /data, /spase, portal pages) onto one
 * Hono app. No socket here, so tests call `app.request(url)` directly; `index.ts` listens.
 *
 * @module
 */
import { Hono } from 'hono';
import type { Catalogue } from './catalogue/catalogue.ts';
import type { Config } from './config.ts';
import { isSelfRendering } from './http/api-error.ts';
import { requestLogger, type Logger } from './http/logger.ts';
import { hapiRoutes } from './hapi/routes.ts';
import { apiRoutes } from './api/routes.ts';
import { dataRoutes } from './files/routes.ts';
import { spaseRoutes } from '../../spase/src/routes.ts';
import { portalRoutes } from './portal/routes.ts';

/** What every sub-app may use. */
export interface AppDeps {
  config: Config;
  catalogue: Catalogue;
  logger: Logger;
  /** Milliseconds since the epoch; frozen in tests. */
  now: () => number;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestLogger(deps.logger));

  app.get('/healthz', (c) => {
    // A cheap query proves the catalogue answers; nothing else is checked here.
    deps.catalogue.db.prepare('SELECT 1').get();
    return c.json({ status: 'ok', time: new Date(deps.now()).toISOString() });
  });

  app.route('/hapi', hapiRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.route('/data', dataRoutes(deps));
  app.route('/spase', spaseRoutes(deps));
  app.route('/', portalRoutes(deps));

  app.notFound((c) => c.json({ error: { status: 404, code: 'not_found', message: 'no such page; see / for the list of products' } }, 404));
  app.onError((err, c) => {
    if (isSelfRendering(err)) return err.toResponse();
    deps.logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { status: 500, code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
