/**
 * Synthetic SHARP CEA patches (hmi.sharp_cea_720s and hmi.sharp_cea_720s_nrt): the vector field of
 * one active region (radial field and twisted flux ropes of scene.ts) on the patch's Lambert
 * cylindrical equal-area grid (geometry/sharp-cea.ts, 0.03° pixels, centred on the region), with
 * the segments Br, Bp, Bt, Br_err, Bp_err, Bt_err, conf_disambig (RICE_1 int32/int16 as JSOC
 * exports them) and bitmap (uncompressed int16 primary image).
 *
 * Conventions (SCIENCE.md §4.1): Bp points west (increasing Carrington longitude), Bt points south,
 * Br outward. Definitive patches keep the region's maximum extent; near-real-time ones grow with
 * the region's development, and the two series number their HARPs differently.
 *
 * The disambiguation is exact in a simulation: conf_disambig is 90 on the whole disk. The vector
 * segments are noise-free by default (`noise` option), so the currents pipeline sees the analytic
 * flux ropes; the error segments carry nominal uncertainties.
 *
 * @module
 */
import type { FitsCard } from '../fits/header.ts';
import { SharpCeaWcs, type SharpCeaFields } from '../geometry/sharp-cea.ts';
import { carringtonRotationNumber } from '../geometry/ephemeris.ts';
import { formatFitsDate, formatJsocTime } from '../geometry/time.ts';
import { Random, deriveSeed } from './rng.ts';
import { MODEL_RSUN_M, type RegionTruth } from './scene.ts';
import { fullDiskFields } from './instrument-geometry.ts';
import type { SyntheticSun } from './sun.ts';

/** The segments written per patch, in file order. */
export const SHARP_SEGMENT_NAMES = ['Br', 'Bp', 'Bt', 'Br_err', 'Bp_err', 'Bt_err', 'conf_disambig', 'bitmap'] as const;
export type SharpSegment = (typeof SHARP_SEGMENT_NAMES)[number];
export type SharpSeries = 'nrt' | 'definitive';

/** SHARP CEA pixel step [deg]. */
export const SHARP_CDELT_DEG = 0.03;
/** Regions whose centre has μ below this have no SHARP (the CEA remap is useless at the limb). */
export const SHARP_MIN_CENTRE_MU = 0.1;
const DEG = Math.PI / 180;
const BLANK32 = -2147483648;
const BLANK16 = -32768;

/** One segment ready for the FITS writer. */
export interface SharpSegmentImage {
  segment: SharpSegment;
  width: number;
  height: number;
  pixels: Int32Array | Int16Array;
  /** Stored in the primary HDU uncompressed (bitmap) or RICE_1 in an extension. */
  compressed: boolean;
  cards: FitsCard[];
}

/** A rendered patch: its identity, geometry and segments. */
export interface SharpPatch {
  series: SharpSeries;
  harpnum: number;
  noaa: number;
  regionId: number;
  tRecMs: number;
  fields: SharpCeaFields & { width: number; height: number; dsunM: number; rsunRefM: number; rsunObsArcsec: number };
  segments: SharpSegmentImage[];
}

/** Observer of the patch: SDO at T_REC (as the full-disk images). */
function observer(tRecMs: number): { dsunM: number; rsunObsArcsec: number; l0Deg: number; b0Deg: number } {
  const f = fullDiskFields('hmi', 4096, tRecMs);
  return { dsunM: f.dsunM, rsunObsArcsec: Math.asin(MODEL_RSUN_M / f.dsunM) / DEG * 3600, l0Deg: f.crlnObsDeg, b0Deg: f.crltObsDeg };
}

/** μ of a Carrington point seen from the observer (finite distance); ≤ 0 when hidden. */
export function muFromObserver(lonDeg: number, latDeg: number, obs: { l0Deg: number; b0Deg: number; dsunM: number }): number {
  const cosAngle =
    Math.sin(latDeg * DEG) * Math.sin(obs.b0Deg * DEG) + Math.cos(latDeg * DEG) * Math.cos(obs.b0Deg * DEG) * Math.cos((lonDeg - obs.l0Deg) * DEG);
  const R = MODEL_RSUN_M;
  const D = obs.dsunM;
  return (D * cosAngle - R) / Math.sqrt(D * D + R * R - 2 * D * R * cosAngle);
}

