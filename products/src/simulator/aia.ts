/**
 * Synthetic AIA level-1 images: the six coronal channels forward-modelled from the scene's Gaussian
 * DEMs with the V10 response table (through the unit-response table of response-lut.ts), 304, 1600
 * and 1700 Å from simple chromospheric brightness models, photon/read/compression noise from the
 * AIA noise model (dem/noise.ts), int16 DN per pixel (level 1 is not exposure-normalised), without
 * instrument degradation (the V10 table has none: degradation factor 1).
 *
 * Optically thin corona: the line-of-sight EM of an on-disk pixel is the radial column EM times
 * (1 + ε)/(μ + ε) (limb brightening, 1 at disk centre); above the limb it decays as exp(−h/H) with
 * H = 23 Mm × T[MK] (half the hydrostatic density scale height, since EM ∝ n²), from the limb point
 * at the same position angle.
 *
 * @module
 */
import type { FitsCard } from '../fits/header.ts';
import { BANDS, NBANDS } from '../dem/response.ts';
import { channelNoise, noiseVarianceDn, aiaTelescope, type ChannelNoise } from '../dem/noise.ts';
import { SolarImageWcs, solarImageFitsCards } from '../geometry/wcs.ts';
import { formatFitsDate, formatIsoUtcTai, utcToTaiMs } from '../geometry/time.ts';
import { carringtonRotationNumber } from '../geometry/ephemeris.ts';
import { Random, deriveSeed } from './rng.ts';
import { type PointSample, type SunScene, MODEL_RSUN_M } from './scene.ts';
import { unitResponseLut } from './response-lut.ts';
import { forEachBand, fullDiskFields } from './instrument-geometry.ts';
import type { SyntheticSun } from './sun.ts';

/** The nine channels simulated, in file order. */
export const AIA_WAVELENGTHS = [94, 131, 171, 193, 211, 304, 335, 1600, 1700] as const;
export type AiaWavelength = (typeof AIA_WAVELENGTHS)[number];

/**
 * Exposure times [s]: 2.0 s for 171 Å as in the SunPy level-1 test file; the others are not
 * established (SCIENCE.md §8): 2.9 s is typical of the EUV sequence, 1 s of 1700 Å.
 */
export const AIA_EXPTIME_S: Readonly<Record<AiaWavelength, number>> = {
  94: 2.9, 131: 2.9, 171: 2.0, 193: 2.0, 211: 2.9, 304: 2.9, 335: 2.9, 1600: 2.9, 1700: 1.0,
};

/** Offset of each channel's mid-exposure from the slot time [s] (AIA cycles its channels within 12 s). */
export const AIA_TIME_OFFSET_S: Readonly<Record<AiaWavelength, number>> = {
  94: 2, 131: 6, 171: 0, 193: 4, 211: 10, 304: 5, 335: 8, 1600: 1, 1700: 13,
};

/** AIA's 14-bit camera saturates here [DN]. */
export const AIA_SATURATION_DN = 16383;

/** ε of the coronal limb brightening (1 + ε)/(μ + ε): ×6 at the limb. Not established. */
export const CORONAL_LIMB_EPSILON = 0.2;

/** Line-of-sight / radial EM ratio of an optically thin corona at μ (1 at disk centre). */
export function coronalLimbBrightening(mu: number): number {
  const m = mu > 0 ? mu : 0;
  return (1 + CORONAL_LIMB_EPSILON) / (m + CORONAL_LIMB_EPSILON);
}

/** EM scale height above the limb [m] for a peak temperature 10^logTc K. */
export function offLimbEmScaleHeightM(logTc: number): number {
  return 23e6 * 10 ** (logTc - 6);
}

function smoothstep(x: number): number {
  const c = x < 0 ? 0 : x > 1 ? 1 : x;
  return c * c * (3 - 2 * c);
}

/**
 * Chromospheric and transition-region brightness models [DN/s] at a surface point (not established:
 * plausible quiet-Sun levels, plage brightening with |Br|, dark sunspots, limb darkening in the UV).
 */
