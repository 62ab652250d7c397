/**
 * The SHARP CEA segments of one HARP and T_REC, checked and turned into arrays and metadata for
 * the currents pipeline. Bad input raises a `CurrentsInputError` that says which segment and why.
 *
 * @module
 */
import { parseJsocTime } from '../geometry/time.ts';
import type { SharpPatchGeometry, SharpVectorField } from './compute.ts';

/** JSOC segment names the pipeline needs. */
export const SHARP_SEGMENTS = ['Br', 'Bp', 'Bt', 'Br_err', 'Bp_err', 'Bt_err', 'bitmap', 'conf_disambig'] as const;
export type SharpSegmentName = (typeof SHARP_SEGMENTS)[number];

/** What the pipeline reads from a header (a `FitsHeader` fits). */
export interface HeaderLike {
  get(key: string): string | number | boolean | null | undefined;
  number(key: string): number | undefined;
  string(key: string): string | undefined;
}

/** One segment image (a `FitsImage` fits): physical values, BLANK = NaN, FITS order. */
export interface SegmentImage {
  header: HeaderLike;
  width: number;
  height: number;
  data: Float32Array | Float64Array;
}

export type SharpSegments = Record<SharpSegmentName, SegmentImage>;

/** Bad or inconsistent SHARP input. */
export class CurrentsInputError extends Error {
  override name = 'CurrentsInputError';
  constructor(
    readonly reason: string,
    readonly segment?: string,
  ) {
    super(segment ? `SHARP segment ${segment}: ${reason}` : `SHARP input: ${reason}`);
  }
}

/** WCS keywords of a SHARP CEA patch, copied to the product planes. */
export interface SharpWcs {
  ctype1: string;
  ctype2: string;
  crpix1: number;
  crpix2: number;
  crval1: number;
  crval2: number;
  cdelt1: number;
  cdelt2: number;
  crota2: number;
}

/** Identity, time and observer of the patch. */
export interface SharpPatchInfo {
  harpnum: number;
  /** T_REC as written by JSOC, e.g. 2011.02.15_02:00:00_TAI. */
  tRec: string;
  /** T_REC in UTC ms since the epoch. */
  timeMs: number;
  /** DATE-OBS (UTC) of the underlying observation, when present. */
  dateObs?: string;
  /** NOAA active regions in the patch (NOAA_ARS), ascending; empty when none. */
  noaaArs: number[];
  /** NOAA_AR: the principal NOAA region, 0 when none. */
  noaaAr: number;
  geometry: SharpPatchGeometry;
  wcs: SharpWcs;
  /** Observer keywords for the product header. */
  observer: { crlnObsDeg?: number; crltObsDeg?: number; carRot?: number };
}

export interface ParsedSharp {
  field: SharpVectorField;
  info: SharpPatchInfo;
}

function requireNumber(h: HeaderLike, key: string, segment: string): number {
  const v = h.number(key);
  if (v === undefined || !Number.isFinite(v)) throw new CurrentsInputError(`keyword ${key} is missing or not a finite number`, segment);
  return v;
}

function requireString(h: HeaderLike, key: string, segment: string): string {
  const v = h.string(key);
  if (v === undefined || v.trim() === '') throw new CurrentsInputError(`keyword ${key} is missing or not a string`, segment);
  return v.trim();
}

