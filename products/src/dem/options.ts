/**
 * Options of the DEM product and their defaults. Every value SCIENCE.md calls "not established"
 * (systematic error, saturation level, output binning, exposure-time spread) is a parameter here,
 * written to the FITS header, and never asserted as truth by a test.
 *
 * @module
 */
import type { DataType } from '../definitions/types.ts';
import { DemError } from './errors.ts';
import { DEFAULT_GRID, type DemGridSpec } from './lut.ts';
import type { NoiseTerms } from './noise.ts';
import { BANDS } from './response.ts';
import { DEFAULT_SEARCH, validateSearch, type SearchOptions } from './solve.ts';

/** Version of this pipeline, stored on every record and in the FITS header (PIPEVER). */
export const DEM_PIPELINE_VERSION = 'dem-1.0.0';

/**
 * Level-1 AIA counts at or above this are treated as saturated [DN]: the full scale of the
 * cameras' 14-bit converters. Level-1 flat-fielding moves saturated values a little either
 * way, so pass the instrument's saturation mask (`DemChannelImage.saturated`) when available.
 */
export const DEFAULT_SATURATION_DN = 16383;

export interface DemProductOptions {
  /** Input JSOC series (e.g. aia.lev1_euv_12s or aia.lev1_nrt2); gives the data type. */
  series?: string;
  /** Data type when the series is not known; must agree with `series` when both are given. */
  dataType?: DataType;
  /** Product version (default 1). */
  version?: number;
  /** Binning factor of the output grid (default 1 = full resolution); noise uses n = bin^2. */
  bin?: number;
  /**
   * Time-dependent degradation factor per band (sensitivity now / at the V10 calibration,
   * 0 < f <= 1, aiapy `degradation`). The rates are divided by it (SCIENCE.md 1.3). Default 1 for
   * every band: the input images are already degradation-corrected (aiapy `correct_degradation`).
   */
  degradation?: Partial<Record<number, number>>;
  /** Fractional systematic error added in quadrature to every band (not established; default 0). */
  epsSys?: number;
  /** Optional multiplicative terms of the aiapy noise model (default none). */
  noiseTerms?: NoiseTerms;
  /** Saturation level [DN] (default `DEFAULT_SATURATION_DN`). */
  saturationDn?: number;
  /** Misalignment [pixels] above which a channel is resampled onto the 193 Å grid (default 0.25). */
  geometryTolerancePx?: number;
  /** Largest spread of the six observation times [s] (default 60: one AIA sequence is 12 s). */
  maxTimeSpreadS?: number;
  /** (logTc, sigma) grid of the table (default `DEFAULT_GRID`). */
  grid?: DemGridSpec;
  /** Table search (default `DEFAULT_SEARCH`). */
  search?: SearchOptions;
  /** Largest side of the map in the PNG quicklooks [pixels] (default 1024). */
  quicklookSize?: number;
  pipelineVersion?: string;
}

/** Options with every default filled in and checked. */
export interface ResolvedDemOptions {
  dataType: DataType;
  series?: string;
  version: number;
  bin: number;
  /** Degradation factor per band, BANDS order. */
  degradation: number[];
  epsSys: number;
  noiseTerms: NoiseTerms;
  saturationDn: number;
  geometryTolerancePx: number;
  maxTimeSpreadS: number;
  grid: DemGridSpec;
  search: SearchOptions;
  quicklookSize: number;
  pipelineVersion: string;
}

/** nrt or sci from an AIA series name (near-real-time series carry "nrt" in their name). */
export function dataTypeOfAiaSeries(series: string): DataType {
  const s = series.trim().toLowerCase();
  if (!/^aia\./.test(s)) throw new DemError('bad-option', `series "${series}" is not an AIA series`);
  return s.includes('nrt') ? 'nrt' : 'sci';
}

const bad = (message: string): DemError => new DemError('bad-option', message);

/** Fills in the defaults and checks every option; throws `DemError('bad-option')`. */
export function resolveDemOptions(options: DemProductOptions): ResolvedDemOptions {
  const fromSeries = options.series !== undefined ? dataTypeOfAiaSeries(options.series) : undefined;
  if (fromSeries && options.dataType && fromSeries !== options.dataType) {
    throw bad(`series ${options.series} is ${fromSeries} data, but dataType '${options.dataType}' was asked for`);
  }
  const dataType = fromSeries ?? options.dataType;
  if (dataType !== 'nrt' && dataType !== 'sci') throw bad('the data type is unknown: pass the input series or dataType (nrt or sci)');

  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw bad(`version must be a positive integer, got ${version}`);
  const bin = options.bin ?? 1;
  if (!Number.isInteger(bin) || bin < 1) throw bad(`bin must be a positive integer, got ${bin}`);

  const degradation = BANDS.map((b) => options.degradation?.[b] ?? 1);
  degradation.forEach((f, i) => {
    if (!(f > 0 && f <= 1)) throw bad(`degradation factor of ${BANDS[i]} Å must be in (0, 1], got ${f}`);
  });
  for (const key of Object.keys(options.degradation ?? {})) {
    if (!BANDS.includes(Number(key))) throw bad(`degradation given for ${key} Å, which is not a DEM channel`);
  }

  const epsSys = options.epsSys ?? 0;
  if (!(epsSys >= 0 && epsSys < 1)) throw bad(`epsSys must be in [0, 1), got ${epsSys}`);
  const saturationDn = options.saturationDn ?? DEFAULT_SATURATION_DN;
  if (!(saturationDn > 0)) throw bad(`saturationDn must be > 0, got ${saturationDn}`);
  const geometryTolerancePx = options.geometryTolerancePx ?? 0.25;
  if (!(geometryTolerancePx >= 0 && Number.isFinite(geometryTolerancePx))) throw bad(`geometryTolerancePx must be a finite number >= 0, got ${geometryTolerancePx}`);
  const maxTimeSpreadS = options.maxTimeSpreadS ?? 60;
  if (!(maxTimeSpreadS >= 0)) throw bad(`maxTimeSpreadS must be >= 0, got ${maxTimeSpreadS}`);
  const quicklookSize = options.quicklookSize ?? 1024;
  if (!Number.isInteger(quicklookSize) || quicklookSize < 16) throw bad(`quicklookSize must be an integer >= 16, got ${quicklookSize}`);
  const search = options.search ?? DEFAULT_SEARCH;
  validateSearch(search);

  return {
    dataType,
    series: options.series,
    version,
    bin,
    degradation,
    epsSys,
    noiseTerms: options.noiseTerms ?? {},
    saturationDn,
    geometryTolerancePx,
    maxTimeSpreadS,
    grid: options.grid ?? DEFAULT_GRID,
    search,
    quicklookSize,
    pipelineVersion: options.pipelineVersion ?? DEM_PIPELINE_VERSION,
  };
}