/** Whether a region has a SHARP at t (alive and its centre well on the disk). */
export function hasSharp(region: RegionTruth, tRecMs: number): boolean {
  return muFromObserver(region.lonDeg, region.latDeg, observer(tRecMs)) >= SHARP_MIN_CENTRE_MU;
}

/**
 * CEA grid of a region's patch: centred on the region, wide enough for both polarities and their
 * ropes out to exp(−12). Near-real-time patches are smaller while the region is young.
 */
export function sharpPatchFields(region: RegionTruth, tRecMs: number, series: SharpSeries): SharpPatch['fields'] {
  const ropeDeg = (Math.sqrt(12) * region.ropeRadiusMm * 1e6) / MODEL_RSUN_M / DEG;
  const grow = series === 'definitive' ? 1 : 0.8 + 0.2 * region.amplitude;
  const half = region.separationDeg / 2;
  const margin = 0.3;
  const halfW = half * Math.abs(Math.cos(region.tiltDeg * DEG)) + ropeDeg * grow + margin;
  const halfH = half * Math.abs(Math.sin(region.tiltDeg * DEG)) + ropeDeg * grow + margin;
  const width = 2 * Math.ceil(halfW / SHARP_CDELT_DEG);
  const height = 2 * Math.ceil(halfH / SHARP_CDELT_DEG);
  const obs = observer(tRecMs);
  return {
    crpix1: (width + 1) / 2,
    crpix2: (height + 1) / 2,
    crval1: region.lonDeg,
    crval2: region.latDeg,
    cdelt1: SHARP_CDELT_DEG,
    cdelt2: SHARP_CDELT_DEG,
    width,
    height,
    dsunM: obs.dsunM,
    rsunRefM: MODEL_RSUN_M,
    rsunObsArcsec: obs.rsunObsArcsec,
  };
}

/** Analytic jz [A/m²] of the synthetic Sun at every pixel centre of a patch grid (NaN where hidden). */
export function analyticPatchJz(sun: SyntheticSun, tRecMs: number, fields: SharpPatch['fields']): Float64Array {
  const wcs = new SharpCeaWcs(fields);
  const obs = observer(tRecMs);
  const out = new Float64Array(fields.width * fields.height);
  for (let j = 0; j < fields.height; j++) {
    for (let i = 0; i < fields.width; i++) {
      const p = wcs.pixelToCarrington(i, j);
      out[j * fields.width + i] = p && muFromObserver(p.lonDeg, p.latDeg, obs) > 0 ? sun.jzAt(p.lonDeg, p.latDeg, tRecMs) : Number.NaN;
    }
  }
  return out;
}

export interface SharpRenderOptions {
  /** Add Gaussian noise with the error segments' σ to Br, Bp, Bt (default false). */
  noise?: boolean;
}

/** Renders the eight segments of a region's patch at T_REC (UTC ms). */
export function renderSharpPatch(sun: SyntheticSun, region: RegionTruth, tRecMs: number, series: SharpSeries, options: SharpRenderOptions = {}): SharpPatch {
  return renderSharpPatches(sun, region, tRecMs, [series], options)[0];
}

/**
 * Renders a region's patches of several series at one T_REC. Both grids share CRVAL and have even
 * sizes with CRPIX in the middle, so the (smaller or equal) near-real-time grid is an exact crop of
 * the definitive one: the field is computed once.
 */
