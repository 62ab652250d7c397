/**
 * Corrupt, truncated and hostile inputs: every one must raise a FitsError that says what is wrong
 * and where (HDU, byte offset, keyword), never another exception, a hang, a huge allocation or a
 * silently partial array.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FitsError, readFits, readFitsFile } from './index.ts';
import { SHARED_DATA } from './test-helpers.ts';

const SHARP = `${SHARED_DATA}sdo/sharp-377/hmi.sharp_cea_720s.377.20110215_020000_TAI.`;
const br = (): Uint8Array => new Uint8Array(readFileSync(`${SHARP}Br.fits`));
const bitmap = (): Uint8Array => new Uint8Array(readFileSync(`${SHARP}bitmap.fits`));

/** Run `read` and return the FitsError it must throw. */
function fitsError(read: () => unknown): FitsError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(FitsError);
    return e as FitsError;
  }
  throw new Error('expected a FitsError, but the read succeeded');
}

/** Byte offset of the card with this keyword in the header of `hdu` (searching from `from`). */
function cardOffset(bytes: Uint8Array, key: string, from = 0): number {
  const text = Buffer.from(bytes).toString('latin1');
  for (let p = from; p < text.length; p += 80) if (text.startsWith(key.padEnd(8), p)) return p;
  throw new Error(`no card ${key}`);
}

function setCard(bytes: Uint8Array, key: string, card: string, from = 0): number {
  const at = cardOffset(bytes, key, from);
  bytes.set(Buffer.from(card.padEnd(80).slice(0, 80), 'latin1'), at);
  return at;
}

