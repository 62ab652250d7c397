/**
 * Synoptic map jobs (both products): one map per channel and reference time, the reference times
 * on the product's cadence (00, 06, 12, 18 UTC by default), plus the next one ahead (forecast).
 *
 * Which images make a map at t_ref:
 * - the channel's usable images with t_obs in [t_ref - maxAgeDays, t_ref + AFTER_REF_MS], no later
 *   than now; images after t_ref weigh as much as those before, but the window stops so that a map
 *   of the past becomes final once its window has passed, instead of changing with every new
 *   image for weeks;
 * - at most one image per IMAGE_SPACING_MS (HMI writes one every 12 min; one per hour keeps the
 *   cost of a map bounded while the weights, whose time scale is days, hardly change);
 * - near-real-time and definitive images make separate maps: nrt ones give forecast, nowcast or
 *   temporary maps, definitive ones archived maps, which supersede the temporary ones;
 * - a map is made only when an image lies within MAX_NEAREST_MS of its reference time.
 *
 * Projections are cached across jobs (per process), so a nowcast update after one new image costs
 * one projection and a merge.
 *
 * @module
 */
import { productById } from '../../../../products/src/definitions/index.ts';
import type { DataType, ProductId } from '../../../../products/src/definitions/types.ts';
import { decideMapType, makeSynopticProduct, ProjectionCache, resolveWeighting } from '../../../../products/src/synoptic/index.ts';
import type { Catalogue, InputFile } from '../../catalogue/catalogue.ts';
import { isoTime } from '../../api/params.ts';
import { readInputImage } from './read-input.ts';
import type { ProductionJob, ProductPlanner } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Images after t_ref that still go into the map (see the module comment). */
export const AFTER_REF_MS = 12 * HOUR;
/** At most one image per this interval goes into a map. */
export const IMAGE_SPACING_MS = HOUR;
/**
 * A map needs an image this close to its reference time: an archived map of yesterday is not made
 * from definitive images of a week ago while yesterday's are still to come (definitive data
 * arrive days late), nor a nowcast from a feed that stopped long ago.
 */
export const MAX_NEAREST_MS = 12 * HOUR;

/** One projection cache for all synoptic jobs of this process (about 300 maps' worth of images). */
const cache = new ProjectionCache();

type SynopticProduct = 'synoptic-euv' | 'synoptic-photosphere';

/** Input kind and channel of a product channel. */
function inputOf(product: SynopticProduct, channel: string): { kind: 'aia' | 'hmi'; channel: string } {
  return product === 'synoptic-euv' ? { kind: 'aia', channel } : { kind: 'hmi', channel };
}

/** The images of one map: one per spacing interval (the first), in the window, by time. */
export function selectImages(files: readonly InputFile[], refMs: number, maxAgeMs: number, nowMs: number): InputFile[] {
  const out: InputFile[] = [];
  let lastBucket = Number.NEGATIVE_INFINITY;
  for (const f of files) {
    const t = f.timeMs!;
    if (t < refMs - maxAgeMs || t > refMs + AFTER_REF_MS || t > nowMs) continue;
    const bucket = Math.floor(t / IMAGE_SPACING_MS);
    if (bucket === lastBucket) continue;
    lastBucket = bucket;
    out.push(f);
  }
  return out;
}

function plannerFor(productId: SynopticProduct): ProductPlanner {
  const product = productById(productId)!;
  const cadenceMs = product.cadenceSeconds * 1000;
  const maxAgeMs = resolveWeighting(productId).maxAgeDays * DAY;
  return {
    product: productId,
    plan(ctx, startMs, stopMs) {
      const jobs: ProductionJob[] = [];
      const first = Math.ceil(startMs / cadenceMs) * cadenceMs;
      // The reference times of the range, and, when the range reaches now, the next one ahead
      // (the forecast); never further ahead than that.
      const next = Math.floor(ctx.nowMs / cadenceMs) * cadenceMs + cadenceMs;
      const last = stopMs > ctx.nowMs ? next + 1 : Math.min(stopMs, next + 1);
      for (const channel of product.channels) {
        const src = inputOf(productId, channel.id);
        for (const dataType of ['nrt', 'sci'] as const) {
          const files = ctx.catalogue.inputFiles({ kind: src.kind, channel: src.channel, dataType, startMs: first - maxAgeMs, stopMs: last + AFTER_REF_MS });
          if (!files.length) continue;
          for (let refMs = first; refMs < last; refMs += cadenceMs) {
            const images = selectImages(files, refMs, maxAgeMs, ctx.nowMs);
            if (!images.some((f) => Math.abs(f.timeMs! - refMs) <= MAX_NEAREST_MS)) continue;
            const job = jobFor(ctx.catalogue, productId, channel.id, refMs, dataType, images, ctx.nowMs);
            if (job) jobs.push(job);
          }
        }
      }
      return jobs.sort((a, b) => a.timeMs - b.timeMs || a.label.localeCompare(b.label));
    },
  };
}

function jobFor(catalogue: Catalogue, product: SynopticProduct, channel: string, refMs: number, dataType: DataType, images: InputFile[], nowMs: number): ProductionJob | undefined {
  const mapType = decideMapType({ referenceTimeMs: refMs, nowMs, definitive: dataType === 'sci' });
  const identity = { product: product as ProductId, parameter: channel, timeMs: refMs, mapType, version: 1 };
  if (catalogue.recordIdFor(identity, images) !== undefined) return undefined;
  return {
    product,
    label: `${product} ${channel} ${mapType} ${isoTime(refMs)} (${images.length} images)`,
    timeMs: refMs,
    inputs: images,
    run: async (inputDir) => {
      const loaded = [];
      for (const f of images) {
        const image = await readInputImage(inputDir, f.path, { float32: true });
        loaded.push({ header: image.header, width: image.width, height: image.height, data: image.data, path: f.path, sha256: f.sha256 });
      }
      const out = makeSynopticProduct({ product, channel, referenceTimeMs: refMs, mapType, dataType, nowMs, images: loaded, cache });
      // The record's inputs are the images the map was made from (same set as the job's).
      return { record: out.record, files: out.files, ...(out.arrays ? { arrays: out.arrays } : {}) };
    },
  };
}

export const synopticEuvPlanner = plannerFor('synoptic-euv');
export const synopticPhotospherePlanner = plannerFor('synoptic-photosphere');