function optionalNumber(h: HeaderLike, key: string): number | undefined {
  const v = h.number(key);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** NOAA_ARS is a comma-separated list ("11158" or "11158,11160"); anything else is ignored. */
export function parseNoaaArs(value: string | number | boolean | null | undefined): number[] {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? [value] : [];
  if (typeof value !== 'string') return [];
  const numbers = value
    .split(/[,\s]+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number)
    .filter((n) => n > 0);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * Checks the eight segments (present, same size, same HARPNUM and T_REC, finite geometry, a CEA
 * Carrington grid) and returns the arrays and the patch metadata, read from the Br header.
 */
export function parseSharpSegments(segments: Partial<Record<string, SegmentImage>>): ParsedSharp {
  const missing = SHARP_SEGMENTS.filter((s) => !segments[s]);
  if (missing.length > 0) throw new CurrentsInputError(`missing segment(s) ${missing.join(', ')}`);
  const s = segments as SharpSegments;
  const { width, height } = s.Br;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 3 || height < 3) {
    throw new CurrentsInputError(`the patch must be at least 3 x 3 pixels, got ${width} x ${height}`, 'Br');
  }
  const h = s.Br.header;
  const harpnum = requireNumber(h, 'HARPNUM', 'Br');
  const tRec = requireString(h, 'T_REC', 'Br');
  for (const name of SHARP_SEGMENTS) {
    const seg = s[name];
    if (seg.width !== width || seg.height !== height || seg.data.length !== width * height) {
      throw new CurrentsInputError(`size ${seg.width} x ${seg.height} (${seg.data.length} values) differs from Br ${width} x ${height}`, name);
    }
    const segHarp = seg.header.number('HARPNUM');
    if (segHarp !== undefined && segHarp !== harpnum) throw new CurrentsInputError(`HARPNUM ${segHarp} differs from Br's ${harpnum}`, name);
    const segTRec = seg.header.string('T_REC')?.trim();
    if (segTRec !== undefined && segTRec !== tRec) throw new CurrentsInputError(`T_REC ${segTRec} differs from Br's ${tRec}`, name);
  }
  if (!Number.isInteger(harpnum) || harpnum <= 0) throw new CurrentsInputError(`HARPNUM ${harpnum} is not a positive integer`, 'Br');

  let timeMs: number;
  try {
    timeMs = parseJsocTime(tRec);
  } catch (e) {
    throw new CurrentsInputError(`T_REC '${tRec}' is not a JSOC time (${(e as Error).message})`, 'Br');
  }

  const ctype1 = requireString(h, 'CTYPE1', 'Br');
  const ctype2 = requireString(h, 'CTYPE2', 'Br');
  if (ctype1 !== 'CRLN-CEA' || ctype2 !== 'CRLT-CEA') {
    throw new CurrentsInputError(`expected a CRLN-CEA / CRLT-CEA patch, got ${ctype1} / ${ctype2}`, 'Br');
  }
  for (const key of ['CUNIT1', 'CUNIT2']) {
    const unit = h.string(key)?.trim().toLowerCase();
    if (unit !== undefined && unit !== 'deg' && unit !== 'degree' && unit !== 'degrees') {
      throw new CurrentsInputError(`${key} '${unit}' is not degrees`, 'Br');
    }
  }
  const wcs: SharpWcs = {
    ctype1,
    ctype2,
    crpix1: requireNumber(h, 'CRPIX1', 'Br'),
    crpix2: requireNumber(h, 'CRPIX2', 'Br'),
    crval1: requireNumber(h, 'CRVAL1', 'Br'),
    crval2: requireNumber(h, 'CRVAL2', 'Br'),
    cdelt1: requireNumber(h, 'CDELT1', 'Br'),
    cdelt2: requireNumber(h, 'CDELT2', 'Br'),
    crota2: optionalNumber(h, 'CROTA2') ?? 0,
  };
  const geometry: SharpPatchGeometry = {
    cdelt1Deg: wcs.cdelt1,
    cdelt2Deg: wcs.cdelt2,
    rsunRefM: requireNumber(h, 'RSUN_REF', 'Br'),
    dsunObsM: requireNumber(h, 'DSUN_OBS', 'Br'),
    rsunObsArcsec: requireNumber(h, 'RSUN_OBS', 'Br'),
  };
  for (const [k, v] of Object.entries(geometry)) {
    if (!(v > 0)) throw new CurrentsInputError(`${k} must be positive, got ${v}`, 'Br');
  }

  const noaaArs = parseNoaaArs(h.get('NOAA_ARS'));
  const noaaAr = optionalNumber(h, 'NOAA_AR') ?? noaaArs[0] ?? 0;
  const field: SharpVectorField = {
    width,
    height,
    br: s.Br.data,
    bp: s.Bp.data,
    bt: s.Bt.data,
    brErr: s.Br_err.data,
    bpErr: s.Bp_err.data,
    btErr: s.Bt_err.data,
    confDisambig: s.conf_disambig.data,
    bitmap: s.bitmap.data,
  };
  const dateObs = h.string('DATE-OBS')?.trim() || undefined;
  return {
    field,
    info: {
      harpnum,
      tRec,
      timeMs,
      dateObs,
      noaaArs,
      noaaAr,
      geometry,
      wcs,
      observer: { crlnObsDeg: optionalNumber(h, 'CRLN_OBS'), crltObsDeg: optionalNumber(h, 'CRLT_OBS'), carRot: optionalNumber(h, 'CAR_ROT') },
    },
  };
}

/** Data type of a SHARP series: `hmi.sharp_cea_720s_nrt` → nrt, `hmi.sharp_cea_720s` → sci. */
export function dataTypeOfSeries(series: string): 'nrt' | 'sci' {
  const s = series.trim().toLowerCase();
  if (/^hmi\.sharp_cea_720s_nrt$/.test(s)) return 'nrt';
  if (/^hmi\.sharp_cea_720s$/.test(s)) return 'sci';
  throw new CurrentsInputError(`'${series}' is not a SHARP CEA series (hmi.sharp_cea_720s or hmi.sharp_cea_720s_nrt)`);
}
