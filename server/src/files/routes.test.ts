import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../api/test-support.ts';
import { parseRange } from './range.ts';
import { relativeDataPath } from './safe-path.ts';

const FITS_PATH = 'synoptic-euv/2026/11/25/synoptic_aia_171_2026-11-25T12_00_temporary_v1.fits';
const PNG_PATH = 'synoptic-euv/2026/11/25/synoptic_aia_171_2026-11-25T12_00_temporary_v1.png';
// 1000 bytes whose value at offset i is i % 251, so any slice can be checked independently.
const CONTENT = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

describe('relativeDataPath', () => {
  it('accepts plain relative paths and decodes percent-escapes once', () => {
    expect(relativeDataPath('dem/2026/a%20b.fits')).toBe('dem/2026/a b.fits');
    expect(relativeDataPath('x/%252e%252e/y')).toBe('x/%2e%2e/y'); // a literal name, not a dot segment
  });

  it.each([
    ['../etc/passwd'],
    ['a/../../b'],
    ['%2e%2e/x'],
    ['%2E%2E/x'],
    ['a/%2e/b'],
    ['/etc/passwd'],
    ['a//b'],
    ['a/b/'],
    ['a%5c..%5cb'],
    ['a\\b'],
    ['a%00b'],
    ['a%2fb'],
    ['C:%5cwindows'],
    ['%e0%a4%a'],
  ])('refuses %s with a 400 that says what is valid', (raw) => {
    expect(() => relativeDataPath(raw)).toThrowError(/product path is a list of plain/);
  });
});

describe('parseRange', () => {
  it('follows RFC 9110 for single ranges', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=0-3', 10)).toEqual({ kind: 'range', start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ kind: 'range', start: 5, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ kind: 'range', start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'range', start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseRange('BYTES = 1 - 2', 10)).toEqual({ kind: 'range', start: 1, end: 2 });
  });

  it('ignores what it may ignore and flags what cannot be satisfied', () => {
    expect(parseRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'none' });
    expect(parseRange('items=0-1', 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=5-2', 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=abc', 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('/data', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = createTestEnv();
    const fits = env.writeFile(FITS_PATH, CONTENT, 'application/fits');
    const png = { ...env.writeFile(PNG_PATH, 'not really a png', 'image/png'), kind: 'png' };
    env.register({ product: 'synoptic-euv', parameter: '171', timeMs: Date.UTC(2026, 10, 25, 12), mapType: 'temporary', files: [fits, png] });
  });
  afterEach(() => env.close());

  it('streams a registered file with its media type, length, validators and disposition', async () => {
    const res = await env.request(`/data/${FITS_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/fits');
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${path.basename(FITS_PATH)}"`);
    expect(res.headers.get('etag')).toBe(`"${env.catalogue.fileByPath(FITS_PATH)!.sha256}"`);
    expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(0);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(CONTENT);
  });

  it('shows PNG quicklooks inline', async () => {
    const res = await env.request(`/data/${PNG_PATH}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="synoptic_aia_171_.*\.png"$/);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await env.request(`/data/${FITS_PATH}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves one byte range with 206 and Content-Range', async () => {
    const res = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(CONTENT.slice(100, 200));

    const suffix = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=-10' } });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(CONTENT.slice(990));
  });

  it('answers 416 with the size for an unsatisfiable range', async () => {
    const res = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=1000-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
    expect((await res.json()).error.message).toMatch(/1000 bytes/);
  });

  it('ignores multi-range requests and serves the whole file', async () => {
    const res = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=0-1,5-6' } });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(1000);
  });

  it('answers conditional requests: 304 on a matching ETag or date, 412 on a failed If-Match', async () => {
    const first = await env.request(`/data/${FITS_PATH}`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    await first.arrayBuffer();

    const byTag = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(await byTag.text()).toBe('');

    const byWeakTag = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-none-match': `W/${etag}` } });
    expect(byWeakTag.status).toBe(304);

    const byDate = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-modified-since': lastModified } });
    expect(byDate.status).toBe(304);

    const older = new Date(Date.parse(lastModified) - 3600_000).toUTCString();
    const modified = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-modified-since': older } });
    expect(modified.status).toBe(200);
    await modified.arrayBuffer();

    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    const mismatch = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } });
    expect(mismatch.status).toBe(200);
    await mismatch.arrayBuffer();

    const failed = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-match': '"other"' } });
    expect(failed.status).toBe(412);
    const matched = await env.request(`/data/${FITS_PATH}`, { headers: { 'if-match': etag, range: 'bytes=0-0' } });
    expect(matched.status).toBe(206);
    await matched.arrayBuffer();
  });

  it('honours If-Range only while the representation is unchanged', async () => {
    const etag = (await env.request(`/data/${FITS_PATH}`, { method: 'HEAD' })).headers.get('etag')!;
    const same = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const changed = await env.request(`/data/${FITS_PATH}`, { headers: { range: 'bytes=0-9', 'if-range': '"stale"' } });
    expect(changed.status).toBe(200);
    expect((await changed.arrayBuffer()).byteLength).toBe(1000);
  });

  it('serves nothing that is not registered, even inside the products directory', async () => {
    fs.writeFileSync(path.join(env.deps.config.productsDir, 'stray.fits'), 'x');
    for (const p of ['/data/stray.fits', '/data/', '/data', '/data/synoptic-euv/2026/11/25/missing.fits']) {
      const res = await env.request(p);
      expect(res.status, p).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('never leaves the products directory: dot segments, encodings, backslashes, NUL, symlinks', async () => {
    // A catalogue entry behind a symlink pointing outside the products directory.
    const outside = path.join(env.dir, 'secret.txt');
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync(outside, path.join(env.deps.config.productsDir, 'link.fits'));
    env.register({ product: 'dem', parameter: 'dem', timeMs: 0, dataType: 'nrt', files: [{ kind: 'fits', path: 'link.fits', bytes: 6, sha256: 'x', mediaType: 'application/fits' }] });
    // And one that names the catalogue itself through "..".
    env.register({ product: 'dem', parameter: 'dem', timeMs: 1, dataType: 'nrt', files: [{ kind: 'fits', path: '../catalogue.sqlite', bytes: 6, sha256: 'x', mediaType: 'application/fits' }] });
    fs.writeFileSync(path.join(env.dir, 'catalogue.sqlite'), 'db');

    const attempts = [
      '/data/link.fits',
      '/data/../catalogue.sqlite',
      '/data/%2e%2e/catalogue.sqlite',
      '/data/%2E%2E/catalogue.sqlite',
      '/data/synoptic-euv/%2e%2e/%2e%2e/catalogue.sqlite',
      '/data/..%2fcatalogue.sqlite',
      '/data/..%5ccatalogue.sqlite',
      '/data/synoptic-euv\\..\\..\\catalogue.sqlite',
      '/data/%00',
      `/data//${env.dir}/secret.txt`,
      '/data/C:%5csecret.txt',
    ];
    for (const p of attempts) {
      const res = await env.request(p);
      expect([400, 404], p).toContain(res.status);
      const body = await res.text();
      expect(body, p).not.toContain('secret');
      expect(body, p).not.toBe('db');
      expect(JSON.parse(body).error.status, p).toBe(res.status);
    }
  });

  it('refuses writes with 405 and an Allow header', async () => {
    const res = await env.request(`/data/${FITS_PATH}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
