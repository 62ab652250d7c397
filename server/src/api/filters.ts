/**
 * The record filters shared by `latest` and `records` (parameter/channel, map type, data type,
 * version, HARP and NOAA numbers), and the product-specific checks that make a filter that can
 * never match a 400 with the values that would, instead of a silent empty answer.
 *
 * @module
 */
import { DATA_TYPES, MAP_TYPES, type DataType, type MapType, type ProductDefinition } from '../../../products/src/definitions/index.ts';
import type { RecordQuery } from '../catalogue/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { enumParam, intParam, wordParam } from './params.ts';

export const FILTER_PARAMS = {
  parameter: wordParam('Channel of the product (the id of one of its channels, e.g. 171 or hmi.m_720s).', 'a channel id listed under channels[].id of /api/products/{id}'),
  map_type: enumParam<MapType>('Synoptic products only: version of the map.', MAP_TYPES),
  data_type: enumParam<DataType>('DEM and currents only: nrt (near real time) or sci (definitive).', DATA_TYPES),
  harpnum: intParam('Currents only: HARP number (nrt and sci numbers differ).', 1, 999_999),
};

export const SEARCH_FILTER_PARAMS = {
  ...FILTER_PARAMS,
  version: intParam('Product version number.', 0, 1_000_000),
  noaa: intParam('Currents only: a NOAA active region number contained in the HARP.', 1, 999_999),
};

type FilterValues = {
  parameter?: string;
  map_type?: MapType;
  data_type?: DataType;
  harpnum?: number;
  version?: number;
  noaa?: number;
};

/** Check filters against the product and turn them into a catalogue query. */
export function recordFilters(product: ProductDefinition, f: FilterValues): RecordQuery {
  if (f.parameter !== undefined && !product.channels.some((c) => c.id === f.parameter)) {
    throw ApiError.badRequest(`invalid parameter for ${product.id}: expected one of ${product.channels.map((c) => c.id).join(', ')}`);
  }
  if (f.map_type !== undefined && product.versionKind !== 'mapType') {
    throw ApiError.badRequest(`map_type applies to the synoptic products; ${product.id} records carry data_type (${DATA_TYPES.join(', ')})`);
  }
  if (f.data_type !== undefined && product.versionKind !== 'dataType') {
    throw ApiError.badRequest(`data_type applies to dem and currents; ${product.id} records carry map_type (${MAP_TYPES.join(', ')})`);
  }
  for (const name of ['harpnum', 'noaa'] as const) {
    if (f[name] !== undefined && product.id !== 'currents') throw ApiError.badRequest(`${name} applies to the currents product only`);
  }
  return {
    product: product.id,
    ...(f.parameter !== undefined ? { parameter: f.parameter } : {}),
    ...(f.map_type !== undefined ? { mapType: f.map_type } : {}),
    ...(f.data_type !== undefined ? { dataType: f.data_type } : {}),
    ...(f.harpnum !== undefined ? { harpnum: f.harpnum } : {}),
    ...(f.version !== undefined ? { version: f.version } : {}),
    ...(f.noaa !== undefined ? { noaa: f.noaa } : {}),
  };
}
