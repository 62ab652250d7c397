/**
 * HAPI time: the restricted ISO 8601 of the HAPI 3.3 specification (section 3.7.6), parsed and
 * formatted by our own code because no library handles all of it (STYLE.md section 5).
 *
 * Accepted forms, each truncatable from the right, with an optional trailing `Z` on input (input
 * without `Z` is UTC too):
 *
 *     YYYY-MM-DDThh:mm:ss.fffffffffZ    year, month, day
 *     YYYY-DDDThh:mm:ss.fffffffffZ      year, day of year
 *
 * e.g. `2017Z`, `2017-01Z`, `2017-015Z`, `2017-01-15T23Z`, `2017-015T23:59Z`. Missing fields take
 * their smallest value. Up to 9 fractional digits. Hour 24 only as `24`, `24:00`, `24:00:00` or
 * `24:00:00.000…` (the end of the day = 00:00 of the next day). Second 60 only at 23:59 of a real
 * leap-second date (a UTC day that ended with an inserted second). The `T` needs a full date.
 *
 * Instants are `{ ms, ns }`: milliseconds since 1970 on the POSIX time line (no leap seconds) plus
 * 0…999 999 nanoseconds inside that millisecond, so 9-digit inputs compare exactly. A time inside a
 * leap second (`23:59:60.x`) has no POSIX representation; it maps to 00:00 of the next day, which
 * keeps range semantics exact: it is after every `23:59:59.x` and equal to the next midnight, and no
 * stored record (whole POSIX milliseconds) can fall inside the leap second.
 *
 * @module
 */

/** A HAPI time as milliseconds since 1970-01-01 (POSIX) plus nanoseconds within the millisecond. */
export interface HapiInstant {
  ms: number;
  /** 0 … 999 999. */
  ns: number;
}

/** Why a string is not a HAPI time; messages describe the rule, never the input. */
export type HapiTimeResult = { ok: true; instant: HapiInstant } | { ok: false; reason: string };

const MS_PER_DAY = 86_400_000;

/**
 * The UTC days that ended with an inserted leap second (IERS Bulletin C; the last one was
 * 2016-12-31). Keyed as year*10000 + month*100 + day.
 */
const LEAP_SECOND_DAYS = new Set([
  19720630, 19721231, 19731231, 19741231, 19751231, 19761231, 19771231, 19781231, 19791231, 19810630, 19820630, 19830630,
  19850630, 19871231, 19891231, 19901231, 19920630, 19930630, 19940630, 19951231, 19970630, 19981231, 20051231, 20081231,
  20120630, 20150630, 20161231,
]);

// Groups: 1 year, 2 month, 3 day of month, 4 day of year, 5 hour, 6 minute, 7 second, 8 fraction, 9 Z.
const HAPI_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-(\d{3}))?(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z)?$/;

/** True for Gregorian leap years. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day number (inverse of `daysFromCivil`). */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * Parse a HAPI time (request `start`/`stop`, metadata dates). Returns the instant, or a reason that
 * names the broken rule without repeating the input (HAPI asks servers not to echo bad input).
 */
