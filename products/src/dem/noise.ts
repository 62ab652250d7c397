/**
 * AIA intensity uncertainties: a port of aiapy `estimate_error` (itself a port of SolarSoft
 * `aia_bp_estimate_error.pro`), SCIENCE.md 1.4, plus the parser of the error table it reads.
 *
 * Inputs are counts C in DN per pixel (NOT divided by the exposure time), averaged over n samples
 * (pixels binned or frames averaged). Returns the 1-sigma uncertainty in DN.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { DemError } from './errors.ts';

/** One row of `aia_V3_error_table.txt`. */
export interface AiaErrorRow {
  wavelength: number;
  /** DN per photon (camera gain x photon energy conversion). */
  dnPerPhoton: number;
  /** Onboard-compression noise divisor. */
  compress: number;
  /** Fractional pre-flight calibration error. */
  calErr: number;
  /** Fractional atomic-data (CHIANTI) error. */
  chianti: number;
  /** Fractional EVE-normalisation error. */
  eveErr: number;
}

/** Per-wavelength error-table rows. */
export type AiaErrorTable = ReadonlyMap<number, AiaErrorRow>;

/** Parses the whitespace-separated table (header line with DNPERPHT, COMPRESS, CALERR, CHIANTI, EVEERR, WAVELNTH). */
export function parseAiaErrorTable(text: string, source = 'error table'): AiaErrorTable {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const header = lines.shift()?.split(/\s+/) ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new DemError('bad-error-table', `column ${name} missing`, source);
    return i;
  };
  const c = { w: col('WAVELNTH'), g: col('DNPERPHT'), k: col('COMPRESS'), cal: col('CALERR'), ch: col('CHIANTI'), eve: col('EVEERR') };
  const rows = new Map<number, AiaErrorRow>();
  for (const line of lines) {
    const f = line.split(/\s+/);
    if (f.length !== header.length) throw new DemError('bad-error-table', `row "${line.slice(0, 40)}..." has ${f.length} fields, header ${header.length}`, source);
    const row: AiaErrorRow = {
      wavelength: Number(f[c.w]),
      dnPerPhoton: Number(f[c.g]),
      compress: Number(f[c.k]),
      calErr: Number(f[c.cal]),
      chianti: Number(f[c.ch]),
      eveErr: Number(f[c.eve]),
    };
    if (!Object.values(row).every((v) => Number.isFinite(v)) || row.dnPerPhoton <= 0 || row.compress <= 0) {
      throw new DemError('bad-error-table', `row for ${f[c.w]} has non-numeric or non-positive values`, source);
    }
    rows.set(row.wavelength, row);
  }
  return rows;
}

let defaultErrorTable: AiaErrorTable | undefined;

/** The shipped `aia_V3_error_table.txt` (cached). */
export function loadAiaErrorTable(path?: string | URL): AiaErrorTable {
  if (path === undefined && defaultErrorTable) return defaultErrorTable;
  const where = path ?? new URL('../../data/aia/aia_V3_error_table.txt', import.meta.url);
  let text: string;
  try {
    text = readFileSync(where, 'utf8');
  } catch (e) {
    throw new DemError('bad-error-table', `cannot read: ${(e as Error).message}`, String(where));
  }
  const table = parseAiaErrorTable(text, String(where));
  if (path === undefined) defaultErrorTable = table;
  return table;
}

/** AIA telescope (camera) carrying a channel (aiapy `telescope_number`). */
export function aiaTelescope(wavelength: number): 1 | 2 | 3 | 4 {
  switch (wavelength) {
    case 131:
    case 335:
      return 1;
    case 193:
    case 211:
      return 2;
    case 171:
    case 1600:
    case 1700:
    case 4500:
      return 3;
    case 94:
    case 304:
      return 4;
    default:
      throw new DemError('bad-option', `not an AIA channel: ${wavelength}`);
  }
}

