/**
 * The DEM pipeline: the six coronal AIA images of one time step → Gaussian-DEM planes (Tc, EM,
 * width, reduced chi2, valid bands), one FITS file, PNG quicklooks of Tc and EM with the GAIA-DEM
 * display rules, a thumbnail, and the catalogue record with the `dem_indices` summary.
 * Pure: no disk, no catalogue (the worker writes the files and registers the record).
 *
 * Steps (SCIENCE.md 1.2-1.4):
 * 1. `prepare.ts`: channels identified by WAVELNTH, counts per pixel (DN; a DN/s image is
 *    multiplied back by EXPTIME because the noise model needs counts), saturation and missing
 *    pixels marked, channels put on the 193 Å grid, optional binning.
 * 2. `invert.ts`: per pixel and band, validity (finite, > 0, unsaturated), aiapy noise in DN plus
 *    the fractional systematic term, rates I = C / (EXPTIME x degradation) in DN/s with the same
 *    scaling of the uncertainty, then the table solve and the sub-node refinement.
 * 3. `summary.ts` over on-disk pixels; `fits-output.ts`; quicklooks.
 *
 * `makeDemProduct` runs on the calling thread; `makeDemProductParallel` spreads rows over worker
 * threads. Both give bit-identical planes (every pixel is computed by the same code from the same
 * float32 counts).
 *
 * @module
 */
import { dem } from '../definitions/dem.ts';
import type { PipelineFile, PipelineOutput, ProductParameter } from '../definitions/types.ts';
import { demQualityClasses, renderDemQuicklook, renderThumbnail } from '../quicklook/index.ts';
import { DemError } from './errors.ts';
import { demFits } from './fits-output.ts';
import type { DemPlanes, PixelModel } from './invert.ts';
import { buildDemLut, type DemGridSpec, type DemLut } from './lut.ts';
import { channelNoise } from './noise.ts';
import { resolveDemOptions, type DemProductOptions, type ResolvedDemOptions } from './options.ts';
import { invertMap, invertMapHere } from './parallel.ts';
import { prepareInputs, type DemChannelImage, type PreparedInputs } from './prepare.ts';
import { BANDS, fineResponse, loadTemperatureResponse } from './response.ts';
import { demSummary, type DemSummary } from './summary.ts';

/** The names of the `dem_indices` HAPI parameters (after data_type), in their order. */
export const DEM_INDEX_NAMES: readonly string[] = (() => {
  const ds = dem.hapiDatasets({ harps: [] }).find((d) => d.id === 'dem_indices');
  if (!ds) throw new Error('definitions/dem.ts declares no dem_indices dataset');
  return ds.parameters.slice(1).map((p) => p.name);
})();

const tables = new Map<string, DemLut>();

/** The unit-EM table of a grid (built once per grid and process, on a SharedArrayBuffer). */
export function demLutFor(spec: DemGridSpec): DemLut {
  const key = JSON.stringify(spec);
  let lut = tables.get(key);
  if (!lut) {
    lut = buildDemLut(fineResponse(loadTemperatureResponse()), spec, { shared: true });
    tables.set(key, lut);
  }
  return lut;
}

/** Per-band constants of the pixel loop from the prepared inputs and options. */
export function pixelModelOf(prepared: PreparedInputs, options: ResolvedDemOptions): PixelModel {
  return {
    rateScale: BANDS.map((_, b) => 1 / (prepared.exptime[b] * options.degradation[b])),
    noise: BANDS.map((band) => channelNoise(band, prepared.nSample, options.noiseTerms)),
    epsSys: options.epsSys,
    saturationDn: options.saturationDn,
  };
}

interface Stage {
  options: ResolvedDemOptions;
  prepared: PreparedInputs;
  model: PixelModel;
  lut: DemLut;
  timeMs: number;
}

/** Options, inputs and time checks shared by both entry points. */
function stage(images: readonly DemChannelImage[], options: DemProductOptions, shared: boolean): Stage {
  const resolved = resolveDemOptions(options);
  if (!Array.isArray(images)) throw new DemError('bad-input', 'images must be an array of the six AIA channel images');
  const prepared = prepareInputs(images, { bin: resolved.bin, saturationDn: resolved.saturationDn, geometryTolerancePx: resolved.geometryTolerancePx, shared });
  const spread = (Math.max(...prepared.timeMs) - Math.min(...prepared.timeMs)) / 1000;
  if (spread > resolved.maxTimeSpreadS) {
    throw new DemError('bad-input', `the six channels span ${spread.toFixed(1)} s (T_OBS ${prepared.tObs.join(', ')}), more than ${resolved.maxTimeSpreadS} s`);
  }
  const timeMs = prepared.timeMs[BANDS.indexOf(193)];
  return { options: resolved, prepared, model: pixelModelOf(prepared, resolved), lut: demLutFor(resolved.grid), timeMs };
}

