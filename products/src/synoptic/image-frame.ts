/**
 * Per-image constants for the hot loops of the synoptic pipeline, derived once from the public API of
 * the geometry module's {@link SolarImageWcs} (so the WCS rules — CRPIX/CDELT/CROTA2/PC/CD, TAN
 * about CRVAL — stay in one place):
 *
 * - In a gnomonic (TAN) image the un-normalised line of sight v(x, y) = d / (d · r0), with d the unit
 *   direction of pixel (x, y) and r0 the direction of the reference pixel, is an *affine* function of
 *   the pixel position: v = r0 + (x − x0) g_x + (y − y0) g_y. Three pixel directions give r0, g_x, g_y.
 * - Its inverse is projective: for any observer-frame vector u with u · r0 > 0,
 *   x = x0 + (h_x · u) / (r0 · u), y = y0 + (h_y · u) / (r0 · u), with h_x, h_y the dual vectors of
 *   g_x, g_y in the plane normal to r0.
 * - μ of the visible sphere under a pixel at angle ρ from the Sun's centre, for an observer at
 *   distance D from a sphere of radius R, is sqrt(1 − (D/R)² sin²ρ) (the law of sines in the triangle
 *   observer–centre–surface point), NaN off disk.
 *
 * A Carrington point (lon, lat) on the sphere RSUN_REF, with Δ = lon − CRLN_OBS and B0 = CRLT_OBS,
 * is the heliocentric point P = R (cos lat sin Δ, sin lat cos B0 − cos lat cos Δ sin B0,
 * sin lat sin B0 + cos lat cos Δ cos B0) (Thompson 2006, z towards the observer), seen along
 * u = (P_x, P_y, D − P_z). For a fixed latitude the three projective forms are linear in (sin Δ, cos Δ):
 * {@link ImageFrame.rowForms} returns their coefficients, so a pixel position costs six multiply-adds
 * and one division.
 *
 * @module
 */

import type { SolarImageWcs } from '../geometry/wcs.ts';

const DEG = Math.PI / 180;

type Vec = [number, number, number];

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const scale = (a: Vec, s: number): Vec => [a[0] * s, a[1] * s, a[2] * s];

/**
 * Coefficients of x = x0 + X/W, y = y0 + Y/W along one Carrington latitude, with
 * X = xs sinΔ + xc cosΔ + x1 (same for Y, W) and Δ = lon − CRLN_OBS.
 */
export interface RowForms {
  xs: number;
  xc: number;
  x1: number;
  ys: number;
  yc: number;
  y1: number;
  ws: number;
  wc: number;
  w1: number;
}

/** Geometry of one full-disk image in the form the resampler and the disk corrections need. */
export class ImageFrame {
  /** 0-based reference pixel (CRPIX − 1). */
  readonly x0: number;
  readonly y0: number;
  /** Observer distance over solar radius, D/R. */
  readonly dOverR: number;
  readonly dsunM: number;
  readonly rsunM: number;
  readonly crlnDeg: number;
  readonly crltDeg: number;
  private readonly r0: Vec;
  private readonly gx: Vec;
  private readonly gy: Vec;
  private readonly hx: Vec;
  private readonly hy: Vec;

  private constructor(wcs: SolarImageWcs) {
    const f = wcs.fields;
    this.x0 = f.crpix1 - 1;
    this.y0 = f.crpix2 - 1;
    this.dsunM = wcs.dsunM;
    this.rsunM = wcs.rsunRefM;
    this.dOverR = wcs.dsunM / wcs.rsunRefM;
    this.crlnDeg = wcs.crlnObsDeg;
    this.crltDeg = wcs.crltObsDeg;

    const direction = (x: number, y: number): Vec => {
      const { txArcsec, tyArcsec } = wcs.pixelToHelioprojective(x, y);
      const tx = (txArcsec / 3600) * DEG;
      const ty = (tyArcsec / 3600) * DEG;
      return [Math.cos(ty) * Math.sin(tx), Math.sin(ty), Math.cos(ty) * Math.cos(tx)];
    };
    this.r0 = direction(this.x0, this.y0);
    // Steps of 1000 pixels keep the differences well above rounding (affine, so any step is exact).
    const step = 1000;
    const along = (dx: number, dy: number): Vec => {
      const d = direction(this.x0 + dx, this.y0 + dy);
      const v = scale(d, 1 / dot(d, this.r0));
      return scale([v[0] - this.r0[0], v[1] - this.r0[1], v[2] - this.r0[2]], 1 / step);
    };
    this.gx = along(step, 0);
    this.gy = along(0, step);
    const cy = cross(this.gy, this.r0);
    const cx = cross(this.r0, this.gx);
    this.hx = scale(cy, 1 / dot(this.gx, cy));
    this.hy = scale(cx, 1 / dot(this.gy, cx));
  }

