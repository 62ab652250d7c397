/**
 * Which pixels of a SHARP patch enter the summary quantities (SCIENCE.md 4.3): high-confidence
 * disambiguation (conf_disambig >= 70) inside the active region proper (bitmap >= 30), plus an
 * optional field-strength threshold that the HMI pipeline does not have (off by default; the right
 * value is not established, SCIENCE.md 8).
 *
 * @module
 */

type Plane = Float32Array | Float64Array;

/** conf_disambig value of a pixel whose 180° ambiguity was resolved with high confidence. */
export const MIN_CONF_DISAMBIG = 70;
/** bitmap value of a pixel inside the HARP's active-region (not plage/quiet) part. */
export const MIN_BITMAP = 30;

export interface SelectionInput {
  width: number;
  height: number;
  confDisambig: Plane;
  bitmap: Plane;
  /** Field components (G), needed only when `minFieldGauss` is set. */
  field?: { bx: Plane; by: Plane; bz: Plane };
  /** Extra mask |B| >= minFieldGauss; undefined or 0 = off (the pipeline's behaviour). */
  minFieldGauss?: number;
}

/**
 * The pipeline's pixel selection as 0/1 bytes: conf_disambig >= 70 and bitmap >= 30 (a NaN, i.e. a
 * BLANK value, fails), and |B| >= minFieldGauss when that option is set. Each keyword then adds its
 * own finiteness conditions (see keywords.ts).
 */
export function selectPixels(input: SelectionInput): Uint8Array {
  const { width, height, confDisambig, bitmap, field } = input;
  const n = width * height;
  if (confDisambig.length !== n || bitmap.length !== n) throw new RangeError(`selectPixels: arrays do not match ${width} x ${height}`);
  const minField = input.minFieldGauss ?? 0;
  if (!(minField >= 0)) throw new RangeError(`selectPixels: minFieldGauss must be >= 0, got ${minField}`);
  if (minField > 0 && !field) throw new RangeError('selectPixels: minFieldGauss needs the field components');
  const minField2 = minField * minField;
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    // `>=` is false for NaN, so BLANK confidence or bitmap values are excluded.
    let keep = confDisambig[k] >= MIN_CONF_DISAMBIG && bitmap[k] >= MIN_BITMAP;
    if (keep && minField > 0 && field) {
      const b2 = field.bx[k] * field.bx[k] + field.by[k] * field.by[k] + field.bz[k] * field.bz[k];
      keep = b2 >= minField2;
    }
    out[k] = keep ? 1 : 0;
  }
  return out;
}
