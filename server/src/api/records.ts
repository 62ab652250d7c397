/**
 * `/api/products/{id}/records` (search with paging), `/api/records/{id}` (one record) and
 * `/api/harps` (HARPs with data in a time range).
 *
 * Paging is by offset over a stable order (time, then id; ascending by default, so records that
 * arrive later extend the last page instead of shifting earlier ones). `next` is the URL of the
 * next page, null on the last.
 *
 * @module
 */
import { Hono } from 'hono';
import { DATA_TYPES, type DataType } from '../../../products/src/definitions/index.ts';
import { harpDatasetId } from '../../../products/src/definitions/currents.ts';
import { ApiError } from '../http/api-error.ts';
import { productOr404, recordIdOf, recordOr404, type ApiContext } from './context.ts';
import { SEARCH_FILTER_PARAMS, recordFilters } from './filters.ts';
import { enumParam, intParam, parseParams, timeParam } from './params.ts';
import { recordText } from './products.ts';
import { CACHE, json, utf8 } from './responses.ts';
import { harpJson, recordJson } from './views.ts';

export const MAX_LIMIT = 1000;

export const SEARCH_PARAMS = {
  start: timeParam('Start of the time range (inclusive). Default: no lower bound.'),
  stop: timeParam('End of the time range (exclusive). Default: no upper bound.', { example: '2026-11-26T00:00:00Z' }),
  ...SEARCH_FILTER_PARAMS,
  include_superseded: enumParam('Also list versions superseded by a better one (e.g. a temporary map replaced by the archived one).', ['true', 'false'] as const, {
    default: 'false',
  }),
  order: enumParam('Time order of the results.', ['asc', 'desc'] as const, { default: 'asc' }),
  limit: intParam(`Page size.`, 1, MAX_LIMIT, { default: 100 }),
  offset: intParam('Number of matching records to skip.', 0, 1_000_000_000, { default: 0 }),
};

export const HARP_PARAMS = {
  start: timeParam('Start of the time range (inclusive). Default: no lower bound.'),
  stop: timeParam('End of the time range (exclusive). Default: no upper bound.', { example: '2026-11-26T00:00:00Z' }),
  data_type: enumParam<DataType>('nrt or sci (HARP numbers of the two series differ).', DATA_TYPES),
};

function checkRange(start: number | undefined, stop: number | undefined): void {
  if (start !== undefined && stop !== undefined && stop <= start) throw ApiError.badRequest('stop must be later than start (the range is [start, stop))');
}

export function recordRoutes(api: ApiContext): Hono {
  const app = new Hono();
  const { catalogue } = api.deps;

  app.get('/products/:id/records', (c) => {
    const product = productOr404(c.req.param('id'));
    const given = c.req.queries();
    const p = parseParams(SEARCH_PARAMS, given);
    checkRange(p.start, p.stop);
    const q = {
      ...recordFilters(product, p),
      ...(p.start !== undefined ? { startMs: p.start } : {}),
      ...(p.stop !== undefined ? { stopMs: p.stop } : {}),
      currentOnly: p.include_superseded !== 'true',
      order: p.order,
      limit: p.limit,
      offset: p.offset,
    };
    // The answer depends on the catalogue and the query only: cached until the catalogue changes
    // (forecasters' pages repeat the same searches; a search costs two queries and a page of JSON).
    const text = api.view.memo(
      `search:${product.id}?${new URL(c.req.url).search}`,
      () => {
        const total = catalogue.countRecords(q);
        const records = p.offset < total ? catalogue.findRecords(q) : [];
        const page = (offset: number): string => {
          const qs = new URLSearchParams();
          for (const [k, v] of Object.entries(given)) if (k !== 'offset' && k !== 'limit') qs.set(k, v[0]);
          qs.set('limit', String(p.limit));
          qs.set('offset', String(offset));
          return JSON.stringify(`${api.views.baseUrl}/api/products/${product.id}/records?${qs}`);
        };
        const next = p.offset + records.length < total && records.length > 0 ? page(p.offset + p.limit) : 'null';
        const previous = p.offset > 0 ? page(Math.max(0, p.offset - p.limit)) : 'null';
        return utf8(
          `{"total":${total},"limit":${p.limit},"offset":${p.offset},"records":[${records.map((r) => recordText(api, r, product)).join(',')}],` +
            `"next":${next},"previous":${previous}}`,
        );
      },
      { sizeOf: (b) => b.length },
    );
    return json(c, text, { cacheControl: CACHE.search });
  });

  app.get('/records/:id', (c) => {
    const id = recordIdOf(c.req.param('id'));
    parseParams({}, c.req.queries());
    const { record, product } = recordOr404(api, id);
    const text = JSON.stringify(recordJson(record, product, api.views, true));
    // A superseded record never changes again; a current one changes once, if a better version arrives.
    return json(c, text, { cacheControl: record.supersededBy === null ? CACHE.record : CACHE.immutable, etag: true });
  });

  app.get('/harps', (c) => {
    const p = parseParams(HARP_PARAMS, c.req.queries());
    checkRange(p.start, p.stop);
    const text = api.view.memo(
      `harps:${p.start}:${p.stop}:${p.data_type}`,
      () => {
        const harps = catalogue.harps({ startMs: p.start, stopMs: p.stop, dataType: p.data_type });
        return JSON.stringify({ harps: harps.map((h) => harpJson(h, api.views, harpDatasetId(h.dataType, h.harpnum))) });
      },
      { sizeOf: (s) => s.length },
    );
    return json(c, text, { cacheControl: CACHE.search });
  });

  return app;
}
