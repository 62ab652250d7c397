/**
 * World coordinates of a full-disk solar image (AIA, HMI): FITS pixel ↔ helioprojective ↔
 * heliocentric ↔ Heliographic Stonyhurst ↔ Carrington, forward and inverse.
 *
 * Chain (SCIENCE.md §5.4):
 * 1. FITS linear transformation (Greisen & Calabretta 2002, A&A 395:1061): intermediate world
 *    coordinates x_i = CDELT_i Σ_j PC_ij (p_j − CRPIX_j) with p 1-based, i.e. p = pixel index + 1 here;
 *    PC from PCi_j, or CDi_j directly, or CROTA2 (their eq. 189); CDELT in arcsec.
 * 2. Gnomonic (TAN) projection about CRVAL (Calabretta & Greisen 2002, A&A 395:1077), with the
 *    default LONPOLE = 180°: the intermediate axes point along +θx and +θy at the reference point.
 *    Implemented exactly as the tangent plane at the unit vector of CRVAL, no small-angle shortcut.
 * 3. Helioprojective ↔ heliocentric ↔ Stonyhurst ↔ Carrington (Thompson 2006, see frames.ts) with a
 *    finite observer distance DSUN_OBS, the sphere RSUN_REF, B0 = CRLT_OBS and Carrington longitude
 *    = Stonyhurst longitude + (CRLN_OBS − HGLN_OBS). Visibility is P·(O − P) > 0.
 *
 * Conventions match SunPy/astropy (`Map.pixel_to_world`, 0-based pixel centres) except the
 * Carrington longitude offset, which comes from the header's CRLN_OBS (JSOC convention) rather than
 * SunPy's ephemeris: the two differ by ~0.07° (SCIENCE.md §5.2).
 *
 * Hot loops: {@link SolarImageWcs.carringtonGridToPixelInto}, {@link SolarImageWcs.carringtonToPixelInto}
 * and {@link SolarImageWcs.pixelsToCarringtonInto} work in radians on typed arrays with per-image
 * constants precomputed. Carrington → pixel is an exact projective map of (R cosΘ sinΔ, R cosΘ cosΔ,
 * R sinΘ, 1), Δ = lon − CRLN_OBS, so a point costs a few multiply-adds and one division.
 *
 * @module
 */

import { SDO_RSUN_REF_M } from './ephemeris.ts';
import { type Vec3, heliocentricToStonyhurst, muAt, rayToHeliocentric, stonyhurstToHeliocentric, wrapRad2Pi } from './frames.ts';
import {
  type HeaderAccess,
  type SolarImageWcsFields,
  type WcsCard,
  WcsError,
  solarImageFieldsFromHeader,
  solarImageFitsCards,
} from './wcs-header.ts';

export { WcsError, solarImageFieldsFromHeader, solarImageFitsCards, type HeaderAccess, type SolarImageWcsFields, type WcsCard } from './wcs-header.ts';

const DEG = Math.PI / 180;
/** Radians per arcsecond. */
const ARCSEC = DEG / 3600;

/** Carrington coordinates of an on-disk pixel. */
export interface CarringtonPoint {
  lonDeg: number;
  latDeg: number;
  mu: number;
}

/** Projection of a Carrington point into the image. */
export interface ProjectedPoint {
  /** 0-based pixel coordinates (defined for far-side points too, as seen through the Sun). */
  x: number;
  y: number;
  /** Cosine of the viewing angle; ≤ 0 when hidden. */
  mu: number;
  /** True when the point faces the observer: P·(O − P) > 0. */
  visible: boolean;
}


/** Helioprojective TAN world coordinate system of one solar image, with precomputed constants. */
export class SolarImageWcs {
  readonly fields: Readonly<SolarImageWcsFields>;
  readonly dsunM: number;
  readonly rsunRefM: number;
  readonly rsunObsArcsec: number;
  readonly crlnObsDeg: number;
  readonly crltObsDeg: number;
  readonly hglnObsDeg: number;
  readonly timeMs: number | undefined;

