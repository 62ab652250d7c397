/**
 * Classification of one SDO input file from its FITS headers and, where the header cannot say it,
 * from its JSOC export name (DESIGN.md section 8): AIA level-1 images, HMI full-disk
 * magnetograms and continuum images, and SHARP CEA segments.
 *
 * What the header cannot tell, the name does:
 * - the series (definitive or near-real-time; nrt and definitive SHARPs number their HARPs
 *   differently) — JSOC names files `{series}.{prime keys}.{segment}.fits`;
 * - the SHARP segment (Br, Bp, Bt ... all carry CONTENT = 'HMI observable').
 *
 * Pure: headers and name in, a classification or the reason it is not usable out.
 *
 * @module
 */
import type { DataType } from '../../../products/src/definitions/types.ts';
import { parseSdoTime } from '../../../products/src/geometry/time.ts';

/** What the worker needs to know about an input file. */
export interface Classification {
  kind: 'aia' | 'hmi' | 'sharp';
  /** AIA: wavelength ('171'); HMI: series family ('hmi.m_720s' | 'hmi.ic_720s'); SHARP: segment ('Br'). */
  channel: string;
  dataType: DataType;
  /** Observation time: T_OBS for AIA (mid-exposure), T_REC for HMI and SHARP (the slot). */
  timeMs: number;
  harpnum?: number;
  noaaArs: number[];
  /** Series as found in the name (or implied), and a few header facts for the pipelines. */
  meta: { series: string; exptime?: number; quality?: number; wavelength?: number };
}

/** A file that is FITS but not an input this system uses, with the reason. */
export class UnclassifiableInput extends Error {
  override name = 'UnclassifiableInput';
}

/** What classification reads from a header (FitsHeader fits). */
export interface HeaderView {
  get(key: string): string | number | boolean | null | undefined;
}

const AIA_WAVELENGTHS = new Set([94, 131, 171, 193, 211, 304, 335, 1600, 1700, 4500]);

/** JSOC export name: series (two dot-separated words), prime keys, segment, .fits[.gz]. */
const JSOC_NAME = /^(?<series>[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\.(?<keys>.+)\.(?<segment>[A-Za-z][A-Za-z0-9_]*)\.fits(?:\.gz)?$/;

/** Name parts of a JSOC export file name, or undefined for any other name. */
export function jsocNameParts(fileName: string): { series: string; segment: string } | undefined {
  const m = JSOC_NAME.exec(fileName);
  return m?.groups ? { series: m.groups.series, segment: m.groups.segment } : undefined;
}

/** The value of `key` in the first header that has it (keywords may sit in an extension). */
function lookup(headers: readonly HeaderView[], key: string): string | number | boolean | null | undefined {
  for (const h of headers) {
    const v = h.get(key);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function text(headers: readonly HeaderView[], key: string): string | undefined {
  const v = lookup(headers, key);
  return v === undefined || v === null ? undefined : String(v).trim();
}

function num(headers: readonly HeaderView[], key: string): number | undefined {
  const v = lookup(headers, key);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function timeOf(headers: readonly HeaderView[], keys: string[]): number {
  for (const key of keys) {
    const t = text(headers, key);
    if (!t) continue;
    try {
      return parseSdoTime(t);
    } catch {
      throw new UnclassifiableInput(`${key} is not a readable time`);
    }
  }
  throw new UnclassifiableInput(`no observation time (none of ${keys.join(', ')})`);
}

/** NOAA_ARS as JSOC writes it: "11158" or "11158,11159" (0 or empty = none). */
function noaaOf(headers: readonly HeaderView[]): number[] {
  const raw = lookup(headers, 'NOAA_ARS') ?? lookup(headers, 'NOAA_AR');
  if (raw === undefined || raw === null) return [];
  return String(raw)
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** nrt when the series name says so; JSOC's near-real-time series all end in _nrt (or lev1_nrt2). */
function dataTypeOf(series: string | undefined): DataType {
  return series && /_nrt\d*$|\.lev1_nrt/.test(series) ? 'nrt' : 'sci';
}

/**
 * Classify an input file from its headers (primary first, then extensions) and its file name.
 * @throws UnclassifiableInput with the reason when the file is not an input this system uses.
 */
export function classifyInput(headers: readonly HeaderView[], fileName: string): Classification {
  const telescope = (text(headers, 'TELESCOP') ?? '').toUpperCase();
  const instrument = (text(headers, 'INSTRUME') ?? '').toUpperCase();
  const name = jsocNameParts(fileName);
  const quality = num(headers, 'QUALITY');
  const harpnum = num(headers, 'HARPNUM');

  if (harpnum !== undefined) {
    if (!name || !/^hmi\.sharp_cea_720s(_nrt)?$/.test(name.series)) {
      throw new UnclassifiableInput(
        'a SHARP file (it has HARPNUM) must keep its JSOC name hmi.sharp_cea_720s[_nrt].{HARPNUM}.{T_REC}.{segment}.fits: the series and the segment are not in the header',
      );
    }
    if (!Number.isInteger(harpnum) || harpnum <= 0) throw new UnclassifiableInput('HARPNUM is not a positive integer');
    return {
      kind: 'sharp',
      channel: name.segment,
      dataType: dataTypeOf(name.series),
      timeMs: timeOf(headers, ['T_REC', 'T_OBS']),
      harpnum,
      noaaArs: noaaOf(headers),
      meta: { series: name.series, ...(quality !== undefined ? { quality } : {}) },
    };
  }

  if (telescope === 'SDO/AIA' || instrument.startsWith('AIA')) {
    const wavelength = num(headers, 'WAVELNTH');
    if (wavelength === undefined || !AIA_WAVELENGTHS.has(wavelength)) throw new UnclassifiableInput(`AIA image with an unknown WAVELNTH (${wavelength ?? 'missing'})`);
    const exptime = num(headers, 'EXPTIME');
    return {
      kind: 'aia',
      channel: String(wavelength),
      dataType: dataTypeOf(name?.series),
      timeMs: timeOf(headers, ['T_OBS', 'DATE-OBS']),
      noaaArs: [],
      meta: {
        series: name?.series ?? (wavelength >= 1600 ? 'aia.lev1_uv_24s' : 'aia.lev1_euv_12s'),
        wavelength,
        ...(exptime !== undefined ? { exptime } : {}),
        ...(quality !== undefined ? { quality } : {}),
      },
    };
  }

  if (telescope === 'SDO/HMI' || instrument.startsWith('HMI')) {
    const content = (text(headers, 'CONTENT') ?? '').toUpperCase();
    const family = content === 'MAGNETOGRAM' ? 'hmi.m_720s' : content === 'CONTINUUM INTENSITY' ? 'hmi.ic_720s' : undefined;
    if (!family) throw new UnclassifiableInput(`HMI file of CONTENT '${content || 'missing'}': only full-disk MAGNETOGRAM and CONTINUUM INTENSITY are used`);
    if (name && !name.series.startsWith(family)) throw new UnclassifiableInput(`HMI ${content} in a file named as series ${name.series}`);
    return {
      kind: 'hmi',
      channel: family,
      dataType: dataTypeOf(name?.series),
      timeMs: timeOf(headers, ['T_REC', 'T_OBS', 'DATE-OBS']),
      noaaArs: [],
      meta: { series: name?.series ?? family, ...(quality !== undefined ? { quality } : {}) },
    };
  }

  throw new UnclassifiableInput(`not an SDO AIA, HMI or SHARP file (TELESCOP '${telescope || 'missing'}', INSTRUME '${instrument || 'missing'}')`);
}
