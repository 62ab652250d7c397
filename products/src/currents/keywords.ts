/**
 * SHARP summary quantities of the vertical current (SCIENCE.md 4.3; Bobra et al. 2014), with the
 * pixel conditions and unit factors of the HMI pipeline (JSOC `sw_functions.c`), plus three of our
 * own (MAXJZ, NETJZ, AREA; definitions/currents.ts). Sums are accumulated in double over the
 * single-precision jz, as the pipeline does.
 *
 * @module
 */
import { MU0, TESLA_PER_GAUSS, type SharpPixelScale } from './scale.ts';

type Plane = Float32Array | Float64Array;

/** Keyword names in the order of `SHARP_KEYWORDS` (definitions/currents.ts). */
export const CURRENT_KEYWORD_NAMES = [
  'TOTUSJZ',
  'MEANJZD',
  'MAXJZ',
  'NETJZ',
  'AREA',
  'ERRJZ',
  'ERRUSI',
  'MEANJZH',
  'TOTUSJH',
  'ABSNJZH',
  'SAVNCPP',
  'MEANALP',
  'USFLUX',
  'CMASK',
] as const;

export type CurrentKeywordName = (typeof CURRENT_KEYWORD_NAMES)[number];
export type CurrentKeywords = Record<CurrentKeywordName, number>;

/** FITS comment (with units) of each keyword, for product headers. */
export const CURRENT_KEYWORD_COMMENTS: Record<CurrentKeywordName, string> = {
  TOTUSJZ: '[A] total unsigned vertical current',
  MEANJZD: '[mA/m2] mean vertical current density',
  MAXJZ: '[mA/m2] maximum |jz| over the mask',
  NETJZ: '[A] net vertical current',
  AREA: '[Mm2] area of the mask on the sphere',
  ERRJZ: '[mA/m2] error in MEANJZD',
  ERRUSI: '[A] error in TOTUSJZ',
  MEANJZH: '[G2/m] mean current helicity',
  TOTUSJH: '[G2/m] total unsigned current helicity',
  ABSNJZH: '[G2/m] absolute value of the net current helicity',
  SAVNCPP: '[A] sum of |net current| per polarity (HMI units)',
  MEANALP: '[1/Mm] mean twist parameter alpha',
  USFLUX: '[Mx] total unsigned flux',
  CMASK: '[pixel] number of pixels in the flux mask',
};

export interface KeywordInput {
  width: number;
  height: number;
  /** Vertical current in G/pixel (single precision, `verticalCurl`). */
  jz: Float32Array;
  /** Its 1-sigma error in G/pixel. */
  jzErr: Plane;
  /** Vertical field Bz = Br and its error, G. */
  bz: Plane;
  bzErr: Plane;
  /** 0/1 pixel selection (`selectPixels`). */
  selection: Uint8Array;
  scale: SharpPixelScale;
  /** Area of one pixel on the sphere, Mm² (CEA pixels all have the same area). */
  pixelAreaMm2: number;
}

/** Keyword values and the number of pixels behind each family of them. */
export interface KeywordResult {
  values: CurrentKeywords;
  counts: {
    /** Pixels of MEANJZD, TOTUSJZ, NETJZ, MAXJZ, AREA, ERRJZ, ERRUSI: selected, jz finite. */
    current: number;
    /** Pixels of MEANJZH, TOTUSJH, ABSNJZH: also Bz and both errors finite, jz != 0, Bz != 0. */
    helicity: number;
    /** Pixels of MEANALP: selected, not on the border, jz and Bz finite and non-zero. */
    alpha: number;
    /** Pixels of SAVNCPP: selected, jz and Bz finite. */
    polarity: number;
    /** Pixels of USFLUX (= CMASK): selected, Bz finite. */
    flux: number;
  };
}

