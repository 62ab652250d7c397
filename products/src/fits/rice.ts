/**
 * RICE_1 tile codec (FITS 4.0 section 10.4.1; White & Greenfield 1999, cfitsio `ricecomp.c`).
 *
 * A tile is: the first pixel as a raw BYTEPIX-byte big-endian integer, then blocks of BLOCKSIZE
 * pixel differences. Each block starts with an `fsbits`-wide code: 0 means "all differences zero",
 * `fsmax + 1` means "differences stored raw in 8 * BYTEPIX bits", otherwise `fs = code - 1` and
 * every difference is a unary high part followed by `fs` low bits. Differences are zig-zag mapped
 * (even d -> d/2, odd d -> -(d+1)/2) and accumulate modulo 2^(8 * BYTEPIX).
 *
 * Speed: the decoder reads a left-aligned 32-bit window with one unaligned big-endian DataView
 * load per code, finds the unary part with `Math.clz32`, and handles the common case (unary +
 * low bits within 32 bits) without any loop. The compressed bytes are first copied into a
 * zero-padded scratch buffer so the window may run past the end without bounds checks; running
 * past the real end is detected per block and reported.
 *
 * @module
 */

/** Thrown by the codec on a corrupt stream; the caller adds the file location. */
export class RiceStreamError extends Error {
  override name = 'RiceStreamError';
}

let scratch = new Uint8Array(8192);
let scratchView = new DataView(scratch.buffer);

/**
 * Copy the tile into the scratch buffer followed by `pad` zero bytes. Within one block the
 * decoder may run at most 64 bits per pixel past the real end before the per-block check
 * notices, so the padding covers a whole block.
 */
function loadScratch(src: Uint8Array, start: number, end: number, pad: number): void {
  const n = end - start;
  if (scratch.length < n + pad) {
    scratch = new Uint8Array(Math.max(n + pad, scratch.length * 2));
    scratchView = new DataView(scratch.buffer);
  }
  scratch.set(src.subarray(start, end));
  scratch.fill(0, n, n + pad);
}

/** Code parameters per BYTEPIX: width of the block code and the "raw block" code value. */
function parameters(bytepix: number): { fsbits: number; fsmax: number; bbits: number } {
  switch (bytepix) {
    case 1:
      return { fsbits: 3, fsmax: 6, bbits: 8 };
    case 2:
      return { fsbits: 4, fsmax: 14, bbits: 16 };
    case 4:
      return { fsbits: 5, fsmax: 25, bbits: 32 };
    default:
      throw new RiceStreamError(`unsupported RICE BYTEPIX ${bytepix} (1, 2 or 4)`);
  }
}

/**
 * Decode one RICE_1 tile of `n` pixels from `src[start, end)` into `out[0, n)`.
 * Values are signed for BYTEPIX 2 and 4 and unsigned (0-255) for BYTEPIX 1, as in cfitsio.
 */
