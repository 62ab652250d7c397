/**
 * Time scales for solar geometry: UTC, TAI and TT, leap seconds, Julian dates, and the two string
 * forms found in SDO headers (JSOC `2011.02.15_02:00:00_TAI`, FITS `2011-02-15T00:00:00.34`).
 *
 * Representation. A "UTC ms" value is POSIX time (milliseconds since 1970-01-01T00:00:00 UTC with
 * leap seconds not counted), i.e. what `Date.UTC` and `Date.parse` return. A "TAI ms" value counts
 * every SI second: it is the TAI calendar reading 1970-01-01T00:00:00 TAI plus the elapsed time, so
 * `new Date(taiMs).toISOString()` prints the TAI calendar reading. Positive leap seconds have no
 * POSIX representation: an instant inside `23:59:60` maps to the UTC ms of the next midnight
 * (the POSIX clock stays there for one second), so `taiToUtcMs` never goes backwards and
 * `utcToTaiMs(taiToUtcMs(t)) = t` everywhere outside leap seconds. Use the `...Tai` parse and format
 * functions when a leap second itself must be represented exactly.
 *
 * Sources: IERS Bulletin C (leap seconds; the table below is complete to the latest announcement);
 * TT = TAI + 32.184 s (IAU 1991 / 2000); the JSOC time-string syntax of DRMS `sscan_time`
 * (`yyyy.mm.dd_hh:mm:ss_ZONE`, with truncated forms); FITS 4.0 section 9.1.1 (ISO 8601 datetime).
 *
 * @module
 */

/** Error for malformed or out-of-range time input: says what was wrong and with which text. */
export class TimeFormatError extends Error {
  override readonly name = 'TimeFormatError';
  constructor(
    message: string,
    /** The offending input text (or number rendered as text). */
    readonly input: string,
  ) {
    super(`${message}: ${JSON.stringify(input)}`);
  }
}

/** Milliseconds per day. */
export const MS_PER_DAY = 86_400_000;
/** TT − TAI in milliseconds (exact by definition). */
export const TT_MINUS_TAI_MS = 32_184;
/** Julian date of the POSIX epoch 1970-01-01T00:00:00 (in whatever scale the ms are counted). */
export const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0 (2000-01-01T12:00:00 TT). */
export const JD_J2000 = 2_451_545.0;
/** Modified Julian date offset: MJD = JD − 2 400 000.5. */
export const MJD_OFFSET = 2_400_000.5;

/**
 * TAI − UTC since 1972-01-01 (IERS Bulletin C): `[UTC date from which the value holds, seconds]`.
 * The last leap second was inserted at the end of 2016-12-31 (23:59:60 UTC); every Bulletin C
 * published since has announced no further leap second, so TAI − UTC = 37 s to date. Append a row
 * here if one is ever announced (the CGPM decided in 2022 to stop them by 2035).
 */
export const LEAP_SECONDS: ReadonlyArray<readonly [isoDate: string, taiMinusUtcS: number]> = [
  ['1972-01-01', 10],
  ['1972-07-01', 11],
  ['1973-01-01', 12],
  ['1974-01-01', 13],
  ['1975-01-01', 14],
  ['1976-01-01', 15],
  ['1977-01-01', 16],
  ['1978-01-01', 17],
  ['1979-01-01', 18],
  ['1980-01-01', 19],
  ['1981-07-01', 20],
  ['1982-07-01', 21],
  ['1983-07-01', 22],
  ['1985-07-01', 23],
  ['1988-01-01', 24],
  ['1990-01-01', 25],
  ['1991-01-01', 26],
  ['1992-07-01', 27],
  ['1993-07-01', 28],
  ['1994-07-01', 29],
  ['1996-01-01', 30],
  ['1997-07-01', 31],
  ['1999-01-01', 32],
  ['2006-01-01', 33],
  ['2009-01-01', 34],
  ['2012-07-01', 35],
  ['2015-07-01', 36],
  ['2017-01-01', 37],
];

/** UTC ms at which each LEAP_SECONDS entry takes effect, and the offsets in ms (parallel arrays). */
const LEAP_START_UTC_MS = LEAP_SECONDS.map(([date]) => Date.parse(`${date}T00:00:00Z`));
const LEAP_OFFSET_MS = LEAP_SECONDS.map(([, s]) => s * 1000);
/** TAI ms at which each entry takes effect (= end of the preceding leap second). */
const LEAP_START_TAI_MS = LEAP_START_UTC_MS.map((utc, i) => utc + LEAP_OFFSET_MS[i]);

