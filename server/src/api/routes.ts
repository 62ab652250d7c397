/**
 * The product API sub-app (`/api`): product metadata, latest records, searches, records, HARPs,
 * plane values, the JHelioviewer synoptic search and the OpenAPI document. JSON answers are
 * gzip-compressed when the client accepts it; every error is an `ApiError` JSON body.
 *
 * @module
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../http/api-error.ts';
import { createApiContext } from './context.ts';
import { CACHE, json } from './responses.ts';
import { parseParams } from './params.ts';
import { jhelioviewerRoutes } from './jhelioviewer.ts';
import { openApiDocument } from './openapi.ts';
import { PlaneStore } from './plane-store.ts';
import { planeRoutes } from './planes.ts';
import { productRoutes } from './products.ts';
import { recordRoutes } from './records.ts';

/** Bound of the decoded-plane cache: a 1920 x 960 float32 plane is 7 MiB, a 4096 x 4096 one 64 MiB. */
const PLANE_CACHE_BYTES = 256 * 1024 * 1024;

export function apiRoutes(deps: AppDeps): Hono {
  const api = createApiContext(deps);
  const planes = new PlaneStore(deps.config.productsDir, deps.logger, PLANE_CACHE_BYTES);
  const app = new Hono();

  app.use('*', compress({ encoding: 'gzip', contentTypeFilter: /^application\/json/ }));
  app.use('*', async function refreshCatalogueView(_c, next) {
    api.view.refresh();
    await next();
  });

  const openApiText = JSON.stringify(openApiDocument(deps.config.baseUrl));
  const startedMs = Math.floor(deps.now() / 1000) * 1000;
  const index = JSON.stringify({
    title: 'SDO map products: product API',
    links: {
      openapi: `${deps.config.baseUrl}/api/openapi.json`,
      products: `${deps.config.baseUrl}/api/products`,
      harps: `${deps.config.baseUrl}/api/harps`,
      hapi: `${deps.config.baseUrl}/hapi`,
    },
  });
  app.get('/', (c) => json(c, index, { cacheControl: CACHE.metadata, lastModifiedMs: startedMs }));
  app.get('/openapi.json', (c) => {
    parseParams({}, c.req.queries());
    return json(c, openApiText, { cacheControl: CACHE.metadata, lastModifiedMs: startedMs });
  });

  app.route('/', productRoutes(api));
  app.route('/', recordRoutes(api));
  app.route('/', planeRoutes(api, planes));
  app.route('/', jhelioviewerRoutes(api));

  app.all('*', (c) => {
    throw ApiError.notFound(`no API endpoint ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 80)}; the endpoints are listed in /api/openapi.json`);
  });
  return app;
}