export function renderSharpPatches(
  sun: SyntheticSun,
  region: RegionTruth,
  tRecMs: number,
  series: readonly SharpSeries[],
  options: SharpRenderOptions = {},
): SharpPatch[] {
  const full = sharpPatchFields(region, tRecMs, 'definitive');
  const arrays = patchArrays(sun, region, tRecMs, full, options);
  const obs = observer(tRecMs);
  return series.map((s) => {
    const fields = s === 'definitive' ? full : sharpPatchFields(region, tRecMs, s);
    const dx = (full.width - fields.width) / 2;
    const dy = (full.height - fields.height) / 2;
    const harpnum = s === 'nrt' ? region.harpnumNrt : region.harpnum;
    const common = sharpCommonCards(region, harpnum, tRecMs, fields, obs, sun.seed);
    const segments: SharpSegmentImage[] = SHARP_SEGMENT_NAMES.map((name) => {
      const pixels = crop(arrays[name], full.width, dx, dy, fields.width, fields.height);
      const isField = name === 'Br' || name === 'Bp' || name === 'Bt';
      const isErr = name.endsWith('_err');
      const scaling: FitsCard[] = isField || isErr
        ? [{ key: 'BSCALE', value: isField ? 0.01 : 0.001 }, { key: 'BZERO', value: 0 }, { key: 'BLANK', value: BLANK32 }]
        : [{ key: 'BLANK', value: BLANK16 }];
      return {
        segment: name,
        width: fields.width,
        height: fields.height,
        pixels,
        compressed: name !== 'bitmap',
        cards: [...scaling, { key: 'BUNIT', value: isField || isErr ? 'Mx/cm^2' : ' ' }, ...common],
      };
    });
    return { series: s, harpnum, noaa: region.noaa, regionId: region.id, tRecMs, fields, segments };
  });
}

function crop<T extends Int32Array | Int16Array>(src: T, srcWidth: number, dx: number, dy: number, width: number, height: number): T {
  if (dx === 0 && dy === 0 && width === srcWidth) return src;
  const out = new (src.constructor as new (n: number) => T)(width * height);
  for (let j = 0; j < height; j++) out.set(src.subarray((j + dy) * srcWidth + dx, (j + dy) * srcWidth + dx + width), j * width);
  return out;
}

/** Stored (scaled integer) values of the eight segments on a patch grid. */
function patchArrays(sun: SyntheticSun, region: RegionTruth, tRecMs: number, fields: SharpPatch['fields'], options: SharpRenderOptions): Record<SharpSegment, Int32Array | Int16Array> {
  const { width, height } = fields;
  const n = width * height;
  const wcs = new SharpCeaWcs(fields);
  const obs = observer(tRecMs);
  const scene = sun.sceneAt(tRecMs);
  const seg = {
    Br: new Int32Array(n), Bp: new Int32Array(n), Bt: new Int32Array(n),
    Br_err: new Int32Array(n), Bp_err: new Int32Array(n), Bt_err: new Int32Array(n),
    conf_disambig: new Int16Array(n), bitmap: new Int16Array(n),
  };
  const rng = new Random(deriveSeed(sun.seed, 30, region.id, tRecMs));
  const h = new Float64Array(3);
  // Inside the HARP: within the rope extent of either polarity (exp(−12)).
  const centres = region.polarities.map((p) => {
    const cl = Math.cos(p.latDeg * DEG);
    return [cl * Math.cos(p.lonDeg * DEG), cl * Math.sin(p.lonDeg * DEG), Math.sin(p.latDeg * DEG)];
  });
  const insideDot = 1 - (12 / 2) * ((region.ropeRadiusMm * 1e6) / MODEL_RSUN_M) ** 2;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const k = j * width + i;
      const p = wcs.pixelToCarrington(i, j);
      if (!p || muFromObserver(p.lonDeg, p.latDeg, obs) <= 0) {
        for (const name of ['Br', 'Bp', 'Bt', 'Br_err', 'Bp_err', 'Bt_err'] as const) seg[name][k] = BLANK32;
        seg.conf_disambig[k] = BLANK16;
        seg.bitmap[k] = 0;
        continue;
      }
      const lon = p.lonDeg * DEG;
      const lat = p.latDeg * DEG;
      const [cl, sl, co, so] = [Math.cos(lat), Math.sin(lat), Math.cos(lon), Math.sin(lon)];
      const x = cl * co, y = cl * so, z = sl;
      const br = scene.brAt(x, y, z);
      scene.horizontalFieldAt(x, y, z, h);
      const bWest = -so * h[0] + co * h[1];
      const bNorth = -sl * co * h[0] - sl * so * h[1] + cl * h[2];
      // Nominal uncertainties: transverse field noisier than the LOS-dominated radial one (not established).
      const errR = 4 + 0.005 * Math.abs(br);
      const errH = 12 + 0.01 * Math.hypot(bWest, bNorth);
      const nr = options.noise ? errR * rng.normal() : 0;
      const np = options.noise ? errH * rng.normal() : 0;
      const nt = options.noise ? errH * rng.normal() : 0;
      seg.Br[k] = Math.round((br + nr) / 0.01);
      seg.Bp[k] = Math.round((bWest + np) / 0.01);
      seg.Bt[k] = Math.round((-bNorth + nt) / 0.01);
      seg.Br_err[k] = Math.round(errR / 0.001);
      seg.Bp_err[k] = Math.round(errH / 0.001);
      seg.Bt_err[k] = Math.round(errH / 0.001);
      seg.conf_disambig[k] = 90;
      let inside = false;
      for (const c of centres) if (x * c[0] + y * c[1] + z * c[2] >= insideDot) inside = true;
      const strong = Math.abs(br) >= 100;
      seg.bitmap[k] = inside ? (strong ? 34 : 33) : strong ? 2 : 1;
    }
  }
  return seg;
}

