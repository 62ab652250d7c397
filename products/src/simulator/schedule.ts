/**
 * Observation slots and file names of the simulated archive (the file contract the worker relies
 * on). AIA slots are UTC instants on a grid of the AIA cadence; HMI and SHARP slots are T_REC
 * values on the JSOC grid of the series (multiples of the cadence since 1993.01.01_00:00:00_TAI).
 *
 * @module
 */
import { join } from 'node:path';
import { taiToUtcMs, utcToTaiMs } from '../geometry/time.ts';
import type { AiaWavelength } from './aia.ts';
import type { SharpSegment, SharpSeries } from './sharp.ts';

/** JSOC T_REC epoch of the HMI 720 s series (TRECEPOC), as a TAI calendar instant. */
export const HMI_TREC_EPOCH_TAI_MS = Date.UTC(1993, 0, 1);
/** Native cadence of the HMI and SHARP 720 s series [s]. */
export const HMI_NATIVE_CADENCE_S = 720;

/** Cadences [s] of the simulated archive. */
export interface Cadences {
  /** One AIA set (all channels) per this many seconds; a multiple of 12 (default 1800). */
  aiaCadenceS: number;
  /** HMI magnetogram + continuum pairs; a multiple of 720 (default 720). */
  hmiCadenceS: number;
  /** SHARP patches; a multiple of 720 (default 720). */
  sharpCadenceS: number;
}

export const DEFAULT_CADENCES: Readonly<Cadences> = Object.freeze({ aiaCadenceS: 1800, hmiCadenceS: 720, sharpCadenceS: 720 });

/** Checks and completes cadences. @throws RangeError for a cadence off the instrument's grid. */
export function resolveCadences(c: Partial<Cadences> = {}): Cadences {
  const out = { ...DEFAULT_CADENCES, ...c };
  if (!(Number.isInteger(out.aiaCadenceS) && out.aiaCadenceS >= 12 && out.aiaCadenceS % 12 === 0)) {
    throw new RangeError(`aiaCadenceS must be a positive multiple of 12 s, got ${out.aiaCadenceS}`);
  }
  for (const key of ['hmiCadenceS', 'sharpCadenceS'] as const) {
    if (!(Number.isInteger(out[key]) && out[key] >= HMI_NATIVE_CADENCE_S && out[key] % HMI_NATIVE_CADENCE_S === 0)) {
      throw new RangeError(`${key} must be a positive multiple of 720 s (the JSOC T_REC grid), got ${out[key]}`);
    }
  }
  return out;
}

/** AIA slots (UTC ms) in [startMs, stopMs]: multiples of the cadence since 1970-01-01T00:00Z. */
export function aiaSlots(startMs: number, stopMs: number, cadenceS: number): number[] {
  const step = cadenceS * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= stopMs; t += step) out.push(t);
  return out;
}

/** HMI/SHARP T_REC slots (as UTC ms) in [startMs, stopMs], on the TAI grid of the cadence. */
export function tRecSlots(startMs: number, stopMs: number, cadenceS: number): number[] {
  const step = cadenceS * 1000;
  const t0 = utcToTaiMs(startMs) - HMI_TREC_EPOCH_TAI_MS;
  const t1 = utcToTaiMs(stopMs) - HMI_TREC_EPOCH_TAI_MS;
  const out: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(taiToUtcMs(t + HMI_TREC_EPOCH_TAI_MS));
  return out;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Calendar parts of an instant read in UTC (`tai` false) or TAI (`tai` true). */
function parts(utcMs: number, tai: boolean): { y: string; m: string; d: string; hh: string; mm: string; ss: string } {
  const date = new Date(tai ? utcToTaiMs(utcMs) : utcMs);
  return {
    y: pad(date.getUTCFullYear(), 4),
    m: pad(date.getUTCMonth() + 1),
    d: pad(date.getUTCDate()),
    hh: pad(date.getUTCHours()),
    mm: pad(date.getUTCMinutes()),
    ss: pad(date.getUTCSeconds()),
  };
}

/** JSOC AIA series of a wavelength. */
export function aiaSeries(wave: AiaWavelength): string {
  return wave >= 1600 ? 'aia.lev1_uv_24s' : 'aia.lev1_euv_12s';
}

/** `{inputDir}/aia/YYYY/MM/DD/aia.lev1_euv_12s.YYYY-MM-DDTHHMMSSZ.{wave}.image_lev1.fits` (UTC of T_REC). */
export function aiaFilePath(inputDir: string, slotMs: number, wave: AiaWavelength): string {
  const p = parts(slotMs, false);
  return join(inputDir, 'aia', p.y, p.m, p.d, `${aiaSeries(wave)}.${p.y}-${p.m}-${p.d}T${p.hh}${p.mm}${p.ss}Z.${wave}.image_lev1.fits`);
}

/** `{inputDir}/hmi/YYYY/MM/DD/hmi.m_720s[_nrt].YYYYMMDD_HHMMSS_TAI.magnetogram.fits` (and ic/continuum). */
export function hmiFilePath(inputDir: string, tRecMs: number, observable: 'magnetogram' | 'continuum', nrt: boolean): string {
  const p = parts(tRecMs, true);
  const series = `${observable === 'magnetogram' ? 'hmi.m_720s' : 'hmi.ic_720s'}${nrt ? '_nrt' : ''}`;
  return join(inputDir, 'hmi', p.y, p.m, p.d, `${series}.${p.y}${p.m}${p.d}_${p.hh}${p.mm}${p.ss}_TAI.${observable}.fits`);
}

/** `{inputDir}/sharp/YYYY/MM/DD/hmi.sharp_cea_720s[_nrt].{HARPNUM}.YYYYMMDD_HHMMSS_TAI.{segment}.fits`. */
export function sharpFilePath(inputDir: string, tRecMs: number, harpnum: number, segment: SharpSegment, series: SharpSeries): string {
  const p = parts(tRecMs, true);
  const name = `hmi.sharp_cea_720s${series === 'nrt' ? '_nrt' : ''}.${harpnum}.${p.y}${p.m}${p.d}_${p.hh}${p.mm}${p.ss}_TAI.${segment}.fits`;
  return join(inputDir, 'sharp', p.y, p.m, p.d, name);
}
