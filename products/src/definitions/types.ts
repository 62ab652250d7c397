/**
 * The one place where a product describes itself: what it is, which parameters/channels it has,
 * how its files are named, and which HAPI datasets it publishes. The HAPI server, the product API,
 * the portal pages and the SPASE generator all read these definitions; nothing else repeats them.
 *
 * @module
 */

export type ProductId = 'synoptic-photosphere' | 'synoptic-euv' | 'dem' | 'currents';

export const PRODUCT_IDS: readonly ProductId[] = ['synoptic-photosphere', 'synoptic-euv', 'dem', 'currents'];

/** Versions of a synoptic map (DESIGN.md section 2). */
export type MapType = 'forecast' | 'nowcast' | 'temporary' | 'archived';
export const MAP_TYPES: readonly MapType[] = ['forecast', 'nowcast', 'temporary', 'archived'];

/** Versions of a DEM or currents map. */
export type DataType = 'nrt' | 'sci';
export const DATA_TYPES: readonly DataType[] = ['nrt', 'sci'];

/** Named colour tables shared by the PNG quicklooks and the web pages. */
export type ColourTableName =
  | 'hmi-magnetogram'
  | 'hmi-continuum'
  | 'aia-94'
  | 'aia-131'
  | 'aia-171'
  | 'aia-193'
  | 'aia-211'
  | 'aia-304'
  | 'aia-335'
  | 'aia-1600'
  | 'aia-1700'
  | 'dem-temperature'
  | 'dem-emission-measure'
  | 'dem-width'
  | 'dem-chi2'
  | 'grey'
  | 'diverging-current'
  | 'data-age';

/** How a map plane is scaled to colours. */
export interface DisplayScale {
  colourTable: ColourTableName;
  /** `linear`, `log10` (values shown as log10), or `symmetric` (centred on 0, diverging). */
  scale: 'linear' | 'log10' | 'symmetric';
  /** Fixed range in display units (after log10 when scale is log10); omitted = percentile range. */
  range?: [number, number];
}

/** SPASE physical classification of a parameter (SPASE.md section 4.2). */
export type SpaseQuantity =
  | { kind: 'Field'; fieldQuantity: 'Magnetic' | 'Current' | 'CurrentDensity'; qualifiers?: string[] }
  | {
      kind: 'Wave';
      waveType: 'Photon';
      waveQuantity: 'Intensity';
      wavelength?: { low: number; high: number; units: 'Angstrom' | 'nm' };
      qualifiers?: string[];
    }
  | { kind: 'Particle'; particleType: 'Electron'; particleQuantity: 'Temperature'; qualifiers?: string[] }
  | { kind: 'Support'; supportQuantity: 'Temporal' | 'Other' | 'DataQuality' | 'WebResource' | 'Positional'; qualifiers?: string[] };

/**
 * A plane of a product map: a channel (synoptic maps) or a quantity (DEM Tc, EM...), or an extra
 * plane (weight, data age, error). The `id` is the API/portal value of `parameter`.
 */
export interface ProductParameter {
  id: string;
  /** Short label for selectors, e.g. "EUV 17.1 nm" or "Peak temperature Tc". */
  label: string;
  description: string;
  /** Units of the stored values (FITS BUNIT style, e.g. "K", "cm-5", "G", "DN/s", "A/m2"). */
  units: string;
  display: DisplayScale;
  spase: SpaseQuantity;
  /** FITS EXTNAME of the plane inside the product file. */
  extname: string;
}

/** A selectable map (what `parameter=` selects in the API): one FITS file per record. */
export interface ProductChannel {
  /** API value of `parameter`, e.g. "171", "hmi.m_720s", "dem", "jr". */
  id: string;
  label: string;
  /** JSOC or archive series the input comes from (e.g. "aia.lev1_euv_12s", "hmi.m_720s"). */
  inputSeries: string[];
  /** Planes of the FITS file, first = the main value shown by default. */
  planes: ProductParameter[];
  /** Wavelength in Angstrom where relevant. */
  wavelength?: number;
}

/** Type of a HAPI parameter's values. */
export type HapiType = 'isotime' | 'string' | 'integer' | 'double';

/** A HAPI parameter exactly as `/info` publishes it (HAPI.md section 2). */
export interface HapiParameter {
  name: string;
  type: HapiType;
  units: string | null | string[];
  fill: string | null;
  length?: number;
  size?: number[];
  description?: string;
  label?: string | string[];
  bins?: HapiBins[];
  stringType?: 'uri' | { uri: { mediaType?: string; scheme?: string; base?: string } };
  coordinateSystemName?: string;
  vectorComponents?: string | string[];
  /** SPASE classification; defaults to Support/Other when absent. */
  x_spase?: SpaseQuantity;
}

export interface HapiBins {
  name: string;
  units: string | null;
  centers?: number[] | null;
  ranges?: [number, number][];
  label?: string;
  description?: string;
}

/** One value of a record: scalar, string, or a flattened array (row-major, last index fastest). */
export type HapiValue = number | string | null | Float64Array | number[];

/** One HAPI record ready to store: time in ms since the epoch plus values in parameter order (Time excluded). */
export interface HapiRecord {
  timeMs: number;
  values: HapiValue[];
}

