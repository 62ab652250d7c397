/**
 * Times as the pages show and read them: always UTC, ISO-like, never the browser's zone.
 *
 * @module
 */

/** `2026-11-25 12:00:00 UTC` (seconds dropped when `minutes`). */
export function formatUtc(ms: number, precision: 'seconds' | 'minutes' = 'seconds'): string {
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, precision === 'minutes' ? 16 : 19)} UTC`;
}

/** `2026-11-25T12:00:00Z` (API and HAPI times). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * A duration for humans, two units at most: `45 s`, `12 min`, `3 h 05 min`, `2 d 4 h`.
 * Negative durations (a forecast ahead of now) read `in 3 h 05 min`.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.round(Math.abs(seconds));
  let text: string;
  if (s < 60) text = `${s} s`;
  else if (s < 3600) text = `${Math.floor(s / 60)} min`;
  else if (s < 86400) text = `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  else text = `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  return seconds < 0 ? `in ${text}` : text;
}

/** The age of a map: `3 h 05 min old`, or `in 6 h 00 min (forecast)` ahead of now. */
export function formatAge(ageSeconds: number): string {
  return ageSeconds < 0 ? `${formatDuration(ageSeconds)} (ahead of now)` : `${formatDuration(ageSeconds)} old`;
}

const INPUT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/;

/**
 * Parse the value of a date/time field as UTC (`2026-11-25`, `2026-11-25T12:00`, with optional
 * seconds and Z); undefined when it is not a valid time.
 */
export function parseUtc(text: string): number | undefined {
  const m = INPUT_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const back = new Date(ms);
  // Reject 2026-02-31 and friends instead of rolling them over.
  if (back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return undefined;
  return ms;
}

/** The value for an `<input type="datetime-local">` that shows this instant in UTC. */
export function toUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
