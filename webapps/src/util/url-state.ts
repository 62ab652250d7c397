/**
 * The Query page state and its URL form, so that a query can be shared: `?start=...&stop=...&
 * parameter=171&map_type=archived&page=2&plot=disk_radiance`. Keys are those of the product API
 * search. Bad or unknown values fall back to defaults (and are reported), never throw.
 *
 * @module
 */
import { DATA_TYPES, MAP_TYPES, type ProductDefinition } from '../../../products/src/definitions/types.ts';
import { readable } from './hapi.ts';
import { isoUtc, parseUtc } from './time.ts';

export interface QueryState {
  startMs: number;
  stopMs: number;
  /** Channel id; undefined = all channels. */
  parameter?: string;
  /** map_type (synoptic) or data_type (DEM, currents) value; undefined = all. */
  version?: string;
  harpnum?: number;
  noaa?: number;
  /** 0-based page of the results table. */
  page: number;
  /** HAPI parameter shown in the plot. */
  plot?: string;
}

/** Results per page of the records table. */
export const PAGE_SIZE = 20;

/** The API/URL name of the version filter: map_type or data_type. */
export function versionKey(product: ProductDefinition): 'map_type' | 'data_type' {
  return product.versionKind === 'mapType' ? 'map_type' : 'data_type';
}

export function versionValues(product: ProductDefinition): readonly string[] {
  return product.versionKind === 'mapType' ? MAP_TYPES : DATA_TYPES;
}

/** Default time span of a query: 48 cadences, between one and seven days, ending now. */
export function defaultQueryState(product: ProductDefinition, nowMs: number): QueryState {
  const span = Math.min(7 * 86400, Math.max(86400, 48 * product.cadenceSeconds)) * 1000;
  const stopMs = Math.ceil(nowMs / 3_600_000) * 3_600_000;
  return { startMs: stopMs - span, stopMs, parameter: product.channels.length > 1 ? product.channels[0].id : undefined, page: 0 };
}

/** Parse `location.search`; returns the state and the names of the parameters that were ignored. */
export function parseQueryState(search: string, product: ProductDefinition, nowMs: number): { state: QueryState; ignored: string[] } {
  const q = new URLSearchParams(search);
  const state = defaultQueryState(product, nowMs);
  const ignored: string[] = [];
  const int = (name: string, min: number): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) {
      ignored.push(name);
      return undefined;
    }
    return v;
  };
  const start = q.get('start');
  const stop = q.get('stop');
  const startMs = start ? parseUtc(start) : undefined;
  const stopMs = stop ? parseUtc(stop) : undefined;
  if (start && startMs === undefined) ignored.push('start');
  if (stop && stopMs === undefined) ignored.push('stop');
  if (startMs !== undefined && stopMs !== undefined && startMs >= stopMs) ignored.push('start', 'stop');
  else {
    if (startMs !== undefined) state.startMs = startMs;
    if (stopMs !== undefined) state.stopMs = stopMs;
    if (state.startMs >= state.stopMs) state.startMs = state.stopMs - 86_400_000;
  }
  const parameter = q.get('parameter');
  if (parameter !== null) {
    if (parameter === '') state.parameter = undefined;
    else if (product.channels.some((c) => c.id === parameter)) state.parameter = parameter;
    else ignored.push('parameter');
  }
  const version = q.get(versionKey(product));
  if (version) {
    if (versionValues(product).includes(version)) state.version = version;
    else ignored.push(versionKey(product));
  }
  if (product.id === 'currents') {
    state.harpnum = int('harpnum', 1);
    state.noaa = int('noaa', 1);
  }
  state.page = int('page', 0) ?? 0;
  const plot = q.get('plot');
  if (plot) state.plot = plot;
  return { state, ignored };
}

/** The URL query string of a state (only what differs from "everything"). */
export function queryStateToSearch(state: QueryState, product: ProductDefinition): string {
  const q = new URLSearchParams({ start: isoUtc(state.startMs), stop: isoUtc(state.stopMs) });
  q.set('parameter', state.parameter ?? '');
  if (state.version) q.set(versionKey(product), state.version);
  if (state.harpnum !== undefined) q.set('harpnum', String(state.harpnum));
  if (state.noaa !== undefined) q.set('noaa', String(state.noaa));
  if (state.page > 0) q.set('page', String(state.page));
  if (state.plot) q.set('plot', state.plot);
  return `?${readable(q)}`;
}

/** The product API search URL of a state (`/api/products/{id}/records?...`). */
export function recordsApiUrl(apiBase: string, product: ProductDefinition, state: QueryState, limit = PAGE_SIZE): string {
  const q = new URLSearchParams({ start: isoUtc(state.startMs), stop: isoUtc(state.stopMs) });
  if (state.parameter) q.set('parameter', state.parameter);
  if (state.version) q.set(versionKey(product), state.version);
  if (state.harpnum !== undefined) q.set('harpnum', String(state.harpnum));
  if (state.noaa !== undefined) q.set('noaa', String(state.noaa));
  q.set('limit', String(limit));
  q.set('offset', String(state.page * limit));
  return `${apiBase}/products/${product.id}/records?${readable(q)}`;
}
