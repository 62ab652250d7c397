/**
 * Test helpers of the synoptic pipeline: synthetic full-disk images rendered from a known
 * Carrington map with the geometry module's pixel → Carrington chain (the independent forward
 * model of SCIENCE.md §2.4.1), and centroid measurement on a map.
 *
 * @module
 */
import { SDO_RSUN_REF_M } from '../geometry/ephemeris.ts';
import type { CarringtonGrid } from '../geometry/grids.ts';
import { headerView } from '../geometry/test-support.ts';
import { SolarImageWcs, solarImageFitsCards, type SolarImageWcsFields } from '../geometry/wcs.ts';
import type { SynopticImageInput } from './inputs.ts';

export const AU = 149_597_870_700;
export const DAY_MS = 86_400_000;

/** Observer and image layout of a synthetic image. */
export interface View {
  tObsMs: number;
  crlnDeg: number;
  crltDeg: number;
  dsunM?: number;
  /** Image side in pixels (square). */
  size?: number;
  /** Pixel scale [arcsec]. */
  cdelt?: number;
  crota2?: number;
  /** Offset of the Sun's centre from the image centre [pixels] (via CRVAL). */
  offsetPix?: [number, number];
}

/** WCS fields of a view: CRPIX at the image centre, Sun's centre displaced by CRVAL. */
export function viewFields(v: View): SolarImageWcsFields {
  const size = v.size ?? 256;
  const cdelt = v.cdelt ?? 8.4;
  const [ox, oy] = v.offsetPix ?? [0, 0];
  return {
    crpix1: (size + 1) / 2,
    crpix2: (size + 1) / 2,
    cdelt1: cdelt,
    cdelt2: cdelt,
    crval1: -ox * cdelt,
    crval2: -oy * cdelt,
    crota2: v.crota2 ?? 0,
    dsunM: v.dsunM ?? AU,
    rsunRefM: SDO_RSUN_REF_M,
    crlnObsDeg: v.crlnDeg,
    crltObsDeg: v.crltDeg,
    hglnObsDeg: 0,
    timeMs: v.tObsMs,
    width: size,
    height: size,
  };
}

/**
 * A full-disk image of `truth(lonDeg, latDeg, mu)` sampled at every pixel centre (NaN off disk),
 * with a level-1-like header (WCS + observer keywords, DATE-OBS, and `extra` keywords).
 */
export function renderDisk(
  truth: (lonDeg: number, latDeg: number, mu: number) => number,
  view: View,
  extra: Record<string, string | number> = {},
): SynopticImageInput & { wcs: SolarImageWcs } {
  const fields = viewFields(view);
  const wcs = SolarImageWcs.fromFields(fields);
  const size = fields.width as number;
  const n = size * size;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const mu = new Float64Array(n);
  wcs.pixelsToCarringtonInto(size, size, lon, lat, mu);
  const data = new Float64Array(n);
  const deg = 180 / Math.PI;
  for (let i = 0; i < n; i++) data[i] = mu[i] > 0 ? truth(lon[i] * deg, lat[i] * deg, mu[i]) : Number.NaN;
  const values: Record<string, string | number> = { NAXIS1: size, NAXIS2: size, ...extra };
  for (const c of solarImageFitsCards(fields)) values[c.key] = c.value;
  return { header: headerView(values), width: size, height: size, data, wcs, path: `synthetic-${view.tObsMs}-${view.crlnDeg}-${view.crota2 ?? 0}.fits` };
}

/** Gaussian blob of amplitude `a` and width `sigmaDeg` (great-circle distance) at (lon0, lat0). */
export function blob(lon0: number, lat0: number, sigmaDeg: number, a = 1): (lon: number, lat: number) => number {
  const r = Math.PI / 180;
  const [s0, c0] = [Math.sin(lat0 * r), Math.cos(lat0 * r)];
  return (lon, lat) => {
    const cosd = s0 * Math.sin(lat * r) + c0 * Math.cos(lat * r) * Math.cos((lon - lon0) * r);
    const d = Math.acos(Math.min(1, Math.max(-1, cosd))) / r;
    return a * Math.exp(-(d * d) / (2 * sigmaDeg * sigmaDeg));
  };
}

/** Signed difference of longitudes in (−180, 180]. */
export const dLon = (a: number, b: number): number => ((((a - b) % 360) + 540) % 360) - 180;

/**
 * Value-weighted centroid (lon, lat in degrees) of a map inside a box of ±halfDeg around a guess;
 * NaN cells count as 0. Longitudes are unwrapped around the guess.
 */
export function centroid(values: ArrayLike<number>, grid: CarringtonGrid, lonGuess: number, latGuess: number, halfDeg: number): { lon: number; lat: number } {
  let s = 0;
  let sl = 0;
  let sb = 0;
  for (let r = 0; r < grid.height; r++) {
    const lat = grid.latDeg(r);
    if (Math.abs(lat - latGuess) > halfDeg) continue;
    for (let c = 0; c < grid.width; c++) {
      const dl = dLon(grid.lonDeg(c), lonGuess);
      if (Math.abs(dl) > halfDeg) continue;
      const v = values[r * grid.width + c];
      if (!(v === v)) continue;
      s += v;
      sl += v * dl;
      sb += v * lat;
    }
  }
  return { lon: lonGuess + sl / s, lat: sb / s };
}
