/**
 * Files written by `writeFits`, checked by independent tools: `fitsverify` (0 errors, 0 warnings,
 * checksums verified) and astropy (identical values and header cards, checksums valid, header
 * verification clean, no warning at all — FITSFixedWarning from building a WCS included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFits, type FitsCard, type FitsWriteHdu } from './index.ts';
import { float64Digest, PY_DIGEST, runPython } from './test-helpers.ts';

const W = 64;
const H = 48;

/** Carrington plate-carrée map WCS (as the synoptic products write it). */
const carringtonWcs: FitsCard[] = [
  { key: 'WCSNAME', value: 'Carrington Heliographic' },
  { key: 'CTYPE1', value: 'CRLN-CAR', comment: 'Carrington longitude' },
  { key: 'CTYPE2', value: 'CRLT-CAR', comment: 'Carrington latitude' },
  { key: 'CUNIT1', value: 'deg' },
  { key: 'CUNIT2', value: 'deg' },
  { key: 'CRPIX1', value: 32.5 },
  { key: 'CRPIX2', value: 24.5 },
  { key: 'CRVAL1', value: 180 },
  { key: 'CRVAL2', value: 0 },
  { key: 'CDELT1', value: 5.625 },
  { key: 'CDELT2', value: 3.75 },
  { key: 'DATE-OBS', value: '2011-02-15T00:00:00.000' },
  { key: 'TIMESYS', value: 'UTC' },
];

/** Helioprojective image WCS (AIA-like). */
const helioprojectiveWcs: FitsCard[] = [
  { key: 'CTYPE1', value: 'HPLN-TAN' },
  { key: 'CTYPE2', value: 'HPLT-TAN' },
  { key: 'CUNIT1', value: 'arcsec' },
  { key: 'CUNIT2', value: 'arcsec' },
  { key: 'CRPIX1', value: 32.5 },
  { key: 'CRPIX2', value: 24.5 },
  { key: 'CRVAL1', value: -4.532172209851069 },
  { key: 'CRVAL2', value: 2.865574805180813 },
  { key: 'CDELT1', value: 19.183648 },
  { key: 'CDELT2', value: 19.183648 },
  { key: 'CROTA2', value: 0.019413 },
  { key: 'DATE-OBS', value: '2011-02-15T00:00:00.34' },
  { key: 'DSUN_OBS', value: 147724815128, comment: '[m] distance to Sun centre' },
  { key: 'RSUN_REF', value: 696000000, comment: '[m] reference solar radius' },
  { key: 'RSUN_OBS', value: 971.812597, comment: '[arcsec] apparent solar radius' },
  { key: 'HGLN_OBS', value: 0 },
  { key: 'HGLT_OBS', value: -6.820544 },
  { key: 'CRLN_OBS', value: 22.814522 },
  { key: 'CRLT_OBS', value: -6.820544 },
  { key: 'EXPTIME', value: 2.000191, comment: '[s] exposure time' },
];

const field = (scale: number) => (_: unknown, i: number) => scale * Math.sin(i / 17) * Math.cos(i / 301);

function files(): Record<string, FitsWriteHdu[]> {
  const plane32 = Float32Array.from({ length: W * H }, field(300));
  plane32[100] = NaN;
  const plane64 = Float64Array.from({ length: W * H }, field(1e-3));
  plane64[7] = NaN;
  const counts = Int16Array.from({ length: W * H }, (_, i) => (i % 97) * 300 - 14000);
  counts[5] = -32768;
  const mask = Uint8Array.from({ length: W * H }, (_, i) => (i * 7) % 256);
  const wide = Int32Array.from({ length: W * H }, (_, i) => i * 40000 - 60000000);
  const long = 'hmi.sharp_cea_720s[377][2011.02.15_02:00:00_TAI] aia.lev1_euv_12s[2011-02-15T00:00:00Z][171] '.repeat(3).trimEnd();
  return {
    'float32-planes-wcs': [
      { data: plane32, shape: [W, H], cards: [...carringtonWcs, { key: 'ORIGIN', value: 'test' }, { key: 'BUNIT', value: 'G', comment: 'radial magnetic field' }] },
      { data: plane32.map((v) => v / 2), shape: [W, H], extname: 'BR_ERROR', cards: carringtonWcs },
      { data: plane32.map((v) => -v), shape: [W, H], extname: 'BP', cards: carringtonWcs },
    ],
    'float64-hpln': [{ data: plane64, shape: [W, H], cards: helioprojectiveWcs }],
    'int16-blank': [
      { data: counts, shape: [W, H], cards: [{ key: 'BLANK', value: -32768 }, { key: 'BUNIT', value: 'ct' }, ...helioprojectiveWcs] },
    ],
    uint8: [{ data: mask, shape: [W, H], cards: [{ key: 'BUNIT', value: '' }] }],
    'multi-extension': [
      { cards: [{ key: 'ORIGIN', value: 'test' }, { key: 'COMMENT', value: 'empty primary, data in extensions' }] },
      { data: plane32, shape: [W, H], extname: 'TEMPERATURE', cards: [...carringtonWcs, { key: 'BUNIT', value: 'K' }] },
      { data: counts, shape: [W, H], extname: 'COUNTS', cards: [{ key: 'BLANK', value: -32768 }] },
      { data: mask, shape: [W, H], extname: 'MASK' },
      { data: plane64, shape: [W, H], extname: 'CHI2' },
    ],
    'gzip1-compressed': [
      {},
      { data: plane32, shape: [W, H], extname: 'JR', compress: 'GZIP_1', cards: [...carringtonWcs, { key: 'BUNIT', value: 'A m-2' }] },
      { data: counts, shape: [W, H], extname: 'COUNTS', compress: 'GZIP_1', cards: [{ key: 'BLANK', value: -32768 }] },
      { data: plane64, shape: [W, H], extname: 'F64', compress: 'GZIP_1' },
      { data: mask, shape: [W, H], extname: 'MASK', compress: 'GZIP_1' },
    ],
    'rice1-integers': [
      {},
      { data: wide, shape: [W, H], extname: 'WIDE', compress: 'RICE_1', cards: [{ key: 'BSCALE', value: 0.01 }, { key: 'BZERO', value: 0 }] },
      { data: counts, shape: [W, H], extname: 'COUNTS', compress: 'RICE_1', cards: [{ key: 'BLANK', value: -32768 }] },
    ],
    'long-strings': [
      {
        data: plane32,
        shape: [W, H],
        cards: [
          { key: 'INPUTS', value: long, comment: 'records used to make this map' },
          { key: 'QUOTED', value: `${"it's ".repeat(30)}end`, comment: 'quotes across a CONTINUE boundary' },
          { key: 'HISTORY', value: `pipeline ${'step '.repeat(40)}` },
        ],
      },
    ],
  };
}

