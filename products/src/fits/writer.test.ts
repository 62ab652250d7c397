/**
 * Writer -> reader round trip (exact for every type, NaN included), header formatting against the
 * FITS rules, CHECKSUM/DATASUM against the published algorithm, and refusal of unwritable input.
 */
import { describe, expect, it } from 'vitest';
import { encodeChecksum, onesComplementSum } from './checksum.ts';
import { formatCard, formatReal } from './cards.ts';
import { FitsError, readFits, writeFits, type FitsCard, type FitsWriteHdu } from './index.ts';
import { riceDecode, riceEncode } from './rice.ts';

const W = 37;
const H = 23;
const N = W * H;

/** Deterministic values with the awkward ones: NaN, infinities, -0, subnormals, extremes. */
function specialFloats(n: number, f64: boolean): number[] {
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(Math.sin(i * 0.37) * 10 ** ((i % 13) - 6));
  const special = [NaN, Infinity, -Infinity, -0, 0, f64 ? 5e-324 : 1.4e-45, f64 ? Number.MAX_VALUE : 3.4028234663852886e38, f64 ? 1 / 3 : Math.fround(1 / 3)];
  special.forEach((v, k) => (values[k * 11] = v));
  return values;
}

function expectSameValues(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect([i, actual[i]]).toEqual([i, expected[i]]);
  }
}

