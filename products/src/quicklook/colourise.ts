/**
 * Colour-map a float plane into RGBA pixels (for a canvas `ImageData`), with the same rules as the
 * PNG quicklooks: 256 levels of the named table, NaN in a chosen colour (transparent by default),
 * DEM quality classes, and FITS row 0 at the bottom.
 *
 * @module
 */
import type { ColourTable } from './colour-tables.ts';
import { PixelClass } from './dem-quality.ts';
import { levelOf, normalise, type ResolvedScale } from './scale.ts';

export type Rgba = [number, number, number, number];

export interface ColouriseOptions {
  /** Colour of NaN pixels (and of `Missing` quality pixels); transparent by default. */
  nan?: Rgba;
  /** Per-pixel classes (FITS order), e.g. from `demQualityClasses`. */
  quality?: Uint8Array;
  /** Put FITS row 0 at the bottom of the image (default true, as FITS viewers do). */
  flip?: boolean;
}

const TRANSPARENT: Rgba = [0, 0, 0, 0];
const WHITE: Rgba = [255, 255, 255, 255];

/**
 * RGBA bytes (row 0 = top of the picture) of a plane of `width` × `height` values in FITS order.
 * @example colouriseRgba(plane, w, h, colourTable('aia-171'), resolveScale(plane, display))
 */
export function colouriseRgba(
  plane: ArrayLike<number>,
  width: number,
  height: number,
  table: ColourTable,
  scale: ResolvedScale,
  opts: ColouriseOptions = {},
): Uint8ClampedArray {
  if (plane.length < width * height) throw new RangeError(`plane has ${plane.length} values, ${width} x ${height} needed`);
  const out = new Uint8ClampedArray(width * height * 4);
  const nan = opts.nan ?? TRANSPARENT;
  const flip = opts.flip ?? true;
  const quality = opts.quality;
  const rgb = table.rgb;
  for (let y = 0; y < height; y++) {
    const srcRow = (flip ? height - 1 - y : y) * width;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      const src = srcRow + x;
      const cls = quality ? quality[src] : PixelClass.Normal;
      const t = normalise(plane[src], scale);
      let c: ArrayLike<number> | undefined;
      if (cls === PixelClass.White) c = WHITE;
      else if (cls === PixelClass.Missing || Number.isNaN(t)) c = nan;
      if (c) {
        out[o] = c[0];
        out[o + 1] = c[1];
        out[o + 2] = c[2];
        out[o + 3] = c[3];
        continue;
      }
      const k = levelOf(t, 256);
      if (cls === PixelClass.Grey) {
        out[o] = out[o + 1] = out[o + 2] = k;
      } else {
        out[o] = rgb[3 * k];
        out[o + 1] = rgb[3 * k + 1];
        out[o + 2] = rgb[3 * k + 2];
      }
      out[o + 3] = 255;
    }
  }
  return out;
}
