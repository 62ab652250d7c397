import { describe, expect, it } from 'vitest';
import {
  LEAP_SECONDS,
  TimeFormatError,
  formatFitsDate,
  formatIsoUtcTai,
  formatJsocTime,
  formatJsocTimeTai,
  isInLeapSecond,
  julianDate,
  modifiedJulianDate,
  parseFitsDate,
  parseFitsDateTai,
  parseJsocTime,
  parseJsocTimeTai,
  parseSdoTime,
  taiMinusUtcSeconds,
  taiToUtcMs,
  utcToTaiMs,
  utcToTtMs,
} from './time.ts';

const utc = (iso: string): number => Date.parse(iso);

describe('leap seconds (IERS Bulletin C)', () => {
  it('has the 28 entries 1972-2017 ending at TAI − UTC = 37 s', () => {
    expect(LEAP_SECONDS).toHaveLength(28);
    expect(LEAP_SECONDS[0]).toEqual(['1972-01-01', 10]);
    expect(LEAP_SECONDS.at(-1)).toEqual(['2017-01-01', 37]);
    // 1972-07-01 to 2017-01-01: 27 inserted leap seconds, one per row after the first.
    LEAP_SECONDS.forEach(([, s], i) => expect(s).toBe(10 + i));
  });

  it('gives TAI − UTC on either side of known leap seconds', () => {
    expect(taiMinusUtcSeconds(utc('2011-02-15T00:00:00Z'))).toBe(34);
    expect(taiMinusUtcSeconds(utc('2012-06-30T23:59:59.999Z'))).toBe(34);
    expect(taiMinusUtcSeconds(utc('2012-07-01T00:00:00Z'))).toBe(35);
    expect(taiMinusUtcSeconds(utc('2014-03-01T00:00:00Z'))).toBe(35);
    expect(taiMinusUtcSeconds(utc('2016-12-31T23:59:59Z'))).toBe(36);
    expect(taiMinusUtcSeconds(utc('2017-01-01T00:00:00Z'))).toBe(37);
    expect(taiMinusUtcSeconds(utc('2025-06-01T00:00:00Z'))).toBe(37);
  });

  it('maps 2016-12-31T23:59:60 UTC to 2017-01-01T00:00:36 TAI and back', () => {
    const leapTai = parseFitsDateTai('2016-12-31T23:59:60');
    expect(new Date(leapTai).toISOString()).toBe('2017-01-01T00:00:36.000Z'); // TAI reading
    expect(isInLeapSecond(leapTai)).toBe(true);
    expect(isInLeapSecond(leapTai - 1)).toBe(false);
    expect(isInLeapSecond(leapTai + 1000)).toBe(false);
    expect(parseFitsDateTai('2016-12-31T23:59:59') + 1000).toBe(leapTai);
    expect(parseFitsDateTai('2017-01-01T00:00:00') - 1000).toBe(leapTai);
    expect(formatIsoUtcTai(leapTai + 500)).toBe('2016-12-31T23:59:60.500Z');
    expect(formatJsocTimeTai(leapTai, 'UTC')).toBe('2016.12.31_23:59:60_UTC');
    expect(formatJsocTimeTai(leapTai, 'TAI')).toBe('2017.01.01_00:00:36_TAI');
    expect(parseJsocTimeTai('2016.12.31_23:59:60.25_UTC')).toBe(leapTai + 250);
  });

  it('keeps POSIX UTC monotonic through a leap second', () => {
    const leapTai = parseFitsDateTai('2016-12-31T23:59:60');
    const midnight = utc('2017-01-01T00:00:00Z');
    expect(taiToUtcMs(leapTai - 1)).toBe(midnight - 1);
    expect(taiToUtcMs(leapTai + 400)).toBe(midnight);
    expect(taiToUtcMs(leapTai + 1000)).toBe(midnight);
    expect(taiToUtcMs(leapTai + 1001)).toBe(midnight + 1);
    expect(utcToTaiMs(midnight)).toBe(leapTai + 1000);
  });

  it('round-trips UTC ↔ TAI away from leap seconds', () => {
    for (const iso of ['1980-01-01T00:00:00Z', '2011-02-15T01:59:26Z', '2015-06-30T23:59:59.5Z', '2024-02-29T12:00:00Z']) {
      expect(taiToUtcMs(utcToTaiMs(utc(iso)))).toBe(utc(iso));
    }
  });

  it('rejects a second 60 that is not a leap second', () => {
    expect(() => parseFitsDate('2016-12-30T23:59:60')).toThrow(TimeFormatError);
    expect(() => parseJsocTime('2016.12.31_23:59:60_TAI')).toThrow(TimeFormatError);
    expect(() => parseFitsDate('2015-12-31T23:59:60')).toThrow(/leap second/);
  });
});

