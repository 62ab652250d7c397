/**
 * Pixel size and unit conversions of SHARP CEA patches, exactly as the HMI pipeline defines them
 * (SCIENCE.md 4.2): the pixel of CDELT1 degrees of heliographic arc seen from the observer gives an
 * angle in arcseconds, which RSUN_REF / RSUN_OBS turns into metres on the Sun.
 *
 * @module
 */

/** Vacuum permeability as the HMI pipeline writes it (`MUNAUGHT`), in T m / A (= 4π × 1e-7 to 11 digits). */
export const MU0 = 1.2566370614e-6;

/** Tesla per gauss. */
export const TESLA_PER_GAUSS = 1e-4;

const ARCSEC_PER_RADIAN = (180 / Math.PI) * 3600;

/** The geometry keywords of a SHARP CEA header that fix the pixel scale. */
export interface SharpGeometry {
  /** CDELT1, degrees of heliographic arc per pixel. */
  cdelt1Deg: number;
  /** RSUN_REF, metres. */
  rsunRefM: number;
  /** DSUN_OBS, metres. */
  dsunObsM: number;
  /** RSUN_OBS, arcseconds. */
  rsunObsArcsec: number;
}

/** Pixel scale of a SHARP patch in the HMI pipeline convention. */
export interface SharpPixelScale {
  /** Angle subtended by one pixel at disk centre, arcseconds (`cdelt1_arcsec`). */
  cdelt1Arcsec: number;
  /** Metres on the Sun per pixel, Δ = cdelt1_arcsec · RSUN_REF / RSUN_OBS. */
  metresPerPixel: number;
}

/**
 * The SHARP pixel scale: cdelt1_arcsec = atan(RSUN_REF · CDELT1[rad] / DSUN_OBS) in arcseconds and
 * Δ = cdelt1_arcsec · RSUN_REF / RSUN_OBS (HARP 377: 0.50876", 364 423 m). The pipeline uses this
 * Δ, not RSUN_REF · CDELT1[rad] (364 425 m), so we do too for keyword parity.
 */
export function sharpPixelScale(g: SharpGeometry): SharpPixelScale {
  for (const [name, v] of Object.entries(g)) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`SHARP geometry: ${name} must be a positive number, got ${v}`);
  }
  const cdelt1Arcsec = Math.atan((g.rsunRefM * g.cdelt1Deg * Math.PI) / 180 / g.dsunObsM) * ARCSEC_PER_RADIAN;
  return { cdelt1Arcsec, metresPerPixel: (cdelt1Arcsec * g.rsunRefM) / g.rsunObsArcsec };
}

/** Current density in A/m² of 1 G/pixel of field difference: 1e-4 / (µ0 Δ). */
export function amperePerSquareMetrePerGaussPerPixel(metresPerPixel: number): number {
  return TESLA_PER_GAUSS / (MU0 * metresPerPixel);
}
