/**
 * AIA temperature-response table: loading, validation and the fine logT grid the forward model
 * integrates on (SCIENCE.md 1.2-1.3).
 *
 * The shipped table (`products/data/aia/aia-temperature-response-v10.json`, AIA response V10,
 * EVE-normalised) is WITHOUT time-dependent degradation: the pipeline divides the observed rates
 * by the per-channel degradation factor instead (`options.ts` `degradation`, applied in `invert.ts`).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEM_BANDS } from '../definitions/dem.ts';
import { DemError } from './errors.ts';

/** The six coronal channels, in the order used by every DEM array (94, 131, 171, 193, 211, 335 Å). */
export const BANDS: readonly number[] = DEM_BANDS;
export const NBANDS = 6;

/** Units of the response values: DN cm^5 s^-1 pix^-1. */
export const RESPONSE_UNITS = 'DN cm^5 s^-1 pix^-1';

/** Default integration step of the forward model in log10 T (SCIENCE.md 1.2). */
export const FINE_STEP = 0.005;

/** Temperature responses of the six channels on the table's own logT grid. */
export interface TemperatureResponse {
  /** Units string as found in the table. */
  units: string;
  /** Strictly increasing log10 T [K]. */
  logT: Float64Array;
  /** One array per band in `BANDS` order, values in DN cm^5 s^-1 pix^-1, all > 0. */
  response: Float64Array[];
  /** Free text provenance of the table. */
  description: string;
}

const tableSchema = z.object({
  description: z.string().optional(),
  units: z.string(),
  logT: z.array(z.number()).min(2),
  channels: z.record(z.string(), z.array(z.number())),
});

/**
 * Validates a parsed response table (`{units, logT, channels: {"94": [...], ...}}`).
 * Throws `DemError('bad-response-table')` when a channel is missing, lengths differ, logT is not
 * strictly increasing, the units are not DN cm^5 s^-1 pix^-1, or a value is not finite and > 0
 * (the forward model interpolates log10 R).
 */
export function parseTemperatureResponse(json: unknown, source = 'response table'): TemperatureResponse {
  const parsed = tableSchema.safeParse(json);
  if (!parsed.success) throw new DemError('bad-response-table', `not a temperature-response table: ${parsed.error.issues[0]?.message}`, source);
  const t = parsed.data;
  if (t.units.replace(/\s+/g, ' ').trim() !== RESPONSE_UNITS) {
    throw new DemError('bad-response-table', `units "${t.units}" are not ${RESPONSE_UNITS}`, source);
  }
  const logT = Float64Array.from(t.logT);
  for (let i = 1; i < logT.length; i++) {
    if (!(logT[i] > logT[i - 1])) throw new DemError('bad-response-table', `logT not strictly increasing at index ${i}`, source);
  }
  const response = BANDS.map((band) => {
    const values = t.channels[String(band)];
    if (!values) throw new DemError('bad-response-table', `channel ${band} missing`, source);
    if (values.length !== logT.length) throw new DemError('bad-response-table', `channel ${band} has ${values.length} values for ${logT.length} temperatures`, source);
    const arr = Float64Array.from(values);
    for (let i = 0; i < arr.length; i++) {
      if (!(arr[i] > 0 && Number.isFinite(arr[i]))) throw new DemError('bad-response-table', `channel ${band} value ${i} is not finite and positive`, source);
    }
    return arr;
  });
  return { units: t.units, logT, response, description: t.description ?? '' };
}

/** Path of the shipped AIA V10 table. */
export const DEFAULT_RESPONSE_URL = new URL('../../data/aia/aia-temperature-response-v10.json', import.meta.url);

let defaultTable: TemperatureResponse | undefined;

/** Reads and validates a response table file (JSON); without argument, the shipped V10 table (cached). */
export function loadTemperatureResponse(path?: string | URL): TemperatureResponse {
  if (path === undefined && defaultTable) return defaultTable;
  const where = path ?? DEFAULT_RESPONSE_URL;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(where, 'utf8'));
  } catch (e) {
    throw new DemError('bad-response-table', `cannot read: ${(e as Error).message}`, String(where));
  }
  const table = parseTemperatureResponse(json, String(where));
  if (path === undefined) defaultTable = table;
  return table;
}

/** The responses resampled on a regular fine grid (log10 R linear in logT), for quadrature. */
export interface FineResponse {
  logT0: number;
  step: number;
  /** Number of grid points: logT_k = logT0 + k * step, k = 0 .. n-1. */
  n: number;
  /** One array of n values per band (DN cm^5 s^-1 pix^-1). */
  response: Float64Array[];
}

/**
 * Resamples the table on logT0, logT0 + step, ... up to the table's last temperature, interpolating
 * log10 R linearly in logT (R varies over ten decades; linear interpolation of R itself would
 * bias the steep flanks).
 */
export function fineResponse(table: TemperatureResponse, step = FINE_STEP): FineResponse {
  const { logT } = table;
  const logT0 = logT[0];
  const span = logT[logT.length - 1] - logT0;
  const n = Math.floor(span / step + 1e-9) + 1;
  const logR = table.response.map((r) => r.map(Math.log10));
  const response = logR.map(() => new Float64Array(n));
  let seg = 0;
  for (let k = 0; k < n; k++) {
    const t = logT0 + k * step;
    while (seg < logT.length - 2 && t > logT[seg + 1]) seg++;
    const f = (t - logT[seg]) / (logT[seg + 1] - logT[seg]);
    for (let b = 0; b < NBANDS; b++) {
      const lr = logR[b];
      response[b][k] = 10 ** (lr[seg] + f * (lr[seg + 1] - lr[seg]));
    }
  }
  return { logT0, step, n, response };
}

/** Response of each band at one temperature (log10 R interpolated linearly), `BANDS` order. */
export function responseAt(table: TemperatureResponse, logTe: number): Float64Array {
  const { logT } = table;
  if (!(logTe >= logT[0] && logTe <= logT[logT.length - 1])) throw new DemError('bad-option', `logT ${logTe} outside the table`);
  let seg = 0;
  while (seg < logT.length - 2 && logTe > logT[seg + 1]) seg++;
  const f = (logTe - logT[seg]) / (logT[seg + 1] - logT[seg]);
  return Float64Array.from(table.response, (r) => 10 ** (Math.log10(r[seg]) + f * (Math.log10(r[seg + 1]) - Math.log10(r[seg]))));
}