/** Read noise per telescope in DN (Boerner et al. 2012, Table 6). */
export const READ_NOISE_DN: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 1.18, 2: 1.2, 3: 1.15, 4: 1.14 };
/** Residual dark error in DN (aiapy; not divided by sqrt(n)). */
export const DARK_NOISE_DN = 0.18;
/** RMS quantisation error of one DN step. */
export const QUANT_RMS_DN = 1 / Math.sqrt(12);
/** Below this many DN the onboard compression is lossless. */
export const COMPRESSION_THRESHOLD_DN = 25;

/** Which optional multiplicative terms of aiapy to include. */
export interface NoiseTerms {
  /** Add EVEERR x C (EVE-normalisation error of the response). */
  eve?: boolean;
  /** Add CALERR x C (pre-flight calibration error); exclusive with `eve`. */
  preflight?: boolean;
  /** Add CHIANTI x C (atomic data error). */
  chianti?: boolean;
}

/**
 * Constants of the noise model of one channel, so the per-pixel evaluation is a handful of flops:
 * sigma^2 = g C / n + compress^2 + dark^2 + (read^2 + quant^2) / n + (frac C)^2.
 */
export interface ChannelNoise {
  wavelength: number;
  dnPerPhoton: number;
  compress: number;
  /** dark^2 + (read^2 + quant^2) / n, DN^2. */
  floorVariance: number;
  /** Combined fractional (multiplicative) terms squared: eve/cal^2 + chianti^2. */
  fractionalSq: number;
  n: number;
}

/** Precomputes the noise constants of a channel for averages of n samples. */
export function channelNoise(wavelength: number, n = 1, terms: NoiseTerms = {}, table: AiaErrorTable = loadAiaErrorTable()): ChannelNoise {
  const row = table.get(wavelength);
  if (!row) throw new DemError('bad-option', `no error-table row for ${wavelength} Å`);
  if (!(n >= 1)) throw new DemError('bad-option', `n_sample must be >= 1, got ${n}`);
  if (terms.eve && terms.preflight) throw new DemError('bad-option', 'cannot include both EVE and pre-flight calibration errors');
  const read = READ_NOISE_DN[aiaTelescope(wavelength)];
  const calib = terms.eve ? row.eveErr : terms.preflight ? row.calErr : 0;
  const chianti = terms.chianti ? row.chianti : 0;
  return {
    wavelength,
    dnPerPhoton: row.dnPerPhoton,
    compress: row.compress,
    floorVariance: DARK_NOISE_DN ** 2 + (read ** 2 + QUANT_RMS_DN ** 2) / n,
    fractionalSq: calib ** 2 + chianti ** 2,
    n,
  };
}

/**
 * Variance in DN^2 of C counts (DN per pixel, mean of n samples): shot = sqrt(g C / n);
 * compression = max(shot / COMPRESS, 1/sqrt(12)) / sqrt(n), zero below 25 DN (aiapy divides by
 * sqrt(n) twice for this term; kept as is). Negative C (noise around a zero level) gives no shot noise.
 */
export function noiseVarianceDn(c: number, k: ChannelNoise): number {
  const shotSq = c > 0 ? (k.dnPerPhoton * c) / k.n : 0;
  let compress = 0;
  if (c >= COMPRESSION_THRESHOLD_DN) {
    const shotOverK = Math.sqrt(shotSq) / k.compress;
    compress = (shotOverK < QUANT_RMS_DN ? QUANT_RMS_DN : shotOverK) / Math.sqrt(k.n);
  }
  return shotSq + compress * compress + k.floorVariance + k.fractionalSq * c * c;
}

/** 1-sigma uncertainty in DN (aiapy `estimate_error`) of C counts in one channel. */
export function estimateErrorDn(counts: number, wavelength: number, opts: { n?: number } & NoiseTerms = {}): number {
  return Math.sqrt(noiseVarianceDn(counts, channelNoise(wavelength, opts.n ?? 1, opts)));
}
