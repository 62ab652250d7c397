/**
 * Turning the raw, percent-encoded path of a `/data/...` request into a product path relative to
 * the products directory, or refusing it. The rules are strict on purpose: a product path is a
 * plain list of ordinary names separated by `/`, so anything else (dot segments, empty segments,
 * backslashes, NUL and other control characters, encoded slashes, drive letters) is an attempt
 * to leave the folder or a mistake, and gets a 400 that says what a valid path looks like.
 *
 * WHATWG URL parsing already folds `..` and `%2e%2e` segments before a request reaches us; this
 * module is the second line that does not rely on that.
 *
 * @module
 */
import { ApiError } from '../http/api-error.ts';

const VALID = 'a product path is a list of plain file and folder names separated by "/", e.g. /data/dem/2026/11/25/DEM_aia_2026-11-25T12_00_nrt_v1.fits';

// Control characters (including NUL), backslash, and a Windows drive prefix.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\]/;
const DRIVE = /^[A-Za-z]:/;

/**
 * The relative product path named by `rawPath` (the part after `/data/`, still percent-encoded).
 * @throws ApiError 400 for paths that are not plain relative paths, 404 for an empty path.
 * @example relativeDataPath('dem/2026/a%20b.fits') // 'dem/2026/a b.fits'
 */
export function relativeDataPath(rawPath: string): string {
  if (rawPath === '') throw ApiError.notFound('no file given; /data/ serves product files only, e.g. the files.*.url links of /api/records/{id}');
  if (rawPath.startsWith('/')) throw ApiError.badRequest(`absolute paths are not allowed; ${VALID}`);
  const segments = rawPath.split('/');
  const out: string[] = [];
  for (const raw of segments) {
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      throw ApiError.badRequest(`the path is not valid percent-encoded UTF-8; ${VALID}`);
    }
    if (name === '') throw ApiError.badRequest(`empty path segments ("//" or a trailing "/") are not allowed; ${VALID}`);
    if (name === '.' || name === '..') throw ApiError.badRequest(`"." and ".." segments are not allowed; ${VALID}`);
    if (name.includes('/')) throw ApiError.badRequest(`encoded "/" (%2F) is not allowed inside a name; ${VALID}`);
    if (FORBIDDEN_CHARS.test(name)) throw ApiError.badRequest(`backslashes and control characters are not allowed; ${VALID}`);
    if (out.length === 0 && DRIVE.test(name)) throw ApiError.badRequest(`drive letters are not allowed; ${VALID}`);
    out.push(name);
  }
  return out.join('/');
}
