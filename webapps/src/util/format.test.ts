import { describe, expect, it } from 'vitest';
import { formatBytes, formatValue } from './format.ts';

describe('number formatting', () => {
  it('keeps five significant digits and switches to exponents far from 1', () => {
    expect(formatValue(123.456789)).toBe('123.46');
    expect(formatValue(-0.0123456)).toBe('-0.012346');
    expect(formatValue(1.5e27)).toBe('1.5000e+27');
    expect(formatValue(2.5e-5)).toBe('2.5000e-5');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(Number.NaN)).toBe('NaN');
  });
  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(12_595), formatBytes(4_718_592)]).toEqual(['512 B', '12.3 KB', '4.5 MB']);
  });
});