export function parseHapiTime(text: string): HapiTimeResult {
  const m = HAPI_TIME.exec(text);
  if (!m) return { ok: false, reason: 'use YYYY-MM-DDThh:mm:ss.sssZ or YYYY-DDDThh:mm:ss.sssZ, optionally truncated, e.g. 1999-03-01T12:30Z or 1999-060Z' };
  const [, ys, mos, ds, doys, hs, mins, ss, frac] = m;
  if (hs !== undefined && mos !== undefined && ds === undefined) return { ok: false, reason: 'a time of day needs a full date (YYYY-MM-DD or YYYY-DDD)' };
  if (hs !== undefined && mos === undefined && doys === undefined) return { ok: false, reason: 'a time of day needs a full date (YYYY-MM-DD or YYYY-DDD)' };

  const year = Number(ys);
  let day: number;
  let dateKey = 0;
  if (doys !== undefined) {
    const doy = Number(doys);
    const max = isLeapYear(year) ? 366 : 365;
    if (doy < 1 || doy > max) return { ok: false, reason: `day of year must be 001 to ${max} in that year` };
    day = daysFromCivil(year, 1, 1) + doy - 1;
    const c = civilFromDays(day);
    dateKey = c.y * 10_000 + c.m * 100 + c.d;
  } else {
    const month = mos === undefined ? 1 : Number(mos);
    if (month < 1 || month > 12) return { ok: false, reason: 'month must be 01 to 12' };
    const dom = ds === undefined ? 1 : Number(ds);
    const max = daysInMonth(year, month);
    if (dom < 1 || dom > max) return { ok: false, reason: `day of month must be 01 to ${max} in that month` };
    day = daysFromCivil(year, month, dom);
    dateKey = year * 10_000 + month * 100 + dom;
  }

  const hour = hs === undefined ? 0 : Number(hs);
  const minute = mins === undefined ? 0 : Number(mins);
  const second = ss === undefined ? 0 : Number(ss);
  const digits = frac ?? '';
  if (hour > 24) return { ok: false, reason: 'hour must be 00 to 23, or 24 for the end of the day' };
  if (minute > 59) return { ok: false, reason: 'minute must be 00 to 59' };
  if (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(digits))) {
    return { ok: false, reason: 'hour 24 is allowed only as 24:00:00 (the end of the day)' };
  }
  if (second === 60) {
    if (hour !== 23 || minute !== 59 || !LEAP_SECOND_DAYS.has(dateKey)) {
      return { ok: false, reason: 'second 60 is allowed only at 23:59 of a leap-second date' };
    }
    // Inside the leap second: no POSIX instant exists; the next midnight orders correctly.
    return { ok: true, instant: { ms: (day + 1) * MS_PER_DAY, ns: 0 } };
  }
  if (second > 59) return { ok: false, reason: 'second must be 00 to 59 (60 only in a leap second)' };

  const padded = digits.padEnd(9, '0');
  const fracMs = Number(padded.slice(0, 3));
  const ns = Number(padded.slice(3));
  const ms = day * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + fracMs;
  return { ok: true, instant: { ms, ns } };
}

/** True when `text` is a HAPI time; with `requireZ` (outgoing times) the trailing Z is mandatory. */
export function isHapiTime(text: string, opts: { requireZ?: boolean } = {}): boolean {
  if (opts.requireZ && !text.endsWith('Z')) return false;
  return parseHapiTime(text).ok;
}

/** Compare two instants: negative, zero or positive. */
export function compareInstants(a: HapiInstant, b: HapiInstant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}

/**
 * The smallest whole millisecond at or after the instant. Records have whole-millisecond times, so
 * `t >= instant` ⇔ `t >= ceilMs(instant)` and `t < instant` ⇔ `t < ceilMs(instant)`.
 */
export function ceilMs(t: HapiInstant): number {
  return t.ns > 0 ? t.ms + 1 : t.ms;
}

// ------------------------------------------------------------------ formatting

const PAD2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Length of the times we write: `YYYY-MM-DDThh:mm:ss.sssZ`. */
export const HAPI_TIME_LENGTH = 24;

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01). Years 0000 … 9999. */
export function dayPrefix(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${PAD2[m]}-${PAD2[d]}T`;
}

/** `hh:mm:ss.sssZ` of a millisecond of the day (0 … 86 399 999). */
export function timeOfDaySuffix(msOfDay: number): string {
  const s = Math.floor(msOfDay / 1000);
  return `${PAD2[Math.floor(s / 3600)]}:${PAD2[Math.floor(s / 60) % 60]}:${PAD2[s % 60]}.${PAD3[msOfDay - s * 1000]}Z`;
}

/**
 * The fixed-length (24 character) HAPI form `YYYY-MM-DDThh:mm:ss.sssZ` of whole milliseconds since
 * 1970 (fractions of a millisecond are dropped). Every time we output uses this one form.
 */
export function formatHapiTime(ms: number): string {
  const whole = Math.floor(ms);
  const day = Math.floor(whole / MS_PER_DAY);
  return dayPrefix(day) + timeOfDaySuffix(whole - day * MS_PER_DAY);
}

/** UTC day number (days since 1970-01-01) of a time in ms. */
export function dayOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export { MS_PER_DAY };

// ------------------------------------------------------------------ durations

const DURATION = /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?!$)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration such as `PT6H`, `P92D` or `P1Y2M`. Years count 365.25 days
 * and months 30.4375 days (their mean lengths): durations here are request limits and nominal
 * cadences, where that approximation is what the metadata means. Undefined for a malformed string.
 */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  return ((((y * 365.25 + mo * 30.4375 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
}