export function riceDecode(
  src: Uint8Array,
  start: number,
  end: number,
  out: Int32Array,
  n: number,
  blockSize: number,
  bytepix: number,
): void {
  const { fsbits, fsmax, bbits } = parameters(bytepix);
  if (!(blockSize > 0)) throw new RiceStreamError(`invalid RICE BLOCKSIZE ${blockSize}`);
  if (n === 0) return;
  const length = end - start;
  if (length < bytepix + 1) throw new RiceStreamError(`RICE tile of ${length} bytes is too short`);
  loadScratch(src, start, end, Math.min(blockSize, n) * 8 + 16);
  const dv = scratchView;
  const u8 = scratch;
  const limit = length * 8;
  const codeShift = 32 - fsbits;
  const rawShift = 32 - bbits;
  // Mask that keeps the accumulated value in BYTEPIX width (sign handled at store).
  let last = bytepix === 4 ? dv.getInt32(0) : bytepix === 2 ? dv.getUint16(0) : u8[0];
  let pos = bytepix * 8;
  let i = 0;
  while (i < n) {
    let p = pos >>> 3;
    let s = pos & 7;
    const code = ((dv.getUint32(p) << s) | (u8[p + 4] >>> (8 - s))) >>> codeShift;
    pos += fsbits;
    const fs = code - 1;
    const stop = i + blockSize < n ? i + blockSize : n;
    if (fs < 0) {
      const v = bytepix === 4 ? last : bytepix === 2 ? (last << 16) >> 16 : last;
      for (; i < stop; i++) out[i] = v;
    } else if (fs === fsmax) {
      for (; i < stop; i++) {
        p = pos >>> 3;
        s = pos & 7;
        const w = ((dv.getUint32(p) << s) | (u8[p + 4] >>> (8 - s))) >>> rawShift;
        pos += bbits;
        last = accumulate(last, (w >>> 1) ^ -(w & 1), bytepix);
        out[i] = bytepix === 2 ? (last << 16) >> 16 : last;
      }
    } else if (fs > fsmax) {
      throw new RiceStreamError(`invalid RICE block code ${code} at bit ${pos - fsbits}`);
    } else if (bytepix === 4) {
      pos = decodeBlock32(dv, u8, pos, fs, out, i, stop, last, limit);
      last = out[stop - 1];
      i = stop;
    } else {
      for (; i < stop; i++) {
        const zeros = unaryLength(dv, u8, pos, limit);
        pos += zeros + 1;
        let low = 0;
        if (fs > 0) {
          p = pos >>> 3;
          s = pos & 7;
          low = ((dv.getUint32(p) << s) | (u8[p + 4] >>> (8 - s))) >>> (32 - fs);
          pos += fs;
        }
        const d = (zeros << fs) | low;
        last = accumulate(last, (d >>> 1) ^ -(d & 1), bytepix);
        out[i] = bytepix === 2 ? (last << 16) >> 16 : last;
      }
    }
    if (pos > limit) {
      throw new RiceStreamError(`RICE stream ends early: needs bit ${pos}, tile has ${limit} bits (pixel ${i} of ${n})`);
    }
  }
}

function accumulate(last: number, diff: number, bytepix: number): number {
  return bytepix === 4 ? (last + diff) | 0 : bytepix === 2 ? (last + diff) & 0xffff : (last + diff) & 0xff;
}

/** Number of 0 bits before the next 1 bit at `pos` (may span several words). */
function unaryLength(dv: DataView, u8: Uint8Array, pos: number, limit: number): number {
  let zeros = 0;
  for (;;) {
    const p = pos >>> 3;
    const s = pos & 7;
    const w = (dv.getUint32(p) << s) | (u8[p + 4] >>> (8 - s));
    if (w !== 0) return zeros + Math.clz32(w);
    zeros += 32;
    pos += 32;
    if (pos > limit) throw new RiceStreamError(`RICE stream ends inside a unary code at bit ${limit}`);
  }
}

/**
 * The hot loop for 32-bit pixels: one block of differences with split `fs` (1 <= fs < 25 or 0).
 * Returns the new bit position. Kept separate and monomorphic so V8 optimises it well.
 */
function decodeBlock32(
  dv: DataView,
  u8: Uint8Array,
  pos: number,
  fs: number,
  out: Int32Array,
  from: number,
  to: number,
  last: number,
  limit: number,
): number {
  const lowShift = 32 - fs;
  const fits = 31 - fs; // unary zeros that still leave room for the 1 bit and fs low bits
  for (let i = from; i < to; i++) {
    const p = pos >>> 3;
    const s = pos & 7;
    const w = (dv.getUint32(p) << s) | (u8[p + 4] >>> (8 - s));
    const z = Math.clz32(w);
    let d: number;
    if (z <= fits) {
      // Fast path: unary code and low bits lie inside this 32-bit window.
      d = fs === 0 ? z : (z << fs) | ((w << z << 1) >>> lowShift);
      pos += z + 1 + fs;
    } else {
      const zeros = z === 32 ? unaryLength(dv, u8, pos, limit) : z;
      pos += zeros + 1;
      let low = 0;
      if (fs > 0) {
        const q = pos >>> 3;
        const t = pos & 7;
        low = ((dv.getUint32(q) << t) | (u8[q + 4] >>> (8 - t))) >>> lowShift;
        pos += fs;
      }
      d = (zeros << fs) | low;
    }
    last = (last + ((d >>> 1) ^ -(d & 1))) | 0;
    out[i] = last;
  }
  return pos;
}