  // Linear part: intermediate [rad] = L (p − crpix); pixel offset = Linv · intermediate [rad].
  private readonly l11: number;
  private readonly l12: number;
  private readonly l21: number;
  private readonly l22: number;
  private readonly i11: number;
  private readonly i12: number;
  private readonly i21: number;
  private readonly i22: number;
  private readonly x0: number; // CRPIX1 − 1 (0-based reference pixel)
  private readonly y0: number;
  // Tangent point r0 and the unit vectors along +θx (ex) and +θy (ey) there (observer frame).
  private readonly r0: Vec3;
  private readonly ex: Vec3;
  private readonly ey: Vec3;
  private readonly b0Rad: number;
  private readonly cosB0: number;
  private readonly sinB0: number;
  private readonly crlnRad: number;
  private readonly hglnRad: number;
  // Projective coefficients: numerators of x, y and the denominator as linear forms of
  // (a, b, c, 1) = (cosΘ sinΔ, cosΘ cosΔ, sinΘ, 1) (R and D folded in).
  private readonly pxA: number; private readonly pxB: number; private readonly pxC: number; private readonly px0: number;
  private readonly pyA: number; private readonly pyB: number; private readonly pyC: number; private readonly py0: number;
  private readonly pwA: number; private readonly pwB: number; private readonly pwC: number; private readonly pw0: number;

  constructor(fields: SolarImageWcsFields) {
    const f = { ...fields };
    for (const key of ['crpix1', 'crpix2', 'cdelt1', 'cdelt2', 'dsunM', 'crlnObsDeg', 'crltObsDeg'] as const) {
      if (!Number.isFinite(f[key])) throw new WcsError(`${key} must be a finite number, got ${f[key]}`);
    }
    if (!(f.dsunM > 0)) throw new WcsError(`observer distance must be positive, got ${f.dsunM}`, 'DSUN_OBS');
    this.fields = Object.freeze(f);
    this.dsunM = f.dsunM;
    this.rsunRefM = f.rsunRefM ?? SDO_RSUN_REF_M;
    if (!(this.rsunRefM > 0 && this.rsunRefM < this.dsunM)) throw new WcsError(`invalid solar radius ${this.rsunRefM}`, 'RSUN_REF');
    this.rsunObsArcsec = f.rsunObsArcsec ?? Math.asin(this.rsunRefM / this.dsunM) / ARCSEC;
    this.crlnObsDeg = f.crlnObsDeg;
    this.crltObsDeg = f.crltObsDeg;
    this.hglnObsDeg = f.hglnObsDeg ?? 0;
    this.timeMs = f.timeMs;

    // Linear transformation in radians per pixel.
    let m: [number, number, number, number];
    if (f.pc) {
      m = [f.cdelt1 * f.pc[0][0], f.cdelt1 * f.pc[0][1], f.cdelt2 * f.pc[1][0], f.cdelt2 * f.pc[1][1]];
    } else {
      const rho = (f.crota2 ?? 0) * DEG;
      const [c, s] = [Math.cos(rho), Math.sin(rho)];
      m = [f.cdelt1 * c, -f.cdelt2 * s, f.cdelt1 * s, f.cdelt2 * c];
    }
    [this.l11, this.l12, this.l21, this.l22] = m.map((v) => v * ARCSEC);
    const det = this.l11 * this.l22 - this.l12 * this.l21;
    if (!Number.isFinite(det) || det === 0) throw new WcsError('singular pixel-to-world matrix (CDELT/PC/CROTA2)');
    this.i11 = this.l22 / det;
    this.i12 = -this.l12 / det;
    this.i21 = -this.l21 / det;
    this.i22 = this.l11 / det;
    this.x0 = f.crpix1 - 1;
    this.y0 = f.crpix2 - 1;

    const tx0 = (f.crval1 ?? 0) * ARCSEC;
    const ty0 = (f.crval2 ?? 0) * ARCSEC;
    const [ctx, stx, cty, sty] = [Math.cos(tx0), Math.sin(tx0), Math.cos(ty0), Math.sin(ty0)];
    this.r0 = { x: cty * stx, y: sty, z: cty * ctx };
    this.ex = { x: ctx, y: 0, z: -stx };
    this.ey = { x: -sty * stx, y: cty, z: -sty * ctx };

    this.b0Rad = f.crltObsDeg * DEG;
    this.cosB0 = Math.cos(this.b0Rad);
    this.sinB0 = Math.sin(this.b0Rad);
    this.crlnRad = f.crlnObsDeg * DEG;
    this.hglnRad = this.hglnObsDeg * DEG;

    // u = (R a, R (c cB − b sB), D − R (c sB + b cB)); u·g is linear in (a, b, c, 1).
    const [cB, sB, R, D] = [this.cosB0, this.sinB0, this.rsunRefM, this.dsunM];
    const form = (g: Vec3): [number, number, number, number] => [R * g.x, R * (-g.y * sB - g.z * cB), R * (g.y * cB - g.z * sB), D * g.z];
    const g1 = { x: this.i11 * this.ex.x + this.i12 * this.ey.x, y: this.i11 * this.ex.y + this.i12 * this.ey.y, z: this.i11 * this.ex.z + this.i12 * this.ey.z };
    const g2 = { x: this.i21 * this.ex.x + this.i22 * this.ey.x, y: this.i21 * this.ex.y + this.i22 * this.ey.y, z: this.i21 * this.ex.z + this.i22 * this.ey.z };
    [this.pxA, this.pxB, this.pxC, this.px0] = form(g1);
    [this.pyA, this.pyB, this.pyC, this.py0] = form(g2);
    [this.pwA, this.pwB, this.pwC, this.pw0] = form(this.r0);
  }

