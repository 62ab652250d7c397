/**
 * Conditional requests (RFC 9110 section 13): `If-Match`, `If-Unmodified-Since`, `If-None-Match`,
 * `If-Modified-Since` and `If-Range`, evaluated in the order of section 13.2.2. Shared by the
 * `/data` files and the cacheable `/api` answers.
 *
 * @module
 */

/** What identifies the current representation. */
export interface Validators {
  /** A strong (`"abc"`) or weak (`W/"abc"`) entity tag. */
  etag?: string;
  /** Last modification, ms since the epoch (HTTP dates have 1 s resolution). */
  lastModifiedMs?: number;
}

export type PreconditionOutcome = 'proceed' | 'not-modified' | 'precondition-failed';

interface HeaderSource {
  header(name: string): string | undefined;
}

/** An HTTP date (IMF-fixdate), e.g. `Wed, 25 Nov 2026 12:00:00 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** The entity tags of an If-Match / If-None-Match list (`*` stays as `*`). */
function parseTags(value: string): string[] {
  const tags = value.match(/(?:W\/)?"[^"]*"|\*/g);
  return tags ?? [];
}

const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);

// `*` matches any current representation; the callers only evaluate preconditions for one that exists.
function strongMatch(list: string, etag: string | undefined): boolean {
  const tags = parseTags(list);
  if (tags.includes('*')) return true;
  if (!etag || etag.startsWith('W/')) return false;
  return tags.some((t) => !t.startsWith('W/') && t === etag);
}

function weakMatch(list: string, etag: string | undefined): boolean {
  if (!etag) return false;
  return parseTags(list).some((t) => t === '*' || opaque(t) === opaque(etag));
}

/**
 * Evaluate the preconditions of a request against the current validators.
 * `not-modified` applies to GET and HEAD only (the caller answers 304), `precondition-failed` means 412.
 */
export function evaluatePreconditions(method: string, req: HeaderSource, v: Validators): PreconditionOutcome {
  const safe = method === 'GET' || method === 'HEAD';
  const ifMatch = req.header('if-match');
  if (ifMatch !== undefined) {
    if (!strongMatch(ifMatch, v.etag)) return 'precondition-failed';
  } else {
    const since = parseHttpDate(req.header('if-unmodified-since'));
    if (since !== undefined && v.lastModifiedMs !== undefined && seconds(v.lastModifiedMs) > seconds(since)) return 'precondition-failed';
  }
  const ifNoneMatch = req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (weakMatch(ifNoneMatch, v.etag)) return safe ? 'not-modified' : 'precondition-failed';
  } else if (safe) {
    const since = parseHttpDate(req.header('if-modified-since'));
    if (since !== undefined && v.lastModifiedMs !== undefined && seconds(v.lastModifiedMs) <= seconds(since)) return 'not-modified';
  }
  return 'proceed';
}

/**
 * Whether a Range request may be honoured given its `If-Range` (RFC 9110 section 13.1.5): yes
 * without If-Range; with an entity tag only when it matches strongly; with a date only when it
 * equals the last modification exactly.
 */
export function ifRangeAllows(req: HeaderSource, v: Validators): boolean {
  const value = req.header('if-range');
  if (value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) {
    return !trimmed.startsWith('W/') && v.etag !== undefined && !v.etag.startsWith('W/') && trimmed === v.etag;
  }
  const date = parseHttpDate(trimmed);
  return date !== undefined && v.lastModifiedMs !== undefined && seconds(date) === seconds(v.lastModifiedMs);
}
