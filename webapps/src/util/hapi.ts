/**
 * HAPI on the client: request URLs, the JSON answer turned into uPlot columns (fill → null,
 * times → epoch seconds), and copy-paste snippets for curl and Python hapiclient.
 *
 * @module
 */
import type { HapiParameter } from '../../../products/src/definitions/types.ts';
import { isoUtc } from './time.ts';

/** `/hapi/data?dataset=...&parameters=...&start=...&stop=...&format=json`. */
export function hapiDataUrl(base: string, dataset: string, parameters: readonly string[], startMs: number, stopMs: number, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams({ dataset, ...(parameters.length ? { parameters: parameters.join(',') } : {}), start: isoUtc(startMs), stop: isoUtc(stopMs) });
  if (format !== 'csv') q.set('format', format);
  return `${base}/data?${readable(q)}`;
}

/** A query string with ':' and ',' left as they are (legal in a query, easier to read and paste). */
export function readable(q: URLSearchParams): string {
  return q.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** The part of a HAPI /info answer the pages use. */
export interface HapiInfo {
  startDate: string;
  stopDate: string;
}

/**
 * Clip a request to the dataset's [startDate, stopDate] (HAPI servers answer 1405 outside it);
 * undefined when nothing is left.
 */
export function clipToInfo(info: HapiInfo, startMs: number, stopMs: number): { startMs: number; stopMs: number } | undefined {
  const first = parseHapiTime(info.startDate);
  const last = parseHapiTime(info.stopDate);
  const s = Number.isFinite(first) ? Math.max(startMs, first) : startMs;
  const e = Number.isFinite(last) ? Math.min(stopMs, last) : stopMs;
  return s < e ? { startMs: s, stopMs: e } : undefined;
}

export function hapiInfoUrl(base: string, dataset: string): string {
  return `${base}/info?${readable(new URLSearchParams({ dataset }))}`;
}

/** Columns for uPlot: x in epoch seconds, one array per parameter with null for fill. */
export interface HapiColumns {
  times: number[];
  series: { name: string; units: string | null; values: (number | null)[] }[];
}

export class HapiResponseError extends Error {
  override name = 'HapiResponseError';
}

const HAPI_TIME = /^(\d{4})-(?:(\d{2})-(\d{2})|(\d{3}))(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?Z?$/;

/**
 * Epoch milliseconds of a HAPI isotime: `YYYY-MM-DDThh:mm:ss.sssssssssZ` or day-of-year
 * `YYYY-DDDThh:mm...`, truncated at any field; fractions below the millisecond are dropped.
 */
export function parseHapiTime(s: string): number {
  const m = HAPI_TIME.exec(s);
  if (!m) return Number.NaN;
  const [, y, mo, d, doy, h = '0', mi = '0', sec = '0', frac = ''] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  if (doy) return Date.UTC(+y, 0, +doy, +h, +mi, +sec, ms);
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, ms);
}

function isFill(v: unknown, fill: string | null): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number' && Number.isNaN(v)) return true;
  if (typeof v === 'string' && (v === 'NaN' || v === 'nan' || v === '')) return true;
  if (fill === null) return false;
  const f = Number(fill);
  return Number.isNaN(f) ? false : Number(v) === f;
}

/**
 * Turn a HAPI JSON data answer into columns. `wanted` are the requested parameters (after Time),
 * in order; values equal to the declared fill (or NaN) become null.
 */
export function parseHapiJson(body: unknown, wanted: readonly HapiParameter[]): HapiColumns {
  const b = body as { data?: unknown[][]; status?: { code?: number; message?: string } };
  if (!b || !Array.isArray(b.data)) {
    const status = b?.status;
    throw new HapiResponseError(status ? `HAPI ${status.code}: ${status.message}` : 'the HAPI answer has no data array');
  }
  const times: number[] = [];
  const series = wanted.map((p) => ({ name: p.name, units: Array.isArray(p.units) ? p.units.join(' ') : p.units, values: [] as (number | null)[] }));
  for (const row of b.data) {
    const t = parseHapiTime(String(row[0]));
    if (!Number.isFinite(t)) throw new HapiResponseError(`bad HAPI time ${String(row[0]).slice(0, 40)}`);
    times.push(t / 1000);
    wanted.forEach((p, i) => {
      const v = row[i + 1];
      series[i].values.push(isFill(v, p.fill) ? null : Number(v));
    });
  }
  return { times, series };
}

/** Parse a HAPI CSV data answer (no header) into the same columns. */
export function parseHapiCsv(text: string, wanted: readonly HapiParameter[]): HapiColumns {
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => l.split(','));
  return parseHapiJson({ data: rows.map((r) => r.map((c, i) => (i === 0 ? c : c === '' ? null : c))) }, wanted);
}

/** `curl -sS '...'` for a URL (single quotes, so shells keep & and ?). */
export function curlSnippet(url: string): string {
  return `curl -sS '${url.replace(/'/g, "'\\''")}'`;
}

/** A Python hapiclient call that fetches the same data. */
export function pythonSnippet(server: string, dataset: string, parameters: readonly string[], startMs: number, stopMs: number): string {
  return [
    'from hapiclient import hapi',
    '',
    `server = '${server}'`,
    `dataset = '${dataset}'`,
    `parameters = '${parameters.join(',')}'`,
    `start, stop = '${isoUtc(startMs)}', '${isoUtc(stopMs)}'`,
    'data, meta = hapi(server, dataset, parameters, start, stop)',
    "print(data['Time'][:3], data.dtype.names)",
  ].join('\n');
}