function assertFinite(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new TimeFormatError(`${what} must be a finite number of milliseconds`, String(ms));
}

/** Index of the last entry whose start (in `starts`) is ≤ t, or −1 before the table. */
function entryIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (t < starts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * TAI − UTC in seconds at a UTC instant (IERS Bulletin C). Before 1972 UTC was not an integer
 * offset from TAI (1961-1971 "rubber seconds", and UT before that); the 1972 value of 10 s is
 * returned there, which is good to about 10 s: enough for Carrington rotation epochs, not for
 * precise pre-1972 timing.
 */
export function taiMinusUtcSeconds(utcMs: number): number {
  assertFinite(utcMs, 'UTC time');
  const i = entryIndex(LEAP_START_UTC_MS, utcMs);
  return i < 0 ? LEAP_SECONDS[0][1] : LEAP_SECONDS[i][1];
}

/** UTC ms (POSIX) → TAI ms. */
export function utcToTaiMs(utcMs: number): number {
  return utcMs + taiMinusUtcSeconds(utcMs) * 1000;
}

/**
 * TAI ms → UTC ms (POSIX). An instant inside a leap second returns the UTC ms of the following
 * midnight (see the module note).
 */
export function taiToUtcMs(taiMs: number): number {
  assertFinite(taiMs, 'TAI time');
  const i = entryIndex(LEAP_START_TAI_MS, taiMs);
  if (i < 0) return taiMs - LEAP_OFFSET_MS[0];
  const utc = taiMs - LEAP_OFFSET_MS[i];
  const next = LEAP_START_UTC_MS[i + 1];
  // Between the previous offset's end and this one's start lies the leap second itself.
  return next !== undefined && utc > next ? next : utc;
}

/** True when the TAI instant falls inside an inserted leap second (`23:59:60.x` UTC). */
export function isInLeapSecond(taiMs: number): boolean {
  const i = entryIndex(LEAP_START_TAI_MS, taiMs);
  const next = LEAP_START_UTC_MS[i + 1];
  return i >= 0 && next !== undefined && taiMs - LEAP_OFFSET_MS[i] >= next;
}

/** UTC ms → TT ms (TT = TAI + 32.184 s). */
export function utcToTtMs(utcMs: number): number {
  return utcToTaiMs(utcMs) + TT_MINUS_TAI_MS;
}

/** TT ms → UTC ms. */
export function ttToUtcMs(ttMs: number): number {
  return taiToUtcMs(ttMs - TT_MINUS_TAI_MS);
}

/**
 * Julian date of a millisecond count, in the same time scale as the input (pass TT ms to get a
 * JD(TT), UTC ms for a JD(UTC) as used by JSOC/SSW). JD = ms / 86 400 000 + 2 440 587.5.
 */
export function julianDate(ms: number): number {
  return ms / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Inverse of {@link julianDate}. */
export function msFromJulianDate(jd: number): number {
  return (jd - JD_UNIX_EPOCH) * MS_PER_DAY;
}

/** Modified Julian date (same scale as the input ms). */
export function modifiedJulianDate(ms: number): number {
  return ms / MS_PER_DAY + (JD_UNIX_EPOCH - MJD_OFFSET);
}

/** Days of TT since J2000.0 (2000-01-01T12:00:00 TT) for a UTC instant. */
export function daysSinceJ2000Tt(utcMs: number): number {
  return julianDate(utcToTtMs(utcMs)) - JD_J2000;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Time scales accepted in strings. `UT` and `Z` are read as UTC, `TDT` as TT (JSOC aliases). */
export type TimeScale = 'UTC' | 'TAI' | 'TT';

interface CalendarFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Seconds including the fraction (may reach 60.x for a UTC leap second). */
  second: number;
}

const ZONE_ALIASES: Record<string, TimeScale> = {
  UTC: 'UTC',
  UT: 'UTC',
  Z: 'UTC',
  TAI: 'TAI',
  TT: 'TT',
  TDT: 'TT',
};

/**
 * Calendar fields in a time scale → TAI ms. Validates ranges; accepts second 60 only for UTC on a
 * day that ends with a leap second.
 */
function fieldsToTaiMs(f: CalendarFields, scale: TimeScale, input: string): number {
  const { year, month, day, hour, minute, second } = f;
  if (month < 1 || month > 12) throw new TimeFormatError('month out of range', input);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw new TimeFormatError('day out of range', input);
  if (hour > 24 || minute > 59 || (hour === 24 && (minute > 0 || second > 0)))
    throw new TimeFormatError('time of day out of range', input);
  // Microsecond rounding keeps decimal fractions exact in ms ("00.34" → 340 ms, not 340.00000000000006).
  const secondMs = Math.round(second * 1e6) / 1e3;
  const dayStart = Date.UTC(year, month - 1, day);
  if (second >= 60) {
    const nextMidnight = dayStart + MS_PER_DAY;
    const leapHere = scale === 'UTC' && hour === 23 && minute === 59 && second < 61 &&
      taiMinusUtcSeconds(nextMidnight) > taiMinusUtcSeconds(nextMidnight - 1);
    if (!leapHere) throw new TimeFormatError('second 60 is only valid in a UTC leap second', input);
    // 23:59:60.x = (23:59:59 in TAI) + 1 s + x.
    return utcToTaiMs(nextMidnight - 1000) + (secondMs - 59_000);
  }
  const naive = dayStart + (hour * 60 + minute) * 60_000 + secondMs;
  if (!Number.isFinite(naive)) throw new TimeFormatError('date out of range', input);
  switch (scale) {
    case 'TAI':
      return naive;
    case 'TT':
      return naive - TT_MINUS_TAI_MS;
    case 'UTC':
      return utcToTaiMs(naive);
  }
}

// JSOC: yyyy.mm.dd[_hh[:mm[:ss[.fff]]]][_ZONE]; DRMS also accepts a 'T' or '_' before the time and
// a zone glued with '_' (or a bare 'Z'). Truncated forms default to 00 for the missing fields.
const JSOC_RE =
  /^\s*(\d{4})\.(\d{1,2})\.(\d{1,2})(?:[_T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?)?)?(?:_?(TAI|UTC|UT|TT|TDT|Z))?\s*$/i;
// FITS / ISO 8601: yyyy-mm-dd[Thh:mm[:ss[.fff]]][Z]. Hours without minutes are tolerated.
const ISO_RE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2}(?:\.\d*)?))?)?)?(Z)?\s*$/;