export function chromosphereRate(wave: 304 | 1600 | 1700, s: PointSample, mu: number, quietEm: number): number {
  const absBr = Math.abs(s.br);
  const spot = smoothstep((absBr - 1200) / 600);
  const plage = Math.min(1, absBr / 300) * (1 - spot);
  const m = mu > 0 ? mu : 0;
  switch (wave) {
    case 304:
      return 120 * Math.sqrt(s.em / quietEm) * (1 + 0.3 * (1 - m));
    case 1600:
      return 60 * (0.4 + 0.6 * m) * (1 + 1.5 * plage) * (1 - 0.6 * spot);
    case 1700:
      return 900 * (0.35 + 0.65 * m) * (1 + 0.7 * plage) * (1 - 0.8 * spot);
  }
}

/** Off-limb scale heights of the chromospheric channels [m]. */
const CHROMOSPHERE_SCALE_HEIGHT_M: Readonly<Record<304 | 1600 | 1700, number>> = { 304: 5e6, 1600: 0.7e6, 1700: 0.7e6 };

/** One rendered image with its header cards, ready for the FITS writer. */
export interface RenderedImage {
  instrument: 'aia' | 'hmi';
  /** AIA wavelength as text ('171'), or 'magnetogram' / 'continuum'. */
  channel: string;
  width: number;
  height: number;
  pixels: Int16Array | Int32Array;
  /** Image-HDU cards (WCS, observer, time, instrument, scaling). */
  cards: FitsCard[];
  /** Observation time (AIA T_OBS, HMI T_REC), UTC ms. */
  timeMs: number;
  /** Slot (T_REC) the image belongs to, UTC ms. */
  slotMs: number;
}

export interface AiaRenderOptions {
  /** Image size in pixels (square). Default 1024. */
  size?: number;
  /** Channels to render (default all nine). */
  wavelengths?: readonly AiaWavelength[];
  /** Add photon/read noise (default true). */
  noise?: boolean;
}

/** Indices of the EUV channels in BANDS order (94, 131, 171, 193, 211, 335). */
const BAND_INDEX = new Map<number, number>(BANDS.map((b, i) => [b, i]));

/**
 * Renders one AIA set (one image per channel) for the slot `slotMs` (UTC). All channels sample the
 * scene at the slot time (channels are seconds apart: < 0.002° of rotation); each header carries
 * its own T_OBS and the observer geometry of that instant.
 */
export function renderAiaSet(sun: SyntheticSun, slotMs: number, options: AiaRenderOptions = {}): RenderedImage[] {
  const size = options.size ?? 1024;
  const waves = options.wavelengths ?? AIA_WAVELENGTHS;
  const noise = options.noise ?? true;
  const scene = sun.sceneAt(slotMs);
  const fields = fullDiskFields('aia', size, slotMs);
  const n = size * size;
  const outputs = waves.map(() => new Int16Array(n));
  const rates = new Float64Array(waves.length); // DN/s per channel for the current pixel
  const ring = limbRing(scene, fields, waves, sun.params.quietDem.em);
  const rngs = waves.map((w) => new Random(deriveSeed(sun.seed, 10, w, slotMs)));
  const noiseModels: ChannelNoise[] = waves.map((w) => channelNoise(w));
  const exptimes = waves.map((w) => AIA_EXPTIME_S[w]);
  const lut = unitResponseLut();
  const unit = new Float64Array(NBANDS);
  const sample: PointSample = { logTc: 0, sigma: 0, em: 0, wAr: 0, wCh: 0, br: 0 };
  const bandOf = waves.map((w) => BAND_INDEX.get(w) ?? -1);
  const wcs = new SolarImageWcs(fields);
  const centre = wcs.diskCentrePixel();
  const limbPx = wcs.limbRadiusPixels();
  const quietEm = sun.params.quietDem.em;

  forEachBand(fields, size, ({ row0, rows, lonRad, latRad, mu }) => {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < size; i++) {
        const k = j * size + i;
        const m = mu[k];
        if (m === m) {
          // On disk: sample the scene at the pixel's Carrington position.
          const cl = Math.cos(latRad[k]);
          scene.sample(cl * Math.cos(lonRad[k]), cl * Math.sin(lonRad[k]), Math.sin(latRad[k]), sample);
          const emLos = sample.em * coronalLimbBrightening(m);
          lut.lookup(sample.logTc, sample.sigma, unit);
          for (let c = 0; c < waves.length; c++) {
            const b = bandOf[c];
            rates[c] = b >= 0 ? emLos * unit[b] : chromosphereRate(waves[c] as 304 | 1600 | 1700, sample, m, quietEm);
          }
        } else {
          // Off disk: the limb value at this position angle, decaying with height.
          const dx = i - centre.x;
          const dy = row0 + j - centre.y;
          const r = Math.sqrt(dx * dx + dy * dy);
          const hM = Math.max(0, r / limbPx - 1) * MODEL_RSUN_M;
          const a = ring.index(dx, dy);
          for (let c = 0; c < waves.length; c++) rates[c] = ring.rate[c][a] * Math.exp(-hM / ring.scaleHeightM[c][a]);
        }
        const out = (row0 + j) * size + i;
        for (let c = 0; c < waves.length; c++) {
          const counts = rates[c] * exptimes[c];
          let v = counts;
          if (noise) v += Math.sqrt(noiseVarianceDn(counts, noiseModels[c])) * rngs[c].normal();
          v = Math.round(v);
          outputs[c][out] = v > AIA_SATURATION_DN ? AIA_SATURATION_DN : v < -100 ? -100 : v;
        }
      }
    }
  });

  return waves.map((w, c) => {
    const tObs = slotMs + AIA_TIME_OFFSET_S[w] * 1000;
    return {
      instrument: 'aia' as const,
      channel: String(w),
      width: size,
      height: size,
      pixels: outputs[c],
      cards: aiaCards(w, slotMs, tObs, size, outputs[c], sun.seed),
      timeMs: tObs,
      slotMs,
    };
  });
}

