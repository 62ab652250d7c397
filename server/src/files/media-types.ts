/**
 * Media types and `Content-Disposition` of product files.
 *
 * @module
 */

const BY_SUFFIX: [RegExp, string][] = [
  [/\.(fits|fts|fit)$/i, 'application/fits'],
  [/\.(fits|fts|fit)\.gz$/i, 'application/gzip'],
  [/\.gz$/i, 'application/gzip'],
  [/\.png$/i, 'image/png'],
  [/\.jpe?g$/i, 'image/jpeg'],
  [/\.json$/i, 'application/json'],
  [/\.csv$/i, 'text/csv; charset=utf-8'],
  [/\.txt$/i, 'text/plain; charset=utf-8'],
  [/\.xml$/i, 'application/xml'],
];

/** The media type of a file name, `application/octet-stream` when unknown. */
export function mediaTypeOf(name: string): string {
  for (const [re, type] of BY_SUFFIX) if (re.test(name)) return type;
  return 'application/octet-stream';
}

/** Images a browser shows by themselves; everything else is offered as a download. */
function isInline(mediaType: string): boolean {
  return /^image\/(png|jpeg)\b/i.test(mediaType);
}

/**
 * `Content-Disposition` for a file (RFC 6266): `inline` for PNG/JPEG quicklooks, `attachment`
 * otherwise, with an ASCII `filename` and, for other names, an RFC 8187 `filename*`.
 * @example contentDisposition('a.fits', 'application/fits') // 'attachment; filename="a.fits"'
 */
export function contentDisposition(name: string, mediaType: string): string {
  const kind = isInline(mediaType) ? 'inline' : 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const header = `${kind}; filename="${ascii}"`;
  return ascii === name ? header : `${header}; filename*=UTF-8''${encodeURIComponent(name)}`;
}
