import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-support.ts';
import { Rng } from '../../../products/src/util/random.ts';

const PATHS = [
  '/api',
  '/api/products',
  '/api/products/{product}',
  '/api/products/{product}/latest',
  '/api/products/{product}/records',
  '/api/records/{record}',
  '/api/records/{record}/planes/{word}',
  '/api/records/{record}/pixel',
  '/api/harps',
  '/api/openapi.json',
  '/api/s005a/map/hmi',
  '/api/s050a/map/',
  '/api/{word}',
  '/data/{word}/{word}',
];
const NAMES = ['start', 'stop', 'parameter', 'map_type', 'data_type', 'version', 'harpnum', 'noaa', 'limit', 'offset', 'order', 'include_superseded', 'plane', 'x', 'y', 'q', '', '__proto__', 'constructor'];
const VALUES = [
  '',
  '0',
  '-1',
  '1',
  '1000',
  '1001',
  '99999999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '0x10',
  '2026-11-25',
  '2026-11-25T12:00:00Z',
  '2026-02-30',
  '9999-99-99',
  '-002026-01-01',
  '2026-11-25T24:00:00Z',
  '171',
  'hmi.m_720s',
  'nowcast',
  'sci',
  'true',
  'desc',
  '%',
  '%E0%A4%A',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '\u{1F600}',
  'x'.repeat(5000),
  '[]',
  '{}',
];
const PRODUCTS = ['radiance', 'synoptic-euv/x.png', 'dem', 'currents', 'synoptic-euv', 'synoptic-photosphere', 'nope', '', '..', '%2e%2e', 'DEM'];
const RECORDS = ['1', '2', '0', '-1', 'abc', '1.5', '99999999999999999999', '%', '%2e%2e'];
const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '{"start_date":"2026-11-20","end_date":"2026-11-25","channels":["171"],"map_type":["nowcast"],"latest":true}',
  '{"start_date":"2026-11-20","end_date":"2026-11-25","channels":[{"a":1}]}',
  '{"start_date":1,"end_date":null}',
  '{"start_date":"2026-11-20","end_date":"2026-11-25","map_type":"nowcast"}',
  '{"start_date":"0000-01-01","end_date":"9999-12-31"}',
  '{"__proto__":{"latest":false},"start_date":"2026-11-20","end_date":"2026-11-21"}',
  JSON.stringify({ start_date: '2026-11-20', end_date: '2026-11-21', channels: Array(10_000).fill('171') }),
];

describe('fuzzing the API', () => {
  let env: TestEnv;
  beforeAll(() => {
    env = createTestEnv();
    const png = { ...env.writeFile('synoptic-euv/x.png', 'PNG', 'image/png'), kind: 'png' };
    env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'nowcast', timeMs: Date.UTC(2026, 10, 21), files: [png] });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'nrt', harpnum: 7, timeMs: Date.UTC(2026, 10, 21) });
  });
  afterAll(() => env.close());

  it('never answers 5xx, and every error is a JSON error body (2000 random requests)', async () => {
    const rng = new Rng(20261125);
    const random = () => rng.uniform();
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const path = pick(PATHS)
        .replace('{product}', () => pick(PRODUCTS))
        .replace('{record}', () => pick(RECORDS))
        .replace(/\{word\}/g, () => encodeURIComponent(pick([...VALUES, ...PRODUCTS])).replace(/%25/g, '%'));
      const query = Array.from({ length: Math.floor(random() * 4) }, () => `${pick(NAMES)}=${encodeURIComponent(pick(VALUES)).replace(/%25/g, random() < 0.5 ? '%' : '%25')}`).join('&');
      const method = pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
      const init: RequestInit = { method, headers: random() < 0.3 ? { range: pick(['bytes=0-1', 'bytes=-5', 'bytes=999999-', 'bytes=x']), 'if-none-match': '"x"' } : {} };
      if (method === 'POST' || method === 'PUT') init.body = pick(BODIES);
      let url = query ? `${path}?${query}` : path;
      // A dot segment such as `/api/%2e%2e` is resolved by the URL parser before any route sees
      // it: such a request is for the portal pages, not the API, and is not fuzzed here.
      const resolved = URL.canParse(url, 'http://localhost') ? new URL(url, 'http://localhost').pathname : '/api';
      if (!/^\/(api|data)(\/|$)/.test(resolved)) continue;
      let res: Response;
      try {
        res = await env.request(url, init);
      } catch (e) {
        // URLs that the WHATWG parser itself rejects never reach a server; they are not ours to answer.
        if (e instanceof TypeError && /Invalid URL/i.test(String(e.message))) continue;
        throw e;
      }
      url = `${method} ${url.slice(0, 200)}`;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${res.status} ${url}`);
      if (res.status >= 400 && method !== 'HEAD') {
        const text = await res.text();
        try {
          const body = JSON.parse(text);
          if (body?.error?.status !== res.status || typeof body.error.message !== 'string') failures.push(`bad error body ${url}: ${text.slice(0, 100)}`);
          if (/at .*\.ts:\d+|ZodError|SqliteError/.test(text)) failures.push(`leaked internals ${url}: ${text.slice(0, 100)}`);
        } catch {
          failures.push(`non-JSON ${res.status} ${url}: ${text.slice(0, 100)}`);
        }
      } else {
        await res.arrayBuffer();
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // The mix reaches past validation: successes, client errors and conditional answers all occur.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(404)).toBeGreaterThan(100);
  });
});
