import { describe, expect, it } from 'vitest';
import { INVALID, VALID } from './testing/time-vectors.ts';
import { ceilMs, civilFromDays, compareInstants, daysFromCivil, durationMs, formatHapiTime, isHapiTime, parseHapiTime } from './time.ts';

/** Expected instant as an ISO string with 9 fractional digits (our own notation for the table). */
function at(iso: string): { ms: number; ns: number } {
  const m = /^(.*)\.(\d{3})(\d{6})Z$/.exec(iso)!;
  return { ms: Date.parse(`${m[1]}.${m[2]}Z`), ns: Number(m[3]) };
}

describe('parseHapiTime', () => {
  it.each(VALID)('accepts %s', (text, expected) => {
    const r = parseHapiTime(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.instant).toEqual(at(expected));
  });

  it.each(INVALID)('rejects %j with a reason that does not repeat the input', (text) => {
    const r = parseHapiTime(text);
    expect(r.ok).toBe(false);
    if (!r.ok && text.length > 3) expect(r.reason).not.toContain(text);
  });

  it('has at least 60 table vectors', () => {
    expect(VALID.length + INVALID.length).toBeGreaterThanOrEqual(60);
  });

  it('parses month-day and day-of-year forms of every day of a leap and a common year to the same instant', () => {
    for (const year of [2016, 2017]) {
      const days = year === 2016 ? 366 : 365;
      for (let doy = 1; doy <= days; doy++) {
        const d = new Date(Date.UTC(year, 0, doy));
        const ymd = d.toISOString().slice(0, 10);
        const a = parseHapiTime(`${ymd}T12:34:56.789Z`);
        const b = parseHapiTime(`${year}-${String(doy).padStart(3, '0')}T12:34:56.789Z`);
        expect(a.ok && b.ok && a.instant.ms === b.instant.ms).toBe(true);
        expect(a.ok && a.instant.ms).toBe(d.getTime() + 45_296_789);
      }
    }
  });

  it('orders nanoseconds and rounds up to whole milliseconds for record bounds', () => {
    const a = parseHapiTime('2020-01-01T00:00:00.000000001Z');
    const b = parseHapiTime('2020-01-01T00:00:00.000000002Z');
    expect(a.ok && b.ok && compareInstants(a.instant, b.instant) < 0).toBe(true);
    if (a.ok) expect(ceilMs(a.instant)).toBe(Date.UTC(2020, 0, 1) + 1);
    const c = parseHapiTime('2020-01-01T00:00:00.001Z');
    if (c.ok) expect(ceilMs(c.instant)).toBe(Date.UTC(2020, 0, 1) + 1);
  });

  it('isHapiTime can require the trailing Z of outgoing times', () => {
    expect(isHapiTime('2020-01-01T00:00:00.000Z', { requireZ: true })).toBe(true);
    expect(isHapiTime('2020-01-01T00:00:00.000', { requireZ: true })).toBe(false);
    expect(isHapiTime('2020-01-01T00:00:00.000')).toBe(true);
  });
});

describe('formatHapiTime', () => {
  it('writes 24 characters that Date agrees with, across centuries and month ends', () => {
    for (const iso of ['1970-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '2000-02-29T12:00:00.001Z', '2100-03-01T00:00:00.000Z', '1700-01-01T00:00:00.000Z']) {
      expect(formatHapiTime(Date.parse(iso))).toBe(iso);
    }
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor((i * 7_919_993_117.3) % 4_102_444_800_000);
      const s = formatHapiTime(ms);
      expect(s).toHaveLength(24);
      expect(s).toBe(new Date(ms).toISOString());
      expect(parseHapiTime(s)).toEqual({ ok: true, instant: { ms, ns: 0 } });
    }
  });

  it('round-trips civil dates, including year 0 and before 1970', () => {
    for (const [y, m, d] of [[0, 3, 1], [1, 1, 1], [1969, 12, 31], [1600, 2, 29], [9999, 12, 31]]) {
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ y, m, d });
    }
    expect(formatHapiTime(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
});

describe('durationMs', () => {
  it('reads day, time and mixed durations', () => {
    expect(durationMs('PT6H')).toBe(6 * 3_600_000);
    expect(durationMs('P92D')).toBe(92 * 86_400_000);
    expect(durationMs('PT12M')).toBe(720_000);
    expect(durationMs('P1DT0.5S')).toBe(86_400_500);
    expect(durationMs('P1W')).toBe(7 * 86_400_000);
  });
  it('rejects malformed durations', () => {
    for (const bad of ['P', 'PT', '6H', 'P1H', 'PT1D', 'P-1D', '']) expect(durationMs(bad)).toBeUndefined();
  });
});