/**
 * Encode `n` integer pixels (interpreted modulo 2^(8 * BYTEPIX)) as one RICE_1 tile.
 * Used by the writer's optional RICE_1 compression of integer images and by tests.
 */
export function riceEncode(values: ArrayLike<number>, n: number, blockSize: number, bytepix: number): Uint8Array {
  const { fsbits, fsmax, bbits } = parameters(bytepix);
  const mask = bytepix === 4 ? 0xffffffff : (1 << bbits) - 1;
  const writer = new BitWriter(bytepix + Math.ceil((n * (bbits + 1)) / 8) + Math.ceil(n / blockSize) + 8);
  let last = values[0] & mask;
  writer.write(last >>> 0, bbits);
  const diffs = new Uint32Array(blockSize);
  for (let i = 0; i < n; i += blockSize) {
    const count = Math.min(blockSize, n - i);
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const v = values[i + k] & mask;
      // Difference modulo 2^bbits, as a signed number, then zig-zag mapped.
      let d = (v - last) & mask;
      if (bytepix === 4) d |= 0;
      else if (d >= 1 << (bbits - 1)) d -= 1 << bbits;
      last = v;
      const mapped = d < 0 ? ~(d << 1) >>> 0 : (d << 1) >>> 0;
      diffs[k] = mapped;
      sum += mapped;
    }
    // Choose fs from the mean mapped difference (cfitsio's estimate).
    const mean = Math.max(0, (sum - Math.floor(count / 2) - 1) / count);
    let psum = Math.floor(mean) >>> 1;
    let fs = 0;
    while (psum > 0) {
      fs++;
      psum >>>= 1;
    }
    if (fs >= fsmax) {
      writer.write(fsmax + 1, fsbits);
      for (let k = 0; k < count; k++) writer.write(diffs[k], bbits);
    } else if (fs === 0 && sum === 0) {
      writer.write(0, fsbits);
    } else {
      writer.write(fs + 1, fsbits);
      for (let k = 0; k < count; k++) {
        const top = Math.floor(diffs[k] / 2 ** fs);
        writer.zeros(top);
        writer.write(1, 1);
        if (fs > 0) writer.write(diffs[k] & ((1 << fs) - 1), fs);
      }
    }
  }
  return writer.finish();
}

class BitWriter {
  private bytes: Uint8Array;
  private length = 0;
  private acc = 0; // pending bits, right-aligned
  private count = 0; // number of pending bits (< 8 after each call)

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  write(value: number, bits: number): void {
    // Split wide values so the accumulator never exceeds 31 bits.
    if (bits > 16) {
      this.write(Math.floor(value / 65536) & ((1 << (bits - 16)) - 1), bits - 16);
      this.write(value & 0xffff, 16);
      return;
    }
    this.acc = (this.acc << bits) | (value & ((1 << bits) - 1));
    this.count += bits;
    while (this.count >= 8) {
      this.count -= 8;
      this.push((this.acc >>> this.count) & 0xff);
    }
    this.acc &= (1 << this.count) - 1;
  }

  zeros(n: number): void {
    while (n > 16) {
      this.write(0, 16);
      n -= 16;
    }
    if (n > 0) this.write(0, n);
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }

  finish(): Uint8Array {
    if (this.count > 0) this.push((this.acc << (8 - this.count)) & 0xff);
    this.count = 0;
    this.acc = 0;
    return this.bytes.slice(0, this.length);
  }
}
