/**
 * FITS headers: the `FitsHeader` keyword store and the card parser (FITS 4.0 section 4).
 *
 * Parsing is lenient where real SDO archives are non-standard but unambiguous (lower-case
 * exponents, bare `nan`, D exponents) and strict where a mistake would corrupt data: non-ASCII
 * bytes, unterminated strings, invalid keyword names, structural keywords without a value, and a
 * header without END all raise a located `FitsError`.
 *
 * @module
 */
import { FitsError, type FitsErrorLocation } from './errors.ts';

/** A keyword value: string, number (integer or real), logical, or null for an undefined value. */
export type CardValue = string | number | boolean | null;

/**
 * One header card. Value cards have `value` (null = undefined value); commentary cards
 * (COMMENT, HISTORY, blank keyword) carry their text in `value`. Long strings written with the
 * CONTINUE convention are merged into one card.
 */
export interface FitsCard {
  key: string;
  value?: CardValue;
  comment?: string;
}

/** Keywords that structure the file; a card with one of these names must carry a value. */
const STRUCTURAL = /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|TFIELDS|TFORM\d+|THEAP|ZIMAGE|ZBITPIX|ZNAXIS\d*|ZTILE\d+|ZCMPTYPE|BSCALE|BZERO|BLANK)$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
const KEYWORD_CHARS = /^[A-Z0-9_-]*$/;
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/;
const NON_FINITE: Record<string, number> = { NAN: NaN, '+NAN': NaN, '-NAN': NaN, INF: Infinity, '+INF': Infinity, '-INF': -Infinity };

/** An ordered list of cards with fast keyword look-up (first occurrence wins, as in astropy). */
export class FitsHeader {
  readonly cards: FitsCard[];
  private index = new Map<string, number>();
  private indexedLength = -1;

  constructor(cards: FitsCard[] = []) {
    this.cards = cards;
  }

  /** Parse a header given as text: one card per line (as JSOC `.header` files) or 80-column records. */
  static fromText(text: string, source?: string): FitsHeader {
    return new FitsHeader(parseHeaderText(text, source));
  }

  /** The value of the first card with this keyword (case-insensitive), or undefined. */
  get(key: string): CardValue | undefined {
    const i = this.lookup(key);
    return i === undefined ? undefined : this.cards[i].value;
  }

  /** The card itself (value and comment), or undefined. */
  card(key: string): FitsCard | undefined {
    const i = this.lookup(key);
    return i === undefined ? undefined : this.cards[i];
  }

  /** A numeric value; undefined when absent or not a number (a quoted '1.0' is a string). */
  number(key: string): number | undefined {
    const v = this.get(key);
    return typeof v === 'number' ? v : undefined;
  }

  /** A string value; undefined when absent or not a string. */
  string(key: string): string | undefined {
    const v = this.get(key);
    return typeof v === 'string' ? v : undefined;
  }

