/**
 * The HAPI 3.3 server at /hapi (HAPI.md): landing page, about, capabilities, catalog, info and
 * data, with the 2.x parameter names too. Every failure is a `HapiError` that the app's onError
 * renders (HAPI JSON body, HTTP status and reason phrase); anything unexpected becomes 1500 (or
 * 1501 when the catalogue database did not answer), logged, never shown to the client.
 *
 * Data answers stream from the column chunks of the HAPI store through a byte cache of encoded
 * chunks (`data-stream.ts`); metadata answers are memoised per catalogue generation
 * (`registry.ts`) and carry Last-Modified.
 *
 * @module
 */
import { Hono, type Context } from 'hono';
import { allHapiDatasets } from '../../../products/src/definitions/index.ts';
import type { AppDeps } from '../app.ts';
import { dataStream, hasRecords } from './data-stream.ts';
import { ByteCache } from './encode/byte-cache.ts';
import { RecordEncoder } from './encode/formats.ts';
import { outputColumns } from './encode/layout.ts';
import { asHapiError, HAPI_VERSION, HapiError, okReasonPhrase, okStatus } from './errors.ts';
import { hapiHttp } from './http.ts';
import { landingPage } from './landing.ts';
import { capabilitiesBody, subsetInfo, valuesPerRecord } from './metadata.ts';
import { HapiRegistry, type DatasetEntry, type DatasetSource, type RegistrySnapshot } from './registry.ts';
import { catalogDepth, dataFormat, datasetId, includeHeader, parameterSelection, readQuery, resolveReferences, timeRange, type DataFormat } from './request.ts';
import { HapiStore } from './store/store.ts';
import { ceilMs, compareInstants, durationMs, formatHapiTime, type HapiInstant } from './time.ts';

export interface HapiRoutesOptions {
  /** The dataset registry; defaults to every product's datasets for the catalogue's HARPs. */
  datasets?: DatasetSource;
  /** Budget of the cache of encoded chunk bytes (default 256 MiB). */
  cacheBytes?: number;
  /** gzip level of data answers (default 1: CSV still shrinks about 3x at several hundred MB/s). */
  dataGzipLevel?: number;
}

const ENDPOINTS = ['about', 'capabilities', 'catalog', 'info', 'data'] as const;
const MEDIA: Record<DataFormat, string> = { csv: 'text/csv; charset=utf-8', binary: 'application/octet-stream', json: 'application/json; charset=utf-8' };
const EXTENSION: Record<DataFormat, string> = { csv: 'csv', binary: 'bin', json: 'json' };