/** Record summary: exactly the `dem_indices` names, null where undefined. */
function summaryRecord(summary: DemSummary): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of DEM_INDEX_NAMES) {
    const v = (summary as unknown as Record<string, number | null>)[name];
    if (v === undefined) throw new Error(`summary has no index ${name}`);
    out[name] = v !== null && Number.isFinite(v) ? v : null;
  }
  return out;
}

function plane(id: string): ProductParameter {
  const p = dem.channels[0].planes.find((q) => q.id === id);
  if (!p) throw new Error(`definitions/dem.ts has no plane ${id}`);
  return p;
}

/** Record, FITS, PNGs from the planes. */
function finish(st: Stage, planes: DemPlanes): PipelineOutput {
  const { options, prepared, lut, timeMs } = st;
  const summary = demSummary(planes, prepared.grid.disk());
  const record: PipelineOutput['record'] = {
    product: 'dem',
    parameter: 'dem',
    timeMs,
    dataType: options.dataType,
    version: options.version,
    pipelineVersion: options.pipelineVersion,
    summary: summaryRecord(summary),
  };
  const stem = dem.fileStem(record);
  const { width, height } = planes;
  const quality = demQualityClasses(planes.chi2, planes.nbands);
  const when = `${prepared.tObs[BANDS.indexOf(193)].slice(0, 16).replace('T', ' ')} UTC (${options.dataType})`;
  const look = (id: 'tc' | 'em', data: Float32Array): Uint8Array => {
    const p = plane(id);
    return renderDemQuicklook(data, planes.chi2, planes.nbands, width, height, p.display, {
      title: `AIA Gaussian DEM ${p.label} ${when}`,
      label: p.label,
      units: p.units,
      maxSize: options.quicklookSize,
    });
  };
  const tcPng = look('tc', planes.tc);
  const files: PipelineFile[] = [
    { kind: 'fits', name: `${stem}.fits`, mediaType: 'application/fits', bytes: demFits(planes, { prepared, options, lut, summary, timeMs }) },
    // The main quicklook is the map's first plane, Tc (the same picture as png:tc).
    { kind: 'png', name: `${stem}.png`, mediaType: 'image/png', bytes: tcPng },
    { kind: 'png:tc', name: `${stem}_tc.png`, mediaType: 'image/png', bytes: tcPng },
    { kind: 'png:em', name: `${stem}_em.png`, mediaType: 'image/png', bytes: look('em', planes.em) },
    { kind: 'thumbnail', name: `${stem}_thumb.png`, mediaType: 'image/png', bytes: renderThumbnail(planes.tc, width, height, plane('tc').display, { quality }) },
  ];
  return { record, files };
}

/**
 * One DEM map from the six coronal AIA images (94, 131, 171, 193, 211, 335 Å, any order), on the
 * calling thread.
 * @throws DemError for missing, duplicated or malformed channels and bad options.
 */
export function makeDemProduct(images: readonly DemChannelImage[], options: DemProductOptions = {}): PipelineOutput {
  const st = stage(images, options, false);
  const { planes } = invertMapHere({ counts: st.prepared.counts, width: st.prepared.width, height: st.prepared.height, model: st.model, lut: st.lut, search: st.options.search });
  return finish(st, planes);
}

/** As `makeDemProduct`, with the pixel loop on `workers` threads (default 2); identical output. */
export async function makeDemProductParallel(images: readonly DemChannelImage[], options: DemProductOptions & { workers?: number } = {}): Promise<PipelineOutput> {
  const workers = options.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 0) throw new DemError('bad-option', `workers must be an integer >= 0, got ${workers}`);
  const st = stage(images, options, workers > 0);
  const { planes } = await invertMap({ counts: st.prepared.counts, width: st.prepared.width, height: st.prepared.height, model: st.model, lut: st.lut, search: st.options.search, workers });
  return finish(st, planes);
}
