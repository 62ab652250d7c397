/**
 * Our own port of the checks of the community HAPI verifier (verifier-nodejs), re-implemented from
 * their description in HAPI.md section 10, not copied. It runs the same request sequence against a
 * live server over a real socket and records pass / warn / fail per check. Differences on purpose:
 *
 * - a request that does not answer (after one retry with twice the timeout) is a failure wherever
 *   it happens, data requests included (the verifier only warns there);
 * - the string-fill checks are failures (as the verifier's quirk makes them anyway);
 * - the type checks look at every line of a data answer, not only the first.
 *
 * @module
 */
import fs from 'node:fs';
import { request, type HttpResult } from './client.ts';
import { SCHEMA_FILE, schemaErrors, type SchemaName } from './schema.ts';
import { parseCsv, widthOf, type ParamInfo } from './values.ts';

export type Severity = 'fail' | 'warn';

export interface CheckResult {
  check: string;
  url: string;
  ok: boolean;
  severity: Severity;
  detail: string;
}

export class VerifierReport {
  readonly results: CheckResult[] = [];

  add(check: string, url: string, ok: boolean, detail = '', severity: Severity = 'fail'): boolean {
    this.results.push({ check, url, ok, severity, detail });
    return ok;
  }

  get failures(): CheckResult[] {
    return this.results.filter((r) => !r.ok && r.severity === 'fail');
  }

  get warnings(): CheckResult[] {
    return this.results.filter((r) => !r.ok && r.severity === 'warn');
  }

  /** Names of the checks that ran at least once. */
  get checksRun(): Set<string> {
    return new Set(this.results.map((r) => r.check));
  }
}

export interface VerifyOptions {
  metaTimeoutMs?: number;
  dataTimeoutMs?: number;
  /** Restrict the per-dataset checks to these ids (default: every id of /catalog). */
  datasets?: readonly string[];
}

// ------------------------------------------------------------------ HAPI time, from the schema

let timePatterns: RegExp[] | undefined;

/**
 * A HAPI time as the verifier judges it: one of the schema's HAPIDateTime regexes, plus a valid
 * day of month / day of year (the schema leaves those to code).
 */
