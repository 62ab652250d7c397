/**
 * Real-data test of the reader: the ten SHARP CEA segments of HARP 377 (RICE_1 tile-compressed
 * int32/int16 images with BSCALE/BZERO/BLANK, and one uncompressed int16 image). Truth: the
 * statistics keywords the HMI pipeline wrote from these arrays, and astropy's decoding.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstImage, readFitsFile, type FitsFile } from './index.ts';
import { exactSum, float64Digest, PY_DIGEST, runPython, SHARED_DATA } from './test-helpers.ts';

const DIR = `${SHARED_DATA}sdo/sharp-377/`;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.fits')).sort();
const segment = (f: string): string => f.split('.').at(-2) ?? f;

/** Expected storage per segment (SCIENCE.md section 6.3). */
const LAYOUT: Record<string, { compressed: boolean; zbitpix: number; bscale?: number; bzero?: number; blank: number }> = {
  Br: { compressed: true, zbitpix: 32, bscale: 0.01, blank: -2147483648 },
  Bp: { compressed: true, zbitpix: 32, bscale: 0.01, blank: -2147483648 },
  Bt: { compressed: true, zbitpix: 32, bscale: 0.01, blank: -2147483648 },
  Br_err: { compressed: true, zbitpix: 32, bscale: 0.001, blank: -2147483648 },
  Bp_err: { compressed: true, zbitpix: 32, bscale: 0.001, blank: -2147483648 },
  Bt_err: { compressed: true, zbitpix: 32, bscale: 0.001, blank: -2147483648 },
  magnetogram: { compressed: true, zbitpix: 32, bscale: 0.1, blank: -2147483648 },
  continuum: { compressed: true, zbitpix: 32, bscale: 3, bzero: 97304, blank: -2147483648 },
  conf_disambig: { compressed: true, zbitpix: 16, blank: -32768 },
  bitmap: { compressed: false, zbitpix: 16, blank: -32768 },
};

const files = new Map<string, FitsFile>();

beforeAll(async () => {
  for (const f of FILES) files.set(f, await readFitsFile(DIR + f));
});