/** A HAPI dataset as declared by its product. */
export interface HapiDatasetDefinition {
  id: string;
  title: string;
  description: string;
  product: ProductId;
  /** ISO 8601 duration, e.g. "PT30M". */
  cadence?: string;
  /** ISO 8601 duration; longer all-parameter requests get HAPI 1408. */
  maxRequestDuration?: string;
  timeStampLocation?: 'begin' | 'center' | 'end' | 'other';
  /** Parameters after the primary `Time` (the server adds Time itself). */
  parameters: HapiParameter[];
  /** First time data may exist (the dataset's startDate falls back to this when empty). */
  nominalStartDate: string;
  /** Free text for SPASE Caveats / HAPI note. */
  note?: string;
  /** Kind of dataset, for SPASE and the landing page. */
  kind: 'file-listing' | 'indices' | 'low-resolution-map';
}

/**
 * The record of one produced map, as pipelines hand it to the catalogue, before it has a row id.
 * Paths are relative to the products directory (served under `/data/`).
 */
export interface ProductRecordInput {
  product: ProductId;
  /** Channel id (ProductChannel.id). */
  parameter: string;
  /** Observation time (DEM, currents) or reference time (synoptic maps), ms since the epoch. */
  timeMs: number;
  mapType?: MapType;
  dataType?: DataType;
  version: number;
  harpnum?: number;
  noaaArs?: number[];
  files: { kind: 'fits' | 'png' | 'thumbnail' | string; path: string; bytes: number; sha256: string; mediaType: string }[];
  inputs: { path: string; sha256: string }[];
  productionTimeMs: number;
  pipelineVersion: string;
  /** Summary indices (names as in the product's HAPI indices dataset). */
  summary: Record<string, number | string | null>;
}

export interface HapiRecordContext {
  fileUrl: (relativePath: string) => string;
  arrays?: Record<string, Float64Array>;
}

/** Everything a product declares. */
export interface ProductDefinition {
  id: ProductId;
  /** ESA portal code (s005a, s050a) where one exists. */
  portalCode?: string;
  title: string;
  /** One-paragraph description used by Help, Related, SPASE and HAPI. */
  description: string;
  instrument: 'AIA' | 'HMI';
  /** Nominal cadence of a map, ISO 8601 duration. */
  cadence: string;
  cadenceSeconds: number;
  /** After this delay past the expected time, the Latest page shows a late-feed warning. */
  expectedLatencySeconds: number;
  /** Which version vocabulary records use. */
  versionKind: 'mapType' | 'dataType';
  channels: ProductChannel[];
  /** Earliest date the product can exist (SDO science start for real data). */
  nominalStartDate: string;
  /** File name of a record's files without extension, e.g. DEM_aia_2026-11-25T12_00. */
  fileStem(record: Pick<ProductRecordInput, 'parameter' | 'timeMs' | 'mapType' | 'dataType' | 'version' | 'harpnum'>): string;
  /**
   * HAPI datasets of this product. `harps` lists the HARPs known to the catalogue, so that
   * products with one dataset per HARP (currents) can declare them.
   */
  hapiDatasets(context: { harps: { dataType: DataType; harpnum: number; noaaArs: number[] }[] }): HapiDatasetDefinition[];
  /**
   * HAPI records that one stored product record contributes, keyed by dataset id. Called by the
   * worker in the same transaction that registers the record. `ctx.fileUrl` turns a relative
   * product path into the public URL; `ctx.arrays` carries arrays the pipeline produced for HAPI
   * (e.g. `lowres`, the 360 x 180 synoptic map, latitude fastest).
   */
  hapiRecords(record: ProductRecordInput, ctx: HapiRecordContext): { dataset: string; record: HapiRecord }[];
  /** Help texts for the portal Help page. */
  help: ProductHelp;
  /** SPASE hints. */
  spase: ProductSpaseHints;
}

export interface ProductHelp {
  method: string[];
  qualityFlags: string[];
  fileNaming: string;
  references: { text: string; url?: string }[];
}

export interface ProductSpaseHints {
  /** Path under the ResourceType, e.g. "SDO/AIA/DEM" → spase://ESA/NumericalData/SDO/AIA/DEM. */
  resourcePath: string;
  measurementTypes: string[];
  observedRegions: string[];
  spectralRanges: string[];
  instrumentIds: string[];
  inputResourceIds: string[];
  keywords: string[];
  providerProcessingLevel: string;
  /**
   * Coordinates of the map pixels (SPASE SpatialCoverage of the FITS and PNG records). SPASE has
   * no name for the plate-carrée or cylindrical-equal-area projections: say it in `description`.
   */
  spatialCoverage?: {
    coordinateSystemName: 'Carrington' | 'HPC' | 'StonyhurstHeliographic';
    coordinateRepresentation: 'Spherical' | 'Cartesian';
    description: string;
  };
}

/** A file a pipeline produced, still in memory; the worker writes it atomically and checksums it. */
export interface PipelineFile {
  /** fits | png | thumbnail | png:tc ... (unique per record). */
  kind: string;
  /** File name (no folders), normally `${fileStem}${suffix}`. */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * What a pipeline returns for one map: the record (without storage details), its files and any
 * arrays the product's HAPI datasets need. Pipelines are pure: no disk, no catalogue.
 */
export interface PipelineOutput {
  record: Omit<ProductRecordInput, 'files' | 'inputs' | 'productionTimeMs'>;
  files: PipelineFile[];
  arrays?: Record<string, Float64Array>;
}
