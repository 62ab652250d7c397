import { describe, expect, it } from 'vitest';
import { createProgress, formatEta, progressLine } from './progress.ts';

describe('backfill progress', () => {
  it('estimates the time left from the mean time per map so far', () => {
    // 10 of 40 maps in 30 s: 3 s each, 30 maps left = 90 s.
    expect(progressLine(10, 40, 30_000, 'dem', 20)).toBe('[#####...............] 10/40 25% ETA 1m30s  dem');
    expect(progressLine(0, 5, 0)).toContain('ETA ?');
    expect(progressLine(5, 5, 1000)).toContain('100% ETA 0s');
    expect(formatEta(3725)).toBe('1h02m');
    expect(formatEta(42.4)).toBe('42s');
  });

  it('prints one line per tenth when not on a terminal', () => {
    const lines: string[] = [];
    let t = 0;
    const progress = createProgress({ write: (s: string) => lines.push(s), isTTY: false }, () => t);
    for (let i = 0; i <= 100; i++) {
      t = i * 100;
      progress(i, 100);
    }
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^\[#+\] 100\/100 100% ETA 0s\n$/);
  });
});