describe('writeFits -> readFits round trip', () => {
  const f32 = Float32Array.from(specialFloats(N, false));
  const f64 = Float64Array.from(specialFloats(N, true));
  const i16 = Int16Array.from({ length: N }, (_, i) => ((i * 7919) % 65536) - 32768);
  const u8 = Uint8Array.from({ length: N }, (_, i) => (i * 31) % 256);
  const i32 = Int32Array.from({ length: N }, (_, i) => (i * 2654435761) | 0);

  const cases: [string, FitsWriteHdu, ArrayLike<number>][] = [
    ['float32', { data: f32 }, f32],
    ['float64', { data: f64 }, f64],
    ['int16', { data: i16 }, i16],
    ['uint8', { data: u8 }, u8],
    ['int32', { data: i32 }, i32],
    ['float32 GZIP_1', { data: f32, compress: 'GZIP_1' }, f32],
    ['float64 GZIP_1', { data: f64, compress: 'GZIP_1' }, f64],
    ['int16 GZIP_1', { data: i16, compress: 'GZIP_1' }, i16],
    ['uint8 GZIP_1', { data: u8, compress: 'GZIP_1' }, u8],
    ['int32 GZIP_1', { data: i32, compress: 'GZIP_1' }, i32],
    ['int16 RICE_1', { data: i16, compress: 'RICE_1' }, i16],
    ['uint8 RICE_1', { data: u8, compress: 'RICE_1' }, u8],
    ['int32 RICE_1', { data: i32, compress: 'RICE_1' }, i32],
    ['float64 stored as float32', { data: f64, bitpix: -32 }, Float32Array.from(f64)],
  ];

  it.each(cases)('%s is exact', (_, hdu, expected) => {
    const bytes = writeFits([{}, { ...hdu, shape: [W, H], extname: 'PLANE' }]);
    expect(bytes.length % 2880).toBe(0);
    const f = readFits(bytes);
    expect(f.images.length).toBe(1);
    const image = f.images[0];
    expect([image.width, image.height, image.extname, image.hduIndex]).toEqual([W, H, 'PLANE', 1]);
    expect(image.compressed === true).toBe(hdu.compress !== undefined);
    expectSameValues(image.data, expected);
  });

  it('applies BLANK on integer data (BLANK pixels read as NaN) and keeps BSCALE/BZERO', () => {
    const data = Int16Array.from([1, -32768, 3, 4, -32768, 6]);
    for (const compress of [undefined, 'GZIP_1', 'RICE_1'] as const) {
      const cards: FitsCard[] = [
        { key: 'BSCALE', value: 0.5 },
        { key: 'BZERO', value: 100 },
        { key: 'BLANK', value: -32768 },
      ];
      const f = readFits(writeFits([{}, { data, shape: [3, 2], cards, compress }]));
      expectSameValues(f.images[0].data, [100.5, NaN, 101.5, 102, NaN, 103]);
    }
  });

  it('writes a primary image with any number of extensions, 3-D included', () => {
    const cube = Float32Array.from({ length: 4 * 3 * 2 }, (_, i) => i);
    const bytes = writeFits([
      { data: f32, shape: [W, H], cards: [{ key: 'OBJECT', value: 'Sun' }] },
      { data: cube, shape: [4, 3, 2], extname: 'CUBE' },
      { extname: 'EMPTY', cards: [{ key: 'COMMENT', value: 'no data here' }] },
      { data: u8, shape: [W, H], extname: 'MASK', compress: 'GZIP_1' },
    ]);
    const f = readFits(bytes);
    expect(f.hdus.map((h) => h.kind)).toEqual(['primary', 'image', 'image', 'compressed-image']);
    expect(f.images.map((i) => i.extname ?? 'PRIMARY')).toEqual(['PRIMARY', 'CUBE', 'MASK']);
    expect(f.images[1].shape).toEqual([4, 3, 2]);
    expectSameValues(f.images[1].data, cube);
    expect(f.primaryHeader.get('EXTEND')).toBe(true);
    expect(f.primaryHeader.string('OBJECT')).toBe('Sun');
    expect(f.hdus[2].header.all('COMMENT').map((c) => c.value)).toEqual(['no data here']);
  });

  it('round-trips header values, comments, long strings and commentary cards', () => {
    const long = `${'A long string with a quote: '.repeat(5)}'quoted' and trailing words`;
    const cards: FitsCard[] = [
      { key: 'OBJECT', value: "Sun's corona", comment: 'with an apostrophe' },
      { key: 'EXPTIME', value: 2.000191, comment: '[s] exposure time' },
      { key: 'TINY', value: 1.5e-300 },
      { key: 'HUGE', value: -6.02214076e23 },
      { key: 'COUNT', value: -42 },
      { key: 'FLAG', value: false },
      { key: 'UNDEF', value: null, comment: 'undefined value' },
      { key: 'LONGSTR', value: long, comment: 'continued over several cards' },
      { key: 'HISTORY', value: 'h'.repeat(100) },
      { key: 'COMMENT', value: 'short comment' },
    ];
    const f = readFits(writeFits([{ data: f32, shape: [W, H], cards }], { date: new Date('2024-01-02T03:04:05.678Z') }));
    const h = f.primaryHeader;
    for (const c of cards.filter((x) => x.key !== 'HISTORY' && x.key !== 'COMMENT')) {
      expect(h.card(c.key), c.key).toEqual(c);
    }
    expect(h.all('HISTORY').map((c) => c.value).join('')).toBe('h'.repeat(100)); // hard-wrapped word
    expect(h.string('DATE')).toBe('2024-01-02T03:04:05');
    expect(h.string('LONGSTRN')).toBe('OGIP 1.0');
    expect(h.has('CHECKSUM') && h.has('DATASUM')).toBe(true);
  });

  it('adds MJD-OBS consistent with DATE-OBS', () => {
    const f = readFits(writeFits([{ cards: [{ key: 'DATE-OBS', value: '2011-02-15T00:00:00.34' }] }]));
    // 2011-02-15 is MJD 55607; 0.34 s later.
    expect(f.primaryHeader.number('MJD-OBS')).toBeCloseTo(55607 + 0.34 / 86400, 11);
  });

  it('wraps commentary text at word boundaries', () => {
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const h = readFits(writeFits([{ cards: [{ key: 'HISTORY', value: text }] }])).primaryHeader;
    const lines = h.all('HISTORY').map((c) => String(c.value));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 72 && !l.startsWith(' '))).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });

  it('keeps the first position and the last value of a repeated keyword', () => {
    const cards: FitsCard[] = [
      { key: 'BUNIT', value: 'G' },
      { key: 'OBJECT', value: 'Sun' },
      { key: 'BUNIT', value: 'Mx/cm^2', comment: 'override' },
    ];
    const h = readFits(writeFits([{ cards }], { date: false, checksum: false })).primaryHeader;
    expect(h.cards.map((c) => [c.key, c.value])).toEqual([
      ['SIMPLE', true],
      ['BITPIX', 8],
      ['NAXIS', 0],
      ['BUNIT', 'Mx/cm^2'],
      ['OBJECT', 'Sun'],
    ]);
  });

  it('drops caller cards the writer owns and scaling cards on floating-point data', () => {
    const cards: FitsCard[] = [
      { key: 'BITPIX', value: 16 },
      { key: 'NAXIS1', value: 5 },
      { key: 'BSCALE', value: 0.01 },
      { key: 'BLANK', value: -32768 },
      { key: 'ZCMPTYPE', value: 'RICE_1' },
      { key: 'CHECKSUM', value: 'stale' },
      { key: 'BUNIT', value: 'G' },
    ];
    const f = readFits(writeFits([{ data: f32, shape: [W, H], cards }]));
    const h = f.primaryHeader;
    expect([h.number('BITPIX'), h.number('NAXIS1'), h.has('BSCALE'), h.has('BLANK'), h.has('ZCMPTYPE')]).toEqual([-32, W, false, false, false]);
    expect(h.string('BUNIT')).toBe('G');
    expect(h.string('CHECKSUM')).not.toBe('stale');
  });
});

