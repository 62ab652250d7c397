import { decode, type DecodedPng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { DisplayScale } from '../definitions/types.ts';
import { colourTable, tableEntry } from './colour-tables.ts';
import { demPixelClass, demQualityClasses, PixelClass } from './dem-quality.ts';
import { renderDemQuicklook, renderQuicklook, renderThumbnail } from './render.ts';

/** RGBA of picture pixel (x, y) of a decoded palette PNG. */
function pixel(png: DecodedPng, x: number, y: number): number[] {
  const index = png.data[y * png.width + x];
  const [r, g, b] = png.palette![index];
  const alpha = png.palette![index].length === 4 ? png.palette![index][3] : png.transparency ? (png.transparency[index] ?? 255) : 255;
  return [r, g, b, alpha];
}

function box(png: DecodedPng, key: string): { x: number; y: number; width: number; height: number } {
  const [x, y, width, height] = png.text[key].split(',').map(Number);
  return { x, y, width, height };
}

/** Plane of w × h in FITS order (x fastest, row 0 first) from f(x, y). */
function plane(w: number, h: number, f: (x: number, y: number) => number): Float32Array {
  const p = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[y * w + x] = f(x, y);
  return p;
}

const grey: DisplayScale = { colourTable: 'grey', scale: 'linear', range: [0, 1] };

describe('renderQuicklook', () => {
  it('writes a valid 8-bit palette PNG with tEXt metadata', () => {
    const png = decode(renderQuicklook(plane(40, 20, () => 0.5), 40, 20, grey, { title: 'Test map', units: 'K' }));
    expect(png.channels).toBe(1);
    expect(png.depth).toBe(8);
    expect(png.palette!.length).toBeLessThanOrEqual(256);
    expect(png.text.Title).toBe('Test map');
    expect(png.text['Display range']).toBe('0 1');
    expect(png.text.Units).toBe('K');
    const map = box(png, 'Map box');
    expect([map.width, map.height]).toEqual([40, 20]);
  });

  it('puts FITS row 0 at the bottom of the picture', () => {
    // Row 0 holds 0 (black in grey), the last row holds 1 (white).
    const png = decode(renderQuicklook(plane(30, 10, (_x, y) => (y === 0 ? 0 : y === 9 ? 1 : 0.5)), 30, 10, grey));
    const m = box(png, 'Map box');
    expect(pixel(png, m.x + 5, m.y + m.height - 1)).toEqual([0, 0, 0, 255]);
    expect(pixel(png, m.x + 5, m.y)).toEqual([255, 255, 255, 255]);
  });

  it('colours known values from the table: ends exact, middle within one quantisation step', () => {
    const display: DisplayScale = { colourTable: 'aia-171', scale: 'log10', range: [0, 4] };
    // Columns: 1 (log 0, bottom), 10^4 (top), 10^5 (clipped to top), 10^2 (middle).
    const values = [1, 1e4, 1e5, 100];
    const png = decode(renderQuicklook(plane(4, 1, (x) => values[x]), 4, 1, display));
    const m = box(png, 'Map box');
    const table = colourTable('aia-171');
    expect(pixel(png, m.x, m.y)).toEqual([...tableEntry(table, 0), 255]);
    expect(pixel(png, m.x + 1, m.y)).toEqual([...tableEntry(table, 255), 255]);
    expect(pixel(png, m.x + 2, m.y)).toEqual([...tableEntry(table, 255), 255]);
    // Middle: table entry 127 or 128 (253 levels spread over 256 entries).
    const mid = pixel(png, m.x + 3, m.y).slice(0, 3);
    expect([tableEntry(table, 127), tableEntry(table, 128)]).toContainEqual(mid);
  });

  it('draws NaN transparent by default, or in the chosen colour', () => {
    const p = plane(3, 1, (x) => (x === 1 ? Number.NaN : 0.5));
    let png = decode(renderQuicklook(p, 3, 1, grey));
    let m = box(png, 'Map box');
    expect(pixel(png, m.x + 1, m.y)[3]).toBe(0);
    expect(pixel(png, m.x, m.y)[3]).toBe(255);
    png = decode(renderQuicklook(p, 3, 1, grey, { nan: [255, 0, 255] }));
    m = box(png, 'Map box');
    expect(pixel(png, m.x + 1, m.y)).toEqual([255, 0, 255, 255]);
  });

  it('draws a colour bar from the bottom to the top of the table, framed in black', () => {
    const display: DisplayScale = { colourTable: 'dem-temperature', scale: 'log10', range: [5.6, 7] };
    const png = decode(renderQuicklook(plane(64, 64, () => 1e6), 64, 64, display, { units: 'K', label: 'Tc' }));
    const bar = box(png, 'Colour bar box');
    const table = colourTable('dem-temperature');
    const midRow = bar.y + Math.floor(bar.height / 2);
    expect(pixel(png, bar.x, midRow)).toEqual([...tableEntry(table, 0), 255]);
    expect(pixel(png, bar.x + bar.width - 1, midRow)).toEqual([...tableEntry(table, 255), 255]);
    expect(pixel(png, bar.x - 1, midRow)).toEqual([0, 0, 0, 255]);
    expect(png.text['Display units']).toBe('log10(K)');
  });

  it('samples large planes down to maxSize', () => {
    const png = decode(renderQuicklook(plane(1000, 500, (x) => x / 999), 1000, 500, grey, { maxSize: 250 }));
    const m = box(png, 'Map box');
    expect([m.width, m.height]).toEqual([250, 125]);
    expect(png.text['Map binning']).toBe('4');
  });

  it('rejects planes that do not match their size', () => {
    expect(() => renderQuicklook(new Float32Array(10), 4, 4, grey)).toThrow(RangeError);
    expect(() => renderQuicklook(new Float32Array(0), 0, 0, grey)).toThrow(RangeError);
  });
});

describe('DEM display rules', () => {
  it('classifies pixels: < 6 bands white, chi2 > 4 grey, NaN bands missing', () => {
    expect(demPixelClass(1, 6)).toBe(PixelClass.Normal);
    expect(demPixelClass(4, 6)).toBe(PixelClass.Normal); // the limit itself is fine
    expect(demPixelClass(4.01, 6)).toBe(PixelClass.Grey);
    expect(demPixelClass(100, 5)).toBe(PixelClass.White);
    expect(demPixelClass(Number.NaN, 0)).toBe(PixelClass.White);
    expect(demPixelClass(1, Number.NaN)).toBe(PixelClass.Missing);
    expect(() => demQualityClasses([1, 2], [6])).toThrow(RangeError);
  });

  it('draws chi2 > 4 in grey of the same value and < 6 bands in white, with a legend', () => {
    const display: DisplayScale = { colourTable: 'dem-temperature', scale: 'log10', range: [5.6, 7] };
    // Four pixels, all at the top of the range (log T = 7): normal, bad chi2, 5 bands, no data.
    const tc = new Float32Array([1e7, 1e7, Number.NaN, 1e7]);
    const chi2 = new Float32Array([1, 10, Number.NaN, 1]);
    const nbands = new Float32Array([6, 6, 5, Number.NaN]);
    const png = decode(renderDemQuicklook(tc, chi2, nbands, 4, 1, display, { units: 'K' }));
    const m = box(png, 'Map box');
    expect(pixel(png, m.x, m.y)).toEqual([...tableEntry(colourTable('dem-temperature'), 255), 255]);
    expect(pixel(png, m.x + 1, m.y)).toEqual([255, 255, 255, 255]); // grey scale, top of the range = white grey
    expect(pixel(png, m.x + 2, m.y)).toEqual([255, 255, 255, 255]);
    expect(pixel(png, m.x + 3, m.y)[3]).toBe(0);
    expect(png.text['Quality rules']).toMatch(/chi2 > 4.*grey.*6.*white/);
  });

  it('grey scale follows the value', () => {
    const display: DisplayScale = { colourTable: 'dem-temperature', scale: 'log10', range: [5.6, 7] };
    const tc = new Float32Array([10 ** 5.6, 10 ** 6.3]);
    const png = decode(renderDemQuicklook(tc, [9, 9], [6, 6], 2, 1, display));
    const m = box(png, 'Map box');
    expect(pixel(png, m.x, m.y)).toEqual([0, 0, 0, 255]);
    const [r, g, b] = pixel(png, m.x + 1, m.y);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(Math.abs(r - 127.5)).toBeLessThan(6); // 48 grey levels: within one step of mid-grey
  });
});

describe('renderThumbnail', () => {
  it('is the map alone, at most `size` on its longest side', () => {
    const png = decode(renderThumbnail(plane(1920, 960, (x) => x / 1919), 1920, 960, grey, { size: 128 }));
    expect([png.width, png.height]).toEqual([128, 64]);
    expect(png.text.Title).toBeUndefined();
    // Left edge dark, right edge bright.
    expect(pixel(png, 0, 10)[0]).toBeLessThan(10);
    expect(pixel(png, 127, 10)[0]).toBeGreaterThan(245);
  });
});