  /** Builds the frame of an image from its WCS. */
  static fromWcs(wcs: SolarImageWcs): ImageFrame {
    return new ImageFrame(wcs);
  }

  /**
   * The projective forms of one Carrington latitude (see {@link RowForms}); valid for points with
   * μ > 0 (the caller keeps only those).
   */
  rowForms(latRad: number, out: RowForms): RowForms {
    const R = this.rsunM;
    const D = this.dsunM;
    const b0 = this.crltDeg * DEG;
    const cB = Math.cos(b0);
    const sB = Math.sin(b0);
    const cl = Math.cos(latRad);
    const sl = Math.sin(latRad);
    // u = (R a, R (sl cB − b sB), D − R (sl sB + b cB)) with a = cl sinΔ, b = cl cosΔ.
    const form = (h: Vec): [number, number, number] => [
      R * h[0] * cl,
      (-R * h[1] * sB - R * h[2] * cB) * cl,
      R * h[1] * sl * cB + h[2] * (D - R * sl * sB),
    ];
    [out.xs, out.xc, out.x1] = form(this.hx);
    [out.ys, out.yc, out.y1] = form(this.hy);
    [out.ws, out.wc, out.w1] = form(this.r0);
    return out;
  }

  /**
   * Half-width [rad] of the longitude interval |Δ| ≤ Δmax where μ ≥ muMin along a latitude:
   * −1 when no point qualifies, π when the whole circle does. μ grows monotonically with cos Δ
   * along a latitude, so the interval is centred on CRLN_OBS.
   */
  visibleHalfWidthRad(latRad: number, muMin: number): number {
    const d = this.dOverR;
    const m = Math.max(muMin, 0);
    // μ(z) = (z d − 1) / sqrt(1 + d² − 2 d z) for z = P_z / R; μ(z_c) = m solved for z_c.
    const zc = (1 - m * m + m * Math.sqrt(d * d - 1 + m * m)) / d;
    const b0 = this.crltDeg * DEG;
    const sl = Math.sin(latRad);
    const cl = Math.cos(latRad);
    const denominator = cl * Math.cos(b0);
    const numerator = zc - sl * Math.sin(b0);
    if (denominator <= 1e-15) return numerator <= 0 ? Math.PI : -1;
    const cosLimit = numerator / denominator;
    if (cosLimit > 1) return -1;
    if (cosLimit <= -1) return Math.PI;
    return Math.acos(cosLimit);
  }

  /**
   * μ of the sphere at a Carrington point with Δ = lon − CRLN_OBS given as cos Δ, along a latitude
   * with sines/cosines `sinLat`, `cosLat` (negative on the far side).
   */
  muAt(sinLat: number, cosLat: number, cosDelta: number): number {
    const b0 = this.crltDeg * DEG;
    const z = sinLat * Math.sin(b0) + cosLat * cosDelta * Math.cos(b0);
    const d = this.dOverR;
    return (z * d - 1) / Math.sqrt(1 + d * d - 2 * d * z);
  }

  /**
   * μ of every pixel of a width × height image (row-major, x fastest), NaN off disk. Only rows
   * [rowStart, rowEnd) are written.
   */
  muInto(width: number, height: number, out: Float32Array | Float64Array, rowStart = 0, rowEnd = height): void {
    if (out.length < width * height) throw new RangeError(`output must hold ${width * height} values`);
    for (let y = rowStart; y < rowEnd; y++) this.muRowInto(y, width, out, y * width);
  }

  /** μ of the pixels (0..width−1, y) written to out[offset ...], NaN off disk. */
  muRowInto(y: number, width: number, out: Float32Array | Float64Array, offset = 0): void {
    const [gx0, gx1, gx2] = this.gx;
    const k = this.dOverR * this.dOverR;
    const dy = y - this.y0;
    // v = r0 + (x − x0) gx + (y − y0) gy = a + x gx.
    const ax = this.r0[0] + dy * this.gy[0] - this.x0 * gx0;
    const ay = this.r0[1] + dy * this.gy[1] - this.x0 * gx1;
    const az = this.r0[2] + dy * this.gy[2] - this.x0 * gx2;
    for (let x = 0; x < width; x++) {
      const vx = ax + x * gx0;
      const vy = ay + x * gx1;
      const vz = az + x * gx2;
      const t = vx * vx + vy * vy;
      const disc = 1 - (k * t) / (t + vz * vz);
      out[offset + x] = disc >= 0 ? Math.sqrt(disc) : Number.NaN;
    }
  }
}