function matchToFields(m: RegExpExecArray): CalendarFields {
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  };
}

/**
 * Parses a JSOC time string to TAI ms (exact, leap seconds included). Forms:
 * `2011.02.15_02:00:00_TAI`, `2014.03.01_00:01:25.50_TAI`, `2011.02.15_02:00_TAI`, `2011.02.15_TAI`,
 * `2016.12.31_23:59:60_UTC`, `..._UT`, `..._Z`, `..._TT`/`_TDT`. Without a zone DRMS assumes UTC.
 * @throws TimeFormatError for anything else (including JSOC's missing-time value `-4712.01.01...`).
 */
export function parseJsocTimeTai(text: string): number {
  const m = JSOC_RE.exec(text);
  if (!m) throw new TimeFormatError('not a JSOC time string (yyyy.mm.dd_hh:mm:ss_TAI)', text);
  const scale = m[7] === undefined ? 'UTC' : ZONE_ALIASES[m[7].toUpperCase()];
  return fieldsToTaiMs(matchToFields(m), scale, text);
}

/** Parses a JSOC time string (see {@link parseJsocTimeTai}) to UTC ms (POSIX). */
export function parseJsocTime(text: string): number {
  return taiToUtcMs(parseJsocTimeTai(text));
}

/**
 * Parses a FITS/ISO date-time (`DATE-OBS`, `T_OBS` of AIA, `DATE`) to TAI ms: `2011-02-15T00:00:00.34`,
 * `2011-02-15T00:00:01.34Z`, `2011-02-15` (midnight), `2016-12-31T23:59:60.5`. The string's scale is
 * `scale` (the header's TIMESYS; default UTC, as for AIA and HMI DATE-OBS); a trailing `Z` forces UTC.
 */
export function parseFitsDateTai(text: string, scale: TimeScale = 'UTC'): number {
  const m = ISO_RE.exec(text);
  if (!m) throw new TimeFormatError('not a FITS date-time (yyyy-mm-ddThh:mm:ss[.s])', text);
  if (m[7] === 'Z' && scale !== 'UTC') throw new TimeFormatError(`a 'Z' time cannot be in ${scale}`, text);
  return fieldsToTaiMs(matchToFields(m), scale, text);
}

/** Parses a FITS/ISO date-time (see {@link parseFitsDateTai}) to UTC ms (POSIX). */
export function parseFitsDate(text: string, scale: TimeScale = 'UTC'): number {
  return taiToUtcMs(parseFitsDateTai(text, scale));
}

