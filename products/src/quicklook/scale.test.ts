import { describe, expect, it } from 'vitest';
import { displayUnits, fromDisplay, levelOf, normalise, percentileOfSorted, resolveScale, tableIndexOfLevel, toDisplay } from './scale.ts';

describe('display scale', () => {
  it('log10 shows decades; non-positive values sit at the bottom, NaN stays NaN', () => {
    expect(toDisplay(1000, 'log10')).toBe(3);
    expect(toDisplay(0, 'log10')).toBe(-Infinity);
    expect(toDisplay(-5, 'log10')).toBe(-Infinity);
    expect(toDisplay(Number.NaN, 'log10')).toBeNaN();
    expect(toDisplay(-5, 'linear')).toBe(-5);
    expect(fromDisplay(6.5, 'log10')).toBeCloseTo(3162277.66, 1);
  });

  it('normalise maps the range ends to 0 and 1 and clips outside', () => {
    const s = { scale: 'log10' as const, lo: 5.6, hi: 7.0 };
    expect(normalise(10 ** 5.6, s)).toBeCloseTo(0, 12);
    expect(normalise(10 ** 6.3, s)).toBeCloseTo(0.5, 12);
    expect(normalise(1e8, s)).toBe(1);
    expect(normalise(0, s)).toBe(0);
    expect(normalise(Number.NaN, s)).toBeNaN();
    const sym = { scale: 'symmetric' as const, lo: -500, hi: 500 };
    expect(normalise(0, sym)).toBe(0.5);
    expect(normalise(-600, sym)).toBe(0);
  });

  it('levels are equal bins with the top value in the top bin', () => {
    expect(levelOf(0, 256)).toBe(0);
    expect(levelOf(0.5, 256)).toBe(128);
    expect(levelOf(1, 256)).toBe(255);
    expect(levelOf(0.999, 10)).toBe(9);
    expect(tableIndexOfLevel(0, 253)).toBe(0);
    expect(tableIndexOfLevel(252, 253)).toBe(255);
    expect(tableIndexOfLevel(17, 256)).toBe(17);
  });

  it('a fixed range wins over the data', () => {
    expect(resolveScale(new Float32Array([1, 2, 3]), { colourTable: 'grey', scale: 'linear', range: [0, 6] })).toEqual({ scale: 'linear', lo: 0, hi: 6 });
  });

  it('without a range, uses the 1st and 99th percentiles of finite values', () => {
    const v = Float64Array.from({ length: 101 }, (_, i) => i);
    v[3] = Number.NaN; // ignored
    const s = resolveScale(v, { colourTable: 'grey', scale: 'linear' });
    // 100 finite values 0..100 without 3: p1 at rank 0.99 → between 0 and 1; p99 at rank 98.01 → 99.01.
    expect(s.lo).toBeCloseTo(0.99, 10);
    expect(s.hi).toBeCloseTo(99.01, 10);
  });

  it('symmetric scales without a range are centred on zero', () => {
    const v = Float64Array.from({ length: 201 }, (_, i) => i - 100);
    const s = resolveScale(v, { colourTable: 'diverging-current', scale: 'symmetric' });
    expect(s.lo).toBe(-s.hi);
    expect(s.hi).toBeCloseTo(99, 0);
  });

  it('log10 percentiles are taken in decades and ignore non-positive values', () => {
    const v = Float64Array.from([0, -1, 10, 100, 1000]);
    const s = resolveScale(v, { colourTable: 'aia-171', scale: 'log10' }, [0, 100]);
    expect([s.lo, s.hi]).toEqual([1, 3]);
  });

  it('degenerate and empty planes still give lo < hi', () => {
    const flat = resolveScale(new Float32Array(10).fill(7), { colourTable: 'grey', scale: 'linear' });
    expect(flat.lo).toBeLessThan(7);
    expect(flat.hi).toBeGreaterThan(7);
    const empty = resolveScale(new Float32Array(4).fill(Number.NaN), { colourTable: 'grey', scale: 'linear' });
    expect(empty.hi).toBeGreaterThan(empty.lo);
  });

  it('percentileOfSorted interpolates between ranks', () => {
    expect(percentileOfSorted([10, 20], 50)).toBe(15);
    expect(percentileOfSorted([5], 99)).toBe(5);
  });

  it('display units name the transform', () => {
    expect(displayUnits('cm-5', 'log10')).toBe('log10(cm-5)');
    expect(displayUnits('dimensionless', 'log10')).toBe('log10');
    expect(displayUnits('G', 'symmetric')).toBe('G');
  });
});
