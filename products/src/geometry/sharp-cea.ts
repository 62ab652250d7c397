/**
 * Geometry of SHARP CEA patches (`hmi.sharp_cea_720s[_nrt]`): pixel ↔ Carrington coordinates and
 * the physical pixel size used by the current-density formulas (SCIENCE.md §4.1-4.2).
 *
 * A SHARP CEA patch is a Lambert cylindrical equal-area map *centred on the patch*: the projection
 * equator is tilted so that it passes through the patch centre (CRVAL1 = Carrington longitude,
 * CRVAL2 = latitude of the centre). JSOC builds it with `plane2sphere(..., CYLEQA)` of the JSOC
 * `cartography.c` (R. Bogart): with x = CDELT1 (p1 − CRPIX1) and y = CDELT2 (p2 − CRPIX2) in
 * radians (y is the sine of the native latitude),
 *   lat = asin(y cos φc + √(1 − y²) cos x sin φc),
 *   lon = λc + atan2(√(1 − y²) sin x, √(1 − y²) cos x cos φc − y sin φc).
 * This is the FITS standard CEA (λ = PV2_1 = 1) with reference point (CRVAL1, CRVAL2) and the
 * default LONPOLE, which is how astropy/SunPy read these headers (cross-checked in the tests).
 *
 * @module
 */

import type { HeaderAccess } from './wcs.ts';
import { WcsError } from './wcs.ts';

const DEG = Math.PI / 180;

/** Pixel scale of a SHARP patch in the SHARP code's convention (SCIENCE.md §4.2). */
export interface SharpPixelSize {
  /** Angular size of a pixel at disk centre [arcsec]: atan(RSUN_REF·CDELT1[rad]/DSUN_OBS). */
  cdelt1Arcsec: number;
  /** Metres per pixel Δ = cdelt1_arcsec · RSUN_REF / RSUN_OBS. */
  metresPerPixel: number;
}

/**
 * Pixel size of a SHARP CEA patch as the SHARP pipeline computes it (JSOC `sharp.c`/`sw_functions.c`,
 * Bobra's `calculate_sharpkeys.py`): cdelt1_arcsec = atan(RSUN_REF · CDELT1 · π/180 / DSUN_OBS) in
 * arcsec and Δ = cdelt1_arcsec · RSUN_REF / RSUN_OBS [m]. HARP 377: 0.50876", 364 423 m (versus
 * RSUN_REF · CDELT1 in radians = 364 425 m).
 */
export function sharpPixelSize(g: { cdelt1Deg: number; dsunM: number; rsunRefM: number; rsunObsArcsec: number }): SharpPixelSize {
  const cdelt1Arcsec = (Math.atan((g.rsunRefM * g.cdelt1Deg * DEG) / g.dsunM) / DEG) * 3600;
  return { cdelt1Arcsec, metresPerPixel: (cdelt1Arcsec * g.rsunRefM) / g.rsunObsArcsec };
}

/** Fields of a SHARP CEA patch WCS (degrees). */
export interface SharpCeaFields {
  crpix1: number;
  crpix2: number;
  /** Carrington longitude and latitude of the patch centre [deg]. */
  crval1: number;
  crval2: number;
  /** Pixel steps [deg] (0.03 for SHARP). */
  cdelt1: number;
  cdelt2: number;
  width?: number;
  height?: number;
  dsunM?: number;
  rsunRefM?: number;
  rsunObsArcsec?: number;
}

/** Pixel ↔ Carrington mapping of a SHARP CEA patch. */
export class SharpCeaWcs {
  readonly fields: Readonly<SharpCeaFields>;
  private readonly sinC: number;
  private readonly cosC: number;

  constructor(fields: SharpCeaFields) {
    for (const key of ['crpix1', 'crpix2', 'crval1', 'crval2', 'cdelt1', 'cdelt2'] as const)
      if (!Number.isFinite(fields[key])) throw new WcsError(`${key} must be a finite number, got ${fields[key]}`);
    if (fields.cdelt1 === 0 || fields.cdelt2 === 0) throw new WcsError('pixel step must not be 0', 'CDELT1');
    this.fields = Object.freeze({ ...fields });
    this.sinC = Math.sin(fields.crval2 * DEG);
    this.cosC = Math.cos(fields.crval2 * DEG);
  }

