/**
 * Input images of the synoptic pipeline: what the caller passes, how each image is checked (time,
 * geometry, QUALITY, channel) and turned into the pixels the resampler samples:
 * - AIA (synoptic-euv): DN / EXPTIME / degradation, folded into the resampler as one factor;
 * - HMI magnetogram (hmi.m_720s): Br = Blos / μ per pixel (photosphere/disk-correction.ts);
 * - HMI continuum (hmi.ic_720s): Ic / JSOC limb-darkening law per pixel.
 *
 * @module
 */
import { SolarImageWcs, WcsError, type HeaderAccess } from '../geometry/wcs.ts';
import { HMI_BAD_QUALITY_MASK, limbDarkeningCorrectedImage, radialFieldImage } from '../photosphere/index.ts';
import { ImageFrame } from './image-frame.ts';
import type { ImagePixels } from './project.ts';

/** One full-disk input image (level-1-like FITS image already decoded to physical values). */
export interface SynopticImageInput {
  header: HeaderAccess;
  width: number;
  height: number;
  /** Pixel values, row-major (x fastest, FITS row 0 first); NaN = missing. */
  data: ArrayLike<number>;
  /** File path of the input (identifies it in the cache and in reports). */
  path?: string;
  /** SHA-256 of the input file (preferred cache identity: JSOC `mostrecent` files reuse names). */
  sha256?: string;
  /**
   * AIA only: the channel's response at t_obs relative to its reference (aiapy `degradation`,
   * ≤ 1); values are divided by it. Default 1 (no correction known, e.g. simulator input).
   */
  degradation?: number;
}

/** How a channel's pixels become map values. */
export type ChannelKind = 'euv' | 'radial-field' | 'continuum';

export function channelKind(product: 'synoptic-euv' | 'synoptic-photosphere', channel: string): ChannelKind {
  if (product === 'synoptic-euv') return 'euv';
  return channel === 'hmi.m_720s' ? 'radial-field' : 'continuum';
}

/**
 * QUALITY bits that reject an image. HMI: the JSOC synoptic mask (SCIENCE.md §3.4). AIA: any bit
 * except 30 (set on every near-real-time "quicklook" image) — not established, configurable.
 */
export function defaultQualityMask(kind: ChannelKind): number {
  return kind === 'euv' ? 0xbfffffff : HMI_BAD_QUALITY_MASK;
}

/** An image that passed the checks. `pixels()` does the per-pixel work, only when not cached. */
export interface PreparedImage {
  input: SynopticImageInput;
  frame: ImageFrame;
  tObsMs: number;
  /** Identity of the input for the cache (sha256 or path, plus T_OBS), undefined = not cacheable. */
  identity: string | undefined;
  /** Settings of the pixel preparation that change the projection (part of the cache key). */
  settingsKey: string;
  pixels(): ImagePixels;
}

/** An image that was left out, and why (reported to the caller). */
export interface SkippedImage {
  path?: string;
  sha256?: string;
  reason: string;
}

/** Checks one image; returns why it cannot be used instead of throwing. */
export function prepareImage(input: SynopticImageInput, kind: ChannelKind, channel: string, qualityMask: number): PreparedImage | SkippedImage {
  const skip = (reason: string): SkippedImage => ({ path: input.path, sha256: input.sha256, reason });
  const { header: h, width, height, data } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) return skip(`bad image size ${width} x ${height}`);
  if (!data || data.length !== width * height) return skip(`image holds ${data?.length} values, expected ${width} x ${height}`);
  let wcs: SolarImageWcs;
  try {
    wcs = SolarImageWcs.fromHeader(h);
  } catch (e) {
    if (e instanceof WcsError) return skip(`geometry: ${e.message}`);
    return skip(`geometry: ${(e as Error).message}`);
  }
  if (wcs.timeMs === undefined || !Number.isFinite(wcs.timeMs)) return skip('no observation time (T_OBS or DATE-OBS)');
  const quality = h.number('QUALITY') ?? 0;
  if ((quality & qualityMask) !== 0) return skip(`QUALITY 0x${(quality >>> 0).toString(16)} has bits of mask 0x${(qualityMask >>> 0).toString(16)}`);
  const frame = ImageFrame.fromWcs(wcs);
  const tObsMs = wcs.timeMs;
  const base = { input, frame, tObsMs, identity: identityOf(input, tObsMs) };

  if (kind === 'euv') {
    const wavelength = h.number('WAVELNTH');
    if (wavelength !== undefined && String(Math.round(wavelength)) !== channel) return skip(`WAVELNTH ${wavelength} is not channel ${channel}`);
    const exptime = h.number('EXPTIME');
    if (!(exptime !== undefined && exptime > 0)) return skip(`EXPTIME missing or not positive (${exptime})`);
    const degradation = input.degradation ?? 1;
    if (!(degradation > 0 && degradation <= 10)) return skip(`degradation must be a positive factor, got ${degradation}`);
    const factor = 1 / (exptime * degradation);
    return { ...base, settingsKey: `euv:${factor}`, pixels: () => ({ data, width, height, factor }) };
  }
  if (kind === 'radial-field') return { ...base, settingsKey: 'br', pixels: () => ({ data: radialFieldImage(data, width, height, frame), width, height }) };
  return { ...base, settingsKey: 'ic-ld-v2', pixels: () => ({ data: limbDarkeningCorrectedImage(data, width, height, frame), width, height }) };
}

function identityOf(input: SynopticImageInput, tObsMs: number): string | undefined {
  if (input.sha256) return `sha256:${input.sha256}`;
  if (input.path) return `path:${input.path}@${tObsMs}`;
  return undefined;
}

export function isSkipped(p: PreparedImage | SkippedImage): p is SkippedImage {
  return (p as SkippedImage).reason !== undefined;
}
