/**
 * The pixel grid of an AIA image as far as the DEM pipeline needs it: the linear FITS transform
 * (CRPIX, CDELT, CROTA2 or PCi_j/CDi_j) between 0-based pixels and helioprojective offsets in
 * arcsec, the solar disk (centre and radius in pixels from RSUN_OBS, or RSUN_REF/DSUN_OBS), the
 * comparison of two grids and the WCS cards of a binned grid.
 *
 * The gnomonic (TAN) projection is treated as linear: over the AIA field (0.6 deg from the
 * centre) the helioprojective angle and its tangent-plane coordinate differ by < 1e-4 relative
 * (< 0.1" at 1000"), far below a pixel, and for two channels pointing within arcseconds of each
 * other the difference cancels to ~1e-6 px. `products/src/geometry` has the exact transform.
 *
 * @module
 */
import { DemError } from './errors.ts';

/** What the DEM code reads from a FITS header (the FITS reader's `FitsHeader` satisfies it). */
export interface HeaderLike {
  number(key: string): number | undefined;
  string(key: string): string | undefined;
}

const ARCSEC_PER_DEG = 3600;

function unitToArcsec(unit: string | undefined): number {
  const u = (unit ?? 'arcsec').trim().toLowerCase();
  if (u === 'arcsec' || u === '') return 1;
  if (u === 'deg') return ARCSEC_PER_DEG;
  if (u === 'arcmin') return 60;
  throw new DemError('bad-input', `unsupported CUNIT "${unit}"`);
}

/** Linear pixel ↔ helioprojective (arcsec) transform of one image. */
export class ImageGrid {
  /** CD matrix [arcsec/pixel], row-major: world_i = sum_j cd[i][j] (p_j - crpix_j) + crval_i. */
  private readonly cd: [number, number, number, number];
  private readonly inv: [number, number, number, number];

  constructor(
    readonly width: number,
    readonly height: number,
    /** FITS 1-based reference pixel. */
    readonly crpix1: number,
    readonly crpix2: number,
    /** Helioprojective longitude/latitude of the reference pixel [arcsec]. */
    readonly crval1: number,
    readonly crval2: number,
    cd: [number, number, number, number],
    /** Angular radius of the photosphere [arcsec], when the header says. */
    readonly rsunArcsec?: number,
  ) {
    this.cd = cd;
    const det = cd[0] * cd[3] - cd[1] * cd[2];
    if (!(Math.abs(det) > 0) || !Number.isFinite(det)) throw new DemError('bad-input', 'singular or invalid WCS matrix');
    this.inv = [cd[3] / det, -cd[1] / det, -cd[2] / det, cd[0] / det];
  }

  /** From a FITS header of a `width` x `height` image (helioprojective axes in arcsec or deg). */
  static fromHeader(h: HeaderLike, width: number, height: number): ImageGrid {
    const need = (k: string): number => {
      const v = h.number(k);
      if (v === undefined || !Number.isFinite(v)) throw new DemError('bad-input', `header keyword ${k} missing or not a number`);
      return v;
    };
    const s1 = unitToArcsec(h.string('CUNIT1'));
    const s2 = unitToArcsec(h.string('CUNIT2'));
    const crpix1 = need('CRPIX1');
    const crpix2 = need('CRPIX2');
    const crval1 = (h.number('CRVAL1') ?? 0) * s1;
    const crval2 = (h.number('CRVAL2') ?? 0) * s2;
    let cd: [number, number, number, number];
    if (h.number('CD1_1') !== undefined) {
      cd = [need('CD1_1') * s1, (h.number('CD1_2') ?? 0) * s1, (h.number('CD2_1') ?? 0) * s2, need('CD2_2') * s2];
    } else {
      const c1 = need('CDELT1') * s1;
      const c2 = need('CDELT2') * s2;
      if (h.number('PC1_1') !== undefined || h.number('PC2_2') !== undefined) {
        const p = [h.number('PC1_1') ?? 1, h.number('PC1_2') ?? 0, h.number('PC2_1') ?? 0, h.number('PC2_2') ?? 1];
        cd = [c1 * p[0], c1 * p[1], c2 * p[2], c2 * p[3]];
      } else {
        // CROTA2 (Greisen & Calabretta 2002, eq. 189).
        const rho = ((h.number('CROTA2') ?? 0) * Math.PI) / 180;
        cd = [c1 * Math.cos(rho), -c2 * Math.sin(rho), c1 * Math.sin(rho), c2 * Math.cos(rho)];
      }
    }
    let rsun = h.number('RSUN_OBS');
    if (rsun === undefined) {
      const ref = h.number('RSUN_REF');
      const d = h.number('DSUN_OBS');
      if (ref !== undefined && d !== undefined && d > ref) rsun = (Math.asin(ref / d) * 180 * ARCSEC_PER_DEG) / Math.PI;
    }
    return new ImageGrid(width, height, crpix1, crpix2, crval1, crval2, cd, rsun);
  }

