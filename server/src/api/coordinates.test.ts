import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cylindricalCoordinates, type HeaderValues } from './coordinates.ts';

type Cards = Record<string, string | number>;

const header = (cards: Cards): HeaderValues => ({
  number: (k) => (typeof cards[k] === 'number' ? (cards[k] as number) : undefined),
  string: (k) => (typeof cards[k] === 'string' ? (cards[k] as string) : undefined),
});

const CASES: { name: string; cards: Cards; pixels: [number, number][] }[] = [
  {
    name: 'synoptic CAR map, 1920 x 960, Carrington longitude 0..360',
    cards: { CTYPE1: 'CRLN-CAR', CTYPE2: 'CRLT-CAR', CUNIT1: 'deg', CUNIT2: 'deg', CRPIX1: 960.5, CRPIX2: 480.5, CRVAL1: 180, CRVAL2: 0, CDELT1: 0.1875, CDELT2: 0.1875 },
    pixels: [[0, 0], [959.5, 479.5], [1919, 959], [100, 700]],
  },
  {
    name: 'SHARP-like CEA patch centred in the south (CRVAL2 != 0)',
    cards: { CTYPE1: 'CRLN-CEA', CTYPE2: 'CRLT-CEA', CUNIT1: 'deg', CUNIT2: 'deg', CRPIX1: 372.5, CRPIX2: 189, CRVAL1: 34.2, CRVAL2: -20.45, CDELT1: 0.03, CDELT2: 0.03 },
    pixels: [[0, 0], [743, 376], [371.5, 188], [10, 300]],
  },
  {
    name: 'CEA patch in the north with PV2_1 and LONPOLE left to default',
    cards: { CTYPE1: 'CRLN-CEA', CTYPE2: 'CRLT-CEA', CUNIT1: 'deg', CUNIT2: 'deg', CRPIX1: 50, CRPIX2: 40, CRVAL1: 350, CRVAL2: 35, CDELT1: 0.05, CDELT2: 0.04, PV2_1: 0.8 },
    pixels: [[0, 0], [99, 79], [60, 10]],
  },
  {
    name: 'full-Sun CEA sine-latitude map (JSOC 3600 x 1440 style)',
    cards: { CTYPE1: 'CRLN-CEA', CTYPE2: 'CRLT-CEA', CUNIT1: 'deg', CUNIT2: 'deg', CRPIX1: 1800.5, CRPIX2: 720.5, CRVAL1: 180, CRVAL2: 0, CDELT1: 0.1, CDELT2: 0.0795774715459, PV2_1: 1 },
    pixels: [[0, 0], [3599, 1439], [1000, 300]],
  },
  {
    name: 'Stonyhurst CAR map rotated by CROTA2',
    cards: { CTYPE1: 'HGLN-CAR', CTYPE2: 'HGLT-CAR', CUNIT1: 'deg', CUNIT2: 'deg', CRPIX1: 180.5, CRPIX2: 90.5, CRVAL1: 0, CRVAL2: 0, CDELT1: 1, CDELT2: 1, CROTA2: 10 },
    pixels: [[0, 90], [359, 90], [180, 0], [200, 150]],
  },
];

/** Reference values from astropy.wcs (WCSLIB), Debian python3 with astropy. */
function astropyReference(): number[][][] | undefined {
  if (!fs.existsSync('/usr/bin/python3')) return undefined;
  const script = `
import json, sys, warnings
warnings.simplefilter('ignore')
from astropy.io import fits
from astropy.wcs import WCS
cases = json.load(sys.stdin)
out = []
for c in cases:
    h = fits.Header()
    h['NAXIS'] = 2
    for k, v in c['cards'].items():
        h[k] = v
    w = WCS(h)
    out.append([list(map(float, w.wcs_pix2world([p], 0)[0])) for p in c['pixels']])
print(json.dumps(out))
`;
  // No fallback: a failing reference script must fail the test, not skip it.
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(CASES), encoding: 'utf8' }));
}

describe('cylindricalCoordinates', () => {
  const reference = astropyReference();

  it.each(CASES.map((c, i) => [c.name, i] as const))('agrees with astropy.wcs: %s', (_name, i) => {
    const c = CASES[i];
    c.pixels.forEach(([x, y], j) => {
      const got = cylindricalCoordinates(header(c.cards), x, y)!;
      const [lon, lat] = reference![i][j];
      const gotLon = got.carrington_longitude ?? got.stonyhurst_longitude!;
      const gotLat = got.carrington_latitude ?? got.stonyhurst_latitude!;
      const dLon = ((gotLon - lon + 540) % 360) - 180;
      expect(Math.abs(dLon), `lon at ${x},${y}`).toBeLessThan(1e-8);
      expect(gotLat, `lat at ${x},${y}`).toBeCloseTo(lat, 8);
    });
  });

  it('knows the synoptic grid by heart: pixel centres of a 1920 x 960 CAR map', () => {
    const h = header(CASES[0].cards);
    expect(cylindricalCoordinates(h, 0, 0)).toEqual({ coordinate_system: 'carrington', carrington_longitude: 0.1875 / 2, carrington_latitude: -90 + 0.1875 / 2 });
    const c = cylindricalCoordinates(h, 1919, 959)!;
    expect(c.carrington_longitude).toBeCloseTo(360 - 0.1875 / 2, 10);
    expect(c.carrington_latitude).toBeCloseTo(90 - 0.1875 / 2, 10);
  });

  it('leaves other projections to someone else, and rows beyond the CEA poles without coordinates', () => {
    expect(cylindricalCoordinates(header({ CTYPE1: 'HPLN-TAN', CTYPE2: 'HPLT-TAN' }), 0, 0)).toBeUndefined();
    expect(cylindricalCoordinates(header({ CTYPE1: 'CRLN-CAR', CTYPE2: 'HGLT-CAR' }), 0, 0)).toBeUndefined();
    const cea = header({ CTYPE1: 'CRLN-CEA', CTYPE2: 'CRLT-CEA', CRPIX1: 1, CRPIX2: 1, CRVAL1: 0, CRVAL2: 0, CDELT1: 1, CDELT2: 1 });
    expect(cylindricalCoordinates(cea, 0, 100)).toEqual({ coordinate_system: 'carrington' });
  });
});