  /** Builds the WCS from plain fields (same as the constructor). */
  static fromFields(fields: SolarImageWcsFields): SolarImageWcs {
    return new SolarImageWcs(fields);
  }

  /** Reads a full-disk image header (see {@link solarImageFieldsFromHeader}). @throws WcsError */
  static fromHeader(h: HeaderAccess): SolarImageWcs {
    return new SolarImageWcs(solarImageFieldsFromHeader(h));
  }

  // -------------------------------------------------------------------------------------------
  // Per-point API (degrees, arcsec, 0-based pixels)

  /** Helioprojective coordinates [arcsec] of a 0-based pixel position. */
  pixelToHelioprojective(x: number, y: number): { txArcsec: number; tyArcsec: number } {
    const d = this.pixelDirection(x, y);
    return { txArcsec: Math.atan2(d.x, d.z) / ARCSEC, tyArcsec: Math.atan2(d.y, Math.hypot(d.x, d.z)) / ARCSEC };
  }

  /** 0-based pixel position of helioprojective coordinates [arcsec]; null behind the tangent plane. */
  helioprojectiveToPixel(txArcsec: number, tyArcsec: number): { x: number; y: number } | null {
    const tx = txArcsec * ARCSEC;
    const ty = tyArcsec * ARCSEC;
    const cy = Math.cos(ty);
    return this.directionToPixel(cy * Math.sin(tx), Math.sin(ty), cy * Math.cos(tx));
  }

  /** Heliocentric point [m] on the visible solar sphere under a pixel, or null off disk. */
  pixelToHeliocentric(x: number, y: number): Vec3 | null {
    const d = this.pixelDirection(x, y);
    return rayToHeliocentric(d.x, d.y, d.z, this.dsunM, this.rsunRefM);
  }

  /** Stonyhurst longitude/latitude [deg] and μ of a pixel, or null off disk. */
  pixelToStonyhurst(x: number, y: number): CarringtonPoint | null {
    const p = this.pixelToHeliocentric(x, y);
    if (!p) return null;
    const s = heliocentricToStonyhurst(p, this.b0Rad, this.hglnRad);
    return { lonDeg: s.lonRad / DEG, latDeg: s.latRad / DEG, mu: muAt(p, this.dsunM) };
  }

  /** Carrington longitude [0, 360) and latitude [deg] and μ of a pixel, or null off disk. */
  pixelToCarrington(x: number, y: number): CarringtonPoint | null {
    const p = this.pixelToHeliocentric(x, y);
    if (!p) return null;
    const s = heliocentricToStonyhurst(p, this.b0Rad, this.hglnRad);
    const lon = wrapRad2Pi(s.lonRad + this.crlnRad - this.hglnRad);
    return { lonDeg: lon / DEG, latDeg: s.latRad / DEG, mu: muAt(p, this.dsunM) };
  }

  /** Pixel position, μ and visibility of a Carrington point on the sphere RSUN_REF. */
  carringtonToPixel(lonDeg: number, latDeg: number): ProjectedPoint {
    const p = stonyhurstToHeliocentric(lonDeg * DEG - this.crlnRad + this.hglnRad, latDeg * DEG, this.rsunRefM, this.b0Rad, this.hglnRad);
    const pix = this.directionToPixel(p.x, p.y, this.dsunM - p.z) ?? { x: Number.NaN, y: Number.NaN };
    const mu = muAt(p, this.dsunM);
    return { x: pix.x, y: pix.y, mu, visible: mu > 0 };
  }

