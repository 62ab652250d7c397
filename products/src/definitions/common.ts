/**
 * Building blocks shared by the product definitions: file-listing parameters, low-resolution map
 * parameters with Carrington bins, time formatting for file names.
 *
 * @module
 */
import type { HapiParameter, ProductRecordInput } from './types.ts';

/** `2026-11-25T12_00` (UTC, minutes), the time part of product file names (GAIA-DEM style). */
export function fileTime(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 16).replace(':', '_');
}

/** `2026-11-25T120000` (UTC, seconds) for products at sub-minute cadence. */
export function fileTimeSeconds(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 19).replace(/:/g, '');
}

/** Parameters of a file-listing dataset after Time (the version and links of each map). */
export function fileListingParameters(versionField: 'map_type' | 'data_type'): HapiParameter[] {
  return [
    {
      name: versionField,
      type: 'string',
      length: 9,
      units: null,
      fill: null,
      description: versionField === 'map_type' ? 'Map type: forecast, nowcast, temporary or archived.' : 'Data type: nrt (near real time) or sci (definitive).',
    },
    { name: 'version', type: 'integer', units: null, fill: null, description: 'Product version.' },
    {
      name: 'fits_url',
      type: 'string',
      length: 256,
      units: null,
      fill: null,
      description: 'URL of the FITS file of the map.',
      stringType: { uri: { mediaType: 'application/fits', scheme: 'https' } },
      x_spase: { kind: 'Support', supportQuantity: 'WebResource' },
    },
    {
      name: 'png_url',
      type: 'string',
      length: 256,
      units: null,
      fill: null,
      description: 'URL of the PNG quicklook of the map.',
      stringType: { uri: { mediaType: 'image/png', scheme: 'https' } },
      x_spase: { kind: 'Support', supportQuantity: 'WebResource' },
    },
  ];
}

/** The file-listing values of a record, in the order of `fileListingParameters`. */
export function fileListingValues(record: ProductRecordInput, fileUrl: (p: string) => string, pngKind = 'png'): (string | number)[] {
  const fits = record.files.find((f) => f.kind === 'fits');
  const png = record.files.find((f) => f.kind === pngKind) ?? record.files.find((f) => f.kind.startsWith('png'));
  return [record.mapType ?? record.dataType ?? '', record.version, fits ? fileUrl(fits.path) : '', png ? fileUrl(png.path) : ''];
}

/** Size of the low-resolution synoptic maps served through HAPI: 1 degree in longitude and latitude. */
export const LOWRES_LON = 360;
export const LOWRES_LAT = 180;

/** Bin centres in degrees: longitude 0.5 ... 359.5, latitude -89.5 ... 89.5. */
export function lowresBins(): HapiParameter['bins'] {
  return [
    {
      name: 'carrington_longitude',
      units: 'deg',
      centers: Array.from({ length: LOWRES_LON }, (_, i) => i + 0.5),
      description: 'Carrington longitude of the bin centre.',
    },
    {
      name: 'carrington_latitude',
      units: 'deg',
      centers: Array.from({ length: LOWRES_LAT }, (_, j) => -89.5 + j),
      description: 'Carrington latitude of the bin centre.',
    },
  ];
}

/**
 * A 2-D low-resolution map parameter. Values are ordered longitude-major, latitude fastest
 * (HAPI: last index fastest), i.e. value[i * 180 + j] is at longitude bin i, latitude bin j.
 */
export function lowresParameter(name: string, units: string, description: string, spase: HapiParameter['x_spase']): HapiParameter {
  return {
    name,
    type: 'double',
    units,
    fill: 'NaN',
    size: [LOWRES_LON, LOWRES_LAT],
    description,
    bins: lowresBins(),
    coordinateSystemName: 'Carrington',
    x_spase: spase,
  };
}

/** Number or NaN → value for a HAPI double column (NaN is the declared fill). */
export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}
