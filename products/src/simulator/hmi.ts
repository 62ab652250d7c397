/**
 * Synthetic HMI 720 s full-disk observables: the line-of-sight magnetogram Blos = Br μ (the radial
 * field seen in projection: the horizontal flux-rope field is left out of the LOS images so that the
 * photospheric pipeline's radial-field assumption recovers the truth exactly, SCIENCE.md §3.5) and
 * the continuum intensity, limb-darkened with the JSOC law (photosphere/limb-darkening.ts) and
 * darkened in sunspots. North is down (CROTA2 ≈ 180°) as in the real level-1.5 series; off-disk
 * pixels are missing (NaN), as JSOC delivers them.
 *
 * @module
 */
import type { FitsCard } from '../fits/header.ts';
import { solarImageFitsCards } from '../geometry/wcs.ts';
import { formatFitsDate, formatJsocTime } from '../geometry/time.ts';
import { carringtonRotationNumber } from '../geometry/ephemeris.ts';
import { jsocLimbDarkening } from '../photosphere/limb-darkening.ts';
import { Random, deriveSeed } from './rng.ts';
import { forEachBand, fullDiskFields } from './instrument-geometry.ts';
import { imageStatistics, type RenderedImage } from './aia.ts';
import type { SyntheticSun } from './sun.ts';

/** Continuum intensity at disk centre, quiet Sun [DN/s] (typical of hmi.Ic_720s; not established). */
export const HMI_CONTINUUM_DISK_CENTRE = 62_000;
/** Storage of the magnetogram: int32 with BSCALE 0.1 G (as the SHARP magnetogram segment). */
export const HMI_MAGNETOGRAM_BSCALE = 0.1;
/** Storage of the continuum: int16 with BSCALE 3, BZERO 97304 (as the SHARP continuum segment). */
export const HMI_CONTINUUM_BSCALE = 3;
export const HMI_CONTINUUM_BZERO = 97_304;
const BLANK16 = -32768;
const BLANK32 = -2147483648;

/** Continuum contrast of a pixel with radial field |Br| [G]: dark umbra above ~1.8 kG (not established). */
export function sunspotContrast(absBrG: number): number {
  const x = Math.min(1, Math.max(0, (absBrG - 1200) / 600));
  return 1 - 0.75 * x * x * (3 - 2 * x);
}

export interface HmiRenderOptions {
  /** Image size in pixels (square). Default 1024. */
  size?: number;
  /** Gaussian noise of the LOS field [G] (default 10, SCIENCE.md §3.2); 0 for none. */
  magnetogramNoiseG?: number;
  /** Relative Gaussian noise of the continuum (default 0.002). */
  continuumNoise?: number;
}

