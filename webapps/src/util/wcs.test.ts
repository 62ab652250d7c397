import { describe, expect, it } from 'vitest';
import { axisValueAt, firstImageHeader, mapGrid, parseHeader } from './wcs.ts';

/** A FITS header block sequence from [key, value] pairs (values already FITS-formatted). */
function header(cards: [string, string][]): Uint8Array {
  const lines = [...cards.map(([k, v]) => `${k.padEnd(8)}= ${v}`.padEnd(80)), 'END'.padEnd(80)];
  const text = lines.join('').padEnd(Math.ceil((lines.length * 80) / 2880) * 2880, ' ');
  return new TextEncoder().encode(text);
}

describe('FITS header reading', () => {
  it('parses strings, numbers, booleans and comments', () => {
    const h = parseHeader(header([['SIMPLE', 'T'], ['BITPIX', '-32 / float'], ['CTYPE1', "'CRLN-CAR'           / lon"], ['OBJECT', "'it''s'"], ['X', '1.5D3']]))!.header;
    expect([h.get('SIMPLE'), h.get('BITPIX'), h.get('CTYPE1'), h.get('OBJECT'), h.get('X')]).toEqual([true, -32, 'CRLN-CAR', "it's", 1500]);
  });

  it('skips a data-less primary to the first image extension and keeps observer keywords', () => {
    const primary = header([['SIMPLE', 'T'], ['BITPIX', '8'], ['NAXIS', '0'], ['CRLN_OBS', '123.5'], ['CRLT_OBS', '-4.25']]);
    const ext = header([['XTENSION', "'IMAGE'"], ['BITPIX', '-32'], ['NAXIS', '2'], ['NAXIS1', '360'], ['NAXIS2', '180'], ['CTYPE1', "'CRLN-CAR'"], ['CTYPE2', "'CRLT-CAR'"]]);
    const bytes = new Uint8Array(primary.length + ext.length);
    bytes.set(primary);
    bytes.set(ext, primary.length);
    const h = firstImageHeader(bytes)!;
    expect(h.get('NAXIS1')).toBe(360);
    expect(h.get('CRLN_OBS')).toBe(123.5);
  });
});

describe('map grids', () => {
  it('plate carrée Carrington maps: pixel centres at 0.5 deg steps, longitude wraps', () => {
    const h = parseHeader(
      header([
        ['CTYPE1', "'CRLN-CAR'"], ['CTYPE2', "'CRLT-CAR'"], ['CRPIX1', '180.5'], ['CRPIX2', '90.5'],
        ['CDELT1', '1.0'], ['CDELT2', '1.0'], ['CRVAL1', '180.0'], ['CRVAL2', '0.0'], ['CRLN_OBS', '10.0'], ['CRLT_OBS', '2.0'],
      ]),
    )!.header;
    const g = mapGrid(h, 360, 180);
    expect(g.kind).toBe('carrington-car');
    expect(g.x.edges).toEqual([0, 360]);
    expect(g.y.edges).toEqual([-90, 90]);
    expect(axisValueAt(g.x, 360, 0)).toBeCloseTo(0.5, 12);
    expect(g.lonLatToPixel!(0.5, -89.5)).toEqual([0, 0]);
    expect(g.lonLatToPixel!(360.5, 0)[0]).toBeCloseTo(0, 12);
    expect(g.observer).toEqual({ lonDeg: 10, latDeg: 2 });
  });

  it('sine-latitude CEA maps put the equator in the middle and the poles at the edges', () => {
    const h = parseHeader(
      header([
        ['CTYPE1', "'CRLN-CEA'"], ['CTYPE2', "'CRLT-CEA'"], ['CUNIT2', "'Sine Latitude'"], ['CRPIX1', '180.5'], ['CRPIX2', '90.5'],
        ['CDELT1', '1.0'], ['CDELT2', String(2 / 180)], ['CRVAL1', '180.0'], ['CRVAL2', '0.0'],
      ]),
    )!.header;
    const g = mapGrid(h, 360, 180);
    expect(g.kind).toBe('carrington-cea');
    expect(axisValueAt(g.y, 180, -0.5)).toBeCloseTo(-90, 9);
    expect(axisValueAt(g.y, 180, 89.5)).toBeCloseTo(0, 9);
    // Latitude 30 deg: sin = 0.5 → half way from the equator to the top edge.
    expect(g.lonLatToPixel!(180, 30)[1]).toBeCloseTo(89.5 + 45, 9);
  });

  it('standard CEA in degrees with PV2_1 gives the same latitudes', () => {
    const lambda = 1;
    const cdelt2 = (2 / 180) / (lambda * (Math.PI / 180));
    const h = parseHeader(
      header([
        ['CTYPE1', "'CRLN-CEA'"], ['CTYPE2', "'CRLT-CEA'"], ['CUNIT2', "'deg'"], ['PV2_1', '1.0'], ['CRPIX1', '180.5'], ['CRPIX2', '90.5'],
        ['CDELT1', '1.0'], ['CDELT2', String(cdelt2)], ['CRVAL1', '180.0'], ['CRVAL2', '0.0'],
      ]),
    )!.header;
    expect(mapGrid(h, 360, 180).lonLatToPixel!(180, 30)[1]).toBeCloseTo(134.5, 6);
  });

  it('SHARP-like patches use coordinates from the patch centre; helioprojective maps arcsec', () => {
    const sharp = parseHeader(header([['CTYPE1', "'CRLN-CEA'"], ['CTYPE2', "'CRLT-CEA'"], ['CRPIX1', '372.5'], ['CRPIX2', '189.0'], ['CDELT1', '0.03'], ['CDELT2', '0.03'], ['CRVAL1', '34.0'], ['CRVAL2', '-20.0']]))!.header;
    const g = mapGrid(sharp, 744, 377);
    expect(g.kind).toBe('cea-patch');
    expect(g.x.edges[0]).toBeCloseTo(0.03 * (0.5 - 372.5), 9);
    const hp = parseHeader(header([['CTYPE1', "'HPLN-TAN'"], ['CTYPE2', "'HPLT-TAN'"], ['CRPIX1', '512.5'], ['CRPIX2', '512.5'], ['CDELT1', '2.4'], ['CDELT2', '2.4'], ['CRVAL1', '0.0'], ['CRVAL2', '0.0']]))!.header;
    const hg = mapGrid(hp, 1024, 1024);
    expect(hg.kind).toBe('helioprojective');
    expect(hg.x.edges).toEqual([-1228.8, 1228.8]);
    expect(mapGrid(undefined, 10, 10).kind).toBe('pixel');
  });
});
