/**
 * The currents pipeline: the SHARP CEA segments of one HARP and T_REC → FITS map (JR, JR_ERR,
 * MASK, BR), PNG quicklook and thumbnail of jr, and the catalogue record with the SHARP keywords.
 * Pure: no disk, no catalogue (the worker writes the files and registers the record).
 *
 * @module
 */
import { currents } from '../definitions/currents.ts';
import type { DataType, DisplayScale, PipelineFile, PipelineOutput } from '../definitions/types.ts';
import { renderQuicklook, renderThumbnail } from '../quicklook/index.ts';
import { computeCurrents, type CurrentsResult } from './compute.ts';
import { currentsFits } from './fits-output.ts';
import { CURRENT_KEYWORD_NAMES } from './keywords.ts';
import { CurrentsInputError, dataTypeOfSeries, parseSharpSegments, type SegmentImage } from './segments.ts';

/** Version of this pipeline, stored on every record and in the FITS header (PIPEVER). */
export const CURRENTS_PIPELINE_VERSION = 'currents-1.0.0';

/** Renders one plane to PNG bytes: the quicklook module by default, replaceable (tests, other looks). */
export interface PlaneRenderer {
  quicklook(plane: Float32Array, width: number, height: number, display: DisplayScale, text: { title: string; label: string; units: string }): Uint8Array;
  thumbnail(plane: Float32Array, width: number, height: number, display: DisplayScale): Uint8Array;
}

/** The project's quicklook renderer: diverging colour scale centred on 0, colour bar, NaN transparent. */
export const defaultPlaneRenderer: PlaneRenderer = {
  quicklook: (plane, width, height, display, text) => renderQuicklook(plane, width, height, display, text),
  thumbnail: (plane, width, height, display) => renderThumbnail(plane, width, height, display),
};

export interface CurrentsProductOptions {
  /** Input JSOC series (hmi.sharp_cea_720s or hmi.sharp_cea_720s_nrt); gives the data type. */
  series?: string;
  /** Data type when the series is not known; must agree with `series` when both are given. */
  dataType?: DataType;
  /** Product version (default 1). */
  version?: number;
  /** Extra mask |B| >= minFieldGauss (G); off by default, as in the HMI pipeline. */
  minFieldGauss?: number;
  pipelineVersion?: string;
  renderer?: PlaneRenderer;
}

function resolveDataType(options: CurrentsProductOptions): DataType {
  const fromSeries = options.series !== undefined ? dataTypeOfSeries(options.series) : undefined;
  if (fromSeries && options.dataType && fromSeries !== options.dataType) {
    throw new CurrentsInputError(`series ${options.series} is ${fromSeries} data, but dataType '${options.dataType}' was asked for`);
  }
  const dataType = fromSeries ?? options.dataType;
  if (dataType !== 'nrt' && dataType !== 'sci') throw new CurrentsInputError('the data type is unknown: pass the input series or dataType (nrt or sci)');
  return dataType;
}

/** Summary of a record: the SHARP keywords, NaN (empty mask) stored as null. */
function summaryOf(result: CurrentsResult): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of CURRENT_KEYWORD_NAMES) {
    const v = result.keywords.values[name];
    out[name] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * One currents map from the SHARP CEA segments (`Br, Bp, Bt, Br_err, Bp_err, Bt_err, bitmap,
 * conf_disambig`, each with its header) of one HARP and T_REC.
 * @throws CurrentsInputError for missing, inconsistent or malformed segments or options.
 */
export function makeCurrentsProduct(segments: Partial<Record<string, SegmentImage>>, options: CurrentsProductOptions = {}): PipelineOutput {
  const dataType = resolveDataType(options);
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw new CurrentsInputError(`version must be a positive integer, got ${version}`);
  const minFieldGauss = options.minFieldGauss ?? 0;
  if (!(minFieldGauss >= 0) || !Number.isFinite(minFieldGauss)) throw new CurrentsInputError(`minFieldGauss must be a finite number >= 0, got ${minFieldGauss}`);
  const pipelineVersion = options.pipelineVersion ?? CURRENTS_PIPELINE_VERSION;
  const renderer = options.renderer ?? defaultPlaneRenderer;

  const { field, info } = parseSharpSegments(segments);
  const result = computeCurrents(field, info.geometry, { minFieldGauss });

  const record: PipelineOutput['record'] = {
    product: 'currents',
    parameter: 'jr',
    timeMs: info.timeMs,
    dataType,
    version,
    harpnum: info.harpnum,
    noaaArs: info.noaaArs,
    pipelineVersion,
    summary: summaryOf(result),
  };
  const stem = currents.fileStem(record);
  const jrPlane = currents.channels[0].planes[0];
  const noaa = info.noaaArs.length ? ` NOAA ${info.noaaArs.join(',')}` : '';
  const title = `jr HARP ${info.harpnum}${noaa} ${info.tRec} (${dataType})`;
  const files: PipelineFile[] = [
    {
      kind: 'fits',
      name: `${stem}.fits`,
      mediaType: 'application/fits',
      bytes: currentsFits(result, field.br, { info, dataType, version, pipelineVersion, minFieldGauss, series: options.series }),
    },
    {
      kind: 'png',
      name: `${stem}.png`,
      mediaType: 'image/png',
      bytes: renderer.quicklook(result.jr, result.width, result.height, jrPlane.display, { title, label: jrPlane.label, units: jrPlane.units }),
    },
    {
      kind: 'thumbnail',
      name: `${stem}_thumb.png`,
      mediaType: 'image/png',
      bytes: renderer.thumbnail(result.jr, result.width, result.height, jrPlane.display),
    },
  ];
  return { record, files };
}