  /**
   * Reads a SHARP CEA header (the image HDU of any segment): CTYPE CRLN-CEA/CRLT-CEA, CUNIT degree,
   * CRPIX, CRVAL, CDELT, CROTA2 = 0, and DSUN_OBS/RSUN_REF/RSUN_OBS for the pixel size.
   * @throws WcsError naming the missing or unsupported keyword.
   */
  static fromHeader(h: HeaderAccess): SharpCeaWcs {
    for (const [axis, expected] of [['1', 'CRLN-CEA'], ['2', 'CRLT-CEA']] as const) {
      const ctype = h.string(`CTYPE${axis}`)?.trim().toUpperCase();
      if (ctype !== expected) throw new WcsError(`expected '${expected}', got '${ctype ?? '(missing)'}'`, `CTYPE${axis}`);
      const unit = (h.string(`CUNIT${axis}`) ?? 'degree').trim().toLowerCase();
      if (unit !== 'degree' && unit !== 'deg') throw new WcsError(`expected degrees, got '${unit}'`, `CUNIT${axis}`);
    }
    const crota2 = h.number('CROTA2') ?? 0;
    if (Math.abs(crota2) > 1e-9) throw new WcsError(`rotated SHARP CEA patches are not supported (${crota2})`, 'CROTA2');
    const required = (key: string): number => {
      const v = h.number(key);
      if (v === undefined || !Number.isFinite(v)) throw new WcsError('missing or not a number', key);
      return v;
    };
    return new SharpCeaWcs({
      crpix1: required('CRPIX1'),
      crpix2: required('CRPIX2'),
      crval1: required('CRVAL1'),
      crval2: required('CRVAL2'),
      cdelt1: required('CDELT1'),
      cdelt2: required('CDELT2'),
      // ZNAXISn first: a raw tile-compressed HDU header has the BINTABLE's NAXISn.
      width: h.number('ZNAXIS1') ?? h.number('NAXIS1'),
      height: h.number('ZNAXIS2') ?? h.number('NAXIS2'),
      dsunM: h.number('DSUN_OBS'),
      rsunRefM: h.number('RSUN_REF'),
      rsunObsArcsec: h.number('RSUN_OBS'),
    });
  }

  /** Carrington longitude [0, 360) and latitude [deg] of a 0-based pixel; null beyond the projection. */
  pixelToCarrington(x: number, y: number): { lonDeg: number; latDeg: number } | null {
    const f = this.fields;
    const xr = f.cdelt1 * (x + 1 - f.crpix1) * DEG;
    const s = f.cdelt2 * (y + 1 - f.crpix2) * DEG; // sine of the native latitude
    if (Math.abs(s) > 1) return null;
    const c = Math.sqrt(1 - s * s);
    const lat = Math.asin(s * this.cosC + c * Math.cos(xr) * this.sinC);
    const lon = f.crval1 * DEG + Math.atan2(c * Math.sin(xr), c * Math.cos(xr) * this.cosC - s * this.sinC);
    return { lonDeg: (((lon / DEG) % 360) + 360) % 360, latDeg: lat / DEG };
  }

  /** 0-based pixel position of a Carrington point (inverse rotation, then the CEA forward map). */
  carringtonToPixel(lonDeg: number, latDeg: number): { x: number; y: number } {
    const f = this.fields;
    const d = (lonDeg - f.crval1) * DEG;
    const cl = Math.cos(latDeg * DEG);
    const sl = Math.sin(latDeg * DEG);
    const X = cl * Math.cos(d);
    const nx = X * this.cosC + sl * this.sinC;
    const ny = cl * Math.sin(d);
    const nz = -X * this.sinC + sl * this.cosC;
    return {
      x: f.crpix1 - 1 + Math.atan2(ny, nx) / DEG / f.cdelt1,
      y: f.crpix2 - 1 + nz / (f.cdelt2 * DEG),
    };
  }

  /** SHARP pixel size (needs DSUN_OBS, RSUN_REF, RSUN_OBS in the header or fields). */
  pixelSize(): SharpPixelSize {
    const { dsunM, rsunRefM, rsunObsArcsec, cdelt1 } = this.fields;
    if (dsunM === undefined) throw new WcsError('missing, needed for the pixel size', 'DSUN_OBS');
    if (rsunRefM === undefined) throw new WcsError('missing, needed for the pixel size', 'RSUN_REF');
    if (rsunObsArcsec === undefined) throw new WcsError('missing, needed for the pixel size', 'RSUN_OBS');
    return sharpPixelSize({ cdelt1Deg: cdelt1, dsunM, rsunRefM, rsunObsArcsec });
  }
}