/** Limb values per position angle, for the off-limb corona. */
interface LimbRing {
  rate: Float64Array[];
  scaleHeightM: Float64Array[];
  index(dx: number, dy: number): number;
}

const RING_SIZE = 2048;

function limbRing(scene: SunScene, fields: ReturnType<typeof fullDiskFields>, waves: readonly AiaWavelength[], quietEm: number): LimbRing {
  const wcs = new SolarImageWcs(fields);
  const centre = wcs.diskCentrePixel();
  const limbPx = wcs.limbRadiusPixels();
  const lut = unitResponseLut();
  const unit = new Float64Array(NBANDS);
  const s: PointSample = { logTc: 0, sigma: 0, em: 0, wAr: 0, wCh: 0, br: 0 };
  const rate = waves.map(() => new Float64Array(RING_SIZE));
  const scaleHeightM = waves.map(() => new Float64Array(RING_SIZE));
  for (let a = 0; a < RING_SIZE; a++) {
    const psi = (2 * Math.PI * a) / RING_SIZE;
    let p = null;
    for (const f of [1 - 1e-6, 1 - 1e-4, 1 - 1e-3]) {
      p = wcs.pixelToCarrington(centre.x + f * limbPx * Math.cos(psi), centre.y + f * limbPx * Math.sin(psi));
      if (p) break;
    }
    const lat = ((p?.latDeg ?? 0) * Math.PI) / 180;
    const lon = ((p?.lonDeg ?? 0) * Math.PI) / 180;
    scene.sample(Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat), s);
    lut.lookup(s.logTc, s.sigma, unit);
    waves.forEach((w, c) => {
      const b = BAND_INDEX.get(w);
      if (b !== undefined) {
        rate[c][a] = s.em * coronalLimbBrightening(0) * unit[b];
        scaleHeightM[c][a] = offLimbEmScaleHeightM(s.logTc);
      } else {
        rate[c][a] = chromosphereRate(w as 304 | 1600 | 1700, s, 0, quietEm);
        scaleHeightM[c][a] = CHROMOSPHERE_SCALE_HEIGHT_M[w as 304 | 1600 | 1700];
      }
    });
  }
  return {
    rate,
    scaleHeightM,
    index(dx, dy) {
      let psi = Math.atan2(dy, dx);
      if (psi < 0) psi += 2 * Math.PI;
      return Math.round((psi / (2 * Math.PI)) * RING_SIZE) % RING_SIZE;
    },
  };
}

/** Minimum, maximum, mean and RMS of an image, for DATAMIN/DATAMAX/DATAMEAN/DATARMS. */
export function imageStatistics(pixels: ArrayLike<number>, scale = 1, blank?: number): { min: number; max: number; mean: number; rms: number; count: number } {
  let min = Infinity, max = -Infinity, sum = 0, sum2 = 0, count = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (v === blank) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sum2 += v * v;
    count++;
  }
  const mean = count ? sum / count : 0;
  const rms = count ? Math.sqrt(Math.max(0, sum2 / count - mean * mean)) : 0;
  return { min: min * scale, max: max * scale, mean: mean * scale, rms: rms * scale, count };
}

