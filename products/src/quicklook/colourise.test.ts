import { describe, expect, it } from 'vitest';
import { colourTable, tableEntry } from './colour-tables.ts';
import { colouriseRgba } from './colourise.ts';
import { demQualityClasses } from './dem-quality.ts';

const rgbaAt = (data: Uint8ClampedArray, w: number, x: number, y: number) => Array.from(data.subarray(4 * (y * w + x), 4 * (y * w + x) + 4));

describe('colouriseRgba (canvas pixels)', () => {
  const table = colourTable('aia-304');
  const scale = { scale: 'linear' as const, lo: 0, hi: 255 };

  it('uses one table entry per level of 256, with FITS row 0 at the bottom', () => {
    // 2 x 2 plane in FITS order: row 0 = [0, 255], row 1 = [100, NaN].
    const plane = new Float32Array([0, 255, 100, Number.NaN]);
    const out = colouriseRgba(plane, 2, 2, table, scale);
    expect(rgbaAt(out, 2, 0, 1)).toEqual([...tableEntry(table, 0), 255]); // FITS (0,0) at picture bottom-left
    expect(rgbaAt(out, 2, 1, 1)).toEqual([...tableEntry(table, 255), 255]);
    // 100/255 of the range → level floor(100/255 * 256) = 100.
    expect(rgbaAt(out, 2, 0, 0)).toEqual([...tableEntry(table, 100), 255]);
    expect(rgbaAt(out, 2, 1, 0)).toEqual([0, 0, 0, 0]);
  });

  it('keeps FITS order when flip is off and honours the NaN colour', () => {
    const out = colouriseRgba(new Float32Array([Number.NaN, 255]), 1, 2, table, scale, { flip: false, nan: [1, 2, 3, 255] });
    expect(rgbaAt(out, 1, 0, 0)).toEqual([1, 2, 3, 255]);
    expect(rgbaAt(out, 1, 0, 1)).toEqual([...tableEntry(table, 255), 255]);
  });

  it('applies DEM classes: grey of the same level, white, missing', () => {
    const quality = demQualityClasses([10, 1, 1], [6, 4, Number.NaN]);
    const out = colouriseRgba(new Float32Array([128, 128, 128]), 3, 1, table, scale, { quality });
    const level = Math.floor((128 / 255) * 256);
    expect(rgbaAt(out, 3, 0, 0)).toEqual([level, level, level, 255]);
    expect(rgbaAt(out, 3, 1, 0)).toEqual([255, 255, 255, 255]);
    expect(rgbaAt(out, 3, 2, 0)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a plane smaller than its size', () => {
    expect(() => colouriseRgba(new Float32Array(3), 2, 2, table, scale)).toThrow(RangeError);
  });
});
