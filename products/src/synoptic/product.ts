/**
 * The synchronous synoptic map pipeline (products synoptic-euv and synoptic-photosphere): input
 * images → per-image Carrington projections (cached) → merge at the reference time → FITS (value,
 * WEIGHT, DATA_AGE), PNG quicklook with colour bar, thumbnail, summary indices and the 360 × 180
 * low-resolution map for HAPI. Pure: no disk, no catalogue (the worker writes and registers).
 *
 * @module
 */
import { synopticEuv } from '../definitions/synoptic-euv.ts';
import { synopticPhotosphere } from '../definitions/synoptic-photosphere.ts';
import type { DataType, DisplayScale, MapType, PipelineFile, PipelineOutput, ProductChannel, ProductDefinition } from '../definitions/types.ts';
import { CarringtonGrid } from '../geometry/grids.ts';
import { renderQuicklook, renderThumbnail } from '../quicklook/index.ts';
import { ProjectionCache, projectionKey } from './cache.ts';
import { synopticFits } from './fits-output.ts';
import { lowResolutionMap, synopticSummary } from './indices.ts';
import { channelKind, defaultQualityMask, isSkipped, prepareImage, type SkippedImage, type SynopticImageInput } from './inputs.ts';
import { decideMapType } from './map-type.ts';
import { mergeProjections, type SynopticMap } from './merge.ts';
import { resolveWeighting, SynopticInputError, type SynopticWeighting } from './options.ts';
import { projectImage, type ProjectedImage } from './project.ts';

/** Version of this pipeline, stored on every record and in the FITS header (PIPEVER). */
export const SYNOPTIC_PIPELINE_VERSION = 'synoptic-1.0.0';

export type SynopticProductId = 'synoptic-euv' | 'synoptic-photosphere';

/** Renders the main plane to PNG bytes (the quicklook module by default; replaceable in tests). */
export interface SynopticRenderer {
  quicklook(plane: Float32Array, width: number, height: number, display: DisplayScale, text: { title: string; label: string; units: string }): Uint8Array;
  thumbnail(plane: Float32Array, width: number, height: number, display: DisplayScale): Uint8Array;
}

/** Quicklooks wider than this are sampled down (the 3600-column JSOC grid gives a 1800-wide picture). */
const QUICKLOOK_MAX_SIZE = 1920;

export const defaultSynopticRenderer: SynopticRenderer = {
  quicklook: (plane, width, height, display, text) => renderQuicklook(plane, width, height, display, { ...text, maxSize: QUICKLOOK_MAX_SIZE }),
  thumbnail: (plane, width, height, display) => renderThumbnail(plane, width, height, display),
};

export interface SynopticProductOptions extends Partial<SynopticWeighting> {
  /** Product version (default 1). */
  version?: number;
  pipelineVersion?: string;
  /** QUALITY bits that reject an input image (default: inputs.ts defaultQualityMask). */
  qualityMask?: number;
  renderer?: SynopticRenderer;
}

export interface SynopticProductRequest {
  product: SynopticProductId;
  /** Channel id: '94' ... '1700' (EUV), 'hmi.m_720s' or 'hmi.ic_720s' (photosphere). */
  channel: string;
  /** Reference time t_ref, UTC ms. */
  referenceTimeMs: number;
  /** Map type; when absent it is decided from `nowMs` and `dataType` (map-type.ts). */
  mapType?: MapType;
  /** Kind of input: 'sci' (definitive) or 'nrt'; checked against mapType (archived needs sci). */
  dataType?: DataType;
  /** Production time (UTC ms), needed only when mapType is absent. */
  nowMs?: number;
  images: SynopticImageInput[];
  /** Carrington grid; default 1920 × 960 plate carrée, 0-360° (CarringtonGrid.car()). */
  grid?: CarringtonGrid;
  options?: SynopticProductOptions;
  /** Cache of per-image projections shared between calls (nowcast updates). */
  cache?: ProjectionCache;
}

/** An input that went into the map. */
export interface UsedImage {
  path?: string;
  sha256?: string;
  tObsMs: number;
  /** True when its projection came from the cache. */
  cached: boolean;
}

export interface SynopticProductOutput extends PipelineOutput {
  /** The merged planes (also in the FITS file). */
  map: SynopticMap;
  grid: CarringtonGrid;
  weighting: SynopticWeighting;
  used: UsedImage[];
  skipped: SkippedImage[];
}

const DEFINITIONS: Record<SynopticProductId, ProductDefinition> = { 'synoptic-euv': synopticEuv, 'synoptic-photosphere': synopticPhotosphere };

function channelOf(product: SynopticProductId, id: string): ProductChannel {
  const def = DEFINITIONS[product];
  if (!def) throw new SynopticInputError(`unknown product ${JSON.stringify(product)} (expected synoptic-euv or synoptic-photosphere)`);
  const ch = def.channels.find((c) => c.id === String(id));
  if (!ch) throw new SynopticInputError(`unknown channel ${JSON.stringify(id)} of ${product} (expected ${def.channels.map((c) => c.id).join(', ')})`);
  return ch;
}

function resolveMapType(req: SynopticProductRequest): MapType {
  if (req.dataType !== undefined && req.dataType !== 'nrt' && req.dataType !== 'sci') throw new SynopticInputError(`dataType must be nrt or sci, got ${JSON.stringify(req.dataType)}`);
  let mapType = req.mapType;
  if (mapType === undefined) {
    if (req.nowMs === undefined || req.dataType === undefined) throw new SynopticInputError('give mapType, or nowMs and dataType to decide it');
    mapType = decideMapType({ referenceTimeMs: req.referenceTimeMs, nowMs: req.nowMs, definitive: req.dataType === 'sci' });
  }
  if (!['forecast', 'nowcast', 'temporary', 'archived'].includes(mapType)) throw new SynopticInputError(`unknown map type ${JSON.stringify(mapType)}`);
  if (mapType === 'archived' && req.dataType === 'nrt') throw new SynopticInputError('an archived map needs definitive (sci) input, got nrt');
  if ((mapType === 'nowcast' || mapType === 'temporary') && req.dataType === 'sci') throw new SynopticInputError(`a ${mapType} map is made from near-real-time input, got sci`);
  return mapType;
}

