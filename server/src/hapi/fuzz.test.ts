/**
 * Malformed-request fuzzing of /hapi: thousands of seeded random and hostile paths and query
 * strings (HAPI 3 and 2 names, broken times, odd encodings, injection attempts, huge values).
 * Every answer is a success or a 4xx whose body is a HAPI status with a 14xx code matching the
 * HTTP status; never a 5xx, never internals; and the server still serves a valid request after.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fillSynthetic, SYNTHETIC, testApp, testDeps } from './testing/fixtures.ts';
import { Rng } from '../../../products/src/util/random.ts';

const ENDPOINTS = ['', '/', '/about', '/capabilities', '/catalog', '/info', '/data', '/data/', '/nope', '/info/x', '/%2e%2e/api', '/data%00', '/DATA', '/hapi'];
const NAMES = ['dataset', 'id', 'start', 'stop', 'time.min', 'time.max', 'parameters', 'format', 'include', 'depth', 'resolve_references', 'x', '', 'Dataset', 'start[]', '__proto__'];
const DATASETS = [...SYNTHETIC.map((d) => d.id), 'nope', '', 'syn_scalars,syn_map', '../etc/passwd', 'SYN_SCALARS', '%00', '<script>'];
const TIMES = [
  '2024-05-01',
  '2024-05-01T00:00Z',
  '2024-05-02T00:00:00.000000000Z',
  '2024-122',
  '2024-122T12',
  '2024-05-01T24:00',
  '2016-12-31T23:59:60Z',
  '2024-13-01',
  '2024-05-32',
  '2024-05-01T25:00',
  '2024-05-01T00:00:00.0000000001Z',
  '20240501',
  '2024-5-1',
  '-2024-05-01',
  '99999-01-01',
  'now',
  '',
  '1e9',
  '2024-05-01T00:00:00+01:00',
  '2024-366',
  '2023-366',
  '0000-01-01',
];
const VALUES = ['csv', 'json', 'binary', 'xml', 'header', 'all', 'true', 'false', 'flux', 'count,flux', 'flux,flux', 'Time', '', '%', '%E0%A4%A', 'x'.repeat(4000), '\u{1F600}', "' OR 1=1 --"];

describe('fuzzing /hapi', () => {
  const deps = testDeps();
  const app = testApp(deps, { datasets: () => SYNTHETIC });
  beforeAll(() => fillSynthetic(deps.catalogue));

  it('answers 3000 random requests with success or a 4xx HAPI status, never 5xx, and keeps serving', async () => {
    const rng = new Rng(20261206);
    const random = () => rng.uniform();
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const enc = (s: string) => (random() < 0.8 ? encodeURIComponent(s) : s.replace(/[#?&\s]/g, encodeURIComponent));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const pairs: string[] = [];
      const n = Math.floor(random() * 6);
      for (let k = 0; k < n; k++) {
        const name = pick(NAMES);
        const value = /start|stop|time/.test(name) ? pick(TIMES) : /dataset|id/i.test(name) ? pick(DATASETS) : pick(VALUES);
        pairs.push(`${enc(name)}=${enc(value)}`);
      }
      const url = `/hapi${pick(ENDPOINTS)}${pairs.length ? `?${pairs.join('&')}` : ''}`;
      const method = pick(['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE']);
      // The URL parser resolves dot segments first: `/hapi/%2e%2e/api` is a request for /api.
      if (URL.canParse(url, 'http://localhost') && !new URL(url, 'http://localhost').pathname.startsWith('/hapi')) continue;
      let res: Response;
      try {
        res = await app.request(url, { method });
      } catch (e) {
        if (e instanceof TypeError && /Invalid URL/i.test(String(e.message))) continue; // never reaches a server
        throw e;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const label = `${method} ${url.slice(0, 160)}`;
      if (res.status >= 500) failures.push(`${res.status} ${label}`);
      if (res.status >= 400 && res.status < 500 && method !== 'HEAD') {
        const text = await res.text();
        if (res.status === 405) continue; // methods other than GET/HEAD: not a HAPI request
        try {
          const body = JSON.parse(text);
          const code = body?.status?.code;
          if (body?.HAPI !== '3.3' || typeof code !== 'number' || code < 1400 || code > 1499 || typeof body.status.message !== 'string') failures.push(`bad status body ${label}: ${text.slice(0, 120)}`);
          if (/at .*\.ts:\d+|ZodError|SqliteError|TypeError/.test(text)) failures.push(`leaked internals ${label}: ${text.slice(0, 120)}`);
        } catch {
          failures.push(`non-JSON ${res.status} ${label}: ${text.slice(0, 120)}`);
        }
      } else {
        await res.arrayBuffer();
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // The mix reaches past validation: successes and several kinds of client error.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(500);
    expect(statuses.get(404)).toBeGreaterThan(5);
    const ok = await app.request('/hapi/data?dataset=syn_scalars&start=2024-05-01T00:00Z&stop=2024-05-01T03:00Z');
    expect(ok.status).toBe(200);
    expect((await ok.text()).trim().split('\n')).toHaveLength(3);
  });
});
