/**
 * Building `/api` responses: JSON with cache headers and conditional-request handling (304), and
 * the few error responses that need extra headers.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { evaluatePreconditions, httpDate } from '../files/conditional.ts';

/** Cache policies of the API answers (see the OpenAPI description). */
export const CACHE = {
  /** Latest records: they change at the product cadence, and the age in them ages. */
  latest: 'public, max-age=30',
  /** Search results and HARP lists: new records may arrive at any time. */
  search: 'public, max-age=60',
  /** Product metadata: revalidate with Last-Modified. */
  metadata: 'public, max-age=300',
  /** A current record changes only when a better version supersedes it. */
  record: 'public, max-age=3600',
  /** A superseded record, and the values of a product file, never change. */
  immutable: 'public, max-age=31536000, immutable',
  none: 'no-store',
} as const;

export interface JsonOptions {
  cacheControl: string;
  /** Add a strong ETag computed from the body. */
  etag?: boolean | string;
  lastModifiedMs?: number;
  status?: 200 | 201;
}

/** A strong entity tag over some bytes (a short SHA-256). */
export function entityTag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * A JSON response (`body` already serialised or not) with cache headers, answering 304 when the
 * client's validators still match.
 */
export function json(c: Context, body: unknown, opts: JsonOptions): Response {
  // Pre-encoded bytes (cached answers) skip the UTF-8 encoding of every request.
  if (body instanceof Uint8Array) return bytesResponse(c, body, opts);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': opts.cacheControl });
  const etag = opts.etag === true ? entityTag(text) : opts.etag || undefined;
  if (etag) headers.set('etag', etag);
  if (opts.lastModifiedMs !== undefined) headers.set('last-modified', httpDate(opts.lastModifiedMs));
  if ((etag || opts.lastModifiedMs !== undefined) && evaluatePreconditions(c.req.method, c.req, { etag, lastModifiedMs: opts.lastModifiedMs }) === 'not-modified') {
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status: opts.status ?? 200, headers });
}

function bytesResponse(c: Context, bytes: Uint8Array, opts: JsonOptions): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': opts.cacheControl };
  if (opts.lastModifiedMs !== undefined) {
    headers['last-modified'] = httpDate(opts.lastModifiedMs);
    if (evaluatePreconditions(c.req.method, c.req, { lastModifiedMs: opts.lastModifiedMs }) === 'not-modified') {
      delete headers['content-type'];
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: opts.status ?? 200, headers });
}

/** UTF-8 bytes of a JSON text, for answers cached as bytes. */
export const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** 405 with the `Allow` header and a JSON body in the API error shape. */
export function methodNotAllowed(allow: string, message: string): Response {
  return new Response(JSON.stringify({ error: { status: 405, code: 'method_not_allowed', message } }), {
    status: 405,
    headers: { 'content-type': 'application/json; charset=utf-8', allow, 'cache-control': 'no-store' },
  });
}