/**
 * Parses either form (JSOC or FITS/ISO) to UTC ms: convenient for header keywords such as `T_OBS`
 * that are JSOC strings for HMI (`2014.03.01_00:01:25_TAI`) and ISO strings for AIA
 * (`2011-02-15T00:00:01.34Z`).
 */
export function parseSdoTime(text: string): number {
  return JSOC_RE.test(text) ? parseJsocTime(text) : parseFitsDate(text);
}

// ---------------------------------------------------------------------------------------------
// Formatting

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Calendar reading of a TAI instant in a scale, with the second possibly 60 in a UTC leap second.
 * `fractionDigits` rounds the seconds (carrying into minutes and days when needed).
 */
function calendarReading(taiMs: number, scale: TimeScale, fractionDigits: number): { date: Date; secondText: string } {
  const unit = 10 ** (3 - fractionDigits); // ms per last printed digit
  if (scale === 'UTC' && isInLeapSecond(taiMs)) {
    const nextMidnight = taiToUtcMs(taiMs);
    const into = Math.round((taiMs - (utcToTaiMs(nextMidnight) - 1000)) / unit) * unit;
    if (into < 1000) return { date: new Date(nextMidnight - 1000), secondText: secondsText(60_000 + into, fractionDigits) };
  }
  const naive = scale === 'TAI' ? taiMs : scale === 'TT' ? taiMs + TT_MINUS_TAI_MS : taiToUtcMs(taiMs);
  const date = new Date(Math.round(naive / unit) * unit);
  return { date, secondText: secondsText(date.getUTCSeconds() * 1000 + date.getUTCMilliseconds(), fractionDigits) };
}

function secondsText(ms: number, fractionDigits: number): string {
  const whole = Math.floor(ms / 1000);
  if (fractionDigits === 0) return pad(whole);
  const frac = String(Math.round(ms - whole * 1000)).padStart(3, '0').slice(0, fractionDigits);
  return `${pad(whole)}.${frac}`;
}

function autoDigits(taiMs: number): number {
  const ms = Math.round(((taiMs % 1000) + 1000) % 1000);
  if (ms === 0 || ms === 1000) return 0;
  if (ms % 100 === 0) return 1;
  if (ms % 10 === 0) return 2;
  return 3;
}

function checkDigits(fractionDigits: number): void {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 3)
    throw new TimeFormatError('fractionDigits must be 0, 1, 2 or 3', String(fractionDigits));
}

/**
 * Formats a TAI instant as a JSOC time string, e.g. `2011.02.15_02:00:00_TAI` or
 * `2016.12.31_23:59:60_UTC`. Seconds carry as many decimals as needed (up to ms) unless
 * `fractionDigits` is given.
 */
export function formatJsocTimeTai(taiMs: number, scale: TimeScale = 'TAI', fractionDigits?: number): string {
  assertFinite(taiMs, 'TAI time');
  const digits = fractionDigits ?? autoDigits(scale === 'TT' ? taiMs + TT_MINUS_TAI_MS : taiMs);
  checkDigits(digits);
  const { date, secondText } = calendarReading(taiMs, scale, digits);
  return (
    `${pad(date.getUTCFullYear(), 4)}.${pad(date.getUTCMonth() + 1)}.${pad(date.getUTCDate())}_` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${secondText}_${scale}`
  );
}

/** Formats a UTC ms (POSIX) instant as a JSOC time string in TAI or UTC (see {@link formatJsocTimeTai}). */
export function formatJsocTime(utcMs: number, scale: TimeScale = 'TAI', fractionDigits?: number): string {
  return formatJsocTimeTai(utcToTaiMs(utcMs), scale, fractionDigits);
}

/**
 * Formats a UTC ms instant as a FITS date-time without zone letter (FITS 4.0 §9.1.1), e.g.
 * `2011-02-15T01:59:26.000` (default 3 decimals) for DATE-OBS cards.
 */
export function formatFitsDate(utcMs: number, fractionDigits = 3): string {
  assertFinite(utcMs, 'UTC time');
  checkDigits(fractionDigits);
  const { date, secondText } = calendarReading(utcToTaiMs(utcMs), 'UTC', fractionDigits);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${secondText}`
  );
}

/** Formats a TAI instant as an ISO 8601 UTC string with `Z`, printing `:60` inside a leap second. */
export function formatIsoUtcTai(taiMs: number, fractionDigits = 3): string {
  assertFinite(taiMs, 'TAI time');
  checkDigits(fractionDigits);
  const { date, secondText } = calendarReading(taiMs, 'UTC', fractionDigits);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${secondText}Z`
  );
}