describe('card formatting', () => {
  it('follows the fixed format (FITS 4.0 section 4.2)', () => {
    expect(formatCard({ key: 'NAXIS', value: 2, comment: 'axes' })[0]).toBe(`NAXIS   = ${'2'.padStart(20)} / axes`.padEnd(80));
    expect(formatCard({ key: 'SIMPLE', value: true })[0]).toBe(`SIMPLE  = ${'T'.padStart(20)}`.padEnd(80));
    expect(formatCard({ key: 'CTYPE1', value: 'HPLN-TAN' })[0]).toBe("CTYPE1  = 'HPLN-TAN'".padEnd(80));
    expect(formatCard({ key: 'CUNIT1', value: 'deg' })[0]).toBe("CUNIT1  = 'deg     '".padEnd(80));
    expect(formatCard({ key: 'OBJECT', value: "it's" })[0]).toBe("OBJECT  = 'it''s   '".padEnd(80));
    for (const card of [...formatCard({ key: 'LONG', value: 'x'.repeat(200) }), ...formatCard({ key: 'HISTORY', value: 'y'.repeat(200) })]) {
      expect(card.length).toBe(80);
    }
  });

  it('writes reals with a decimal point and an upper-case exponent, round-trip exact', () => {
    expect(formatReal(0.1)).toBe('0.1');
    expect(formatReal(1e21)).toBe('1.0E+21');
    expect(formatReal(-1.5e-7)).toBe('-1.5E-7');
    for (const v of [Math.PI, 1 / 3, 6.02214076e23, 5e-324, 0.03]) expect(Number(formatReal(v))).toBe(v);
  });

  it('refuses what FITS cannot hold', () => {
    const bad: FitsCard[] = [
      { key: 'TOOLONGKEY', value: 1 },
      { key: 'lower', value: 1 },
      { key: 'VALUE', value: NaN },
      { key: 'TEXT', value: 'caf\u00e9' },
      { key: 'DATE-OBS', value: '2011.02.15_02:00:00_TAI' },
    ];
    for (const card of bad) expect(() => formatCard(card, 1), card.key).toThrow(FitsError);
  });
});

describe('writer input checks', () => {
  const expectFitsError = (hdus: FitsWriteHdu[], pattern: RegExp): void => {
    expect(() => writeFits(hdus)).toThrow(FitsError);
    expect(() => writeFits(hdus)).toThrow(pattern);
  };
  it('rejects inconsistent requests', () => {
    expectFitsError([], /at least a primary HDU/);
    expectFitsError([{ data: new Float32Array(4), compress: 'GZIP_1' }], /primary HDU cannot be tile-compressed/);
    expectFitsError([{ data: new Float32Array(6), shape: [4, 2] }], /holds 8 pixels but data has 6/);
    expectFitsError([{ data: new Float32Array(4), bitpix: 16 }], /does not match Float32Array/);
    expectFitsError([{}, { data: new Float32Array(4), compress: 'RICE_1' }], /RICE_1 needs integer pixels/);
  });
});

describe('CHECKSUM / DATASUM', () => {
  it('encodes the published example (FITS 4.0 appendix J: sum 868229149 -> "hcHjjc9ghcEghc9g")', () => {
    // The example's 32-bit sum 868229149 (0x33c0cd9d) has the complement encoded as below.
    expect(encodeChecksum(868229149)).toBe('hcHjjc9ghcEghc9g');
  });

  it('makes every written HDU sum to -0', () => {
    const bytes = writeFits([
      { data: Float32Array.from({ length: 1000 }, (_, i) => i * 1.5) },
      { data: Int16Array.from({ length: 777 }, (_, i) => i - 300), compress: 'RICE_1', extname: 'R' },
    ]);
    for (const hdu of readFits(bytes, { headersOnly: true }).hdus) {
      const end = hdu.dataOffset + Math.ceil(hdu.dataBytes / 2880) * 2880;
      expect(onesComplementSum(bytes, hdu.headerOffset, end)).toBe(0xffffffff);
      expect(Number(hdu.header.string('DATASUM'))).toBe(onesComplementSum(bytes, hdu.dataOffset, end));
    }
  });
});

describe('RICE_1 codec', () => {
  it('round-trips every BYTEPIX, including wrap-around extremes and all-equal blocks', () => {
    const patterns: [number, number[]][] = [
      [4, [0, 2147483647, -2147483648, 2147483647, -1, 0, 0, 0, ...Array.from({ length: 100 }, (_, i) => (i * i * 12345) | 0)]],
      [2, [0, 32767, -32768, 32767, -1, ...Array.from({ length: 100 }, (_, i) => ((i * 977) % 65536) - 32768)]],
      [1, [0, 255, 0, 255, 1, ...Array.from({ length: 100 }, (_, i) => (i * 13) % 256)]],
      [4, Array.from({ length: 97 }, () => 123456)],
    ];
    for (const [bytepix, values] of patterns) {
      for (const blockSize of [16, 32]) {
        const encoded = riceEncode(values, values.length, blockSize, bytepix);
        const out = new Int32Array(values.length);
        riceDecode(encoded, 0, encoded.length, out, values.length, blockSize, bytepix);
        expect(Array.from(out)).toEqual(values);
      }
    }
  });
});
