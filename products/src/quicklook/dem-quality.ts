/**
 * The display rules of the DEM maps (MEDOC GAIA-DEM portal, Buchlin et al. IHDEA 2024): a pixel
 * whose Gaussian fit has reduced chi2 > 4 is drawn in grey scale (the Gaussian does not describe
 * the plasma), a pixel with fewer than 6 usable bands is drawn in white (no fit).
 *
 * @module
 */

/** Reduced chi2 above which a DEM pixel is shown in grey scale. */
export const DEM_CHI2_LIMIT = 4;
/** Number of coronal AIA bands a DEM fit needs; fewer → white. */
export const DEM_BANDS_REQUIRED = 6;

/** How a pixel is drawn. */
export const PixelClass = {
  /** Normal: the colour table. */
  Normal: 0,
  /** Reduced chi2 > 4: grey scale of the same value. */
  Grey: 1,
  /** Fewer than 6 valid bands: white. */
  White: 2,
  /** No data (NaN band count, e.g. outside the field of view): the NaN colour. */
  Missing: 3,
} as const;
export type PixelClass = (typeof PixelClass)[keyof typeof PixelClass];

/**
 * The class of one DEM pixel. "Fewer than 6 bands" wins over chi2 (no fit, so no chi2 to judge);
 * a NaN band count means no data at all.
 */
export function demPixelClass(chi2: number, nbands: number): PixelClass {
  if (Number.isNaN(nbands)) return PixelClass.Missing;
  if (nbands < DEM_BANDS_REQUIRED) return PixelClass.White;
  if (chi2 > DEM_CHI2_LIMIT) return PixelClass.Grey;
  return PixelClass.Normal;
}

/**
 * Classes of every pixel of a DEM map from its CHI2 and NBANDS planes (same size, FITS order).
 * @example demQualityClasses(chi2, nbands) // → Uint8Array of PixelClass values
 */
export function demQualityClasses(chi2: ArrayLike<number>, nbands: ArrayLike<number>): Uint8Array {
  if (chi2.length !== nbands.length) throw new RangeError(`chi2 (${chi2.length}) and nbands (${nbands.length}) planes differ in size`);
  const out = new Uint8Array(chi2.length);
  for (let i = 0; i < out.length; i++) out[i] = demPixelClass(chi2[i], nbands[i]);
  return out;
}
