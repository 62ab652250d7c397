/**
 * The OpenAPI 3.1 document of the product API, served at `/api/openapi.json`. Parameters come from
 * the same declarations that validate requests (`params.ts`), response schemas from the zod
 * schemas the serialisers are typed against (`schemas.ts`), so the document cannot drift from the
 * code; the prose (what "late" means, caching, errors) is written here.
 *
 * @module
 */
import { z } from 'zod';
import { PRODUCT_IDS } from '../../../products/src/definitions/index.ts';
import { FILTER_PARAMS } from './filters.ts';
import { MAX_SYNOPTIC_RESULTS } from './jhelioviewer.ts';
import { openApiParameters, TIME_FORMAT } from './params.ts';
import { PIXEL_PARAMS } from './planes.ts';
import { HARP_PARAMS, MAX_LIMIT, SEARCH_PARAMS } from './records.ts';
import { CACHE } from './responses.ts';
import { COMPONENTS } from './schemas.ts';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (schema: object) => ({ 'application/json': { schema } });

const DESCRIPTION = `
JSON API of the SDO map products: product metadata, the latest map of each product and channel,
searches by time range and filters, records with links to their files, HARP lists, plane values
and pixel readouts, and the synoptic-map search used by JHelioviewer.

**Conventions.** Keys are snake_case. Times are ISO 8601 UTC with \`Z\` (\`2026-11-25T12:00:00Z\`);
time parameters accept ${TIME_FORMAT}. Time ranges are \`[start, stop)\`. URLs in answers are absolute
(BASE_URL), except the JHelioviewer answers whose \`fits_file\` paths are root-relative.

**Latest and lateness.** \`/api/products/{id}/latest\` returns the most recent current record at or
before now (for \`map_type=forecast\`, the most recent forecast, usually ahead of now), with
\`age_seconds = now - record.time\`. The record is **late** when
\`age_seconds > cadence_seconds + expected_latency_seconds\` (both from the product definition, given
as \`late_after_seconds\`): one more map should have arrived by then.

**Versions.** Synoptic maps carry \`map_type\` (forecast, nowcast, temporary, archived), DEM and
currents carry \`data_type\` (nrt, sci), all carry \`version\`. A record superseded by a better version
of the same map (archived > temporary > nowcast > forecast, sci > nrt, higher version) has
\`superseded_by\` set and is left out of searches and latest unless \`include_superseded=true\`.

**Paging.** Searches return \`total\`, \`limit\` (1 to ${MAX_LIMIT}, default 100), \`offset\`, and \`next\` /
\`previous\` URLs (null at the ends). The order is stable: time, then id, ascending by default, so
records that arrive during paging only extend the last page.

**Errors.** Every error is JSON \`{"error": {"status", "code", "message"}}\` with the HTTP status; the
message says what was wrong and what is valid. Unknown or repeated query parameters are errors.

**Caching.** latest: \`${CACHE.latest}\`; searches and HARP lists: \`${CACHE.search}\`; product
metadata: \`${CACHE.metadata}\` with \`Last-Modified\` (answers 304 to \`If-Modified-Since\`); a current
record: \`${CACHE.record}\` with an \`ETag\`; a superseded record, plane values and pixel readouts:
\`${CACHE.immutable}\`. JSON answers are gzip-compressed when the client accepts it.
`.trim();

/**
 * Component schemas from the zod schemas: zod's `$schema` and fragment `$id` (not allowed in
 * 2020-12) are dropped at the top of each schema, and its safe-integer bounds (noise) everywhere.
 */
function componentSchemas(): Record<string, unknown> {
  void COMPONENTS; // the schemas register themselves (meta ids) when this module is evaluated
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` });
  const ids = new Set(Object.values(COMPONENTS).map((s) => (z.globalRegistry.get(s) as { id: string }).id));
  const clean = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(clean);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const safeBound = (k === 'minimum' || k === 'maximum') && typeof v === 'number' && Math.abs(v) === Number.MAX_SAFE_INTEGER;
      if (!safeBound) out[k] = clean(v);
    }
    return out;
  };
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([id]) => ids.has(id))
      .map(([id, schema]) => {
        const { $schema: _dialect, $id: _fragmentId, ...rest } = schema as Record<string, unknown>;
        return [id, clean(rest)];
      }),
  );
}

const errors = (...codes: (400 | 404 | 405 | 413)[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: { 400: 'invalid parameters or body; the message says what is valid', 404: 'no such product, record, plane or endpoint', 405: 'method not allowed', 413: 'body too large' }[code],
        content: jsonContent(ref('Error')),
      },
    ]),
  );

const productId = { name: 'id', in: 'path', required: true, description: 'Product id.', schema: { type: 'string', enum: [...PRODUCT_IDS] } };
const recordId = { name: 'id', in: 'path', required: true, description: 'Record id (the id field of search results).', schema: { type: 'integer', minimum: 1 } };
const notModified = { 304: { description: 'not modified (conditional request)' } };

function synopticSearch(summary: string, channels: string): Record<string, unknown> {
  return {
    post: {
      tags: ['JHelioviewer'],
      summary,
      description:
        `The search of JHelioviewer's "New Synoptic Layer" dialog. Channels: ${channels}. \`start_date\` and \`end_date\` are UTC days, both included. ` +
        '`latest: true` (default) keeps the best map of each channel and reference time among the map types asked for (archived > temporary > nowcast > forecast, then the highest version); `false` lists every version. ' +
        `Each item's \`_resources.fits_file\` is a root-relative \`/data/...\` path of a FITS map with CRLN-CAR/CRLT-CAR axes. At most ${MAX_SYNOPTIC_RESULTS} maps per search; an empty result is \`[]\`.`,
      requestBody: { required: true, content: jsonContent(ref('SynopticQuery')) },
      responses: { 200: { description: 'the maps found, by date', content: jsonContent({ type: 'array', items: ref('SynopticMap') }) }, ...errors(400, 405, 413) },
    },
  };
}