/**
 * The SHARP current keywords of one patch. Units: with Δ = metres per pixel and
 * k = 1e-4 / µ0 (A/m per G), jz[A/m²] = jz[G/px] k / Δ, so
 * MEANJZD = mean(jz) k/Δ · 1e3, TOTUSJZ = Σ|jz| k Δ, NETJZ = Σ jz k Δ, MAXJZ = max|jz| k/Δ · 1e3,
 * ERRJZ = sqrt(Σ σ²)/N k/Δ · 1e3, ERRUSI = sqrt(Σ σ²) k Δ, helicities h = jz Bz / Δ [G²/m],
 * MEANALP = Σ jz Bz / Σ Bz² / Δ · 1e6 [1/Mm], USFLUX = Σ|Bz| (100 Δ)² [Mx].
 * SAVNCPP keeps the pipeline's factor (1/cdelt1_arcsec)(RSUN_REF/RSUN_OBS) k, i.e. "A per arcsec²"
 * rather than A (a comment in sw_functions.c says so); it is replicated for parity.
 * Empty selections give NaN means (0/0), as the pipeline would.
 */
export function currentKeywords(input: KeywordInput): KeywordResult {
  const { width, height, jz, jzErr, bz, bzErr, selection, scale } = input;
  const n = width * height;
  for (const a of [jz, jzErr, bz, bzErr, selection]) {
    if (a.length !== n) throw new RangeError(`currentKeywords: array of ${a.length} values for a ${width} x ${height} grid`);
  }
  const delta = scale.metresPerPixel;
  const k = TESLA_PER_GAUSS / MU0;

  let nCurrent = 0;
  let sumJz = 0;
  let sumAbsJz = 0;
  let maxAbsJz = -Infinity;
  let sumErr2 = 0;
  let nHelicity = 0;
  let sumH = 0;
  let sumAbsH = 0;
  let nAlpha = 0;
  let sumJzBz = 0;
  let sumBz2 = 0;
  let nPolarity = 0;
  let sumJzPositive = 0;
  let sumJzNegative = 0;
  let nFlux = 0;
  let sumAbsBz = 0;

  for (let y = 0; y < height; y++) {
    const interiorRow = y > 0 && y < height - 1;
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (selection[p] === 0) continue;
      const j = jz[p];
      const b = bz[p];
      const jFinite = Number.isFinite(j);
      const bFinite = Number.isFinite(b);
      if (bFinite) {
        nFlux++;
        sumAbsBz += Math.abs(b);
      }
      if (!jFinite) continue;
      nCurrent++;
      sumJz += j;
      sumAbsJz += Math.abs(j);
      if (Math.abs(j) > maxAbsJz) maxAbsJz = Math.abs(j);
      sumErr2 += jzErr[p] * jzErr[p];
      if (!bFinite) continue;
      nPolarity++;
      if (b > 0) sumJzPositive += j;
      else sumJzNegative += j;
      if (j === 0 || b === 0) continue;
      if (interiorRow && x > 0 && x < width - 1) {
        nAlpha++;
        sumJzBz += j * b;
        sumBz2 += b * b;
      }
      if (Number.isFinite(jzErr[p]) && Number.isFinite(bzErr[p])) {
        nHelicity++;
        sumH += j * b;
        sumAbsH += Math.abs(j * b);
      }
    }
  }

  const rootErr2 = Math.sqrt(sumErr2);
  const values: CurrentKeywords = {
    TOTUSJZ: sumAbsJz * k * delta,
    MEANJZD: ((sumJz / nCurrent) * k * 1e3) / delta,
    MAXJZ: nCurrent > 0 ? (maxAbsJz * k * 1e3) / delta : Number.NaN,
    NETJZ: sumJz * k * delta,
    AREA: nCurrent * input.pixelAreaMm2,
    ERRJZ: ((rootErr2 / nCurrent) * k * 1e3) / delta,
    ERRUSI: rootErr2 * k * delta,
    MEANJZH: sumH / nHelicity / delta,
    TOTUSJH: sumAbsH / delta,
    ABSNJZH: Math.abs(sumH) / delta,
    SAVNCPP: ((Math.abs(sumJzPositive) + Math.abs(sumJzNegative)) * k * (delta / scale.cdelt1Arcsec)) / scale.cdelt1Arcsec,
    MEANALP: (sumJzBz / sumBz2 / delta) * 1e6,
    USFLUX: sumAbsBz * (100 * delta) ** 2,
    CMASK: nFlux,
  };
  return {
    values,
    counts: { current: nCurrent, helicity: nHelicity, alpha: nAlpha, polarity: nPolarity, flux: nFlux },
  };
}
