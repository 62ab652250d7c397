import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatUtc, isoUtc, parseUtc, toUtcInput } from './time.ts';

describe('time formatting (UTC only)', () => {
  const t = Date.UTC(2026, 10, 25, 12, 3, 4);

  it('formats UTC whatever the zone', () => {
    expect(formatUtc(t)).toBe('2026-11-25 12:03:04 UTC');
    expect(formatUtc(t, 'minutes')).toBe('2026-11-25 12:03 UTC');
    expect(isoUtc(t)).toBe('2026-11-25T12:03:04Z');
    expect(formatUtc(Number.NaN)).toBe('—');
  });

  it('formats durations with two units at most', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min');
    expect(formatDuration(3 * 3600 + 5 * 60 + 59)).toBe('3 h 05 min');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 600)).toBe('2 d 4 h');
    expect(formatDuration(-6 * 3600)).toBe('in 6 h 00 min');
    expect(formatAge(3600)).toBe('1 h 00 min old');
    expect(formatAge(-3600)).toBe('in 1 h 00 min (ahead of now)');
  });

  it('parses field values as UTC and rejects impossible dates', () => {
    expect(parseUtc('2026-11-25T12:03')).toBe(Date.UTC(2026, 10, 25, 12, 3));
    expect(parseUtc('2026-11-25')).toBe(Date.UTC(2026, 10, 25));
    expect(parseUtc('2026-11-25T12:03:04Z')).toBe(t);
    expect(parseUtc('2026-02-31')).toBeUndefined();
    expect(parseUtc('2026-11-25T24:00')).toBeUndefined();
    expect(parseUtc('yesterday')).toBeUndefined();
    expect(toUtcInput(t)).toBe('2026-11-25T12:03');
  });
});
