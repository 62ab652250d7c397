/**
 * `/api/products`, `/api/products/{id}` and `/api/products/{id}/latest`.
 *
 * Lateness: the latest record is late when `now - record.time > cadence + expected latency`
 * (both from the product definition), i.e. when at least one more map should have arrived by now.
 *
 * @module
 */
import { Hono } from 'hono';
import { PRODUCTS, type ProductDefinition } from '../../../products/src/definitions/index.ts';
import type { ProductRecord, RecordQuery } from '../catalogue/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { productOr404, type ApiContext } from './context.ts';
import { FILTER_PARAMS, recordFilters } from './filters.ts';
import { isoTime, parseParams } from './params.ts';
import { CACHE, json, utf8 } from './responses.ts';
import { productDetailJson, productJson, recordJson } from './views.ts';

/** How long a found latest record is reused before the catalogue is asked again (clock-dependent answers). */
const LATEST_TTL_MS = 5_000;

/** The product definitions only change with a new release of the code. */
const DEFINITIONS_MODIFIED_MS = Math.floor(Date.now() / 1000) * 1000;

/** The serialised JSON of a record, cached until the catalogue changes. */
export function recordText(api: ApiContext, record: ProductRecord, product: ProductDefinition): string {
  return api.view.memo(`record:${record.id}`, () => JSON.stringify(recordJson(record, product, api.views)), { sizeOf: (s) => s.length });
}

/**
 * The latest current record matching `q`: at or before now, except for forecasts, whose
 * reference times lie ahead by definition.
 */
export function latestOf(api: ApiContext, q: RecordQuery): ProductRecord | undefined {
  const key = `latest:${JSON.stringify(q)}`;
  return api.view.memo(
    key,
    () => api.deps.catalogue.latestRecord({ ...q, ...(q.mapType === 'forecast' ? {} : { atOrBeforeMs: api.deps.now() }) }) ?? null,
    { ttlMs: LATEST_TTL_MS },
  ) ?? undefined;
}

export function productRoutes(api: ApiContext): Hono {
  const app = new Hono();

  app.get('/products', (c) => {
    parseParams({}, c.req.queries());
    const text = api.view.memo('products', () => JSON.stringify({ products: PRODUCTS.map((p) => productJson(p, api.views)) }), { sizeOf: (s) => s.length });
    return json(c, text, { cacheControl: CACHE.metadata, lastModifiedMs: DEFINITIONS_MODIFIED_MS });
  });

  app.get('/products/:id', (c) => {
    const product = productOr404(c.req.param('id'));
    parseParams({}, c.req.queries());
    const text = api.view.memo(
      `product:${product.id}`,
      () => {
        const harps = product.id === 'currents' ? api.deps.catalogue.harps() : [];
        return JSON.stringify(productDetailJson(product, api.views, api.deps.catalogue.recordExtent(product.id), product.hapiDatasets({ harps })));
      },
      { sizeOf: (s) => s.length },
    );
    return json(c, text, { cacheControl: CACHE.metadata, lastModifiedMs: Math.max(DEFINITIONS_MODIFIED_MS, api.view.lastModifiedMs) });
  });

  app.get('/products/:id/latest', (c) => {
    const product = productOr404(c.req.param('id'));
    const f = parseParams(FILTER_PARAMS, c.req.queries());
    const q = recordFilters(product, f);
    const record = latestOf(api, q);
    if (!record) throw ApiError.notFound(`no ${product.id} record matches yet${Object.keys(f).some((k) => f[k as keyof typeof f] !== undefined) ? ' these filters' : ''}; see /api/products/${product.id} for its extent`);
    // The answer changes with the catalogue and, through the age, with the clock's second: cached
    // as bytes for the second it was made in.
    const nowMs = api.deps.now();
    const second = Math.floor(nowMs / 1000);
    const bytes = api.view.memo(
      `latest-answer:${record.id}:${second}`,
      () => {
        const ageSeconds = Math.round((nowMs - record.timeMs) / 1000);
        const lateAfter = product.cadenceSeconds + product.expectedLatencySeconds;
        return utf8(
          `{"record":${recordText(api, record, product)},"age_seconds":${ageSeconds},"late":${ageSeconds > lateAfter},` +
            `"expected_latency_seconds":${product.expectedLatencySeconds},"cadence_seconds":${product.cadenceSeconds},` +
            `"late_after_seconds":${lateAfter},"now":"${isoTime(nowMs)}"}`,
        );
      },
      { ttlMs: 1000, sizeOf: (b) => b.length },
    );
    return json(c, bytes, { cacheControl: CACHE.latest });
  });

  return app;
}
