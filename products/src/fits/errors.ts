/**
 * The one error type of the FITS reader and writer. Every defect of an input file (truncation,
 * a bad card, a data size that does not match the header, a corrupt compressed tile ...) and every
 * invalid write request becomes a `FitsError` that says what is wrong and where: the file (`source`),
 * the HDU index, the byte offset in the (decompressed) file and the keyword when one is involved.
 *
 * @module
 */

/** Where a FITS defect was found. All fields are optional: give what is known. */
export interface FitsErrorLocation {
  /** File name or other description of the input. */
  source?: string;
  /** 0-based HDU index (0 = primary). */
  hdu?: number;
  /** Byte offset in the FITS byte stream (after gzip unwrapping). */
  offset?: number;
  /** Header keyword concerned. */
  keyword?: string;
}

/** A typed, located FITS error. `reason` is the bare description; `message` adds the location. */
export class FitsError extends Error {
  override name = 'FitsError';
  readonly reason: string;
  readonly source?: string;
  readonly hdu?: number;
  readonly offset?: number;
  readonly keyword?: string;

  constructor(reason: string, where: FitsErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(reason, where), options);
    this.reason = reason;
    this.source = where.source;
    this.hdu = where.hdu;
    this.offset = where.offset;
    this.keyword = where.keyword;
  }
}

function formatMessage(reason: string, where: FitsErrorLocation): string {
  const parts: string[] = [];
  if (where.source !== undefined) parts.push(where.source);
  if (where.hdu !== undefined) parts.push(`HDU ${where.hdu}`);
  if (where.offset !== undefined) parts.push(`byte ${where.offset}`);
  if (where.keyword !== undefined) parts.push(`keyword ${where.keyword}`);
  return parts.length > 0 ? `${parts.join(', ')}: ${reason}` : reason;
}
