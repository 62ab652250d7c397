/**
 * `/data/<relative path>`: product files, streamed from the products directory.
 *
 * Only files registered in the catalogue are served, and only when their real path (symlinks
 * resolved) stays inside the products directory. Answers carry a strong `ETag` (the catalogued
 * SHA-256), `Last-Modified`, `Accept-Ranges`, the media type and a `Content-Disposition`; they
 * honour one byte range (206, or 416 when unsatisfiable), conditional requests (304/412) and HEAD
 * (no file is opened for the body). Bodies are streamed from one open file descriptor, so the
 * size, validators and bytes all describe the same file.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../http/api-error.ts';
import { methodNotAllowed } from '../api/responses.ts';
import { evaluatePreconditions, httpDate, ifRangeAllows, type Validators } from './conditional.ts';
import { contentDisposition, mediaTypeOf } from './media-types.ts';
import { parseRange } from './range.ts';
import { resolveProductFile } from './resolve.ts';
import { relativeDataPath } from './safe-path.ts';

/** Files are immutable once registered (a new version gets a new name); a day keeps proxies honest. */
const CACHE_CONTROL = 'public, max-age=86400';

const NOT_FOUND = 'no such product file; file URLs are listed under files.*.url of /api/records/{id}';

/** A registered file resolved to an open descriptor, or why not. */
interface OpenedFile {
  handle: fs.promises.FileHandle;
  size: number;
  mtimeMs: number;
  mediaType: string;
  name: string;
  validators: Validators;
}

export function dataRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  async function open(relative: string): Promise<OpenedFile> {
    const entry = deps.catalogue.fileByPath(relative);
    if (!entry) throw ApiError.notFound(NOT_FOUND);
    // A symlink (or a catalogue entry) that leads outside the products directory is not ours to serve.
    const real = await resolveProductFile(deps.config.productsDir, relative);
    if (!real) throw ApiError.notFound(NOT_FOUND);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(real, fs.constants.O_RDONLY);
    } catch {
      throw ApiError.notFound(NOT_FOUND);
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw ApiError.notFound(NOT_FOUND);
    }
    // The catalogue's SHA-256 names these bytes only while the size still agrees; otherwise fall back to a weak tag.
    const etag = stat.size === entry.bytes ? `"${entry.sha256}"` : `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const name = path.posix.basename(relative);
    return {
      handle,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      mediaType: entry.mediaType || mediaTypeOf(name),
      name,
      validators: { etag, lastModifiedMs: stat.mtimeMs },
    };
  }

  async function serve(c: Context): Promise<Response> {
    const raw = new URL(c.req.url).pathname.replace(/^\/data\/?/, '');
    const file = await open(relativeDataPath(raw));
    const head = c.req.method === 'HEAD';
    const headers = new Headers({
      'content-type': file.mediaType,
      'content-disposition': contentDisposition(file.name, file.mediaType),
      'accept-ranges': 'bytes',
      'cache-control': CACHE_CONTROL,
      'last-modified': httpDate(file.mtimeMs),
      etag: file.validators.etag!,
      'x-content-type-options': 'nosniff',
    });
    const done = (status: number, extra: Record<string, string> = {}): Response => {
      void file.handle.close();
      for (const [k, v] of Object.entries(extra)) headers.set(k, v);
      return new Response(null, { status, headers });
    };

    const outcome = evaluatePreconditions(c.req.method, c.req, file.validators);
    if (outcome === 'not-modified') {
      headers.delete('content-type');
      headers.delete('content-disposition');
      return done(304);
    }
    if (outcome === 'precondition-failed') return done(412, { 'content-length': '0' });

    const range = ifRangeAllows(c.req, file.validators) ? parseRange(c.req.header('range'), file.size) : { kind: 'none' as const };
    if (range.kind === 'unsatisfiable') {
      headers.set('content-range', `bytes */${file.size}`);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-disposition');
      void file.handle.close();
      const body = JSON.stringify({
        error: { status: 416, code: 'range_not_satisfiable', message: `the requested range does not overlap the file (${file.size} bytes); ask for bytes=0-${Math.max(0, file.size - 1)} or less` },
      });
      headers.set('content-length', String(Buffer.byteLength(body)));
      return new Response(head ? null : body, { status: 416, headers });
    }
    const [start, end, status] = range.kind === 'range' ? [range.start, range.end, 206] : [0, file.size - 1, 200];
    const length = Math.max(0, end - start + 1);
    headers.set('content-length', String(length));
    if (status === 206) headers.set('content-range', `bytes ${start}-${end}/${file.size}`);
    if (head || length === 0) return done(status);

    const stream = file.handle.createReadStream({ start, end, autoClose: true });
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
  }

  app.get('/*', serve);
  app.on(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], '/*', () => methodNotAllowed('GET, HEAD', 'product files are read-only: use GET or HEAD'));
  return app;
}