describe('SHARP HARP 377 segments', () => {
  it('has the ten segments', () => {
    expect(FILES.map(segment).sort()).toEqual(Object.keys(LAYOUT).sort());
  });

  it.each(FILES)('%s decodes to 744 x 377 with the stored layout', (f) => {
    const file = files.get(f)!;
    const image = firstImage(file);
    const layout = LAYOUT[segment(f)];
    expect(image.shape).toEqual([744, 377]);
    expect([image.width, image.height]).toEqual([744, 377]);
    expect(image.data.length).toBe(744 * 377);
    expect(image.compressed === true).toBe(layout.compressed);
    expect(image.bitpix).toBe(layout.zbitpix);
    expect(image.hduIndex).toBe(layout.compressed ? 1 : 0);
    expect(file.hdus.map((h) => h.kind)).toEqual(layout.compressed ? ['primary', 'compressed-image'] : ['primary']);
    expect(image.header.number('BSCALE') ?? 1).toBe(layout.bscale ?? 1);
    expect(image.header.number('BZERO') ?? 0).toBe(layout.bzero ?? 0);
    expect(image.header.number('BLANK')).toBe(layout.blank);
    // Scaled integers come out as float64, small unscaled integers as (exact) float32.
    expect(image.data).toBeInstanceOf(layout.bscale !== undefined ? Float64Array : Float32Array);
    if (layout.compressed) {
      // The restored image header carries the image keywords, not the table ones.
      expect(image.header.number('NAXIS1')).toBe(744);
      expect(image.header.has('ZCMPTYPE')).toBe(false);
      expect(file.hdus[1].header.string('ZCMPTYPE')).toBe('RICE_1');
    }
  });

  it.each(FILES)('%s matches its DATA* statistics keywords', (f) => {
    const image = firstImage(files.get(f)!);
    const h = image.header;
    const values = Array.from(image.data).filter((v) => !Number.isNaN(v));
    const n = values.length;
    const mean = exactSum(values) / n;
    const variance = exactSum(values.map((v) => (v - mean) ** 2)) / (n - 1); // JSOC DATARMS: sample std
    const sorted = Float64Array.from(values).sort();
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(n).toBe(h.number('DATAVALS'));
    expect(image.data.length - n).toBe(h.number('MISSVALS'));
    // Header values are float32 numbers printed with 6 decimals.
    const near = (actual: number, key: string, rel: number): void => {
      const expected = h.number(key)!;
      expect(Math.abs(actual - expected), key).toBeLessThanOrEqual(rel * Math.abs(expected) + 5e-7);
    };
    near(Math.fround(min), 'DATAMIN', 1e-7);
    near(Math.fround(max), 'DATAMAX', 1e-7);
    near(mean, 'DATAMEAN', 2e-7 * (1 + h.number('DATARMS')! / Math.max(Math.abs(mean), 1e-30)));
    near(Math.sqrt(variance), 'DATARMS', 1e-6);
    // DATAMEDN is interpolated from a histogram by the pipeline: agree within 0.1 % of the spread.
    expect(Math.abs(median - h.number('DATAMEDN')!)).toBeLessThan(1e-3 * h.number('DATARMS')!);
  });

  it('keeps non-standard but harmless SHARP keywords readable', () => {
    const h = firstImage(files.get(FILES.find((f) => segment(f) === 'Br')!)!).header;
    expect(h.number('USFLUX')).toBe(2.71476e22); // written "2.714760e+22" (lower-case exponent)
    expect(h.number('R_VALUE')).toBeNaN(); // written as a bare "nan"
    expect(h.number('MEANJZD')).toBe(0.26992074);
    expect(h.number('HARPNUM')).toBe(377);
    expect(h.string('T_REC')).toBe('2011.02.15_02:00:00_TAI');
    expect(h.string('CTYPE1')).toBe('CRLN-CEA');
    expect(h.string('INVDOCU')).toBe('');
    expect(h.all('HISTORY').length).toBe(4);
    expect(h.all('HISTORY')[0].value).toBe('The following keywords were re-computed on 2014-02-03T07:02:59Z: TOTPOT,');
  });
});

describe('SHARP segments against astropy', () => {
  interface Reference {
    file: string;
    sum: number;
    nan: number;
    digest: string;
    pixels: [number, number, number | null][];
  }
  const PROBES: [number, number][] = [
    [0, 0],
    [743, 0],
    [0, 376],
    [743, 376],
    [372, 188],
    [100, 250],
    [511, 77],
  ];
  let reference: Reference[] = [];

  beforeAll(() => {
    reference = runPython<Reference[]>(
      `${PY_DIGEST}
import math, warnings
from astropy.io import fits
warnings.simplefilter('ignore')
out = []
for path in ARGS['files']:
    with fits.open(path) as hl:
        d = hl[len(hl) - 1].data
        f = np.asarray(d, dtype='<f8')
        px = [[x, y, None if math.isnan(f[y, x]) else float(f[y, x])] for x, y in ARGS['probes']]
        out.append({'file': path, 'sum': math.fsum(f[~np.isnan(f)].tolist()), 'nan': int(np.isnan(f).sum()),
                    'digest': digest(f), 'pixels': px})
print(json.dumps(out))
`,
      { files: FILES.map((f) => DIR + f), probes: PROBES },
    );
  });

  it.each(FILES)('%s: pixels, exact sum and every value equal astropy', (f) => {
    const ref = reference.find((r) => r.file === DIR + f)!;
    const image = firstImage(files.get(f)!);
    for (const [x, y, v] of ref.pixels) {
      const ours = image.data[y * image.width + x];
      if (v === null) expect(ours).toBeNaN();
      else expect(ours).toBe(v);
    }
    expect(exactSum(image.data)).toBe(ref.sum);
    expect(Array.from(image.data).filter(Number.isNaN).length).toBe(ref.nan);
    expect(float64Digest(image.data)).toBe(ref.digest);
  });
});