/** `2024-05-01T00:00:00.000Z` → `20240501T000000Z` for file names. */
function compactTime(ms: number): string {
  return formatHapiTime(ms).replace(/\.000Z$/, 'Z').replace(/[-:]/g, '');
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

/** A meaningful download name: dataset, range, parameters (when a subset), format. */
export function dataFileName(dataset: string, startMs: number, stopMs: number, subset: readonly string[] | undefined, format: DataFormat): string {
  const params = subset === undefined ? '' : subset.length <= 3 ? `_${subset.map(safeName).join('-')}` : `_${subset.length}-parameters`;
  return `${safeName(dataset)}_${compactTime(startMs)}_${compactTime(stopMs)}${params}.${EXTENSION[format]}`;
}

export function hapiRoutes(deps: AppDeps, opts: HapiRoutesOptions = {}): Hono {
  const store = HapiStore.of(deps.catalogue.db);
  const registry = new HapiRegistry({
    config: deps.config,
    store,
    harps: () => deps.catalogue.harps(),
    now: deps.now,
    source: opts.datasets ?? ((harps) => allHapiDatasets(harps)),
    onDuplicate: (id) => deps.logger.warn({ dataset: id }, 'duplicate HAPI dataset id; the later definition is ignored'),
  });
  const cache = new ByteCache(opts.cacheBytes ?? 256 * 1024 * 1024);
  const capabilities = `${JSON.stringify(capabilitiesBody())}\n`;
  const app = new Hono();

  app.use('*', hapiHttp({ dataGzipLevel: opts.dataGzipLevel ?? 1 }));

  /** Run a handler; unexpected failures become HAPI 1500/1501 (logged) for the app's onError. */
  const handle =
    (fn: (c: Context) => Response | Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      try {
        return await fn(c);
      } catch (e) {
        const err = asHapiError(e);
        if (err.code >= 1500) deps.logger.error({ err: e, path: c.req.path }, 'HAPI request failed');
        throw err;
      }
    };

  /** A metadata answer with Last-Modified, honouring If-Modified-Since. */
  const metadata = (c: Context, body: string, lastModifiedMs: number): Response => {
    const headers = { 'content-type': 'application/json; charset=utf-8', 'last-modified': new Date(lastModifiedMs).toUTCString(), 'cache-control': 'no-cache' };
    const since = Date.parse(c.req.header('if-modified-since') ?? '');
    if (Number.isFinite(since) && since >= lastModifiedMs) return new Response(null, { status: 304, headers });
    return new Response(body, { headers });
  };

  const dataset = (snap: RegistrySnapshot, q: Map<string, string>): DatasetEntry => {
    const entry = snap.byId.get(datasetId(q));
    if (!entry) throw new HapiError(1406, 'see /hapi/catalog for the dataset ids');
    return entry;
  };

  app.get(
    '/',
    handle(() => {
      const snap = registry.current();
      const html = snap.memoText('landing', () => landingPage(deps.config, snap.datasets, (e) => snap.info(e, true)));
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'last-modified': new Date(snap.lastModifiedMs).toUTCString() } });
    }),
  );

  app.get(
    '/about',
    handle((c) => {
      readQuery(c.req.url, 'about');
      const snap = registry.current();
      return metadata(c, snap.aboutJson(), snap.lastModifiedMs);
    }),
  );

  app.get(
    '/capabilities',
    handle((c) => {
      readQuery(c.req.url, 'capabilities');
      return metadata(c, capabilities, Math.floor(registry.startedMs / 1000) * 1000);
    }),
  );

  app.get(
    '/catalog',
    handle((c) => {
      const q = readQuery(c.req.url, 'catalog');
      const depth = catalogDepth(q);
      const resolve = resolveReferences(q);
      const snap = registry.current();
      return metadata(c, snap.catalogJson(depth, resolve), snap.lastModifiedMs);
    }),
  );

  app.get(
    '/info',
    handle((c) => {
      const q = readQuery(c.req.url, 'info');
      const snap = registry.current();
      const entry = dataset(snap, q);
      const resolve = resolveReferences(q);
      const selected = parameterSelection(q, 'Time', entry.def.parameters.map((p) => p.name));
      const body = snap.memo(`info\u0000${entry.def.id}\u0000${resolve}\u0000${selected.join(',')}`, () => ({
        HAPI: HAPI_VERSION,
        status: okStatus(),
        ...subsetInfo(snap.info(entry, resolve), selected),
      }));
      return metadata(c, body, snap.lastModifiedMs);
    }),
  );

  app.get(
    '/data',
    handle((c) => {
      const q = readQuery(c.req.url, 'data');
      const snap = registry.current();
      const entry = dataset(snap, q);
      const { def } = entry;
      const { start, stop } = timeRange(q);
      const selected = parameterSelection(q, 'Time', def.parameters.map((p) => p.name));
      const format = dataFormat(q);
      const header = includeHeader(q);
      checkAvailability(snap, entry, start, stop);
      checkRequestSize(entry, selected, start, stop);

      const startMs = ceilMs(start);
      const stopMs = ceilMs(stop);
      const code = hasRecords(store, def.id, startMs, stopMs) ? 1200 : 1201;
      const subset = selected.length === def.parameters.length ? undefined : selected.map((i) => def.parameters[i].name);
      const headers: Record<string, string> = {
        'content-type': MEDIA[format],
        'content-disposition': `${format === 'binary' ? 'attachment' : 'inline'}; filename="${dataFileName(def.id, startMs, stopMs, subset, format)}"`,
        'cache-control': 'no-cache',
      };
      const init = { status: 200, statusText: okReasonPhrase(code), headers };
      if (c.req.method === 'HEAD') return new Response(null, init);

      const info = { HAPI: HAPI_VERSION, status: okStatus(code), format, ...subsetInfo(snap.info(entry, true), selected) };
      let head: Uint8Array | undefined;
      let tail: Uint8Array | undefined;
      if (format === 'json') {
        const text = JSON.stringify(info);
        head = Buffer.from(`${text.slice(0, -1)},\n"data":[\n`);
        tail = Buffer.from('\n]}\n');
      } else if (header) {
        head = Buffer.from(`${JSON.stringify(info, null, 2).replace(/^/gm, '#')}\n`);
      }
      if (code === 1201) return new Response(head || tail ? Buffer.concat([head ?? Buffer.alloc(0), tail ?? Buffer.alloc(0)]) : null, init);

      const encoder = new RecordEncoder(format, outputColumns(def.parameters, selected));
      const body = dataStream({
        store,
        cache,
        dataset: def.id,
        encoder,
        variant: `${format}\u0000${selected.join(',')}`,
        startMs,
        stopMs,
        head,
        tail,
        onError: (e) => deps.logger.error({ err: e, dataset: def.id }, 'HAPI data stream failed; cutting the connection'),
        onDone: (s) => deps.logger.debug({ dataset: def.id, format, ...s }, 'HAPI data sent'),
      });
      // Chunked from the start: @hono/node-server then writes the head at once and, should a pull
      // fail, destroys the socket (a truncated answer, HAPI section 3.7.5) instead of ending the
      // body early as if it were complete.
      return new Response(body, { ...init, headers: { ...headers, 'transfer-encoding': 'chunked' } });
    }),
  );

  app.options('*', (c) => c.body(null, 204));

  app.all(
    '*',
    handle((c) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        throw new HapiError(1400, 'the HAPI server answers GET and HEAD only', { allow: 'GET, HEAD, OPTIONS' }, 405);
      }
      // Trailing slash: 301 to the slashless form (HAPI.md section 1), relative so a path prefix survives.
      const path = c.req.path;
      const m = /\/([^/]+)\/$/.exec(path);
      if (m && ((ENDPOINTS as readonly string[]).includes(m[1]) || m[1] === 'hapi')) {
        const query = c.req.url.includes('?') ? c.req.url.slice(c.req.url.indexOf('?')) : '';
        return new Response(null, { status: 301, headers: { location: `../${m[1]}${query}` } });
      }
      throw new HapiError(1400, `unknown endpoint; the endpoints are ${ENDPOINTS.join(', ')} under /hapi`);
    }),
  );

  return app;
}