function sharpCommonCards(
  region: RegionTruth,
  harpnum: number,
  tRecMs: number,
  f: SharpPatch['fields'],
  obs: { dsunM: number; rsunObsArcsec: number; l0Deg: number; b0Deg: number },
  seed: number,
): FitsCard[] {
  const disk = fullDiskFields('hmi', 4096, tRecMs);
  return [
    { key: 'DATE-OBS', value: formatFitsDate(tRecMs - 360_000, 2), comment: 'start of the 720 s integration (UTC)' },
    { key: 'T_OBS', value: formatJsocTime(tRecMs, 'TAI', 0) },
    { key: 'T_REC', value: formatJsocTime(tRecMs, 'TAI', 0) },
    { key: 'TRECEPOC', value: '1993.01.01_00:00:00_TAI' },
    { key: 'TRECSTEP', value: 720.0 },
    { key: 'TRECUNIT', value: 'secs' },
    { key: 'CADENCE', value: 720.0 },
    { key: 'CTYPE1', value: 'CRLN-CEA' },
    { key: 'CTYPE2', value: 'CRLT-CEA' },
    { key: 'CRPIX1', value: f.crpix1 },
    { key: 'CRPIX2', value: f.crpix2 },
    { key: 'CRVAL1', value: f.crval1 },
    { key: 'CRVAL2', value: f.crval2 },
    { key: 'CDELT1', value: f.cdelt1 },
    { key: 'CDELT2', value: f.cdelt2 },
    { key: 'CUNIT1', value: 'degree' },
    { key: 'CUNIT2', value: 'degree' },
    { key: 'IMCRPIX1', value: disk.crpix1, comment: 'disk centre in the 4096 full-disk frame' },
    { key: 'IMCRPIX2', value: disk.crpix2 },
    { key: 'IMCRVAL1', value: 0.0 },
    { key: 'IMCRVAL2', value: 0.0 },
    { key: 'CROTA2', value: 0.0 },
    { key: 'WCSNAME', value: 'Carrington Heliographic' },
    { key: 'DSUN_OBS', value: obs.dsunM },
    { key: 'DSUN_REF', value: 149597870691 },
    { key: 'RSUN_REF', value: MODEL_RSUN_M },
    { key: 'CRLN_OBS', value: obs.l0Deg },
    { key: 'CRLT_OBS', value: obs.b0Deg },
    { key: 'CAR_ROT', value: Math.floor(carringtonRotationNumber(tRecMs)) },
    { key: 'RSUN_OBS', value: obs.rsunObsArcsec },
    { key: 'TELESCOP', value: 'SDO/HMI' },
    { key: 'INSTRUME', value: 'HMI_SIDE1' },
    { key: 'WAVELNTH', value: 6173.0 },
    { key: 'CAMERA', value: 1 },
    { key: 'QUALITY', value: 0 },
    { key: 'ORIGIN', value: 'SDO-MAP-PRODUCTS SIMULATOR' },
    { key: 'CONTENT', value: 'HMI observable' },
    { key: 'HARPNUM', value: harpnum },
    { key: 'NOAA_AR', value: region.noaa },
    { key: 'NOAA_NUM', value: 1 },
    { key: 'NOAA_ARS', value: String(region.noaa) },
    { key: 'SIM_SEED', value: seed, comment: 'seed of the synthetic Sun' },
    { key: 'SIM_AR', value: region.id, comment: 'synthetic region id' },
  ];
}