/** The OpenAPI 3.1 document; `baseUrl` becomes the server URL. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'SDO map products: product API', version: '1.0.0', description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: baseUrl }],
    tags: [{ name: 'Products' }, { name: 'Records' }, { name: 'Values' }, { name: 'JHelioviewer' }],
    paths: {
      '/api/products': {
        get: { tags: ['Products'], summary: 'List the products', operationId: 'listProducts', responses: { 200: { description: 'the products', content: jsonContent(ref('ProductList')) }, ...notModified, ...errors(400) } },
      },
      '/api/products/{id}': {
        get: {
          tags: ['Products'],
          summary: 'Describe one product',
          operationId: 'getProduct',
          description: 'The product with its channels and planes, the time extent of its current records and its HAPI datasets.',
          parameters: [productId],
          responses: { 200: { description: 'the product', content: jsonContent(ref('ProductDetail')) }, ...notModified, ...errors(400, 404) },
        },
      },
      '/api/products/{id}/latest': {
        get: {
          tags: ['Products'],
          summary: 'The latest record, its age and whether the feed is late',
          operationId: 'getLatest',
          description: 'Late means age_seconds > cadence_seconds + expected_latency_seconds. 404 when no record matches yet.',
          parameters: [productId, ...openApiParameters(FILTER_PARAMS, 'query')],
          responses: { 200: { description: 'the latest record', content: jsonContent(ref('Latest')) }, ...errors(400, 404) },
        },
      },
      '/api/products/{id}/records': {
        get: {
          tags: ['Records'],
          summary: 'Search records by time range and filters, with paging',
          operationId: 'searchRecords',
          parameters: [productId, ...openApiParameters(SEARCH_PARAMS, 'query')],
          responses: { 200: { description: 'one page of matching records', content: jsonContent(ref('SearchPage')) }, ...errors(400, 404) },
        },
      },
      '/api/records/{id}': {
        get: {
          tags: ['Records'],
          summary: 'One record, with links to its files',
          operationId: 'getRecord',
          parameters: [recordId],
          responses: { 200: { description: 'the record, with its input files', content: jsonContent(ref('Record')) }, ...notModified, ...errors(400, 404) },
        },
      },
      '/api/records/{id}/planes/{plane}': {
        get: {
          tags: ['Values'],
          summary: 'Raw values of one plane of the record FITS file',
          operationId: 'getPlane',
          description:
            'Little-endian IEEE float32 values, X-Width x X-Height of them, x fastest, row 0 = FITS row 0 = the bottom of the map; NaN where the file has no value (BLANK, off-disk). Gzip-compressed when the client accepts gzip.',
          parameters: [recordId, { name: 'plane', in: 'path', required: true, description: 'Plane id (planes[].id of the record).', schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'the values',
              headers: {
                'X-Width': { description: 'NAXIS1', schema: { type: 'integer' } },
                'X-Height': { description: 'NAXIS2', schema: { type: 'integer' } },
                'X-Units': { description: 'BUNIT of the plane (percent-encoded if not ASCII)', schema: { type: 'string' } },
                'X-Min': { description: 'smallest finite value (absent when none)', schema: { type: 'number' } },
                'X-Max': { description: 'largest finite value (absent when none)', schema: { type: 'number' } },
              },
              content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
            },
            ...notModified,
            ...errors(400, 404),
          },
        },
      },
      '/api/records/{id}/pixel': {
        get: {
          tags: ['Values'],
          summary: 'The exact value of one pixel and its coordinates',
          operationId: 'getPixel',
          parameters: [recordId, ...openApiParameters(PIXEL_PARAMS, 'query')],
          responses: { 200: { description: 'the pixel', content: jsonContent(ref('PixelValue')) }, ...errors(400, 404) },
        },
      },
      '/api/harps': {
        get: {
          tags: ['Records'],
          summary: 'HARPs with currents maps in a time range',
          operationId: 'listHarps',
          parameters: openApiParameters(HARP_PARAMS, 'query'),
          responses: { 200: { description: 'the HARPs, by data type and number', content: jsonContent(ref('HarpList')) }, ...errors(400) },
        },
      },
      '/api/openapi.json': {
        get: { tags: ['Products'], summary: 'This document', operationId: 'getOpenApi', responses: { 200: { description: 'OpenAPI 3.1', content: jsonContent({ type: 'object' }) } } },
      },
      '/api/s005a/map/hmi': synopticSearch('Synoptic maps of the photosphere (JHelioviewer)', 'hmi.m_720s (Br), hmi.ic_720s (continuum)'),
      '/api/s050a/map/': synopticSearch('UV/EUV synoptic maps (JHelioviewer)', '94, 131, 171, 193, 211, 304, 335, 1600, 1700 (strings or numbers)'),
    },
    components: { schemas: componentSchemas() },
  };
}