/** HAPI 1405 unless [start, stop) lies inside the dataset's [startDate, stopDate). */
function checkAvailability(snap: RegistrySnapshot, entry: DatasetEntry, start: HapiInstant, stop: HapiInstant): void {
  const { startMs, stopMs } = snap.availability(entry);
  if (start.ms < startMs || compareInstants(stop, { ms: stopMs, ns: 0 }) > 0) {
    throw new HapiError(1405, `this dataset has start >= ${formatHapiTime(startMs)} and stop <= ${formatHapiTime(stopMs)}`);
  }
}

/**
 * HAPI 1408 when the span exceeds the dataset's maxRequestDuration, scaled up for parameter
 * subsets: the limit is meant for all parameters, so a request for a tenth of the values may span
 * ten times longer.
 */
function checkRequestSize(entry: DatasetEntry, selected: readonly number[], start: HapiInstant, stop: HapiInstant): void {
  const max = entry.def.maxRequestDuration ? durationMs(entry.def.maxRequestDuration) : undefined;
  if (max === undefined) return;
  const all = entry.def.parameters.reduce((n, p) => n + valuesPerRecord(p), 1);
  const asked = selected.reduce((n, i) => n + valuesPerRecord(entry.def.parameters[i]), 1);
  const limit = max * (all / asked);
  if (stop.ms - start.ms > limit) {
    throw new HapiError(1408, `at most ${entry.def.maxRequestDuration} per request for all parameters of this dataset (proportionally longer for fewer)`);
  }
}