  /** A logical value; undefined when absent or not logical. */
  boolean(key: string): boolean | undefined {
    const v = this.get(key);
    return typeof v === 'boolean' ? v : undefined;
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  /** Every card with this keyword, in order (e.g. all HISTORY cards). */
  all(key: string): FitsCard[] {
    const k = key.toUpperCase();
    return this.cards.filter((c) => c.key === k);
  }

  private lookup(key: string): number | undefined {
    if (this.indexedLength !== this.cards.length) {
      this.index.clear();
      for (let i = this.cards.length - 1; i >= 0; i--) this.index.set(this.cards[i].key, i);
      this.indexedLength = this.cards.length;
    }
    return this.index.get(key) ?? this.index.get(key.toUpperCase());
  }
}

/** Parse header text: lines of up to 80 characters, or one string of 80-character records. */
export function parseHeaderText(text: string, source?: string): FitsCard[] {
  const lines = /[\r\n]/.test(text) ? text.split(/\r?\n/) : (text.match(/[^]{1,80}/g) ?? []);
  const records: string[] = [];
  for (const line of lines) {
    if (line.length > 80 && line.slice(80).trim() !== '') {
      throw new FitsError(`header line ${records.length + 1} is longer than 80 characters`, { source });
    }
    records.push(line.slice(0, 80).padEnd(80));
  }
  const cards = new CardList();
  for (let i = 0; i < records.length; i++) {
    if (records[i].trim() === '') continue;
    if (records[i].startsWith('END     ') || records[i].trimEnd() === 'END') break;
    checkAscii(records[i], { source, offset: i * 80 });
    cards.add(records[i], { source, offset: i * 80 });
  }
  return cards.finish();
}

/** Result of reading the header of one HDU from a byte buffer. */
export interface HeaderBlock {
  header: FitsHeader;
  /** Byte offset of the first data byte (header padded to 2880). */
  dataOffset: number;
}

/**
 * Read the header that starts at `offset` (a 2880-byte block boundary) up to and including END.
 * Throws a located FitsError on non-ASCII bytes, a bad card or a missing END.
 */
export function readHeaderBlock(bytes: Uint8Array, offset: number, where: FitsErrorLocation): HeaderBlock {
  let end = -1;
  for (let p = offset; p + 80 <= bytes.length; p += 80) {
    for (let j = p; j < p + 80; j++) {
      const b = bytes[j];
      if (b < 0x20 || b > 0x7e) {
        const key = latin1(bytes, p, 8).replace(/[^\x20-\x7e]/g, '?').trimEnd();
        throw new FitsError(`non-ASCII byte 0x${b.toString(16).padStart(2, '0')} in header card ${(p - offset) / 80 + 1}`, {
          ...where,
          offset: j,
          keyword: key || undefined,
        });
      }
    }
    // END followed by spaces (bytes 4-8 of the keyword field must be blank).
    if (bytes[p] === 0x45 && bytes[p + 1] === 0x4e && bytes[p + 2] === 0x44 && isBlank(bytes, p + 3, p + 8)) {
      end = p;
      break;
    }
  }
  if (end < 0) {
    throw new FitsError('header has no END card (file truncated or not FITS)', { ...where, offset: bytes.length });
  }
  const text = latin1(bytes, offset, end - offset);
  const cards = new CardList();
  for (let i = 0; i < text.length; i += 80) {
    cards.add(text.slice(i, i + 80), { ...where, offset: offset + i });
  }
  const dataOffset = offset + Math.ceil((end + 80 - offset) / 2880) * 2880;
  return { header: new FitsHeader(cards.finish()), dataOffset };
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20) return false;
  return true;
}

function latin1(bytes: Uint8Array, offset: number, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + offset, length).toString('latin1');
}

function checkAscii(record: string, where: FitsErrorLocation): void {
  for (let i = 0; i < record.length; i++) {
    const c = record.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      throw new FitsError(`non-ASCII character U+${c.toString(16).padStart(4, '0')} in header card`, {
        ...where,
        offset: (where.offset ?? 0) + i,
        keyword: record.slice(0, 8).trimEnd() || undefined,
      });
    }
  }
}

/** Cards parsed so far; merges CONTINUE long strings (OGIP 1.0 convention) into their card. */
class CardList {
  private readonly cards: FitsCard[] = [];
  private readonly continued = new Set<FitsCard>();

  /** Parse one 80-character record. */
  add(record: string, where: FitsErrorLocation): void {
    const rawKey = record.slice(0, 8).trimEnd();
    if (rawKey === 'HIERARCH') {
      this.cards.push(parseHierarch(record, where));
      return;
    }
    const key = rawKey.toUpperCase();
    if (!KEYWORD_CHARS.test(key) || rawKey.startsWith(' ')) {
      throw new FitsError(`invalid keyword name ${JSON.stringify(rawKey)}`, { ...where, keyword: rawKey });
    }
    const hasValue = record.charCodeAt(8) === 0x3d /* = */ && !COMMENTARY.has(key) && key !== 'CONTINUE';
    if (!hasValue) {
      if (key === 'CONTINUE' && this.continueLongString(record, where)) return;
      if (STRUCTURAL.test(key)) {
        throw new FitsError(`card for ${key} has no value indicator '=' in columns 9-10`, { ...where, keyword: key });
      }
      this.cards.push({ key, value: record.slice(8).trimEnd() });
      return;
    }
    const { value, comment } = parseValue(record, 10, { ...where, keyword: key });
    this.cards.push(comment === undefined ? { key, value } : { key, value, comment });
  }