export function isHapiTimeBySchema(s: string): boolean {
  timePatterns ??= (JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')).HAPIDateTime.anyOf as { pattern?: string }[])
    .filter((a) => a.pattern)
    .map((a) => new RegExp(a.pattern!));
  if (!timePatterns.some((re) => re.test(s))) return false;
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }
  const doy = /^(\d{4})-(\d{3})(?:[TZ]|$)/.exec(s);
  if (doy) {
    const y = Number(doy[1]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return Number(doy[2]) >= 1 && Number(doy[2]) <= (leap ? 366 : 365);
  }
  return true;
}

/** `2024-05-01T00:00:00.000Z` → `2024-122T00:00:00.000Z` (the verifier's second time form). */
export function toDayOfYear(iso: string): string {
  const ms = Date.parse(iso);
  const d = new Date(ms);
  const doy = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(doy).padStart(3, '0')}${iso.slice(10)}`;
}

// ------------------------------------------------------------------ metadata checks

const VECTOR_COMPONENTS = ['x', 'y', 'z', 'r', 'rho', 'latitude', 'colatitude', 'longitude', 'longitude0', 'altitude', 'other'];

function shapeMatches(v: unknown, size: number[]): boolean {
  if (!size.length) return !Array.isArray(v);
  return Array.isArray(v) && v.length === size[0] && v.every((x) => shapeMatches(x, size.slice(1)));
}

/** units / label: one string for all elements, or an array of exactly the parameter's shape. */
function unitsOrLabelOk(v: unknown, size: number[] | undefined, allowNull: boolean): boolean {
  if (v === null) return allowNull;
  if (typeof v === 'string') return v !== '';
  if (!Array.isArray(v) || !size) return false;
  const leavesOk = (x: unknown): boolean => (Array.isArray(x) ? x.every(leavesOk) : typeof x === 'string' && x !== '');
  return shapeMatches(v, size) && leavesOk(v);
}

type Param = ParamInfo & { units?: unknown; label?: unknown; bins?: Record<string, unknown>[]; vectorComponents?: unknown; coordinateSystemName?: string };

/** The per-parameter checks of an /info body. */
export function checkInfo(report: VerifierReport, url: string, info: Record<string, unknown>): void {
  const params = (info.parameters as Param[]) ?? [];
  report.add('FormatInHeader', url, !('format' in info), 'a plain /info must not have format');
  report.add('DefinitionsOK', url, !('definitions' in info), 'references must be resolved by default');
  report.add('CadenceGiven', url, typeof info.cadence === 'string', 'cadence is recommended', 'warn');
  const names = params.map((p) => p.name);
  report.add('UniqueParameterNames', url, new Set(names).size === names.length, 'parameter names must be unique');
  report.add('UniqueParameterNamesCase', url, new Set(names.map((n) => n.toLowerCase())).size === names.length, 'names may not differ only by case');

  const first = params[0];
  report.add('FirstParameterName', url, first?.name === 'Time', 'the primary time should be named Time', 'warn');
  report.add('FirstParameterOK', url, first?.type === 'isotime' && first.units === 'UTC' && (first.fill === null || first.fill === undefined), 'first parameter: isotime, units UTC, fill null');

  const start = Date.parse(info.startDate as string);
  const stop = Date.parse(info.stopDate as string);
  report.add('TimeIncreasing', url, start < stop, 'startDate < stopDate');
  const hasS = 'sampleStartDate' in info;
  const hasE = 'sampleStopDate' in info;
  report.add('SampleBothOrNeither', url, hasS === hasE, 'give sampleStartDate and sampleStopDate together');
  if (hasS && hasE) {
    const s = Date.parse(info.sampleStartDate as string);
    const e = Date.parse(info.sampleStopDate as string);
    report.add('SampleTimeIncreasing', url, s < e, 'sampleStartDate < sampleStopDate');
    report.add('SampleInsideRange', url, s >= start && e <= stop, 'the sample window lies within [startDate, stopDate]');
  }
  for (const key of ['startDate', 'stopDate', 'sampleStartDate', 'sampleStopDate']) {
    if (typeof info[key] === 'string') report.add('HAPITime', url, isHapiTimeBySchema(info[key] as string), `${key} is a HAPI time`);
  }

  const byName = new Map(params.map((p) => [p.name, p]));
  for (const p of params) {
    const where = `${url} parameter ${p.name}`;
    const text = p.type === 'string' || p.type === 'isotime';
    report.add('LengthAppropriate', where, text ? Number.isInteger(p.length) && p.length! > 0 : p.length === undefined, 'length exactly for string and isotime');
    if (p.size !== undefined) {
      report.add('SizeOK', where, Array.isArray(p.size) && p.size.length > 0 && p.size.every((n) => Number.isInteger(n) && n > 0), 'size: positive integers');
      report.add('SizeNotOne', where, !(p.size.length === 1 && p.size[0] === 1), 'size [1] is discouraged', 'warn');
    }
    if (p.type === 'isotime') report.add('TimeParameterUnitsOK', where, p.units === 'UTC', 'isotime units must be UTC');
    report.add('UnitsOK', where, unitsOrLabelOk(p.units, p.size, true), 'units: null, a string, or an array of the parameter shape');
    if ('label' in p) report.add('LabelOK', where, unitsOrLabelOk(p.label, p.size, false), 'label: a string or an array of the parameter shape');
    if ('stringType' in p) report.add('StringTypeUnitsNull', where, p.type === 'string' && p.units === null, 'uri strings should have units null', 'warn');

    // Fill.
    const fill = p.fill;
    if (p !== first && fill !== null) {
      if (typeof fill !== 'string') report.add('FillOK', where, false, 'fill must be a string or null');
      else if (p.type === 'double') report.add('FillOK', where, fill === 'NaN' || (fill.trim() !== '' && Number.isFinite(Number(fill))), 'a double fill parses to a number or is NaN');
      else if (p.type === 'integer') {
        report.add('FillOK', where, /^-?\d+$/.test(fill) && Number(fill) >= -(2 ** 31) && Number(fill) < 2 ** 31, 'an integer fill is an int32 without decimal point');
      } else if (p.type === 'string') {
        report.add('FillOK', where, Buffer.byteLength(fill) <= (p.length ?? 0), 'a string fill fits in length');
        report.add('FillNotNumeric', where, !(fill.trim() !== '' && Number.isFinite(Number(fill))) && fill !== 'NaN', 'a string fill should not look like a number');
        report.add('FillNotNull', where, fill.toLowerCase() !== 'null', 'a string fill of "null" is ambiguous');
      } else {
        report.add('HAPITime', where, isHapiTimeBySchema(fill), 'an isotime fill is a HAPI time');
        report.add('FillOK', where, fill.length === p.length, 'an isotime fill has exactly length characters');
      }
    }

    // Vector components.
    if (p.vectorComponents !== undefined) {
      const vc = p.vectorComponents;
      const ok = Array.isArray(vc)
        ? p.size?.length === 1 && vc.length === p.size[0] && vc.every((c) => VECTOR_COMPONENTS.includes(c as string))
        : typeof vc === 'string' && p.size === undefined && VECTOR_COMPONENTS.includes(vc);
      report.add('VectorComponentsOK', where, ok, 'vectorComponents: one name per element of size[0]');
    }

    // Bins.
    if (p.bins !== undefined) {
      report.add('BinsOnlyForArrays', where, p.size !== undefined, 'bins need size');
      report.add('BinsLengthOK', where, p.bins.length === (p.size?.length ?? 0), 'one bins object per dimension');
      p.bins.forEach((b, d) => {
        const n = p.size?.[d] ?? -1;
        const bw = `${where} bins[${d}]`;
        report.add('BinsLabelOrUnitsOK', bw, (b.units === null || typeof b.units === 'string') && (b.label === undefined || typeof b.label === 'string'), 'bin units/label are scalars');
        report.add('BinsCentersOrRangesOK', bw, 'centers' in b || 'ranges' in b, 'centers and/or ranges');
        const ref = (name: string, shape: number[]): boolean => {
          const q = byName.get(name);
          return !!q && q !== p && !q.bins && (q.type === 'double' || q.type === 'integer') && JSON.stringify(q.size) === JSON.stringify(shape) && !Array.isArray(q.units) && !Array.isArray(q.label);
        };
        if ('centers' in b) {
          const c = b.centers;
          const ok = c === null ? !('ranges' in b) : typeof c === 'string' ? ref(c, [n]) : Array.isArray(c) && c.length === n && c.every((x) => typeof x === 'number');
          report.add('BinsCentersOrRangesOK', bw, ok, 'centers: size[d] numbers, null, or a parameter name');
        }
        if ('ranges' in b) {
          const r = b.ranges;
          const ok = typeof r === 'string' ? ref(r, [n, 2]) : Array.isArray(r) && r.length === n && r.every((x) => Array.isArray(x) && x.length === 2 && x.every((y) => typeof y === 'number'));
          report.add('BinsCentersOrRangesOK', bw, ok, 'ranges: size[d] [min,max] pairs, or a parameter name');
        }
      });
    }
  }
}

// ------------------------------------------------------------------ data checks

/** Checks of CSV data lines (a few per line, every line). Returns the parsed records. */
function checkCsv(report: VerifierReport, url: string, body: string, params: Param[], start: string, stop: string): string[][] {
  report.add('CSVFirstCharDigit', url, /^[0-9]/.test(body), 'the body starts with a digit');
  report.add('CSVEndsWithOneNewline', url, body.endsWith('\n') && !body.endsWith('\n\n'), 'the body ends with exactly one newline');
  const rows = parseCsv(body);
  const columns = params.reduce((n, p) => n + widthOf(p), 0);
  const badCount = rows.findIndex((r) => r.length !== columns);
  report.add('NumberOfColumnsCorrect', url, badCount < 0, badCount < 0 ? '' : `line ${badCount + 1} has ${rows[badCount].length} columns, expected ${columns}`);
  const startMs = Date.parse(start);
  const stopMs = Date.parse(stop);
  let prev = Number.NEGATIVE_INFINITY;
  let timeOk = true;
  let lengthOk = true;
  let increasing = true;
  let inBounds = true;
  let typeError = '';
  for (const [i, r] of rows.entries()) {
    const t = r[0];
    if (!isHapiTimeBySchema(t)) timeOk = false;
    if (t.length !== params[0].length) lengthOk = false;
    const ms = Date.parse(t);
    if (!(ms > prev)) increasing = false;
    if (ms < startMs || ms >= stopMs) inBounds = false;
    prev = ms;
    let f = 1;
    for (const p of params.slice(1)) {
      for (let k = 0; k < widthOf(p); k++, f++) {
        const v = r[f] ?? '';
        const ok =
          p.type === 'double'
            ? v === 'NaN' || v === p.fill || (v.trim() !== '' && !Number.isNaN(Number(v)))
            : p.type === 'integer'
              ? /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31
              : p.type === 'isotime'
                ? v === p.fill || (isHapiTimeBySchema(v) && Buffer.byteLength(v) <= p.length!)
                : Buffer.byteLength(v) <= p.length!;
        if (!ok && !typeError) typeError = `line ${i + 1}, ${p.name}[${k}]: not a valid ${p.type}`;
      }
    }
  }
  report.add('HAPITime', url, timeOk, 'every time is a HAPI time');
  report.add('LengthOK', url, lengthOk, 'every time has the Time parameter length');
  report.add('TimeIncreasing', url, increasing, 'times strictly increase');
  report.add('TimeInBounds', url, inBounds, 'start <= time < stop');
  report.add('TypeCorrect', url, !typeError, typeError);
  return rows;
}

// ------------------------------------------------------------------ the run

/** Run the verifier's sequence against `hapiUrl` (e.g. http://127.0.0.1:1234/hapi). */
export async function verifyServer(hapiUrl: string, opts: VerifyOptions = {}): Promise<VerifierReport> {
  const report = new VerifierReport();
  const meta = opts.metaTimeoutMs ?? 1000;
  const dataTimeout = opts.dataTimeoutMs ?? 5000;

  const get = async (url: string, timeoutMs: number, headers: Record<string, string> = {}, redirects = 0): Promise<HttpResult | undefined> => {
    try {
      return await request(url, { timeoutMs, headers, redirects });
    } catch (e) {
      report.add('RequestError', url, false, `${(e as Error).message}; retrying with twice the timeout`, 'warn');
      try {
        return await request(url, { timeoutMs: 2 * timeoutMs, headers, redirects });
      } catch (e2) {
        report.add('RequestError', url, false, (e2 as Error).message, 'fail');
        return undefined;
      }
    }
  };

  const json = (url: string, res: HttpResult, schema?: SchemaName): Record<string, unknown> | undefined => {
    report.add('ContentType', url, /^application\/json/.test(String(res.headers['content-type'])), `got ${res.headers['content-type']}`);
    report.add('CORSAvailable', url, res.headers['access-control-allow-origin'] === '*', 'Access-Control-Allow-Origin: *', 'warn');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      report.add('JSONParsable', url, false, 'the body is not JSON');
      return undefined;
    }
    report.add('HAPIVersion', url, body.HAPI === '3.3', 'HAPI is 3.3');
    if (schema) {
      const errors = schemaErrors(schema, body);
      report.add('HAPIJSON', url, errors.length === 0, errors.join('; '));
    }
    return body;
  };

  const metadata = async (endpoint: string, schema: SchemaName): Promise<Record<string, unknown> | undefined> => {
    const url = `${hapiUrl}/${endpoint}`;
    const res = await get(url, meta);
    if (!res) return undefined;
    report.add('HTTP200', url, res.status === 200, `status ${res.status}`);
    report.add('LastModifiedGiven', url, typeof res.headers['last-modified'] === 'string', 'Last-Modified on metadata', 'warn');
    return json(url, res, schema);
  };

  // 1. Landing page.
  const landingSlash = await get(`${hapiUrl}/`, meta, {}, 3);
  if (landingSlash) report.add('LandingHTML', `${hapiUrl}/`, landingSlash.status === 200 && /^text\/html/.test(String(landingSlash.headers['content-type'])), 'following redirects gives 200 text/html', 'warn');
  const landing = await get(hapiUrl, meta);
  if (landing) report.add('HTTP302or200', hapiUrl, landing.status === 200 || (landing.status === 302 && String(landing.headers.location).endsWith('/hapi/')), `status ${landing.status}`, 'warn');

  // 2. capabilities and about.
  const caps = await metadata('capabilities', 'capabilities');
  if (caps) report.add('AllowedOutputFormat', `${hapiUrl}/capabilities`, Array.isArray(caps.outputFormats) && caps.outputFormats.includes('csv'), 'csv is listed');
  await metadata('about', 'about');

  // 3. catalog.
  const catalog = await metadata('catalog', 'catalog');
  if (!catalog) return report;
  const entries = (catalog.catalog as { id: string; title?: string }[]) ?? [];
  const ids = entries.map((e) => e.id);
  report.add('Unique', `${hapiUrl}/catalog`, new Set(ids).size === ids.length, 'dataset ids are unique');
  for (const e of entries) {
    report.add('TooLong', `${hapiUrl}/catalog ${e.id}`, (e.title ?? e.id).length <= 40, 'titles of at most 40 characters', 'warn');
    report.add('CIdentifier', `${hapiUrl}/catalog ${e.id}`, /^[_a-zA-Z][_a-zA-Z0-9]{1,30}$/.test(e.id), 'ids like C identifiers', 'warn');
  }
  const depthAll = new Map<string, unknown>();
  for (const depth of ((caps?.catalogDepthOptions as string[]) ?? []).filter((d) => d !== 'dataset')) {
    const url = `${hapiUrl}/catalog?depth=${depth}`;
    const res = await get(url, meta);
    const body = res && json(url, res, 'catalog');
    if (body && depth === 'all') for (const e of body.catalog as { id: string; info?: unknown }[]) depthAll.set(e.id, e.info);
  }

  // 4. Unknown dataset.
  {
    const url = `${hapiUrl}/info?id=a_test_of_an_invalid_id_by_verifier-nodejs`;
    const res = await get(url, meta);
    if (res) {
      report.add('HTTP404', url, res.status === 404, `status ${res.status}`);
      const body = json(url, res, 'error');
      const status = body?.status as { code?: number; message?: string } | undefined;
      report.add('ErrorCorrect', url, status?.code === 1406, `code ${status?.code}`);
      report.add('StatusInformative', url, !!status?.message?.includes('HAPI error 1406'), 'message contains "HAPI error 1406"', 'warn');
    }
  }

  // 5-13. Per dataset.
  const chosen = opts.datasets ? ids.filter((id) => opts.datasets!.includes(id)) : ids;
  for (const id of chosen) await verifyDataset(report, hapiUrl, id, depthAll.get(id), get, json, meta, dataTimeout);
  return report;
}

type Getter = (url: string, timeoutMs: number, headers?: Record<string, string>, redirects?: number) => Promise<HttpResult | undefined>;
type JsonReader = (url: string, res: HttpResult, schema?: SchemaName) => Record<string, unknown> | undefined;

function withoutIgnored(info: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(info).filter(([k]) => !['HAPI', 'status', 'format', 'creationDate'].includes(k) && !k.startsWith('x_')));
}

async function verifyDataset(report: VerifierReport, hapiUrl: string, id: string, catalogInfo: unknown, get: Getter, json: JsonReader, meta: number, dataTimeout: number): Promise<void> {
  const q = encodeURIComponent(id);
  const infoUrl = `${hapiUrl}/info?id=${q}`;
  const res = await get(infoUrl, meta);
  if (!res) return;
  report.add('HTTP200', infoUrl, res.status === 200, `status ${res.status}`);
  report.add('LastModifiedGiven', infoUrl, typeof res.headers['last-modified'] === 'string', 'Last-Modified on metadata', 'warn');
  const info = json(infoUrl, res, 'info');
  if (!info) return;
  checkInfo(report, infoUrl, info);
  const params = info.parameters as Param[];

  if (catalogInfo !== undefined) {
    report.add('InfoSame', `${hapiUrl}/catalog?depth=all ${id}`, JSON.stringify(withoutIgnored(catalogInfo as Record<string, unknown>)) === JSON.stringify(withoutIgnored(info)), 'catalog depth=all info equals /info');
  }

  // 6. One-parameter info.
  if (params.length > 1) {
    const url = `${hapiUrl}/info?id=${q}&parameters=${encodeURIComponent(params[1].name)}`;
    const r = await get(url, meta);
    const sub = r && json(url, r, 'info');
    if (sub) {
      const sp = sub.parameters as Param[];
      report.add('InfoEquivalent', url, sp.length === 2 && JSON.stringify(sp[0]) === JSON.stringify(params[0]) && JSON.stringify(sp[1]) === JSON.stringify(params[1]), 'Time and the parameter, as in the full header');
    } else if (!r) report.add('InfoEquivalent', url, false, 'no answer');
  }

  // 7. dataset= spelling.
  {
    const url = `${hapiUrl}/info?dataset=${q}`;
    const r = await get(url, meta);
    const same = r && json(url, r, 'info');
    report.add('InfoSame', url, !!same && JSON.stringify(same) === JSON.stringify(info), '/info?dataset= equals /info?id=', 'warn');
  }

  // 8. Time range.
  let start: string;
  let stop: string;
  if (typeof info.sampleStartDate === 'string' && typeof info.sampleStopDate === 'string') {
    start = info.sampleStartDate;
    stop = info.sampleStopDate;
  } else {
    report.add('SampleGiven', infoUrl, false, 'no sample dates: data checks use startDate + 1 day', 'warn');
    start = info.startDate as string;
    stop = new Date(Date.parse(start) + 86_400_000).toISOString();
  }
  const base = `${hapiUrl}/data?id=${q}&time.min=${start}&time.max=${stop}`;
  const all = await get(base, dataTimeout);
  if (!all) return;
  report.add('HTTP200', base, all.status === 200, `status ${all.status}`);
  report.add('ContentType', base, /^text\/csv/.test(String(all.headers['content-type'])), `got ${all.headers['content-type']}`);
  report.add('CORSAvailable', base, all.headers['access-control-allow-origin'] === '*', 'Access-Control-Allow-Origin: *', 'warn');
  const allText = all.body.toString('utf8');
  if (!report.add('NonEmpty', base, allText.length > 0, 'the sample window holds data')) return;
  const allRows = checkCsv(report, base, allText, params, start, stop);
  const gz = await get(base, dataTimeout, { 'accept-encoding': 'gzip' });
  if (gz) report.add('CompressionAvailable', base, gz.headers['content-encoding'] === 'gzip' && gz.body.equals(all.body), 'gzip when accepted, same content', 'warn');

  // 9. Day-of-year times.
  {
    const url = `${hapiUrl}/data?id=${q}&time.min=${toDayOfYear(start)}&time.max=${toDayOfYear(stop)}`;
    const r = await get(url, dataTimeout);
    report.add('FileContentSame', url, !!r && r.body.equals(all.body), 'day-of-year times give the same bytes');
  }
  // 10. Empty parameters.
  {
    const url = `${base}&parameters=`;
    const r = await get(url, dataTimeout);
    report.add('FileContentSame', url, !!r && r.body.equals(all.body), 'parameters= gives the same bytes');
  }
  // 11. Header.
  {
    const url = `${base}&include=header`;
    const r = await get(url, dataTimeout);
    if (r) {
      const text = r.body.toString('utf8');
      const lines = text.split('\n');
      const headerLines = lines.filter((l) => l.startsWith('#'));
      let header: Record<string, unknown> | undefined;
      try {
        header = JSON.parse(headerLines.map((l) => l.slice(1)).join('\n'));
      } catch {
        report.add('HeaderParsable', url, false, 'the # header is not JSON');
      }
      if (header) {
        report.add('FormatInHeader', url, header.format === 'csv', 'the data header has format csv');
        report.add('HeaderSame', url, JSON.stringify(withoutIgnored(header)) === JSON.stringify(withoutIgnored(info)), 'the header equals /info', 'warn');
        report.add('FileContentSame', url, lines.slice(headerLines.length).join('\n') === allText, 'the data after the header equals the plain answer');
      }
    } else report.add('HeaderParsable', url, false, 'no answer');
  }
  // 12. No-data probe.
  {
    const s = Date.parse(start);
    const url = `${hapiUrl}/data?id=${q}&time.min=${new Date(s + 1).toISOString()}&time.max=${new Date(s + 3).toISOString()}`;
    const r = await get(url, dataTimeout);
    if (r && r.body.length === 0) report.add('Status1201', url, r.statusMessage.includes('HAPI 1201'), 'an empty body says HAPI 1201 in the reason phrase', 'warn');
  }
  // 13. One parameter at a time.
  let column = 1;
  for (const [j, p] of params.entries()) {
    const url = `${base}&parameters=${encodeURIComponent(p.name)}`;
    const r = await get(url, dataTimeout);
    const w = j === 0 ? 0 : widthOf(p);
    if (r) {
      report.add('HTTP200', url, r.status === 200, `status ${r.status}`);
      report.add('ContentType', url, /^text\/csv/.test(String(r.headers['content-type'])), `got ${r.headers['content-type']}`);
      const subset = j === 0 ? [params[0]] : [params[0], p];
      const rows = checkCsv(report, url, r.body.toString('utf8'), subset, start, stop);
      if (j === 0) report.add('SizeCorrect', url, rows.every((row) => row.length === 1), 'time only: one column');
      const expected = allRows.map((row) => [row[0], ...row.slice(column, column + w)].join('\u0000'));
      const got = rows.map((row) => row.join('\u0000'));
      report.add('FileContentConsistent', url, JSON.stringify(expected) === JSON.stringify(got), 'the columns equal those of the all-parameter answer');
    }
    column += w;
  }
}
