/**
 * Big-endian pixel decoding and physical scaling (FITS 4.0 sections 5.2, 5.3).
 *
 * FITS stores numbers big-endian. Arrays whose stored type already is the output type (float32,
 * float64 without scaling) are converted with one native byte swap of a copy (`Buffer#swap32` /
 * `swap64`), which runs at memory speed; integer data are swapped into a temporary typed array and
 * scaled in one tight loop. Physical value = BZERO + BSCALE x stored value, computed in float64
 * (as astropy does); stored values equal to BLANK become NaN.
 *
 * @module
 */
import { endianness } from 'node:os';

/** Output array of physical values. */
export type PhysicalArray = Float32Array | Float64Array;

/** Linear scaling of stored integers to physical values, and the integer that means "no data". */
export interface Scaling {
  bscale: number;
  bzero: number;
  /** Stored integer value that marks an undefined pixel (BLANK / ZBLANK), if any. */
  blank?: number;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/**
 * Float32Array when every physical value is exactly representable in float32 (or when the
 * caller asks for float32), Float64Array otherwise. Scaled integers become float64.
 */
export function physicalArrayType(bitpix: number, scaling: Scaling, float32: boolean): 'f32' | 'f64' {
  if (float32) return 'f32';
  const unscaled = scaling.bscale === 1 && scaling.bzero === 0;
  switch (bitpix) {
    case -32:
      return unscaled ? 'f32' : 'f64';
    case 8:
    case 16:
      return scaling.bscale === 1 && Number.isInteger(scaling.bzero) && Math.abs(scaling.bzero) <= 2 ** 23 ? 'f32' : 'f64';
    default:
      return 'f64';
  }
}

export function allocatePhysical(kind: 'f32' | 'f64', n: number): PhysicalArray {
  return kind === 'f32' ? new Float32Array(n) : new Float64Array(n);
}

/** Copy `n` big-endian elements of `size` bytes into a fresh, aligned, host-order buffer. */
export function swappedCopy(bytes: Uint8Array, offset: number, n: number, size: 1 | 2 | 4 | 8): ArrayBuffer {
  const copy = new Uint8Array(n * size);
  copy.set(bytes.subarray(offset, offset + n * size));
  if (LITTLE_ENDIAN_HOST && size > 1) {
    const buf = Buffer.from(copy.buffer, 0, copy.length);
    if (size === 2) buf.swap16();
    else if (size === 4) buf.swap32();
    else buf.swap64();
  }
  return copy.buffer;
}

/** Stored (unscaled) integer or float values of an uncompressed data array, in host order. */
export type StoredArray = Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

export function storedValues(bytes: Uint8Array, offset: number, n: number, bitpix: number): StoredArray {
  switch (bitpix) {
    case 8:
      return bytes.slice(offset, offset + n);
    case 16:
      return new Int16Array(swappedCopy(bytes, offset, n, 2));
    case 32:
      return new Int32Array(swappedCopy(bytes, offset, n, 4));
    case 64:
      return new BigInt64Array(swappedCopy(bytes, offset, n, 8));
    case -32:
      return new Float32Array(swappedCopy(bytes, offset, n, 4));
    case -64:
      return new Float64Array(swappedCopy(bytes, offset, n, 8));
    default:
      throw new RangeError(`invalid BITPIX ${bitpix}`);
  }
}

/**
 * Decode an uncompressed big-endian array of `n` pixels to physical values.
 * Floating-point data ignore BLANK (NaN is their own "no data"), as the standard says.
 */
export function decodePhysical(
  bytes: Uint8Array,
  offset: number,
  n: number,
  bitpix: number,
  scaling: Scaling,
  float32: boolean,
): PhysicalArray {
  const kind = physicalArrayType(bitpix, scaling, float32);
  const unscaled = scaling.bscale === 1 && scaling.bzero === 0;
  if (unscaled && bitpix === -32 && kind === 'f32') return new Float32Array(swappedCopy(bytes, offset, n, 4));
  if (unscaled && bitpix === -64 && kind === 'f64') return new Float64Array(swappedCopy(bytes, offset, n, 8));
  const stored = storedValues(bytes, offset, n, bitpix);
  const out = allocatePhysical(kind, n);
  const blank = bitpix > 0 ? scaling.blank : undefined;
  if (stored instanceof BigInt64Array) {
    const big = blank === undefined ? undefined : BigInt(blank);
    for (let i = 0; i < n; i++) {
      const v = stored[i];
      out[i] = v === big ? NaN : Number(v) * scaling.bscale + scaling.bzero;
    }
  } else {
    scaleInto(stored, 0, out, 0, n, scaling.bscale, scaling.bzero, blank);
  }
  return out;
}

/**
 * out[outStart + i] = blank-or-scaled(src[srcStart + i]) for i < n. The hot conversion loop shared
 * by uncompressed images and decompressed integer tiles; specialised for the frequent cases.
 */
export function scaleInto(
  src: ArrayLike<number>,
  srcStart: number,
  out: PhysicalArray,
  outStart: number,
  n: number,
  bscale: number,
  bzero: number,
  blank: number | undefined,
): void {
  const b = blank === undefined ? NaN : blank; // NaN never equals an integer: no blank check
  if (bscale === 1 && bzero === 0) {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v * bscale + bzero;
    }
  }
}

/*
 * Monomorphic copies of `scaleInto` for decompressed integer tiles (always Int32Array): with one
 * array type per call site V8 keeps element access inline; the generic version sees six source
 * and two output types and runs several times slower.
 */

/** `scaleInto` for Int32Array -> Float64Array. */
export function scaleInt32ToFloat64(src: Int32Array, srcStart: number, out: Float64Array, outStart: number, n: number, bscale: number, bzero: number, blank: number | undefined): void {
  const b = blank === undefined ? NaN : blank;
  if (bscale === 1 && bzero === 0) {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v * bscale + bzero;
    }
  }
}

/** `scaleInto` for Int32Array -> Float32Array. */
export function scaleInt32ToFloat32(src: Int32Array, srcStart: number, out: Float32Array, outStart: number, n: number, bscale: number, bzero: number, blank: number | undefined): void {
  const b = blank === undefined ? NaN : blank;
  if (bscale === 1 && bzero === 0) {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = src[srcStart + i];
      out[outStart + i] = v === b ? NaN : v * bscale + bzero;
    }
  }
}