/** Level-1 AIA header cards (JSOC keyword names and conventions). */
function aiaCards(wave: AiaWavelength, slotMs: number, tObsMs: number, size: number, pixels: Int16Array, seed: number): FitsCard[] {
  const exptime = AIA_EXPTIME_S[wave];
  const dateObsMs = tObsMs - (exptime * 1000) / 2;
  const geometry = fullDiskFields('aia', size, tObsMs);
  const wcsCards = solarImageFitsCards({ ...geometry, timeMs: dateObsMs }).filter((c) => c.key !== 'DATE-OBS');
  const stats = imageStatistics(pixels);
  const telescope = aiaTelescope(wave);
  const wcs = new SolarImageWcs(geometry);
  const centre = wcs.diskCentrePixel();
  return [
    { key: 'BSCALE', value: 1, comment: 'physical = BZERO + BSCALE * stored' },
    { key: 'BZERO', value: 0 },
    { key: 'BLANK', value: -32768, comment: 'missing pixels' },
    { key: 'TELESCOP', value: 'SDO/AIA', comment: 'Solar Dynamics Observatory, Atmospheric Imaging Assembly' },
    { key: 'INSTRUME', value: `AIA_${telescope}`, comment: 'AIA telescope (camera) number' },
    { key: 'ORIGIN', value: 'SDO-MAP-PRODUCTS SIMULATOR', comment: 'synthetic data with known truth' },
    { key: 'WAVELNTH', value: wave, comment: '[angstrom] channel' },
    { key: 'WAVEUNIT', value: 'angstrom' },
    { key: 'WAVE_STR', value: wave >= 1600 ? `${wave}` : `${wave}_THIN` },
    { key: 'T_REC', value: formatIsoUtcTai(utcToTaiMs(slotMs), 0), comment: 'slot time (UTC)' },
    { key: 'T_OBS', value: formatIsoUtcTai(utcToTaiMs(tObsMs), 2), comment: 'mid-exposure time (UTC)' },
    { key: 'DATE-OBS', value: formatFitsDate(dateObsMs, 2), comment: 'start of exposure (UTC)' },
    { key: 'TIMESYS', value: 'UTC' },
    { key: 'EXPTIME', value: exptime, comment: '[s] exposure duration' },
    { key: 'EXPSDEV', value: 0.0001, comment: '[s] exposure standard deviation' },
    { key: 'QUALITY', value: 0, comment: 'level-1 quality word (0 = good)' },
    { key: 'LVL_NUM', value: 1.0, comment: 'data level' },
    { key: 'IMG_TYPE', value: 'LIGHT' },
    { key: 'PIXLUNIT', value: 'DN', comment: 'pixel units (not per second)' },
    { key: 'BUNIT', value: 'DN', comment: 'pixel units (not per second)' },
    ...wcsCards,
    { key: 'DSUN_REF', value: 149597870691, comment: '[m] astronomical unit (JSOC value)' },
    { key: 'R_SUN', value: wcs.limbRadiusPixels(), comment: '[pixel] radius of the Sun' },
    { key: 'X0_MP', value: centre.x, comment: '[pixel] 0-based disk centre x' },
    { key: 'Y0_MP', value: centre.y, comment: '[pixel] 0-based disk centre y' },
    { key: 'CAR_ROT', value: Math.floor(carringtonRotationNumber(tObsMs)), comment: 'Carrington rotation' },
    { key: 'DATAMIN', value: stats.min },
    { key: 'DATAMAX', value: stats.max },
    { key: 'DATAMEAN', value: stats.mean },
    { key: 'DATARMS', value: stats.rms },
    { key: 'MISSVALS', value: 0, comment: 'missing pixels' },
    { key: 'NSATPIX', value: countAtLeast(pixels, AIA_SATURATION_DN), comment: 'saturated pixels' },
    { key: 'SIM_SEED', value: seed, comment: 'seed of the synthetic Sun' },
    { key: 'HISTORY', value: 'Synthetic AIA level-1 image: Gaussian DEM forward model (V10 response, no degradation)' },
  ];
}

function countAtLeast(pixels: Int16Array, threshold: number): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i] >= threshold) n++;
  return n;
}