/**
 * Per-image projections of the usable images (from the cache when possible), and the images left
 * out with their reasons.
 */
export function projectInputs(
  req: Pick<SynopticProductRequest, 'product' | 'channel' | 'referenceTimeMs' | 'images' | 'cache'>,
  grid: CarringtonGrid,
  weighting: SynopticWeighting,
  qualityMask?: number,
): { projections: ProjectedImage[]; used: UsedImage[]; skipped: SkippedImage[] } {
  const kind = channelKind(req.product, req.channel);
  const mask = qualityMask ?? defaultQualityMask(kind);
  const projections: ProjectedImage[] = [];
  const used: UsedImage[] = [];
  const skipped: SkippedImage[] = [];
  for (const input of req.images) {
    const prepared = prepareImage(input, kind, req.channel, mask);
    if (isSkipped(prepared)) {
      skipped.push(prepared);
      continue;
    }
    const ageDays = Math.abs(req.referenceTimeMs - prepared.tObsMs) / 86_400_000;
    if (ageDays > weighting.maxAgeDays) {
      skipped.push({ path: input.path, sha256: input.sha256, reason: `|t_ref - t_obs| = ${ageDays.toFixed(2)} d > maxAgeDays ${weighting.maxAgeDays}` });
      continue;
    }
    const compute = (): ProjectedImage => projectImage(prepared.pixels(), prepared.frame, grid, weighting.muMin, prepared.tObsMs);
    let projection: ProjectedImage;
    let cached = false;
    if (req.cache && prepared.identity) {
      const misses = req.cache.misses;
      projection = req.cache.getOrCompute(projectionKey(prepared.identity, grid, weighting.muMin, prepared.settingsKey), compute);
      cached = req.cache.misses === misses;
    } else projection = compute();
    projections.push(projection);
    used.push({ path: input.path, sha256: input.sha256, tObsMs: prepared.tObsMs, cached });
  }
  return { projections, used, skipped };
}

/**
 * One synchronous synoptic map at `referenceTimeMs` from full-disk images (see options.ts for the
 * weighting, inputs.ts for the per-image preparation).
 * @throws SynopticInputError for unknown product/channel, inconsistent map type, bad options, or
 *   when no image is usable.
 */
export function makeSynopticProduct(req: SynopticProductRequest): SynopticProductOutput {
  const def = DEFINITIONS[req.product];
  const channel = channelOf(req.product, req.channel);
  if (!Number.isFinite(req.referenceTimeMs)) throw new SynopticInputError(`referenceTimeMs must be a finite number of ms, got ${req.referenceTimeMs}`);
  const mapType = resolveMapType(req);
  const options = req.options ?? {};
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw new SynopticInputError(`version must be a positive integer, got ${version}`);
  const { version: _v, pipelineVersion: _p, qualityMask, renderer: _r, ...weightingOptions } = options;
  const weighting = resolveWeighting(req.product, weightingOptions);
  const pipelineVersion = options.pipelineVersion ?? SYNOPTIC_PIPELINE_VERSION;
  const renderer = options.renderer ?? defaultSynopticRenderer;
  const grid = req.grid ?? CarringtonGrid.car();
  if (!Array.isArray(req.images)) throw new SynopticInputError('images must be an array');

  const { projections, used, skipped } = projectInputs(req, grid, weighting, qualityMask);
  if (projections.length === 0) {
    const reasons = skipped.slice(0, 3).map((s) => `${s.path ?? '(image)'}: ${s.reason}`);
    throw new SynopticInputError(`no usable image for ${req.product} ${channel.id} (${req.images.length} given${reasons.length ? `; ${reasons.join('; ')}` : ''})`);
  }
  const map = mergeProjections(projections, grid, req.referenceTimeMs, weighting);
  const kind = channelKind(req.product, channel.id);

  const record: PipelineOutput['record'] = {
    product: req.product,
    parameter: channel.id,
    timeMs: req.referenceTimeMs,
    mapType,
    version,
    pipelineVersion,
    summary: synopticSummary(kind, map, grid, req.referenceTimeMs),
  };
  const stem = def.fileStem(record);
  const main = channel.planes[0];
  const title = `${channel.label}  ${new Date(req.referenceTimeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC  ${mapType}`;
  const files: PipelineFile[] = [
    {
      kind: 'fits',
      name: `${stem}.fits`,
      mediaType: 'application/fits',
      bytes: synopticFits(map, grid, {
        product: req.product,
        channel,
        mapType,
        version,
        pipelineVersion,
        tRefMs: req.referenceTimeMs,
        weighting,
        inputTimesMs: used.map((u) => u.tObsMs),
      }),
    },
    { kind: 'png', name: `${stem}.png`, mediaType: 'image/png', bytes: renderer.quicklook(map.value, map.width, map.height, main.display, { title, label: main.label, units: main.units }) },
    { kind: 'thumbnail', name: `${stem}_thumb.png`, mediaType: 'image/png', bytes: renderer.thumbnail(map.value, map.width, map.height, main.display) },
  ];
  return { record, files, arrays: { lowres: lowResolutionMap(map, grid) }, map, grid, weighting, used, skipped };
}
