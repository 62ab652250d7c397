/**
 * The benchmark's HTTP client: node:http over loopback, a new connection per request (no agent,
 * so every request pays the same connect), reading the whole body and counting its bytes as they
 * arrive on the wire (gzip answers are not inflated while timed: the figure is what the server
 * sends; `inflate` checks the content once, untimed).
 *
 * @module
 */
import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface Fetched {
  status: number;
  /** Bytes of the body as sent (compressed when gzip). */
  bytes: number;
  /** Request start to response head. */
  ttfbMs: number;
  /** Request start to the last byte. */
  totalMs: number;
  contentEncoding: string | undefined;
}

export interface FetchOptions {
  gzip?: boolean;
  /** Write the body to this file (for nginx to serve the same bytes). */
  saveTo?: string;
  /** Called once after the first `pauseAfterBytes` bytes, with the body paused until it resolves. */
  pauseAfterBytes?: number;
  onPause?: () => Promise<void>;
}

export function fetchWhole(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { agent: false, headers: opts.gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
      const ttfbMs = performance.now() - started;
      let bytes = 0;
      let paused = false;
      const finish = () =>
        resolve({ status: res.statusCode ?? 0, bytes, ttfbMs, totalMs: performance.now() - started, contentEncoding: res.headers['content-encoding'] });
      if (opts.saveTo) {
        res.on('data', (b: Buffer) => (bytes += b.byteLength));
        pipeline(res, fs.createWriteStream(opts.saveTo)).then(finish, reject);
        return;
      }
      res.on('data', (b: Buffer) => {
        bytes += b.byteLength;
        if (!paused && opts.onPause && bytes >= (opts.pauseAfterBytes ?? 0)) {
          paused = true;
          res.pause();
          opts.onPause().then(() => res.resume(), reject);
        }
      });
      res.on('end', finish);
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Bytes of a gzip answer once inflated (to check it carries the same content; not timed). */
export function inflatedBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        const gunzip = zlib.createGunzip();
        gunzip.on('data', (b: Buffer) => (n += b.byteLength));
        pipeline(res, gunzip).then(() => resolve(n), reject);
      })
      .on('error', reject);
  });
}
