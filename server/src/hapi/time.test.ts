import { describe, expect, it } from 'vitest';
import { ceilMs, civilFromDays, compareInstants, daysFromCivil, durationMs, formatHapiTime, isHapiTime, parseHapiTime } from './time.ts';

/** Expected instant as an ISO string with 9 fractional digits (our own notation for the table). */
function at(iso: string): { ms: number; ns: number } {
  const m = /^(.*)\.(\d{3})(\d{6})Z$/.exec(iso)!;
  return { ms: Date.parse(`${m[1]}.${m[2]}Z`), ns: Number(m[3]) };
}

// Vectors typed from the rules of HAPI 3.3 section 3.7.6 and the HAPIDateTime schema: every
// truncation of both date forms, with and without Z, fractions of 1 to 9 digits, hour 24, leap seconds.
const VALID: [string, string][] = [
  ['2017Z', '2017-01-01T00:00:00.000000000Z'],
  ['2017', '2017-01-01T00:00:00.000000000Z'],
  ['2017-02Z', '2017-02-01T00:00:00.000000000Z'],
  ['2017-02', '2017-02-01T00:00:00.000000000Z'],
  ['2017-02-28Z', '2017-02-28T00:00:00.000000000Z'],
  ['2017-02-28', '2017-02-28T00:00:00.000000000Z'],
  ['2016-02-29Z', '2016-02-29T00:00:00.000000000Z'],
  ['2000-02-29Z', '2000-02-29T00:00:00.000000000Z'],
  ['2017-01-15T23Z', '2017-01-15T23:00:00.000000000Z'],
  ['2017-01-15T23', '2017-01-15T23:00:00.000000000Z'],
  ['2017-01-15T23:59Z', '2017-01-15T23:59:00.000000000Z'],
  ['2017-01-15T23:59:58Z', '2017-01-15T23:59:58.000000000Z'],
  ['2017-01-15T23:59:58.1Z', '2017-01-15T23:59:58.100000000Z'],
  ['2017-01-15T23:59:58.12Z', '2017-01-15T23:59:58.120000000Z'],
  ['2017-01-15T23:59:58.123Z', '2017-01-15T23:59:58.123000000Z'],
  ['2017-01-15T23:59:58.1234Z', '2017-01-15T23:59:58.123400000Z'],
  ['2017-01-15T23:59:58.123456Z', '2017-01-15T23:59:58.123456000Z'],
  ['2017-01-15T23:59:58.123456789Z', '2017-01-15T23:59:58.123456789Z'],
  ['2017-01-15T23:59:58.123456789', '2017-01-15T23:59:58.123456789Z'],
  ['2017-015Z', '2017-01-15T00:00:00.000000000Z'],
  ['2017-015', '2017-01-15T00:00:00.000000000Z'],
  ['2017-001T00Z', '2017-01-01T00:00:00.000000000Z'],
  ['2017-059T12:30Z', '2017-02-28T12:30:00.000000000Z'],
  ['2017-060Z', '2017-03-01T00:00:00.000000000Z'],
  ['2016-060Z', '2016-02-29T00:00:00.000000000Z'],
  ['2016-366Z', '2016-12-31T00:00:00.000000000Z'],
  ['2017-365T23:59:59.999999999Z', '2017-12-31T23:59:59.999999999Z'],
  ['1999-12-31T24Z', '2000-01-01T00:00:00.000000000Z'],
  ['1999-12-31T24:00Z', '2000-01-01T00:00:00.000000000Z'],
  ['1999-12-31T24:00:00Z', '2000-01-01T00:00:00.000000000Z'],
  ['1999-12-31T24:00:00.000000000Z', '2000-01-01T00:00:00.000000000Z'],
  ['2016-366T24:00Z', '2017-01-01T00:00:00.000000000Z'],
  ['2015-06-30T23:59:60Z', '2015-07-01T00:00:00.000000000Z'],
  ['2015-06-30T23:59:60.5Z', '2015-07-01T00:00:00.000000000Z'],
  ['2016-12-31T23:59:60.999999999Z', '2017-01-01T00:00:00.000000000Z'],
  ['1972-06-30T23:59:60Z', '1972-07-01T00:00:00.000000000Z'],
  ['1972-12-31T23:59:60Z', '1973-01-01T00:00:00.000000000Z'],
  ['2012-182T23:59:60Z', '2012-07-01T00:00:00.000000000Z'],
  ['2015-181T23:59:60Z', '2015-07-01T00:00:00.000000000Z'],
  ['2016-366T23:59:60Z', '2017-01-01T00:00:00.000000000Z'],
  ['2005-365T23:59:60.25Z', '2006-01-01T00:00:00.000000000Z'],
  ['1970-01-01T00:00:00.000000001Z', '1970-01-01T00:00:00.000000001Z'],
  ['1700-01-01Z', '1700-01-01T00:00:00.000000000Z'],
  ['2100-12-31T23:59:59Z', '2100-12-31T23:59:59.000000000Z'],
];

const INVALID: string[] = [
  '',
  'Z',
  '17Z',
  '20170Z',
  '2017-1-15Z', // one-digit month
  '2017-01-5Z', // one-digit day
  '2017-13Z',
  '2017-00Z',
  '2017-01-00Z',
  '2017-01-32Z',
  '2017-02-29Z', // not a leap year
  '1900-02-29Z', // century, not a leap year
  '2000-02-30Z',
  '2017-04-31Z',
  '2017-000Z',
  '2017-366Z', // 2017 has 365 days
  '2016-367Z',
  '2017-01-15T25Z',
  '2017-01-15T23:60Z',
  '2017-01-15T23:59:61Z',
  '2017-01-15T24:01Z',
  '2017-01-15T24:00:01Z',
  '2017-01-15T24:00:00.001Z',
  '2017-01-15T23:59:60Z', // not a leap-second date
  '2015-06-30T23:58:60Z', // second 60 only at 23:59
  '2015-06-30T22:59:60Z',
  '1971-12-31T23:59:60Z', // the schema regex lists 1971, but UTC leap seconds began in 1972
  '1971-365T23:59:60Z',
  '2017-06-30T23:59:60Z',
  '2017-01-15T23:59:58.1234567890Z', // 10 fractional digits
  '2017-01-15T23:59:58.Z', // a point without digits
  '2017-01-15T23:59.5Z', // fraction of a minute
  '2017-01-15T2Z',
  '2017-01-15T23:5Z',
  '2017-01-15T23:59:5Z',
  '2017-01T12Z', // time needs a full date
  '2017T12Z',
  '2017-01-15T',
  '2017-01-15TZ',
  '2017-01-15 23:00Z',
  '2017-01-15t23:00Z',
  '2017-01-15T23:00z',
  '2017-01-15T23:00+00:00',
  '2017-01-15T23:00:00Z ',
  ' 2017-01-15',
  '2017/01/15',
  '20170115',
  '2017-01-15T230000Z',
  '+2017-01-15',
  '2017-W03',
  'now',
  '2017-01-15ZZ',
  '２０１７-01-15', // full-width digits
  '2017-01-15T23:00:00.000000000000000000000000000000Z',
];

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