  /** 0-based pixel position of the Sun's centre. */
  diskCentrePixel(): { x: number; y: number } {
    return this.directionToPixel(0, 0, 1) as { x: number; y: number };
  }

  /**
   * Radius of the limb circle in pixels: tan(asin(RSUN_REF/DSUN_OBS)) on the tangent plane divided
   * by the geometric-mean pixel scale (exact when the Sun's centre is at CRVAL and pixels are square;
   * the offset of a few arcsec in real headers changes it by < 1e-5 pixel).
   */
  limbRadiusPixels(): number {
    const rho = Math.asin(this.rsunRefM / this.dsunM);
    return Math.tan(rho) / Math.sqrt(Math.abs(this.l11 * this.l22 - this.l12 * this.l21));
  }

  // -------------------------------------------------------------------------------------------
  // Hot loops (radians, typed arrays, no per-point allocation)

  /**
   * Carrington (lon, lat) [rad] points → pixel positions. Writes x, y (0-based; NaN where the point
   * is hidden, μ ≤ 0) and optionally μ for `count` points from `start`.
   */
  carringtonToPixelInto(
    lonRad: ArrayLike<number>,
    latRad: ArrayLike<number>,
    outX: Float64Array | Float32Array,
    outY: Float64Array | Float32Array,
    outMu?: Float64Array | Float32Array,
    start = 0,
    count = lonRad.length - start,
  ): void {
    const crln = this.crlnRad;
    for (let k = start, end = start + count; k < end; k++) {
      const cl = Math.cos(latRad[k]);
      const d = lonRad[k] - crln;
      this.projectInto(cl * Math.sin(d), cl * Math.cos(d), Math.sin(latRad[k]), k, outX, outY, outMu);
    }
  }

  /**
   * A whole Carrington grid → pixel positions, row-major (`row * lonRad.length + col`): columns at
   * longitudes `lonRad`, rows at latitudes `latRad`, each row optionally displaced in longitude by
   * `rowLonOffsetRad[row]` (sampled longitude = lonRad[col] + offset, e.g. minus a differential-
   * rotation shift). Hidden points get NaN x, y; `outMu` (optional) gets μ everywhere. Trigonometry is
   * per row and per column only.
   */
  carringtonGridToPixelInto(
    lonRad: ArrayLike<number>,
    latRad: ArrayLike<number>,
    outX: Float64Array | Float32Array,
    outY: Float64Array | Float32Array,
    outMu?: Float64Array | Float32Array,
    rowLonOffsetRad?: ArrayLike<number>,
  ): void {
    const nCol = lonRad.length;
    const nRow = latRad.length;
    if (outX.length < nCol * nRow || outY.length < nCol * nRow || (outMu && outMu.length < nCol * nRow))
      throw new RangeError(`output arrays must hold ${nCol * nRow} values`);
    const cosD = new Float64Array(nCol);
    const sinD = new Float64Array(nCol);
    for (let c = 0; c < nCol; c++) {
      cosD[c] = Math.cos(lonRad[c] - this.crlnRad);
      sinD[c] = Math.sin(lonRad[c] - this.crlnRad);
    }
    for (let r = 0; r < nRow; r++) {
      const cl = Math.cos(latRad[r]);
      const sl = Math.sin(latRad[r]);
      const off = rowLonOffsetRad ? rowLonOffsetRad[r] : 0;
      const co = Math.cos(off);
      const so = Math.sin(off);
      const base = r * nCol;
      for (let c = 0; c < nCol; c++) {
        // sin/cos(Δ + off) by the addition formulas.
        const s = sinD[c] * co + cosD[c] * so;
        const k = cosD[c] * co - sinD[c] * so;
        this.projectInto(cl * s, cl * k, sl, base + c, outX, outY, outMu);
      }
    }
  }

