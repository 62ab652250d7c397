/**
 * Strict reading of HAPI request parameters (HAPI.md sections 1 and 5): every endpoint has a closed
 * list of names, unknown names are 1401, repeated names 1400, and each value is checked with the
 * specific code of the table (1402/1403 times, 1404 order, 1409 format, 1410 include, 1412
 * resolve_references, 1413 depth). HAPI 3 names and their 2.x aliases (`id`, `time.min`,
 * `time.max`) are both accepted; giving both spellings of one parameter is 1400.
 *
 * @module
 */
import { HapiError } from './errors.ts';
import { compareInstants, parseHapiTime, type HapiInstant } from './time.ts';

export type DataFormat = 'csv' | 'binary' | 'json';

/** The names each endpoint accepts (HAPI 3.3 with the 2.x aliases). */
export const ENDPOINT_PARAMETERS = {
  about: [],
  capabilities: [],
  catalog: ['depth', 'resolve_references'],
  info: ['dataset', 'id', 'parameters', 'resolve_references'],
  data: ['dataset', 'id', 'start', 'time.min', 'stop', 'time.max', 'parameters', 'include', 'format'],
} as const satisfies Record<string, readonly string[]>;

export type Endpoint = keyof typeof ENDPOINT_PARAMETERS;

function describeAllowed(endpoint: Endpoint): string {
  const names = ENDPOINT_PARAMETERS[endpoint];
  return names.length ? `/hapi/${endpoint} accepts ${names.join(', ')}` : `/hapi/${endpoint} takes no request parameters`;
}

/**
 * Read the query string of a request URL for one endpoint. `URLSearchParams` never throws, so any
 * byte soup becomes names and values that the checks below reject.
 */
export function readQuery(url: string, endpoint: Endpoint): Map<string, string> {
  const q = url.indexOf('?');
  const out = new Map<string, string>();
  if (q < 0) return out;
  const allowed: readonly string[] = ENDPOINT_PARAMETERS[endpoint];
  const hash = url.indexOf('#', q);
  for (const [name, value] of new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash))) {
    if (!allowed.includes(name)) throw new HapiError(1401, describeAllowed(endpoint));
    if (out.has(name)) throw new HapiError(1400, 'each request parameter may be given only once');
    out.set(name, value);
  }
  return out;
}

/** The value of a parameter given under its HAPI 3 name or its 2.x alias (not both). */
function either(q: Map<string, string>, name: string, alias: string): string | undefined {
  const a = q.get(name);
  const b = q.get(alias);
  if (a !== undefined && b !== undefined) throw new HapiError(1400, `give ${name} or its HAPI 2 alias ${alias}, not both`);
  return a ?? b;
}

/** The dataset id of an info or data request (required). */
export function datasetId(q: Map<string, string>): string {
  const id = either(q, 'dataset', 'id');
  if (!id) throw new HapiError(1400, 'dataset (or id) is required; see /hapi/catalog for the dataset ids');
  return id;
}

/** `resolve_references`: true (default) or false; anything else is 1412. */
export function resolveReferences(q: Map<string, string>): boolean {
  const v = q.get('resolve_references');
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw new HapiError(1412, 'resolve_references must be true or false');
}

/** `depth` of a catalog request: dataset (default) or all; anything else is 1413. */
export function catalogDepth(q: Map<string, string>): 'dataset' | 'all' {
  const v = q.get('depth');
  if (v === undefined || v === 'dataset') return 'dataset';
  if (v === 'all') return 'all';
  throw new HapiError(1413, 'depth must be dataset or all');
}

/** `format` of a data request: csv (default, also for an empty value), binary or json; else 1409. */
export function dataFormat(q: Map<string, string>): DataFormat {
  const v = q.get('format');
  if (v === undefined || v === '' || v === 'csv') return 'csv';
  if (v === 'binary' || v === 'json') return v;
  throw new HapiError(1409, 'format must be csv, binary or json');
}

/** `include`: only `header` is defined (an empty value means no header); else 1410. */
export function includeHeader(q: Map<string, string>): boolean {
  const v = q.get('include');
  if (v === undefined || v === '') return false;
  if (v === 'header') return true;
  throw new HapiError(1410, 'include must be header');
}

/** Start and stop of a data request: 1402/1403 for missing or malformed times, 1404 for start >= stop. */
export function timeRange(q: Map<string, string>): { start: HapiInstant; stop: HapiInstant } {
  const startText = either(q, 'start', 'time.min');
  const stopText = either(q, 'stop', 'time.max');
  if (startText === undefined || startText === '') throw new HapiError(1402, 'start (or time.min) is required, e.g. start=2024-05-01T00:00Z');
  const start = parseHapiTime(startText);
  if (!start.ok) throw new HapiError(1402, `start: ${start.reason}`);
  if (stopText === undefined || stopText === '') throw new HapiError(1403, 'stop (or time.max) is required, e.g. stop=2024-05-02T00:00Z');
  const stop = parseHapiTime(stopText);
  if (!stop.ok) throw new HapiError(1403, `stop: ${stop.reason}`);
  if (compareInstants(start.instant, stop.instant) >= 0) throw new HapiError(1404, 'start must be before stop');
  return { start: start.instant, stop: stop.instant };
}

/**
 * Indices (into `names`, the dataset's parameters after Time) of a `parameters` list. Empty or
 * absent means all. `Time` may be named (first); the list must follow the dataset's order without
 * repetition (1411); unknown names are 1407.
 */
export function parameterSelection(q: Map<string, string>, timeName: string, names: readonly string[]): number[] {
  const text = q.get('parameters');
  if (text === undefined || text === '') return names.map((_, i) => i);
  const index = new Map(names.map((n, i) => [n, i]));
  const positions = text.split(',').map((n) => {
    if (n === timeName) return -1;
    const i = index.get(n);
    if (i === undefined) throw new HapiError(1407, 'see /hapi/info for the parameter names of this dataset');
    return i;
  });
  for (let k = 1; k < positions.length; k++) {
    if (positions[k] <= positions[k - 1]) {
      throw new HapiError(1411, 'list parameters once each, in the order of /hapi/info');
    }
  }
  return positions.filter((p) => p >= 0);
}