  /** Helioprojective offsets [arcsec] of 0-based pixel (x, y), into out[0..1]. */
  pixelToWorld(x: number, y: number, out: Float64Array | number[]): void {
    const dx = x + 1 - this.crpix1, dy = y + 1 - this.crpix2;
    out[0] = this.cd[0] * dx + this.cd[1] * dy + this.crval1;
    out[1] = this.cd[2] * dx + this.cd[3] * dy + this.crval2;
  }

  /** 0-based pixel of helioprojective (tx, ty) [arcsec], into out[0..1]. */
  worldToPixel(tx: number, ty: number, out: Float64Array | number[]): void {
    const u = tx - this.crval1, v = ty - this.crval2;
    out[0] = this.inv[0] * u + this.inv[1] * v + this.crpix1 - 1;
    out[1] = this.inv[2] * u + this.inv[3] * v + this.crpix2 - 1;
  }

  /** Pixel area [arcsec^2]. */
  pixelArea(): number {
    return Math.abs(this.cd[0] * this.cd[3] - this.cd[1] * this.cd[2]);
  }

  /** Disk centre (0-based pixels) and photospheric radius in pixels; throws without RSUN_OBS/RSUN_REF+DSUN_OBS. */
  disk(): { xc: number; yc: number; rPix: number } {
    if (this.rsunArcsec === undefined) throw new DemError('bad-input', 'header has neither RSUN_OBS nor RSUN_REF and DSUN_OBS: cannot find the disk');
    const c = [0, 0];
    this.worldToPixel(0, 0, c);
    return { xc: c[0], yc: c[1], rPix: this.rsunArcsec / Math.sqrt(this.pixelArea()) };
  }

  /**
   * Largest displacement in pixels between where this grid and `other` put the same sky point,
   * over the four corners of this image (the transforms are affine, so the corners bound it).
   */
  maxOffsetPixels(other: ImageGrid): number {
    const w = [0, 0], p = [0, 0];
    let worst = 0;
    for (const [x, y] of [[0, 0], [this.width - 1, 0], [0, this.height - 1], [this.width - 1, this.height - 1]]) {
      this.pixelToWorld(x, y, w);
      other.worldToPixel(w[0], w[1], p);
      worst = Math.max(worst, Math.hypot(p[0] - x, p[1] - y));
    }
    return worst;
  }

  /** The grid of this image binned by `f` (CDELT x f; CRPIX' = (CRPIX - 0.5) / f + 0.5). */
  binned(f: number): ImageGrid {
    const cd: [number, number, number, number] = [this.cd[0] * f, this.cd[1] * f, this.cd[2] * f, this.cd[3] * f];
    return new ImageGrid(this.width / f, this.height / f, (this.crpix1 - 0.5) / f + 0.5, (this.crpix2 - 0.5) / f + 0.5, this.crval1, this.crval2, cd, this.rsunArcsec);
  }

  /** CRPIX/CRVAL/CDELT/PC cards describing this grid (helioprojective TAN, arcsec). */
  wcsCards(): { key: string; value: number | string; comment?: string }[] {
    // CD_ij = CDELT_i PC_ij with CDELT_i the norm of row i (so a pure rotation gives PC = R).
    const c1 = Math.hypot(this.cd[0], this.cd[1]);
    const c2 = Math.hypot(this.cd[2], this.cd[3]);
    return [
      { key: 'CTYPE1', value: 'HPLN-TAN', comment: 'helioprojective longitude, gnomonic' },
      { key: 'CTYPE2', value: 'HPLT-TAN', comment: 'helioprojective latitude, gnomonic' },
      { key: 'CUNIT1', value: 'arcsec' },
      { key: 'CUNIT2', value: 'arcsec' },
      { key: 'CRPIX1', value: this.crpix1, comment: 'reference pixel (1-based)' },
      { key: 'CRPIX2', value: this.crpix2 },
      { key: 'CRVAL1', value: this.crval1, comment: '[arcsec]' },
      { key: 'CRVAL2', value: this.crval2, comment: '[arcsec]' },
      { key: 'CDELT1', value: c1, comment: '[arcsec/pixel]' },
      { key: 'CDELT2', value: c2, comment: '[arcsec/pixel]' },
      { key: 'PC1_1', value: this.cd[0] / c1 },
      { key: 'PC1_2', value: this.cd[1] / c1 },
      { key: 'PC2_1', value: this.cd[2] / c2 },
      { key: 'PC2_2', value: this.cd[3] / c2 },
    ];
  }
}
