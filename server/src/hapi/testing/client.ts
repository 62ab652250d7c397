/**
 * A small HTTP client for the socket tests and the verifier port: node:http (so the reason phrase
 * and raw Content-Encoding are visible), an inactivity timeout that covers both time to headers and
 * gaps between bytes (as the verifier's), an overall deadline, gzip decoding, and detection of
 * truncated bodies. A request that does not answer in time rejects: callers count it as a failure.
 *
 * @module
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface HttpResult {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  /** Decoded body (gunzipped when the server sent gzip). */
  body: Buffer;
  /** Bytes as received. */
  rawBytes: number;
  /** ms from sending to the response head, and to the first body byte. */
  headMs: number;
  firstByteMs: number;
  totalMs: number;
}

export class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
}

export class TruncatedError extends Error {
  override name = 'TruncatedError';
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Inactivity timeout: no head or no byte for this long fails the request (default 5000). */
  timeoutMs?: number;
  /** Overall deadline (default 10 × timeoutMs). */
  deadlineMs?: number;
  /** Follow up to this many redirects (default 0). */
  redirects?: number;
}

export function request(url: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = performance.now();
  return new Promise<HttpResult>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: { 'user-agent': 'HAPI verifier port (sdo-map-products tests)', ...opts.headers }, agent: false }, (res) => {
      const headMs = performance.now() - started;
      let firstByteMs = Number.NaN;
      const parts: Buffer[] = [];
      let rawBytes = 0;
      res.on('data', (b: Buffer) => {
        if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
        parts.push(b);
        rawBytes += b.length;
      });
      // Once the head arrived, any error of the body (reset, aborted) is a truncated answer.
      res.on('error', (e) => finish(new TruncatedError(`the response body was cut: ${e.message}`)));
      res.on('close', () => {
        if (!res.complete) return finish(new TruncatedError('the response body was cut before its end'));
        const raw = Buffer.concat(parts);
        let body = raw;
        try {
          if (res.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(raw);
        } catch (e) {
          return finish(e as Error);
        }
        const location = res.headers.location;
        if (location && (opts.redirects ?? 0) > 0 && res.statusCode && res.statusCode >= 300 && res.statusCode < 400) {
          clearTimeout(deadline);
          request(new URL(location, url).toString(), { ...opts, redirects: (opts.redirects ?? 0) - 1 }).then(resolve, reject);
          return;
        }
        finish(undefined, {
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          body,
          rawBytes,
          headMs,
          firstByteMs: Number.isNaN(firstByteMs) ? headMs : firstByteMs,
          totalMs: performance.now() - started,
        });
      });
    });
    let done = false;
    const finish = (e?: Error, r?: HttpResult) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (e) {
        req.destroy();
        reject(e);
      } else resolve(r!);
    };
    const deadline = setTimeout(() => finish(new HttpTimeoutError(`no complete answer within ${opts.deadlineMs ?? timeoutMs * 10} ms`)), opts.deadlineMs ?? timeoutMs * 10);
    req.setTimeout(timeoutMs, () => finish(new HttpTimeoutError(`no byte for ${timeoutMs} ms`)));
    req.on('error', (e) => finish(e));
    req.end();
  });
}

/** Serve a Hono app on a free loopback port (a real socket, @hono/node-server). */
export async function listen(app: Hono): Promise<{ url: string; server: ServerType; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        server,
        close: () =>
          new Promise<void>((r) => {
            (server as http.Server).closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
