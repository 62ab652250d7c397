/**
 * The JSON metadata of the HAPI server (about, capabilities, catalog entries, info), built from the
 * dataset definitions, the stored records' summaries and the configuration. Pure functions: the
 * registry (`registry.ts`) caches what they return.
 *
 * Date rules (decided here, documented on the landing page):
 * - `startDate` is 00:00 UTC of the first record's day; `stopDate` is 00:00 UTC of the day after the
 *   last record, or of the day after today while the dataset is ongoing (last record less than
 *   `ONGOING_DAYS` old), as HAPI 3.3 section 4.2 recommends for growing datasets, so that a request
 *   up to "now" is never refused with 1405.
 * - A dataset without records yet: startDate = its nominal start (day), stopDate = the day after
 *   today; no sample dates; a `note` says so; data requests inside answer 1201 (no data).
 * - `sampleStartDate`/`sampleStopDate` span the last few records (up to 20, fewer for wide arrays),
 *   rounded out to whole minutes, so the window always holds data.
 *
 * @module
 */
import type { HapiBins, HapiDatasetDefinition, HapiParameter, ProductDefinition } from '../../../products/src/definitions/types.ts';
import { datasetResourceId, recordUrl, repositoryId } from '../../../spase/src/ids.ts';
import type { Config } from '../config.ts';
import { HAPI_VERSION, okStatus } from './errors.ts';
import type { DatasetSummary } from './store/store.ts';
import { dayOf, durationMs, formatHapiTime, HAPI_TIME_LENGTH, MS_PER_DAY } from './time.ts';

/** A dataset whose last record is younger than this is "ongoing": its stopDate follows today. */
export const ONGOING_DAYS = 3;

/** How many values a sample window should hold at most (keeps sample requests small for maps). */
const SAMPLE_VALUES = 200_000;
const SAMPLE_RECORDS = 20;

/** A parameter as HAPI publishes it (the definition without our internal keys). */
export type PublicParameter = Omit<HapiParameter, 'x_spase'>;