describe('JSOC time strings', () => {
  it('reads the SHARP T_REC 2011.02.15_02:00:00_TAI as 2011-02-15T01:59:26Z', () => {
    expect(parseJsocTime('2011.02.15_02:00:00_TAI')).toBe(utc('2011-02-15T01:59:26Z'));
  });

  it('reads the HMI T_OBS 2014.03.01_00:01:25_TAI (TAI − UTC = 35 s)', () => {
    expect(parseJsocTime('2014.03.01_00:01:25_TAI')).toBe(utc('2014-03-01T00:00:50Z'));
    expect(parseJsocTime('2014.03.01_00:01:25_UTC')).toBe(utc('2014-03-01T00:01:25Z'));
  });

  it('accepts the truncated and alias forms DRMS uses', () => {
    expect(parseJsocTime('2011.02.15_02:00_TAI')).toBe(utc('2011-02-15T01:59:26Z'));
    expect(parseJsocTime('2011.02.15_TAI')).toBe(utc('2011-02-14T23:59:26Z'));
    expect(parseJsocTime('2011.02.15_02_TAI')).toBe(utc('2011-02-15T01:59:26Z'));
    expect(parseJsocTime('2011.02.15_02:00:00.50_TAI')).toBe(utc('2011-02-15T01:59:26.500Z'));
    expect(parseJsocTime('2011.02.15_02:00:00_UT')).toBe(utc('2011-02-15T02:00:00Z'));
    expect(parseJsocTime('2011.02.15_02:00:00Z')).toBe(utc('2011-02-15T02:00:00Z'));
    expect(parseJsocTime('2011.02.15_02:00:00')).toBe(utc('2011-02-15T02:00:00Z')); // no zone: UTC
    // TT = TAI + 32.184 s.
    expect(parseJsocTime('2011.02.15_02:00:32.184_TT')).toBe(utc('2011-02-15T01:59:26Z'));
    expect(parseJsocTime('1977.01.01_00:00:00_TAI')).toBe(utc('1976-12-31T23:59:45Z'));
  });

  it('rejects malformed strings with a typed error naming the input', () => {
    for (const bad of ['', '2011-02-15_02:00:00_TAI', '2011.13.01_00:00:00_TAI', '2011.02.30_TAI', '2011.02.15_25:00_TAI',
      '2011.02.15_02:00:00_XYZ', '-4712.01.01_11:59:28_TAI']) {
      expect(() => parseJsocTime(bad)).toThrow(TimeFormatError);
    }
    expect(() => parseJsocTime('garbage')).toThrow(/"garbage"/);
  });

  it('formats UTC ms in TAI and UTC', () => {
    const t = utc('2011-02-15T01:59:26Z');
    expect(formatJsocTime(t, 'TAI')).toBe('2011.02.15_02:00:00_TAI');
    expect(formatJsocTime(t, 'UTC')).toBe('2011.02.15_01:59:26_UTC');
    expect(formatJsocTime(t + 340, 'TAI')).toBe('2011.02.15_02:00:00.34_TAI');
    expect(formatJsocTime(t + 340, 'TAI', 0)).toBe('2011.02.15_02:00:00_TAI');
    expect(formatJsocTime(t, 'TT')).toBe('2011.02.15_02:00:32.184_TT');
    expect(parseJsocTime(formatJsocTime(t + 123, 'TAI'))).toBe(t + 123);
  });
});

describe('FITS DATE-OBS strings', () => {
  it('reads the AIA DATE-OBS and T_OBS forms (with and without Z, fractional seconds)', () => {
    expect(parseFitsDate('2011-02-15T00:00:00.34')).toBe(utc('2011-02-15T00:00:00.340Z'));
    expect(parseFitsDate('2011-02-15T00:00:01.34Z')).toBe(utc('2011-02-15T00:00:01.340Z'));
    expect(parseFitsDate('2011-02-15')).toBe(utc('2011-02-15T00:00:00Z'));
    expect(parseFitsDate('2011-02-15T00:00')).toBe(utc('2011-02-15T00:00:00Z'));
    expect(parseFitsDate('2014-03-01T00:00:27.90')).toBe(utc('2014-03-01T00:00:27.900Z'));
    expect(parseFitsDate('2011-02-15T02:00:00', 'TAI')).toBe(utc('2011-02-15T01:59:26Z'));
  });

  it('reads both header forms through parseSdoTime', () => {
    expect(parseSdoTime('2014.03.01_00:01:25_TAI')).toBe(utc('2014-03-01T00:00:50Z'));
    expect(parseSdoTime('2011-02-15T00:00:01.34Z')).toBe(utc('2011-02-15T00:00:01.340Z'));
  });

  it('rejects malformed dates', () => {
    for (const bad of ['15/02/11', '2011-2-15', '2011-02-15T00:00:00+01:00', '2011-02-15 00:00:00']) {
      expect(() => parseFitsDate(bad)).toThrow(TimeFormatError);
    }
    expect(() => parseFitsDate('2011-02-15T00:00:00Z', 'TAI')).toThrow(TimeFormatError);
  });

  it('writes FITS date-times without a zone letter', () => {
    expect(formatFitsDate(utc('2011-02-15T01:59:26Z'))).toBe('2011-02-15T01:59:26.000');
    expect(formatFitsDate(utc('2011-02-15T01:59:26.999Z') + 0.6, 3)).toBe('2011-02-15T01:59:27.000');
    expect(formatFitsDate(utc('2011-02-15T23:59:59.6Z'), 0)).toBe('2011-02-16T00:00:00');
  });
});

describe('Julian dates and TT', () => {
  it('puts J2000.0 at JD 2451545.0 (TT) = 2000-01-01T11:58:55.816 UTC', () => {
    expect(julianDate(utcToTtMs(utc('2000-01-01T11:58:55.816Z')))).toBeCloseTo(2_451_545.0, 9);
    expect(julianDate(utc('1970-01-01T00:00:00Z'))).toBe(2_440_587.5);
    expect(modifiedJulianDate(utc('1858-11-17T00:00:00Z'))).toBeCloseTo(0, 9);
  });

  it('has TT − UTC = 32.184 s + TAI − UTC', () => {
    const t = utc('2011-02-15T00:00:00Z');
    expect(utcToTtMs(t) - t).toBe(34_000 + 32_184);
  });
});
