/**
 * CHECKSUM / DATASUM (FITS 4.0 appendix J; Seaman, Pence & Rots, "FITS Checksum Proposal").
 * The sum is the 32-bit ones' complement sum of the big-endian 32-bit words of the header or
 * data; CHECKSUM encodes the complement of the HDU sum as 16 ASCII characters so that the
 * whole HDU then sums to -0 (0xFFFFFFFF).
 *
 * @module
 */

/** Ones' complement sum of `bytes[from, to)` (length a multiple of 4), added to `initial`. */
export function onesComplementSum(bytes: Uint8Array, from: number, to: number, initial = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Accumulate the two 16-bit halves separately in doubles (exact far beyond any file size),
  // then fold the carries end-around.
  let hi = initial >>> 16;
  let lo = initial & 0xffff;
  for (let p = from; p < to; p += 4) {
    const w = view.getUint32(p);
    hi += w >>> 16;
    lo += w & 0xffff;
  }
  for (;;) {
    const hiCarry = Math.floor(hi / 65536);
    const loCarry = Math.floor(lo / 65536);
    if (hiCarry === 0 && loCarry === 0) break;
    hi = (hi % 65536) + loCarry;
    lo = (lo % 65536) + hiCarry;
  }
  return hi * 65536 + lo;
}

/** Ones' complement addition of two sums. */
export function addSums(a: number, b: number): number {
  const s = a + b;
  return s > 0xffffffff ? s - 0xffffffff : s;
}

const EXCLUDED = new Set([0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60]);

/** The 16-character CHECKSUM string for an HDU whose sum (with CHECKSUM = 16 zeros) is `sum`. */
export function encodeChecksum(sum: number): string {
  const value = ~sum >>> 0;
  const ascii = new Array<number>(16);
  for (let i = 0; i < 4; i++) {
    const byte = (value >>> (24 - 8 * i)) & 0xff;
    const quotient = (byte >>> 2) + 0x30;
    const ch = [quotient + (byte & 3), quotient, quotient, quotient];
    // Move pairs away from punctuation while keeping their sum.
    for (let changed = true; changed; ) {
      changed = false;
      for (let j = 0; j < 4; j += 2) {
        if (EXCLUDED.has(ch[j]) || EXCLUDED.has(ch[j + 1])) {
          ch[j]++;
          ch[j + 1]--;
          changed = true;
        }
      }
    }
    for (let j = 0; j < 4; j++) ascii[4 * j + i] = ch[j];
  }
  // Rotate right by one character so the string is aligned with 32-bit words in the header.
  return String.fromCharCode(...ascii.map((_, i) => ascii[(i + 15) % 16]));
}
