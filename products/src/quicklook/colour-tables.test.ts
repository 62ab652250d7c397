import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { interpolateInferno, interpolateRdBu, interpolateTurbo, interpolateViridis, interpolateYlGnBu, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { COLOUR_TABLE_NAMES, colourTable, cssGradient, idl3, isColourTableName, tableEntry } from './colour-tables.ts';

const SUNPY_COLORMAPS = '/usr/lib/python3/dist-packages/sunpy/visualization/colormaps';

const entry = (name: Parameters<typeof colourTable>[0], i: number) => tableEntry(colourTable(name), i);
const css = (s: string): [number, number, number] => {
  const c = rgb(s);
  return [c.r, c.g, c.b];
};

describe('colour tables', () => {
  it('defines every ColourTableName with 256 RGB entries', () => {
    expect(COLOUR_TABLE_NAMES).toHaveLength(18);
    for (const name of COLOUR_TABLE_NAMES) {
      expect(isColourTableName(name)).toBe(true);
      expect(colourTable(name).rgb).toHaveLength(768);
    }
    expect(isColourTableName('jet')).toBe(false);
    expect(() => colourTable('jet' as never)).toThrow(RangeError);
  });

  it('IDL table 3 has its documented break points', () => {
    // Red reaches 255 at index 176, green starts after 120, blue after 190.
    expect([idl3.r(175), idl3.r(176), idl3.g(120), idl3.g(121), idl3.b(190), idl3.b(191), idl3.b(255)]).toEqual([253, 255, 0, 1, 0, 3, 255]);
  });

  it('IDL table 3 equals the table SunPy ships (idl_3.csv)', () => {
    const rows = fs
      .readFileSync(`${SUNPY_COLORMAPS}/data/idl_3.csv`, 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(256);
    rows.forEach(([r, g, b], i) => expect([idl3.r(i), idl3.g(i), idl3.b(i)]).toEqual([r, g, b]));
  });

  it('AIA tables follow aia_lct.pro at hand-computed entries', () => {
    // c1(1) = byte(sqrt(1) sqrt(255)) = 15; c2(16) = byte(256/255) = 1; c3(1) = byte(15 * 255/382.5) = 10.
    expect(entry('aia-193', 1)).toEqual([15, 1, 0]);
    expect(entry('aia-94', 1)).toEqual([0, 10, 1]);
    expect(entry('aia-335', 16)).toEqual([1, 16, 63]);
    for (const w of [94, 131, 171, 193, 211, 304, 335, 1600, 1700]) {
      expect(entry(`aia-${w}` as never, 0)).toEqual([0, 0, 0]);
      expect(entry(`aia-${w}` as never, 255)).toEqual([255, 255, 255]);
    }
    // 171: r = IDL3 red, g = c0, b = IDL3 blue → at 176: (255, 176, 0).
    expect(entry('aia-171', 176)).toEqual([255, 176, 0]);
    // Continuum = AIA 4500: (c0, c0, b0/2).
    expect(entry('hmi-continuum', 255)).toEqual([255, 255, 127]);
  });

  it('AIA tables agree with SunPy colormaps within IDL byte() truncation', () => {
    const script = [
      'import json',
      'from sunpy.visualization.colormaps import cm',
      'print(json.dumps({w: [[x * 255 for x in cm.cmlist["sdoaia%d" % w](i)[:3]] for i in range(256)] for w in [94, 131, 171, 193, 211, 304, 335, 1600, 1700, 4500]}))',
    ].join('\n');
    const sunpy = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' })) as Record<string, number[][]>;
    for (const [w, rows] of Object.entries(sunpy)) {
      const ours = colourTable(w === '4500' ? 'hmi-continuum' : (`aia-${w}` as never));
      rows.forEach((rgbRef, i) =>
        rgbRef.forEach((ref, c) => {
          // SunPy keeps the fractions that IDL's byte() drops (c3 can lose up to ~1.7).
          const diff = ref - ours.rgb[3 * i + c];
          expect(diff, `aia ${w} entry ${i} component ${c}`).toBeGreaterThan(-0.01);
          expect(diff, `aia ${w} entry ${i} component ${c}`).toBeLessThan(2);
        }),
      );
    }
  });

  it('d3-based tables are their interpolators sampled at i/255', () => {
    expect(entry('dem-temperature', 0)).toEqual(css(interpolateTurbo(0)));
    expect(entry('dem-temperature', 255)).toEqual(css(interpolateTurbo(1)));
    expect(entry('dem-emission-measure', 128)).toEqual(css(interpolateInferno(128 / 255)));
    expect(entry('dem-width', 255)).toEqual([0xfd, 0xe7, 0x25]); // viridis top, #fde725
    expect(entry('dem-width', 0)).toEqual(css(interpolateViridis(0)));
    // Diverging current: blue for negative (index 0), red for positive (index 255).
    expect(entry('diverging-current', 0)).toEqual(css(interpolateRdBu(1)));
    expect(entry('diverging-current', 255)).toEqual(css(interpolateRdBu(0)));
    const [r0, , b0] = entry('diverging-current', 0);
    expect(b0).toBeGreaterThan(r0);
    expect(entry('data-age', 0)).toEqual(css(interpolateYlGnBu(1)));
  });

  it('grey and magnetogram tables are linear ramps', () => {
    for (const i of [0, 1, 127, 200, 255]) {
      expect(entry('grey', i)).toEqual([i, i, i]);
      expect(entry('hmi-magnetogram', i)).toEqual([i, i, i]);
    }
  });

  it('cssGradient spans the table ends', () => {
    const g = cssGradient(colourTable('aia-171'), 'to right', 4);
    expect(g.startsWith('linear-gradient(to right, rgb(0 0 0) 0.00%')).toBe(true);
    expect(g.endsWith('rgb(255 255 255) 100.00%)')).toBe(true);
  });
});
