/**
 * Catalogue records and product definitions → the JSON the product API serves (snake_case keys,
 * ISO 8601 UTC times with Z, absolute URLs under BASE_URL). Pure functions.
 *
 * @module
 */
import { DATA_TYPES, MAP_TYPES, type HapiDatasetDefinition, type ProductDefinition } from '../../../products/src/definitions/index.ts';
import { productNumericalDataId, recordUrl } from '../../../spase/src/ids.ts';
import type { HarpEntry, ProductRecord } from '../catalogue/catalogue.ts';
import { isoTime } from './params.ts';
import type { HarpJson, ProductDetailJson, ProductJson, RecordJson } from './schemas.ts';

/** What the serialisers need to know about the deployment. */
export interface ViewContext {
  baseUrl: string;
  spaseAuthority: string;
}

/** URL of a product file (path relative to the products directory), as a root-relative path. */
export function dataPath(relative: string): string {
  return `/data/${relative.split('/').map(encodeURIComponent).join('/')}`;
}

export function productJson(p: ProductDefinition, ctx: ViewContext): ProductJson {
  const api = `${ctx.baseUrl}/api/products/${p.id}`;
  const versionKind = p.versionKind === 'mapType' ? 'map_type' : 'data_type';
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    ...(p.portalCode ? { portal_code: p.portalCode } : {}),
    instrument: p.instrument,
    cadence: p.cadence,
    cadence_seconds: p.cadenceSeconds,
    expected_latency_seconds: p.expectedLatencySeconds,
    late_after_seconds: p.cadenceSeconds + p.expectedLatencySeconds,
    version_kind: versionKind,
    versions: [...(versionKind === 'map_type' ? MAP_TYPES : DATA_TYPES)],
    nominal_start_date: isoTime(Date.parse(p.nominalStartDate)),
    channels: p.channels.map((ch) => ({
      id: ch.id,
      label: ch.label,
      ...(ch.wavelength !== undefined ? { wavelength: ch.wavelength } : {}),
      input_series: ch.inputSeries,
      planes: ch.planes.map((pl) => ({
        id: pl.id,
        label: pl.label,
        description: pl.description,
        units: pl.units,
        extname: pl.extname,
        display: { colour_table: pl.display.colourTable, scale: pl.display.scale, ...(pl.display.range ? { range: pl.display.range } : {}) },
      })),
    })),
    links: {
      self: api,
      latest: `${api}/latest`,
      records: `${api}/records`,
      portal: `${ctx.baseUrl}/portal/${p.id}/latest`,
      spase: recordUrl(ctx.baseUrl, productNumericalDataId(ctx.spaseAuthority, p)),
      ...(p.id === 'currents' ? { harps: `${ctx.baseUrl}/api/harps` } : {}),
    },
  };
}

export function productDetailJson(
  p: ProductDefinition,
  ctx: ViewContext,
  extent: { firstMs: number; lastMs: number; count: number } | undefined,
  datasets: readonly HapiDatasetDefinition[],
): ProductDetailJson {
  return {
    ...productJson(p, ctx),
    extent: extent ? { first: isoTime(extent.firstMs), last: isoTime(extent.lastMs), count: extent.count } : null,
    hapi_datasets: datasets.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      ...(d.cadence ? { cadence: d.cadence } : {}),
      info_url: `${ctx.baseUrl}/hapi/info?dataset=${encodeURIComponent(d.id)}`,
    })),
  };
}

/** The JSON of one record; `withInputs` adds the input files (single-record answers only). */
export function recordJson(r: ProductRecord, product: ProductDefinition, ctx: ViewContext, withInputs = false): RecordJson {
  const self = `${ctx.baseUrl}/api/records/${r.id}`;
  const channel = product.channels.find((c) => c.id === r.parameter);
  const files: RecordJson['files'] = {};
  for (const f of r.files) {
    files[f.kind] = { url: `${ctx.baseUrl}${dataPath(f.path)}`, name: f.path.slice(f.path.lastIndexOf('/') + 1), bytes: f.bytes, sha256: f.sha256, media_type: f.mediaType };
  }
  const hasFits = r.files.some((f) => f.kind === 'fits');
  return {
    id: r.id,
    product: r.product,
    parameter: r.parameter,
    time: isoTime(r.timeMs),
    ...(r.mapType ? { map_type: r.mapType } : {}),
    ...(r.dataType ? { data_type: r.dataType } : {}),
    version: r.version,
    ...(r.harpnum !== undefined ? { harpnum: r.harpnum } : {}),
    noaa_ars: r.noaaArs ?? [],
    production_time: isoTime(r.productionTimeMs),
    pipeline_version: r.pipelineVersion,
    summary: r.summary,
    superseded_by: r.supersededBy,
    files,
    planes:
      hasFits && channel
        ? channel.planes.map((pl) => ({ id: pl.id, label: pl.label, units: pl.units, extname: pl.extname, url: `${self}/planes/${encodeURIComponent(pl.id)}` }))
        : [],
    ...(withInputs ? { inputs: r.inputs.map((i) => ({ path: i.path, sha256: i.sha256 })) } : {}),
    links: {
      self,
      product: `${ctx.baseUrl}/api/products/${r.product}`,
      pixel: `${self}/pixel`,
      ...(r.supersededBy !== null ? { superseded_by: `${ctx.baseUrl}/api/records/${r.supersededBy}` } : {}),
    },
  };
}

export function harpJson(h: HarpEntry, ctx: ViewContext, hapiDatasetId: string): HarpJson {
  const q = new URLSearchParams({ data_type: h.dataType, harpnum: String(h.harpnum) });
  return {
    harpnum: h.harpnum,
    data_type: h.dataType,
    noaa_ars: h.noaaArs,
    first_time: isoTime(h.firstMs),
    last_time: isoTime(h.lastMs),
    links: {
      records: `${ctx.baseUrl}/api/products/currents/records?${q}`,
      hapi_info: `${ctx.baseUrl}/hapi/info?dataset=${encodeURIComponent(hapiDatasetId)}`,
    },
  };
}
