/**
 * HTTP manners of the HAPI sub-app, applied to every answer (errors rendered by the app's onError
 * included, since they come back through this middleware):
 *
 * - CORS for any origin (`*`, GET/HEAD, Content-Type), as HAPI section 5.1 suggests;
 * - gzip when the client accepts it, for CSV, JSON, HTML and binary alike (Hono's compress()
 *   skips application/octet-stream), streamed through node:zlib at a level chosen for throughput;
 * - the HAPI status in the HTTP reason phrase (`Not Found; HAPI error 1406: ...`,
 *   `OK; HAPI 1201 ...`): a `Response` carries it as `statusText`, and under @hono/node-server the
 *   Node response's `statusMessage` is set from it before the head is written.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

export interface HapiHttpOptions {
  /** zlib level for data answers (1 = fastest). Metadata uses level 6. */
  dataGzipLevel: number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|octet-stream))/;
const MIN_GZIP_BYTES = 1024;

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Content-Type',
  'access-control-expose-headers': 'Content-Disposition, Last-Modified',
};

/** A gzip-compressed copy of a byte stream; cancelling it cancels the source, errors propagate. */
export function gzipStream(body: ReadableStream<Uint8Array>, level: number): ReadableStream<Uint8Array> {
  const gzip = zlib.createGzip({ level, chunkSize: 64 * 1024 });
  // pipeline() destroys both sides when either fails or is destroyed (client gone).
  pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), gzip, () => {});
  return Readable.toWeb(gzip) as unknown as ReadableStream<Uint8Array>;
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The middleware of the HAPI sub-app. */
export function hapiHttp(opts: HapiHttpOptions): MiddlewareHandler {
  return async function hapiHttpManners(c, next) {
    await next();
    const res = c.res;
    // Read statusText before touching headers: @hono/node-server's lightweight Response rebuilds
    // itself from its original init on first access to statusText/body, which would drop
    // headers set before that moment.
    const statusText = res.statusText;
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.headers.set(k, v);

    const type = res.headers.get('content-type') ?? '';
    if (COMPRESSIBLE.test(type)) {
      res.headers.append('vary', 'Accept-Encoding');
      const length = Number(res.headers.get('content-length') ?? Number.NaN);
      const worthIt = Number.isNaN(length) || length >= MIN_GZIP_BYTES;
      if (c.req.method !== 'HEAD' && res.body && res.status !== 204 && res.status !== 304 && !res.headers.has('content-encoding') && worthIt && acceptsGzip(c.req.header('accept-encoding'))) {
        const level = c.req.path.endsWith('/data') ? opts.dataGzipLevel : 6;
        c.res = new Response(gzipStream(res.body, level), { status: res.status, statusText, headers: res.headers });
        c.res.headers.delete('content-length');
        c.res.headers.set('content-encoding', 'gzip');
      }
    }

    const reason = c.res.statusText;
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (reason && outgoing && !outgoing.headersSent) outgoing.statusMessage = reason;
  };
}