/** Renders the magnetogram and the continuum of the 720 s slot `tRecMs` (UTC ms of T_REC). */
export function renderHmiPair(sun: SyntheticSun, tRecMs: number, options: HmiRenderOptions = {}): [RenderedImage, RenderedImage] {
  const size = options.size ?? 1024;
  const sigmaB = options.magnetogramNoiseG ?? 10;
  const sigmaI = options.continuumNoise ?? 0.002;
  const scene = sun.sceneAt(tRecMs);
  const fields = fullDiskFields('hmi', size, tRecMs);
  const n = size * size;
  const mag = new Int32Array(n);
  const cont = new Int16Array(n);
  const rngB = new Random(deriveSeed(sun.seed, 20, tRecMs));
  const rngI = new Random(deriveSeed(sun.seed, 21, tRecMs));
  forEachBand(fields, size, ({ row0, rows, lonRad, latRad, mu }) => {
    for (let k = 0; k < rows * size; k++) {
      const out = row0 * size + k;
      const m = mu[k];
      if (!(m > 0)) {
        mag[out] = BLANK32;
        cont[out] = BLANK16;
        continue;
      }
      const cl = Math.cos(latRad[k]);
      const br = scene.brAt(cl * Math.cos(lonRad[k]), cl * Math.sin(lonRad[k]), Math.sin(latRad[k]));
      const blos = br * m + (sigmaB > 0 ? sigmaB * rngB.normal() : 0);
      mag[out] = Math.round(blos / HMI_MAGNETOGRAM_BSCALE);
      const ld = jsocLimbDarkening(m);
      let ic = HMI_CONTINUUM_DISK_CENTRE * (ld > 0 ? ld : 0) * sunspotContrast(Math.abs(br));
      if (sigmaI > 0) ic *= 1 + sigmaI * rngI.normal();
      cont[out] = Math.max(-32767, Math.min(32767, Math.round((ic - HMI_CONTINUUM_BZERO) / HMI_CONTINUUM_BSCALE)));
    }
  });
  const common = hmiCommonCards(tRecMs, size, sun.seed);
  const magStats = imageStatistics(mag, HMI_MAGNETOGRAM_BSCALE, BLANK32);
  const contStats = imageStatistics(cont, HMI_CONTINUUM_BSCALE, BLANK16);
  const contStatsPhys = { ...contStats, min: contStats.min + HMI_CONTINUUM_BZERO, max: contStats.max + HMI_CONTINUUM_BZERO, mean: contStats.mean + HMI_CONTINUUM_BZERO };
  const statCards = (s: { min: number; max: number; mean: number; rms: number; count: number }): FitsCard[] => [
    { key: 'DATAMIN', value: s.min },
    { key: 'DATAMAX', value: s.max },
    { key: 'DATAMEAN', value: s.mean },
    { key: 'DATARMS', value: s.rms },
    { key: 'DATAVALS', value: s.count, comment: 'valid (on-disk) pixels' },
    { key: 'MISSVALS', value: n - s.count, comment: 'missing (off-disk) pixels' },
  ];
  return [
    {
      instrument: 'hmi',
      channel: 'magnetogram',
      width: size,
      height: size,
      pixels: mag,
      cards: [
        { key: 'BSCALE', value: HMI_MAGNETOGRAM_BSCALE },
        { key: 'BZERO', value: 0 },
        { key: 'BLANK', value: BLANK32 },
        { key: 'CONTENT', value: 'MAGNETOGRAM', comment: 'line-of-sight magnetic field' },
        { key: 'BUNIT', value: 'Gauss' },
        ...common,
        ...statCards(magStats),
      ],
      timeMs: tRecMs,
      slotMs: tRecMs,
    },
    {
      instrument: 'hmi',
      channel: 'continuum',
      width: size,
      height: size,
      pixels: cont,
      cards: [
        { key: 'BSCALE', value: HMI_CONTINUUM_BSCALE },
        { key: 'BZERO', value: HMI_CONTINUUM_BZERO },
        { key: 'BLANK', value: BLANK16 },
        { key: 'CONTENT', value: 'CONTINUUM INTENSITY', comment: 'continuum intensity, limb-darkened' },
        { key: 'BUNIT', value: 'DN/s' },
        ...common,
        ...statCards(contStatsPhys),
      ],
      timeMs: tRecMs,
      slotMs: tRecMs,
    },
  ];
}

/** Observer, WCS and time cards shared by both HMI observables. */
function hmiCommonCards(tRecMs: number, size: number, seed: number): FitsCard[] {
  const fields = fullDiskFields('hmi', size, tRecMs);
  // DATE-OBS: start of the 720 s integration (UTC); T_REC and T_OBS: its centre (TAI, JSOC form).
  const wcsCards = solarImageFitsCards({ ...fields, timeMs: tRecMs - 360_000 }).filter((c) => c.key !== 'DATE-OBS');
  return [
    { key: 'TELESCOP', value: 'SDO/HMI', comment: 'Solar Dynamics Observatory, Helioseismic and Magnetic Imager' },
    { key: 'INSTRUME', value: 'HMI_SIDE1' },
    { key: 'CAMERA', value: 1 },
    { key: 'ORIGIN', value: 'SDO-MAP-PRODUCTS SIMULATOR', comment: 'synthetic data with known truth' },
    { key: 'WAVELNTH', value: 6173.0, comment: '[angstrom] Fe I line' },
    { key: 'WAVEUNIT', value: 'angstrom' },
    { key: 'T_REC', value: formatJsocTime(tRecMs, 'TAI', 0), comment: 'slot time' },
    { key: 'T_OBS', value: formatJsocTime(tRecMs, 'TAI', 0), comment: 'observation time' },
    { key: 'DATE-OBS', value: formatFitsDate(tRecMs - 360_000, 2), comment: 'start of the 720 s integration (UTC)' },
    { key: 'TIMESYS', value: 'UTC', comment: 'DATE-OBS time scale (T_REC and T_OBS say TAI)' },
    { key: 'TRECEPOC', value: '1993.01.01_00:00:00_TAI' },
    { key: 'TRECSTEP', value: 720.0 },
    { key: 'TRECUNIT', value: 'secs' },
    { key: 'CADENCE', value: 720.0, comment: '[s]' },
    { key: 'QUALITY', value: 0, comment: 'quality word (0 = good)' },
    ...wcsCards,
    { key: 'DSUN_REF', value: 149597870691, comment: '[m] astronomical unit (JSOC value)' },
    { key: 'CAR_ROT', value: Math.floor(carringtonRotationNumber(tRecMs)), comment: 'Carrington rotation' },
    { key: 'SIM_SEED', value: seed, comment: 'seed of the synthetic Sun' },
  ];
}
