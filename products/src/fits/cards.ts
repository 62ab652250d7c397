/**
 * Header card formatting for the writer (FITS 4.0 section 4): fixed-format values right-justified
 * to column 30, strings quoted with '' escapes and at least 8 characters, long strings split with
 * the CONTINUE convention (section 4.2.1.2), commentary text wrapped over several cards.
 * Anything that cannot be written as a standard card raises a FitsError.
 *
 * @module
 */
import { FitsError } from './errors.ts';
import type { CardValue, FitsCard } from './header.ts';

const KEY = /^[A-Z0-9_-]{1,8}$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
/** Date-valued keywords that must hold ISO-8601 (FITS 4.0 section 9.1.1) to be read without warnings. */
const DATE_KEYS = /^(DATE|DATE-OBS|DATE-BEG|DATE-END|DATE-AVG|DATEREF|DATE_OBS)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?$/;

/** Longest string that fits on one card: 80 - 10 (key, "= ") - 2 quotes. */
const MAX_INLINE_STRING = 68;

/** Format one card as one or more 80-character records. `where` names the HDU for errors. */
export function formatCard(card: FitsCard, hdu?: number): string[] {
  const key = card.key;
  const where = { hdu, keyword: key };
  if (!KEY.test(key) && key !== '') {
    throw new FitsError(`invalid keyword ${JSON.stringify(key)} (1-8 characters A-Z, 0-9, _ or -)`, where);
  }
  if (COMMENTARY.has(key)) return formatCommentary(key, card.value, hdu);
  if (card.comment !== undefined) checkText(card.comment, 'comment', where);
  const value = card.value ?? null;
  if (typeof value === 'string') {
    checkText(value, 'value', where);
    if (DATE_KEYS.test(key) && !ISO_DATE.test(value)) {
      throw new FitsError(`${key} must be an ISO-8601 date 'YYYY-MM-DD[Thh:mm:ss[.s]]', got ${JSON.stringify(value)}`, where);
    }
    return formatString(key, value, card.comment);
  }
  return [withComment(`${key.padEnd(8)}= ${formatScalar(value, where).padStart(20)}`, card.comment)];
}

/** True when the string value needs CONTINUE cards. */
export function isLongString(card: FitsCard): boolean {
  return typeof card.value === 'string' && !COMMENTARY.has(card.key) && card.value.replace(/'/g, "''").length > MAX_INLINE_STRING;
}

function formatScalar(value: Exclude<CardValue, string>, where: { hdu?: number; keyword: string }): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (!Number.isFinite(value)) {
    throw new FitsError(`${value} cannot be written as a FITS value (no NaN or infinity in headers)`, where);
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return formatReal(value);
}

/** Shortest round-trip decimal, with a decimal point and an upper-case exponent ("1.0E-7"). */
export function formatReal(value: number): string {
  const [mantissa, exponent] = String(value).split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? m : `${m}E${exponent}`;
}

function formatString(key: string, value: string, comment: string | undefined): string[] {
  const escaped = value.replace(/'/g, "''");
  if (escaped.length <= MAX_INLINE_STRING) {
    // As astropy formats it (value field padded to column 30), so astropy's checksum
    // verification, which re-formats a modified CHECKSUM card, sees the same bytes.
    return [withComment(`${key.padEnd(8)}= ${`'${escaped.padEnd(8)}'`.padEnd(20)}`, comment)];
  }
  // CONTINUE convention: every piece but the last ends with '&'; never split an escaped quote.
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > 0) {
    let take = Math.min(rest.length, MAX_INLINE_STRING - 1);
    while (rest.slice(0, take).replace(/'/g, "''").length > MAX_INLINE_STRING - 1) take--;
    pieces.push(rest.slice(0, take).replace(/'/g, "''"));
    rest = rest.slice(take);
  }
  const records = pieces.map((p, i) => `${i === 0 ? `${key.padEnd(8)}= ` : 'CONTINUE  '}'${p}${i < pieces.length - 1 ? '&' : ''}'`);
  if (comment) {
    const last = records[records.length - 1];
    if (last.length + 3 + comment.length <= 80) {
      records[records.length - 1] = withComment(last, comment);
    } else {
      records[records.length - 1] = `${last.slice(0, -1)}&'`;
      records.push(withComment("CONTINUE  ''", comment));
    }
  }
  return records.map((r) => r.padEnd(80));
}

function formatCommentary(key: string, value: CardValue | undefined, hdu?: number): string[] {
  const text = value === undefined || value === null ? '' : String(value);
  checkText(text, 'text', { hdu, keyword: key });
  // Wrap at word boundaries (the space at a break is dropped), hard-break words over 72 characters.
  const width = 72;
  const records: string[] = [];
  let rest = text;
  do {
    let cut = rest.length <= width ? rest.length : rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = Math.min(width, rest.length);
    records.push(`${key.padEnd(8)}${rest.slice(0, cut)}`.padEnd(80));
    rest = rest.slice(cut).replace(/^ /, '');
  } while (rest.length > 0);
  return records;
}

function withComment(record: string, comment: string | undefined): string {
  if (!comment || record.length > 77) return record.padEnd(80);
  return `${record} / ${comment}`.slice(0, 80).padEnd(80);
}

function checkText(text: string, what: string, where: { hdu?: number; keyword: string }): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      throw new FitsError(`${what} contains a character outside printable ASCII at position ${i}`, where);
    }
  }
}
