/**
 * The JSON shapes the product API serves, as zod schemas. They give the TypeScript types the
 * serialisers must produce (so code and documentation agree at compile time) and the component
 * schemas of the OpenAPI document. Responses are built by `views.ts`, not parsed with these.
 *
 * @module
 */
import { z } from 'zod';
import { DATA_TYPES, MAP_TYPES, PRODUCT_IDS } from '../../../products/src/definitions/types.ts';

const time = z.string().meta({ description: 'ISO 8601 UTC time with Z', example: '2026-11-25T12:00:00Z', format: 'date-time' });
const url = z.string().meta({ description: 'absolute URL', format: 'uri' });
const int = z.number().int();

export const ErrorBody = z
  .object({
    error: z.object({
      status: int.meta({ description: 'the HTTP status, repeated' }),
      code: z.string().meta({ description: 'bad_request, not_found, method_not_allowed, payload_too_large, range_not_satisfiable, internal' }),
      message: z.string().meta({ description: 'what was wrong and what is valid' }),
    }),
  })
  .meta({ id: 'Error' });

export const DisplayScale = z.object({
  colour_table: z.string(),
  scale: z.enum(['linear', 'log10', 'symmetric']),
  range: z.tuple([z.number(), z.number()]).optional().meta({ description: 'fixed range in display units (after log10 for log10 scales); absent = percentile range' }),
});

export const PlaneInfo = z
  .object({
    id: z.string().meta({ description: 'value of {plane} in /api/records/{id}/planes/{plane}' }),
    label: z.string(),
    description: z.string(),
    units: z.string(),
    extname: z.string().meta({ description: 'EXTNAME of the FITS HDU holding the plane' }),
    display: DisplayScale,
  })
  .meta({ id: 'PlaneInfo' });

export const Channel = z
  .object({
    id: z.string().meta({ description: 'value of parameter= in searches' }),
    label: z.string(),
    wavelength: z.number().optional().meta({ description: 'Angstrom' }),
    input_series: z.array(z.string()),
    planes: z.array(PlaneInfo).meta({ description: 'planes of the FITS file; the first is the main value' }),
  })
  .meta({ id: 'Channel' });

export const Product = z
  .object({
    id: z.enum(PRODUCT_IDS),
    title: z.string(),
    description: z.string(),
    portal_code: z.string().optional().meta({ description: 'ESA portal code (s005a, s050a)' }),
    instrument: z.enum(['AIA', 'HMI']),
    cadence: z.string().meta({ description: 'ISO 8601 duration' }),
    cadence_seconds: int,
    expected_latency_seconds: int,
    late_after_seconds: int.meta({ description: 'cadence_seconds + expected_latency_seconds: the latest record is late when it is older than this' }),
    version_kind: z.enum(['map_type', 'data_type']).meta({ description: 'which of map_type / data_type records of this product carry' }),
    versions: z.array(z.string()).meta({ description: 'the values of that field' }),
    nominal_start_date: time,
    channels: z.array(Channel),
    links: z.object({ self: url, latest: url, records: url, portal: url, spase: url, harps: url.optional() }),
  })
  .meta({ id: 'Product' });

export const HapiDatasetLink = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['file-listing', 'indices', 'low-resolution-map']),
  cadence: z.string().optional(),
  info_url: url,
});

export const ProductDetail = Product.extend({
  extent: z
    .object({ first: time, last: time, count: int })
    .nullable()
    .meta({ description: 'times of the first and last current records and their number; null before the first record' }),
  hapi_datasets: z.array(HapiDatasetLink),
}).meta({ id: 'ProductDetail' });

export const ProductList = z.object({ products: z.array(Product) }).meta({ id: 'ProductList' });

export const FileLink = z
  .object({ url, name: z.string(), bytes: int, sha256: z.string(), media_type: z.string() })
  .meta({ id: 'FileLink', description: 'a product file; GET supports Range, ETag and If-None-Match' });

export const PlaneLink = z
  .object({ id: z.string(), label: z.string(), units: z.string(), extname: z.string(), url: url.meta({ description: 'raw float32 values: /api/records/{id}/planes/{plane}' }) })
  .meta({ id: 'PlaneLink' });

export const Record = z
  .object({
    id: int,
    product: z.enum(PRODUCT_IDS),
    parameter: z.string().meta({ description: 'channel id' }),
    time: time.meta({ description: 'observation time (DEM, currents) or reference time (synoptic maps)' }),
    map_type: z.enum(MAP_TYPES).optional().meta({ description: 'synoptic maps only' }),
    data_type: z.enum(DATA_TYPES).optional().meta({ description: 'DEM and currents only' }),
    version: int,
    harpnum: int.optional().meta({ description: 'currents only' }),
    noaa_ars: z.array(int),
    production_time: time,
    pipeline_version: z.string(),
    summary: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).meta({ description: 'summary indices, named as in the HAPI indices dataset; null = no value' }),
    superseded_by: int.nullable().meta({ description: 'id of the better version that replaced this record, or null while it is current' }),
    files: z.record(z.string(), FileLink).meta({ description: 'by kind: fits, png, thumbnail...' }),
    planes: z.array(PlaneLink),
    inputs: z
      .array(z.object({ path: z.string(), sha256: z.string() }))
      .optional()
      .meta({ description: 'input files the map was made from (only in GET /api/records/{id})' }),
    links: z.object({ self: url, product: url, pixel: url, superseded_by: url.optional() }),
  })
  .meta({ id: 'Record' });