  /** The cards; a long string keeps no '&' at its end (as astropy reads it). */
  finish(): FitsCard[] {
    for (const card of this.continued) {
      if (typeof card.value === 'string' && card.value.endsWith('&')) card.value = card.value.slice(0, -1);
    }
    return this.cards;
  }

  /** CONTINUE after a string ending in '&': append to that string. False if not applicable. */
  private continueLongString(record: string, where: FitsErrorLocation): boolean {
    const previous = this.cards[this.cards.length - 1];
    if (!previous || typeof previous.value !== 'string' || !previous.value.endsWith('&')) return false;
    const { value, comment } = parseValue(record, 8, { ...where, keyword: 'CONTINUE' });
    if (typeof value !== 'string') return false;
    previous.value = previous.value.slice(0, -1) + value;
    if (comment) previous.comment = previous.comment ? `${previous.comment} ${comment}` : comment;
    this.continued.add(previous);
    return true;
  }
}

function parseHierarch(record: string, where: FitsErrorLocation): FitsCard {
  const eq = record.indexOf('=', 9);
  if (eq < 0) return { key: 'HIERARCH', value: record.slice(8).trimEnd() };
  const key = record.slice(9, eq).trim().replace(/\s+/g, ' ').toUpperCase();
  const { value, comment } = parseValue(record, eq + 1, { ...where, keyword: key });
  return comment === undefined ? { key, value } : { key, value, comment };
}

/** Parse the value field starting at column `start` (0-based) and the comment after it. */
function parseValue(record: string, start: number, where: FitsErrorLocation): { value: CardValue; comment?: string } {
  let p = start;
  while (p < record.length && record.charCodeAt(p) === 0x20) p++;
  if (p >= record.length) return { value: null };
  if (record[p] === "'") {
    let text = '';
    let q = p + 1;
    for (;;) {
      const close = record.indexOf("'", q);
      if (close < 0) throw new FitsError('unterminated string value', { ...where, offset: (where.offset ?? 0) + p });
      text += record.slice(q, close);
      if (record[close + 1] === "'") {
        text += "'";
        q = close + 2;
      } else {
        q = close + 1;
        break;
      }
    }
    return { value: text.trimEnd(), ...commentAfter(record, q) };
  }
  const slash = record.indexOf('/', p);
  const token = (slash < 0 ? record.slice(p) : record.slice(p, slash)).trim();
  const comment = slash < 0 ? undefined : cleanComment(record.slice(slash + 1));
  return comment === undefined ? { value: parseToken(token) } : { value: parseToken(token), comment };
}

function commentAfter(record: string, q: number): { comment?: string } {
  const rest = record.slice(q).trim();
  if (rest === '') return {};
  // Anything after a string that is not a '/' comment is kept as comment text (lenient).
  return { comment: rest.startsWith('/') ? cleanComment(rest.slice(1)) : rest };
}

function cleanComment(text: string): string {
  return text.replace(/^ /, '').trimEnd();
}

function parseToken(token: string): CardValue {
  if (token === '') return null;
  if (token === 'T') return true;
  if (token === 'F') return false;
  if (INTEGER.test(token)) return Number(token);
  if (REAL.test(token)) return Number(token.replace(/[dD]/, 'e'));
  const special = NON_FINITE[token.toUpperCase()];
  if (special !== undefined) return special;
  // Complex values "(re, im)" and other non-standard tokens are kept verbatim.
  return token;
}