describe('corrupt FITS input', () => {
  it('rejects garbage, empty and short input', () => {
    const garbage = new Uint8Array(5760).map((_, i) => (i * 7919) % 251);
    expect(fitsError(() => readFits(garbage, { source: 'garbage.fits' })).message).toMatch(/garbage\.fits.*not a FITS file/);
    expect(fitsError(() => readFits(new Uint8Array(0))).reason).toMatch(/shorter than one FITS block/);
    expect(fitsError(() => readFits(br().subarray(0, 100))).reason).toMatch(/shorter than one FITS block/);
  });

  it('reports a file truncated inside a header', () => {
    const bytes = br().subarray(0, 2880 + 1000); // primary complete, extension header cut
    const e = fitsError(() => readFits(bytes));
    expect(e.hdu).toBe(1);
    expect(e.reason).toMatch(/no END card/);
  });

  it('reports a file truncated inside the data (no partial array)', () => {
    const full = br();
    const e = fitsError(() => readFits(full.subarray(0, full.length - 5000)));
    expect(e.hdu).toBe(1);
    expect(e.keyword).toBe('NAXIS');
    expect(e.offset).toBeGreaterThan(2880);
    expect(e.reason).toMatch(/needs \d+ bytes .* only \d+ remain/);
  });

  it('reports a non-ASCII byte with its offset and keyword', () => {
    const bytes = br();
    const at = cardOffset(bytes, 'TELESCOP', 2880);
    bytes[at + 12] = 0xe9;
    const e = fitsError(() => readFits(bytes));
    expect([e.hdu, e.offset, e.keyword]).toEqual([1, at + 12, 'TELESCOP']);
    expect(e.reason).toMatch(/non-ASCII byte 0xe9/);
  });

  it("reports a structural card without '='", () => {
    const bytes = bitmap();
    const at = setCard(bytes, 'NAXIS1', 'NAXIS1                 744');
    const e = fitsError(() => readFits(bytes));
    expect([e.hdu, e.offset, e.keyword]).toEqual([0, at, 'NAXIS1']);
    expect(e.reason).toMatch(/no value indicator/);
  });

  it('reports an invalid keyword name and an unterminated string', () => {
    const a = bitmap();
    setCard(a, 'TELESCOP', "TELE COP= 'SDO/HMI'");
    expect(fitsError(() => readFits(a)).reason).toMatch(/invalid keyword name "TELE COP"/);
    const b = bitmap();
    const at = setCard(b, 'TELESCOP', "TELESCOP= 'SDO/HMI");
    const e = fitsError(() => readFits(b));
    expect([e.keyword, e.offset]).toEqual(['TELESCOP', at + 10]);
    expect(e.reason).toMatch(/unterminated string/);
  });

  it('reports a NAXIS product that does not match the data size', () => {
    const bytes = bitmap();
    setCard(bytes, 'NAXIS2', 'NAXIS2  =                 3770');
    const e = fitsError(() => readFits(bytes));
    expect([e.hdu, e.keyword]).toEqual([0, 'NAXIS']);
    expect(e.reason).toMatch(/needs 5609760 bytes/);
  });

  it('refuses a hostile NAXIS without allocating', () => {
    const bytes = bitmap();
    setCard(bytes, 'NAXIS1', 'NAXIS1  =           2000000000');
    setCard(bytes, 'NAXIS2', 'NAXIS2  =           2000000000');
    expect(fitsError(() => readFits(bytes)).reason).toMatch(/needs 8000000000000000000 bytes|not representable/);
    // Same for the image size claimed by a compressed image.
    const c = br();
    setCard(c, 'ZNAXIS1', 'ZNAXIS1 =           2000000000', 2880);
    const e = fitsError(() => readFits(c));
    expect([e.hdu, e.keyword]).toEqual([1, 'ZNAXIS']);
  });

  it('reports a compressed image whose tile count does not match the table', () => {
    const bytes = br();
    setCard(bytes, 'ZNAXIS2', 'ZNAXIS2 =                  376', 2880);
    const e = fitsError(() => readFits(bytes));
    expect([e.hdu, e.keyword]).toEqual([1, 'NAXIS2']);
    expect(e.reason).toMatch(/needs 376 tiles but the table has 377 rows/);
  });

  it('reports a heap descriptor pointing outside the heap', () => {
    const bytes = br();
    const table = 2 * 2880 + 2880 * Math.ceil(((cardOffset(bytes, 'END', 2880) - 2880) / 80 + 1) / 36) - 2880;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setInt32(table + 8 * 5 + 4, 10_000_000); // row 6: heap offset
    const e = fitsError(() => readFits(bytes));
    expect(e.hdu).toBe(1);
    expect(e.offset).toBe(table + 8 * 5);
    expect(e.reason).toMatch(/bad heap descriptor in column COMPRESSED_DATA, row 6/);
  });

  it('reports a corrupt RICE stream with the tile', () => {
    const bytes = br();
    const f = readFits(bytes, { headersOnly: true });
    const dataOffset = f.hdus[1].dataOffset;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // Tile 3: overwrite its compressed bytes with an invalid block code (all ones).
    const heap = dataOffset + 8 * 377;
    const count = view.getInt32(dataOffset + 16);
    const start = heap + view.getInt32(dataOffset + 20);
    bytes.fill(0xff, start + 4, start + count);
    const e = fitsError(() => readFits(bytes));
    expect(e.hdu).toBe(1);
    expect(e.offset).toBe(start);
    expect(e.reason).toMatch(/tile 3: invalid RICE block code/);
    // Tile 5: descriptor claims fewer bytes than the stream needs.
    const b2 = br();
    new DataView(b2.buffer, b2.byteOffset).setInt32(dataOffset + 32, 12);
    expect(fitsError(() => readFits(b2)).reason).toMatch(/tile 5: RICE stream ends (early|inside a unary code)/);
  });

  it('reports unexpected bytes after the last HDU but accepts zero padding', () => {
    const bytes = bitmap();
    const padded = new Uint8Array(bytes.length + 2880);
    padded.set(bytes);
    expect(readFits(padded).images.length).toBe(1);
    padded[bytes.length + 5] = 0x41;
    const e = fitsError(() => readFits(padded));
    expect([e.hdu, e.offset]).toEqual([1, bytes.length]);
  });

  describe('gzip-wrapped files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fits-corrupt-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a truncated gzip wrapper', async () => {
      const gz = gzipSync(bitmap());
      const path = join(dir, 'cut.fits.gz');
      writeFileSync(path, gz.subarray(0, gz.length >> 1));
      await expect(readFitsFile(path)).rejects.toThrow(FitsError);
      await expect(readFitsFile(path)).rejects.toThrow(/cut\.fits\.gz.*corrupt gzip wrapper/);
    });
  });

  it('never throws anything but FitsError on random corruption (fuzz)', () => {
    const original = br();
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let failures = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = original.slice();
      const edits = 1 + Math.floor(random() * 8);
      for (let k = 0; k < edits; k++) {
        // Aim half of the edits at the headers and table, where structure lives.
        const span = random() < 0.5 ? 3 * 2880 + 8 * 377 : bytes.length;
        bytes[Math.floor(random() * span)] = Math.floor(random() * 256);
      }
      const cut = random() < 0.2 ? Math.floor(random() * bytes.length) : bytes.length;
      try {
        const f = readFits(bytes.subarray(0, cut));
        for (const image of f.images) expect(image.data.length).toBe(image.shape.reduce((a, b) => a * b, 1));
      } catch (e) {
        if (!(e instanceof FitsError)) throw e;
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});