  /**
   * Every pixel of a width × height image → Carrington longitude [0, 2π), latitude [rad] and μ,
   * row-major (index = y * width + x); NaN off disk.
   */
  pixelsToCarringtonInto(
    width: number,
    height: number,
    outLonRad: Float64Array | Float32Array,
    outLatRad: Float64Array | Float32Array,
    outMu?: Float64Array | Float32Array,
  ): void {
    if (outLonRad.length < width * height || outLatRad.length < width * height || (outMu && outMu.length < width * height))
      throw new RangeError(`output arrays must hold ${width * height} values`);
    const { r0, ex, ey, dsunM: D, rsunRefM: R } = this;
    const cB = this.cosB0;
    const sB = this.sinB0;
    const lonOffset = this.crlnRad;
    const k2 = D * D - R * R;
    const twoPi = 2 * Math.PI;
    for (let j = 0; j < height; j++) {
      const dy = j - this.y0;
      for (let i = 0; i < width; i++) {
        const dx = i - this.x0;
        const xi = this.l11 * dx + this.l12 * dy;
        const eta = this.l21 * dx + this.l22 * dy;
        let vx = r0.x + xi * ex.x + eta * ey.x;
        let vy = r0.y + xi * ex.y + eta * ey.y;
        let vz = r0.z + xi * ex.z + eta * ey.z;
        const n = 1 / Math.sqrt(vx * vx + vy * vy + vz * vz);
        vx *= n;
        vy *= n;
        vz *= n;
        const q = D * vz;
        const disc = R * R - D * D * (vx * vx + vy * vy); // = q² − (D² − R²), well conditioned
        const idx = j * width + i;
        if (disc < 0) {
          outLonRad[idx] = Number.NaN;
          outLatRad[idx] = Number.NaN;
          if (outMu) outMu[idx] = Number.NaN;
          continue;
        }
        const dist = k2 / (q + Math.sqrt(disc)); // = q − √disc without cancellation
        const px = dist * vx;
        const py = dist * vy;
        const pz = D - dist * vz;
        let lon = lonOffset + Math.atan2(px, pz * cB - py * sB);
        if (lon < 0) lon += twoPi;
        else if (lon >= twoPi) lon -= twoPi;
        outLonRad[idx] = lon;
        outLatRad[idx] = Math.asin((py * cB + pz * sB) / R);
        if (outMu) outMu[idx] = (pz * D - R * R) / (R * dist);
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  /** FITS cards describing this image geometry (see {@link solarImageFitsCards}). */
  fitsCards(): WcsCard[] {
    return solarImageFitsCards(this.fields);
  }
  /** Unit line-of-sight direction (observer frame) of a 0-based pixel. */
  private pixelDirection(x: number, y: number): Vec3 {
    const dx = x - this.x0;
    const dy = y - this.y0;
    const xi = this.l11 * dx + this.l12 * dy;
    const eta = this.l21 * dx + this.l22 * dy;
    const { r0, ex, ey } = this;
    const vx = r0.x + xi * ex.x + eta * ey.x;
    const vy = r0.y + xi * ex.y + eta * ey.y;
    const vz = r0.z + xi * ex.z + eta * ey.z;
    const n = Math.sqrt(vx * vx + vy * vy + vz * vz);
    return { x: vx / n, y: vy / n, z: vz / n };
  }

  /** Observer-frame direction (any length) → 0-based pixel, or null behind the tangent plane. */
  private directionToPixel(ux: number, uy: number, uz: number): { x: number; y: number } | null {
    const { r0, ex, ey } = this;
    const w = ux * r0.x + uy * r0.y + uz * r0.z;
    if (!(w > 0)) return null;
    const xi = (ux * ex.x + uy * ex.y + uz * ex.z) / w;
    const eta = (ux * ey.x + uy * ey.y + uz * ey.z) / w;
    return { x: this.x0 + this.i11 * xi + this.i12 * eta, y: this.y0 + this.i21 * xi + this.i22 * eta };
  }

  /** Projects the unit-sphere point (a, b, c) = (cosΘ sinΔ, cosΘ cosΔ, sinΘ) into slot k. */
  private projectInto(
    a: number,
    b: number,
    c: number,
    k: number,
    outX: Float64Array | Float32Array,
    outY: Float64Array | Float32Array,
    outMu: Float64Array | Float32Array | undefined,
  ): void {
    const R = this.rsunRefM;
    const D = this.dsunM;
    // Heliocentric z of the point (towards the observer); visible when z D > R².
    const z = R * (c * this.sinB0 + b * this.cosB0);
    if (outMu) outMu[k] = (z * D - R * R) / (R * Math.sqrt(R * R + D * D - 2 * D * z));
    if (z * D <= R * R) {
      outX[k] = Number.NaN;
      outY[k] = Number.NaN;
      return;
    }
    const w = this.pwA * a + this.pwB * b + this.pwC * c + this.pw0;
    outX[k] = this.x0 + (this.pxA * a + this.pxB * b + this.pxC * c + this.px0) / w;
    outY[k] = this.y0 + (this.pyA * a + this.pyB * b + this.pyC * c + this.py0) / w;
  }
}
