/**
 * The subtractive-dithering random sequence of FITS tile compression (FITS 4.0 section 10.2.3;
 * Pence, Seaman & White 2010): 10 000 uniform values from the Park & Miller generator
 * (a = 16807, m = 2^31 - 1, seed 1), stored as float32 as cfitsio does, so unquantised values
 * match cfitsio/astropy bit for bit.
 *
 * @module
 */

export const N_RANDOM = 10000;

/** Stored value that SUBTRACTIVE_DITHER_2 uses for pixels that are exactly 0.0. */
export const DITHER2_ZERO_VALUE = -2147483646;

let sequence: Float32Array | undefined;

/** The shared random sequence (computed once). */
export function ditherSequence(): Float32Array {
  if (sequence) return sequence;
  const values = new Float32Array(N_RANDOM);
  const a = 16807;
  const m = 2147483647;
  let seed = 1;
  for (let i = 0; i < N_RANDOM; i++) {
    const temp = a * seed; // < 2^45: exact in float64
    seed = temp - m * Math.trunc(temp / m);
    values[i] = seed / m;
  }
  // The published check: the 10000th seed is 1043618065.
  if (seed !== 1043618065) throw new Error(`dither random sequence is wrong (seed ${seed})`);
  sequence = values;
  return values;
}

/**
 * Position in the random sequence for a tile: `tile` is the 1-based tile (row) number, `zdither0`
 * the ZDITHER0 keyword. Returns the starting seed index and the first value index.
 */
export function ditherStart(tile: number, zdither0: number): { seed: number; next: number } {
  const r = ditherSequence();
  const seed = (tile - 1 + zdither0 - 1) % N_RANDOM;
  // cfitsio multiplies in float precision: round the (exact) product to float32 first.
  return { seed, next: Math.trunc(Math.fround(r[seed] * 500)) };
}