export const Latest = z
  .object({
    record: Record,
    age_seconds: z.number().meta({ description: 'now - record.time in seconds (negative for a forecast ahead of now)' }),
    late: z.boolean().meta({ description: 'age_seconds > late_after_seconds' }),
    expected_latency_seconds: int,
    cadence_seconds: int,
    late_after_seconds: int,
    now: time,
  })
  .meta({ id: 'Latest' });

export const SearchPage = z
  .object({
    total: int.meta({ description: 'number of matching records' }),
    limit: int,
    offset: int,
    records: z.array(Record),
    next: url.nullable().meta({ description: 'URL of the next page, null on the last page' }),
    previous: url.nullable(),
  })
  .meta({ id: 'SearchPage' });

export const Harp = z
  .object({
    harpnum: int,
    data_type: z.enum(DATA_TYPES),
    noaa_ars: z.array(int),
    first_time: time,
    last_time: time,
    links: z.object({ records: url, hapi_info: url }),
  })
  .meta({ id: 'Harp' });

export const HarpList = z.object({ harps: z.array(Harp) }).meta({ id: 'HarpList' });

export const PixelValue = z
  .object({
    record_id: int,
    plane: z.string(),
    units: z.string(),
    x: int.meta({ description: '0-based column (FITS axis 1)' }),
    y: int.meta({ description: '0-based row (FITS axis 2, row 0 = bottom)' }),
    width: int,
    height: int,
    value: z.number().nullable().meta({ description: 'the exact value stored in the FITS file (null for NaN/BLANK)' }),
    coordinate_system: z.enum(['carrington', 'stonyhurst', 'helioprojective', 'pixel']).meta({ description: 'which coordinate fields follow; pixel = none' }),
    carrington_longitude: z.number().optional().meta({ description: 'degrees' }),
    carrington_latitude: z.number().optional().meta({ description: 'degrees' }),
    stonyhurst_longitude: z.number().optional().meta({ description: 'degrees' }),
    stonyhurst_latitude: z.number().optional().meta({ description: 'degrees' }),
    helioprojective_x: z.number().optional().meta({ description: 'arcsec' }),
    helioprojective_y: z.number().optional().meta({ description: 'arcsec' }),
    mu: z.number().optional().meta({ description: 'cosine of the heliocentric angle' }),
  })
  .meta({ id: 'PixelValue' });

export const JhvQuery = z
  .object({
    start_date: z.string().meta({ description: 'YYYY-MM-DD (UTC), first day included', example: '2026-11-20' }),
    end_date: z.string().meta({ description: 'YYYY-MM-DD (UTC), last day included', example: '2026-11-25' }),
    channels: z.array(z.union([z.string(), z.number()])).optional().meta({ description: 'hmi.m_720s, hmi.ic_720s (s005a) or 94 ... 1700 (s050a); absent or empty = all' }),
    map_type: z.array(z.enum(MAP_TYPES)).optional().meta({ description: 'absent or empty = all' }),
    latest: z.boolean().optional().meta({ description: 'true (default): only the highest version of each map; false: every version' }),
  })
  .meta({ id: 'SynopticQuery' });

export const JhvItem = z
  .object({
    id: int,
    product: z.enum(['synoptic-photosphere', 'synoptic-euv']),
    date: time.meta({ description: 'reference time of the map' }),
    channel: z.string(),
    map_type: z.enum(MAP_TYPES),
    version: int,
    production_date: time,
    superseded: z.boolean(),
    _resources: z.object({
      fits_file: z.string().meta({ description: 'path of the FITS map (CRLN-CAR/CRLT-CAR), resolved against the server root: /data/...' }),
      png_file: z.string().optional(),
      thumbnail_file: z.string().optional(),
    }),
    _links: z.object({ self: z.string().meta({ description: 'path of the record in the product API' }) }),
  })
  .meta({ id: 'SynopticMap' });

export type ProductJson = z.infer<typeof Product>;
export type ProductDetailJson = z.infer<typeof ProductDetail>;
export type RecordJson = z.infer<typeof Record>;
export type LatestJson = z.infer<typeof Latest>;
export type SearchPageJson = z.infer<typeof SearchPage>;
export type HarpJson = z.infer<typeof Harp>;
export type PixelJson = z.infer<typeof PixelValue>;
export type JhvItemJson = z.infer<typeof JhvItem>;

/** Every named schema, for the OpenAPI components. */
export const COMPONENTS = { ErrorBody, PlaneInfo, Channel, Product, ProductDetail, ProductList, FileLink, PlaneLink, Record, Latest, SearchPage, Harp, HarpList, PixelValue, JhvQuery, JhvItem };
