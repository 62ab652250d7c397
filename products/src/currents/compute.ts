/**
 * Radial current density of a SHARP CEA patch: jr map, its error, the pixel mask and the SHARP
 * keywords, from the Br, Bp, Bt segments (SCIENCE.md 4). Pure array code, no FITS.
 *
 * @module
 */
import { verticalCurl, verticalCurlError } from './curl.ts';
import { currentKeywords, type KeywordResult } from './keywords.ts';
import { selectPixels } from './mask.ts';
import { amperePerSquareMetrePerGaussPerPixel, sharpPixelScale, type SharpGeometry, type SharpPixelScale } from './scale.ts';

type Plane = Float32Array | Float64Array;

/** The SHARP CEA segments of one patch, as physical values (G; NaN for BLANK), FITS order. */
export interface SharpVectorField {
  width: number;
  height: number;
  /** Radial field (up), G. */
  br: Plane;
  /** Azimuthal field (westward), G. */
  bp: Plane;
  /** Polar field (southward), G. */
  bt: Plane;
  brErr: Plane;
  bpErr: Plane;
  btErr: Plane;
  confDisambig: Plane;
  bitmap: Plane;
}

/** Header geometry of the patch: the SHARP pixel scale plus CDELT2 for pixel areas on the sphere. */
export interface SharpPatchGeometry extends SharpGeometry {
  /** CDELT2 of the CEA grid, degrees of sine-latitude arc (0.03 for SHARP). */
  cdelt2Deg: number;
}

export interface CurrentsOptions {
  /** Extra mask |B| >= this (G); off (undefined/0) by default, as in the HMI pipeline. */
  minFieldGauss?: number;
}

export interface CurrentsResult {
  width: number;
  height: number;
  /** Radial current density jr, A/m² (single precision, as the pipeline). */
  jr: Float32Array;
  /** 1-sigma error of jr, A/m². */
  jrErr: Float32Array;
  /** 1 where the pixel enters the current keywords (selection and jr finite), else 0. */
  mask: Uint8Array;
  /** jz in G/pixel, the quantity the pipeline sums. */
  jzGaussPerPixel: Float32Array;
  scale: SharpPixelScale;
  /** Area of one CEA pixel on the sphere, Mm². */
  pixelAreaMm2: number;
  keywords: KeywordResult;
}

const toFloat32 = (a: Plane): Float32Array => (a instanceof Float32Array ? a : Float32Array.from(a));

function negatedFloat32(a: Plane): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = -a[i];
  return out;
}

/**
 * Area of one pixel of a Lambert cylindrical equal-area grid on the sphere: R² Δφ Δ(sin θ), with
 * CDELT1 the longitude step and CDELT2 the sine-latitude step, both in degrees (the WCS CEA
 * convention with λ = 1, which SHARP CEA patches follow). Mm².
 */
export function ceaPixelAreaMm2(rsunRefM: number, cdelt1Deg: number, cdelt2Deg: number): number {
  const rMm = rsunRefM / 1e6;
  return rMm * rMm * ((cdelt1Deg * Math.PI) / 180) * ((cdelt2Deg * Math.PI) / 180);
}

/**
 * jr and the SHARP keywords of one patch. The local frame is that of the HMI pipeline:
 * Bx = Bp (westward), By = -Bt (Bt points south), Bz = Br; jz = dBy/dx - dBx/dy.
 */
export function computeCurrents(field: SharpVectorField, geometry: SharpPatchGeometry, options: CurrentsOptions = {}): CurrentsResult {
  const { width, height } = field;
  const n = width * height;
  for (const name of ['br', 'bp', 'bt', 'brErr', 'bpErr', 'btErr', 'confDisambig', 'bitmap'] as const) {
    if (field[name].length !== n) throw new RangeError(`computeCurrents: ${name} has ${field[name].length} values, expected ${width} x ${height}`);
  }
  const scale = sharpPixelScale(geometry);
  const pixelAreaMm2 = ceaPixelAreaMm2(geometry.rsunRefM, geometry.cdelt1Deg, geometry.cdelt2Deg);

  // The pipeline reads the segments as C float; round once here so every step sees the same values.
  const bx = toFloat32(field.bp);
  const by = negatedFloat32(field.bt);
  const bz = toFloat32(field.br);
  const jz = verticalCurl(bx, by, width, height);
  // Errors are magnitudes: the sign flip of By does not apply.
  const jzErr = verticalCurlError(field.bpErr, field.btErr, width, height);

  const selection = selectPixels({
    width,
    height,
    confDisambig: field.confDisambig,
    bitmap: field.bitmap,
    field: options.minFieldGauss ? { bx, by, bz } : undefined,
    minFieldGauss: options.minFieldGauss,
  });
  const keywords = currentKeywords({ width, height, jz, jzErr, bz, bzErr: field.brErr, selection, scale, pixelAreaMm2 });

  const toSI = amperePerSquareMetrePerGaussPerPixel(scale.metresPerPixel);
  const jr = new Float32Array(n);
  const jrErr = new Float32Array(n);
  const mask = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    jr[p] = jz[p] * toSI;
    jrErr[p] = jzErr[p] * toSI;
    mask[p] = selection[p] === 1 && Number.isFinite(jz[p]) ? 1 : 0;
  }
  return { width, height, jr, jrErr, mask, jzGaussPerPixel: jz, scale, pixelAreaMm2, keywords };
}