/** An /info body without HAPI and status (the form catalog?depth=all embeds). */
export interface InfoBody {
  startDate: string;
  stopDate: string;
  sampleStartDate?: string;
  sampleStopDate?: string;
  parameters: (PublicParameter | Record<string, unknown>)[];
  definitions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What the metadata of one dataset is built from. */
export interface DatasetState {
  def: HapiDatasetDefinition;
  product: ProductDefinition | undefined;
  summary: DatasetSummary | undefined;
  /** Times of the last records (ascending) for the sample window; empty without records. */
  lastTimes: readonly number[];
}

/** The primary time parameter that the server adds in front of every dataset's parameters. */
export function timeParameter(def: Pick<HapiDatasetDefinition, 'timeStampLocation'>): PublicParameter {
  return {
    name: 'Time',
    type: 'isotime',
    units: 'UTC',
    fill: null,
    length: HAPI_TIME_LENGTH,
    description: `Time of the record, UTC (timeStampLocation ${def.timeStampLocation ?? 'center'}).`,
  };
}

/** A definition's parameter without internal (`x_spase`) keys, in a stable key order. */
export function publicParameter(p: HapiParameter): PublicParameter {
  const out: PublicParameter = { name: p.name, type: p.type, units: p.units, fill: p.fill };
  if (p.length !== undefined) out.length = p.length;
  if (p.size !== undefined) out.size = [...p.size];
  if (p.description !== undefined) out.description = p.description;
  if (p.label !== undefined) out.label = p.label;
  if (p.stringType !== undefined) out.stringType = p.stringType;
  if (p.coordinateSystemName !== undefined) out.coordinateSystemName = p.coordinateSystemName;
  if (p.vectorComponents !== undefined) out.vectorComponents = p.vectorComponents;
  if (p.bins !== undefined) out.bins = p.bins.map((b) => ({ ...b }));
  return out;
}

/** Number of CSV/binary columns of a parameter (product of its size; 1 for scalars). */
export function valuesPerRecord(p: Pick<HapiParameter, 'size'>): number {
  return (p.size ?? [1]).reduce((a, b) => a * b, 1);
}

/** The availability interval [startMs, stopMs) that /info announces and 1405 enforces. */
export function availability(state: DatasetState, nowMs: number): { startMs: number; stopMs: number } {
  const today = dayOf(nowMs);
  const s = state.summary;
  if (!s || s.count === 0) {
    const nominal = Date.parse(state.def.nominalStartDate);
    const startDay = Math.min(dayOf(Number.isFinite(nominal) ? nominal : 0), today);
    return { startMs: startDay * MS_PER_DAY, stopMs: (today + 1) * MS_PER_DAY };
  }
  const lastDay = dayOf(s.lastMs);
  const ongoing = nowMs - s.lastMs < ONGOING_DAYS * MS_PER_DAY;
  return { startMs: dayOf(s.firstMs) * MS_PER_DAY, stopMs: (Math.max(lastDay, ongoing ? today : lastDay) + 1) * MS_PER_DAY };
}

/** How many of the last records the sample window should span for this dataset. */
export function sampleRecordCount(def: HapiDatasetDefinition): number {
  const values = def.parameters.reduce((n, p) => n + valuesPerRecord(p), 1);
  return Math.max(1, Math.min(SAMPLE_RECORDS, Math.floor(SAMPLE_VALUES / values)));
}

/**
 * [start, stop) around the given record times, rounded out to whole minutes, keeping only the
 * latest records whose window fits in `maxSpanMs` (a sample request must not earn a 1408).
 */
export function sampleWindow(times: readonly number[], maxSpanMs = Number.POSITIVE_INFINITY): { startMs: number; stopMs: number } | undefined {
  if (!times.length) return undefined;
  const minute = 60_000;
  const last = times[times.length - 1];
  const stopMs = (Math.floor(last / minute) + 1) * minute;
  for (const t of times) {
    const startMs = Math.floor(t / minute) * minute;
    if (stopMs - startMs <= maxSpanMs) return { startMs, stopMs };
  }
  return { startMs: last, stopMs: last + 1 };
}

/** The longest all-parameter request span of a dataset (its maxRequestDuration), or Infinity. */
export function maxSpanOf(def: Pick<HapiDatasetDefinition, 'maxRequestDuration'>): number {
  return (def.maxRequestDuration && durationMs(def.maxRequestDuration)) || Number.POSITIVE_INFINITY;
}

/** SPDX licence page of a licence id such as CC-BY-4.0. */
export function licenseUrl(spdxId: string): string {
  return `https://spdx.org/licenses/${encodeURIComponent(spdxId)}.html`;
}

/**
 * Move bins objects shared by two or more parameters into `definitions` and point at them with
 * `$ref` (HAPI 3.3 section 3.6.14), for `resolve_references=false`.
 */
function withReferences(parameters: PublicParameter[]): { parameters: (PublicParameter | Record<string, unknown>)[]; definitions?: Record<string, unknown> } {
  const uses = new Map<string, number>();
  for (const p of parameters) for (const b of p.bins ?? []) uses.set(JSON.stringify(b), (uses.get(JSON.stringify(b)) ?? 0) + 1);
  const names = new Map<string, string>();
  const definitions: Record<string, unknown> = {};
  for (const [key, n] of uses) {
    if (n < 2) continue;
    const bin = JSON.parse(key) as HapiBins;
    let name = `${bin.name.replace(/[^A-Za-z0-9_]/g, '_')}_bins`;
    for (let k = 2; name in definitions; k++) name = `${bin.name}_bins_${k}`;
    definitions[name] = bin;
    names.set(key, name);
  }
  if (!names.size) return { parameters };
  return {
    definitions,
    parameters: parameters.map((p) =>
      p.bins ? { ...p, bins: p.bins.map((b) => (names.has(JSON.stringify(b)) ? { $ref: `#/definitions/${names.get(JSON.stringify(b))}` } : b)) } : p,
    ),
  };
}

/** The /info body of a dataset (all parameters), without HAPI and status. */
export function infoBody(state: DatasetState, config: Config, nowMs: number, opts: { resolveReferences: boolean }): InfoBody {
  const { def, product } = state;
  const { startMs, stopMs } = availability(state, nowMs);
  const info = { startDate: formatHapiTime(startMs), stopDate: formatHapiTime(stopMs) } as InfoBody;
  const sample = sampleWindow(state.lastTimes, maxSpanOf(def));
  if (sample) {
    info.sampleStartDate = formatHapiTime(sample.startMs);
    info.sampleStopDate = formatHapiTime(sample.stopMs);
  }
  if (def.cadence) info.cadence = def.cadence;
  info.timeStampLocation = def.timeStampLocation ?? 'center';
  if (def.maxRequestDuration) info.maxRequestDuration = def.maxRequestDuration;
  info.description = def.description;
  if (product) {
    const id = datasetResourceId(config.spaseAuthority, product, def);
    info.resourceID = id;
    info.resourceURL = `${config.baseUrl}/portal/${product.id}/help`;
    info.provenance = `${product.title}: ${product.spase.providerProcessingLevel}. Derived from SDO/${product.instrument} data, ${config.portal.sdoCredit}.`;
    // One object, not an array: the verifier's pinned schema copy accepts only this form.
    info.additionalMetadata = { name: 'SPASE', contentURL: recordUrl(config.baseUrl, id), aboutURL: 'https://spase-group.org' };
  }
  info.contact = config.portal.helpdeskEmail;
  info.datasetCitation = `${config.portal.centreLongName}, ${def.title} (HAPI dataset ${def.id}), ${config.baseUrl}/hapi/info?dataset=${encodeURIComponent(def.id)}. Acknowledge: ${config.portal.acknowledgement}.`;
  info.licenseURL = licenseUrl(config.dataLicence);
  const notes = [...(def.note ? [def.note] : []), ...(!state.summary?.count ? ['No records yet: data requests answer HAPI 1201 (no data) until the first record arrives.'] : [])];
  if (notes.length) info.note = notes.length === 1 ? notes[0] : notes;
  const parameters = [timeParameter(def), ...def.parameters.map(publicParameter)];
  if (opts.resolveReferences) info.parameters = parameters;
  else {
    const r = withReferences(parameters);
    if (r.definitions) info.definitions = r.definitions;
    info.parameters = r.parameters;
  }
  return info;
}

/** The same info restricted to Time and the selected parameters (indices after Time). */
export function subsetInfo(info: InfoBody, selected: readonly number[]): InfoBody {
  if (selected.length === info.parameters.length - 1) return info;
  return { ...info, parameters: [info.parameters[0], ...selected.map((i) => info.parameters[i + 1])] };
}

/** /hapi/capabilities. */
export function capabilitiesBody(): Record<string, unknown> {
  return { HAPI: HAPI_VERSION, status: okStatus(), outputFormats: ['csv', 'binary', 'json'], catalogDepthOptions: ['dataset', 'all'] };
}

/** /hapi/about; `dataTest` points at a sample window that holds data (when any dataset has one). */
export function aboutBody(config: Config, dataTest?: { dataset: string; start: string; stop: string }): Record<string, unknown> {
  const about: Record<string, unknown> = {
    HAPI: HAPI_VERSION,
    status: okStatus(),
    id: `${config.spaseAuthority}/${config.portal.centreName}/SDO-map-products`,
    title: 'SDO solar map products',
    contact: config.portal.helpdeskEmail,
    description:
      `Solar space-weather map products from SDO/AIA and SDO/HMI by ${config.portal.centreLongName}: synchronous synoptic maps, ` +
      'coronal DEM maps and active-region electric currents, as summary indices, file listings and low-resolution maps. ' +
      config.portal.networkStatement,
    resourceID: repositoryId(config.spaseAuthority, config.portal.centreName),
    serverCitation: `${config.portal.centreLongName}, SDO map products HAPI server, ${config.baseUrl}/hapi. Acknowledge: ${config.portal.acknowledgement}.`,
  };
  if (dataTest) about.dataTest = { name: `recent records of ${dataTest.dataset}`, query: { ...dataTest, parameters: '' } };
  return about;
}