const dir = mkdtempSync(join(tmpdir(), 'fits-interop-'));
const written = files();
const paths: Record<string, string> = {};
for (const [name, hdus] of Object.entries(written)) {
  paths[name] = join(dir, `${name}.fits`);
  writeFileSync(paths[name], writeFits(hdus, { date: new Date('2024-05-06T07:08:09Z') }));
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fitsverify on written files', () => {
  it.each(Object.keys(written))('%s: 0 errors, 0 warnings', (name) => {
    const r = spawnSync('fitsverify', ['-e', paths[name]], { encoding: 'utf8' });
    const full = spawnSync('fitsverify', [paths[name]], { encoding: 'utf8' }).stdout;
    expect(full, full).toMatch(/Verification found 0 warning\(s\) and 0 error\(s\)/);
    expect(r.status, r.stdout).toBe(0);
  });
});

describe('astropy reads written files', () => {
  interface HduRef {
    digest: string | null;
    cards: [string, unknown, string][];
  }
  let reference: Record<string, { hdus: HduRef[]; warnings: string[] }> = {};

  beforeAll(() => {
    reference = runPython(
      `${PY_DIGEST}
import warnings
from astropy.io import fits
from astropy.wcs import WCS
def plain(v):
    if isinstance(v, (bool, str)): return v
    if isinstance(v, (int, float)): return float(v)
    if v is None or isinstance(v, fits.card.Undefined): return None
    return str(v)
out = {}
for name, path in ARGS.items():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        hdus = []
        with fits.open(path, checksum=True) as hl:
            hl.verify('exception')
            for hdu in hl:
                # Cards first: astropy drops BSCALE/BZERO from .header once it has scaled the data.
                cards = [[c.keyword, plain(c.value), c.comment] for c in hdu.header.cards]
                data = hdu.data
                if data is not None and isinstance(hdu, fits.CompImageHDU) and 'BLANK' in hdu.header:
                    data = np.where(data == hdu.header['BLANK'], np.nan, data)  # astropy 5.2 skips BLANK here
                if 'CTYPE1' in hdu.header:
                    WCS(hdu.header)
                hdus.append({'digest': None if data is None else digest(data), 'cards': cards})
    out[name] = {'hdus': hdus, 'warnings': [str(w.message) for w in caught]}
print(json.dumps(out))
`,
      paths,
    );
  });

  it.each(Object.keys(written))('%s: values, cards, checksums, no warnings', (name) => {
    const ref = reference[name];
    expect(ref.warnings).toEqual([]);
    const hdus = written[name];
    expect(ref.hdus.length).toBe(hdus.length);
    hdus.forEach((hdu, i) => {
      const r = ref.hdus[i];
      if (hdu.data) {
        const expected = Float64Array.from(hdu.data, (v) => v);
        const blank = hdu.cards?.find((c) => c.key === 'BLANK')?.value;
        const scale = Number(hdu.cards?.find((c) => c.key === 'BSCALE')?.value ?? 1);
        const physical = expected.map((v) => (v === blank ? NaN : v * scale));
        expect(r.digest, `${name} HDU ${i} data`).toBe(float64Digest(physical));
      } else {
        expect(r.digest).toBeNull();
      }
      // Every card we asked for is there with the same value and comment.
      const cards = r.cards;
      for (const c of hdu.cards ?? []) {
        if (c.key === 'HISTORY' || c.key === 'COMMENT') {
          const text = cards.filter(([k]) => k === c.key).map(([, v]) => v).join(' ');
          expect(text, `${name} ${c.key}`).toContain(String(c.value).trimEnd());
          continue;
        }
        const found = cards.find(([k]) => k === c.key);
        expect(found, `${name} HDU ${i} ${c.key}`).toBeDefined();
        const value = typeof c.value === 'number' ? Number(c.value) : c.value;
        expect(found?.[1], `${name} HDU ${i} ${c.key} value`).toEqual(value);
        expect(found?.[2], `${name} HDU ${i} ${c.key} comment`).toBe(c.comment ?? '');
      }
      if (hdu.extname) expect(cards.find(([k]) => k === 'EXTNAME')?.[1]).toBe(hdu.extname);
    });
  });
});

