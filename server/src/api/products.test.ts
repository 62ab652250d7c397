import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../../products/src/definitions/index.ts';
import { createTestEnv, type TestEnv } from './test-support.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 0);

describe('/api/products', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = createTestEnv({ nowMs: T0 + 14 * HOUR });
  });
  afterEach(() => env.close());

  it('lists the four products with their channels, planes and links', async () => {
    const res = await env.request('/api/products');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('last-modified')).toMatch(/GMT$/);
    const body = await res.json();
    expect(body.products.map((p: { id: string }) => p.id)).toEqual(['synoptic-photosphere', 'synoptic-euv', 'dem', 'currents']);
    const euv = body.products[1];
    expect(euv.portal_code).toBe('s050a');
    expect(euv.channels.map((c: { id: string }) => c.id)).toEqual(['94', '131', '171', '193', '211', '304', '335', '1600', '1700']);
    expect(euv.channels[2].planes.map((p: { id: string }) => p.id)).toEqual(['radiance', 'weight', 'data_age']);
    expect(euv.late_after_seconds).toBe(6 * 3600 + 2 * 3600);
    expect(euv.version_kind).toBe('map_type');
    expect(body.products[2].versions).toEqual(['nrt', 'sci']);
    expect(euv.links.latest).toBe('https://sdo.example.org/api/products/synoptic-euv/latest');
    expect(euv.links.spase).toBe('https://sdo.example.org/spase/NumericalData/SDO/AIA/SynchronousSynopticMaps.xml');
  });

  it('answers 304 to If-Modified-Since on metadata', async () => {
    const first = await env.request('/api/products');
    const again = await env.request('/api/products', { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
    expect(again.status).toBe(304);
  });

  it('describes one product with its extent and HAPI datasets', async () => {
    const empty = await (await env.request('/api/products/dem')).json();
    expect(empty.extent).toBeNull();
    expect(empty.hapi_datasets.map((d: { id: string }) => d.id)).toContain('dem_indices');

    env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: T0 });
    env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: T0 + HOUR });
    const body = await (await env.request('/api/products/dem')).json();
    expect(body.extent).toEqual({ first: '2026-11-25T00:00:00Z', last: '2026-11-25T01:00:00Z', count: 2 });
    expect(body.hapi_datasets[0].info_url).toBe('https://sdo.example.org/hapi/info?dataset=dem_indices');
  });

  it('lists one HAPI dataset per known HARP for currents', async () => {
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: T0 });
    const body = await (await env.request('/api/products/currents')).json();
    expect(body.hapi_datasets.some((d: { id: string }) => /377/.test(d.id))).toBe(true);
    expect(body.links.harps).toBe('https://sdo.example.org/api/harps');
  });

  it('404s an unknown product with the list of known ones', async () => {
    const res = await env.request('/api/products/nope');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error).toMatchObject({ status: 404, code: 'not_found' });
    for (const p of PRODUCTS) expect(body.error.message).toContain(p.id);
  });
});

describe('/api/products/{id}/latest', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = createTestEnv({ nowMs: T0 + 14 * HOUR });
  });
  afterEach(() => env.close());

  it('returns the most recent record at or before now, its age and a late flag', async () => {
    for (let h = 0; h <= 12; h += 6) env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'nowcast', timeMs: T0 + h * HOUR });
    env.register({ product: 'synoptic-euv', parameter: '193', mapType: 'nowcast', timeMs: T0 + 13 * HOUR });
    // A forecast ahead of now is not "the latest map".
    env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'forecast', timeMs: T0 + 36 * HOUR });

    const res = await env.request('/api/products/synoptic-euv/latest?parameter=171');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    const body = await res.json();
    expect(body.record.time).toBe('2026-11-25T12:00:00Z');
    expect(body.record.parameter).toBe('171');
    expect(body.age_seconds).toBe(2 * 3600);
    expect(body.late).toBe(false);
    expect(body.expected_latency_seconds).toBe(7200);
    expect(body.late_after_seconds).toBe(6 * 3600 + 7200);
    expect(body.now).toBe('2026-11-25T14:00:00Z');

    const any = await (await env.request('/api/products/synoptic-euv/latest')).json();
    expect(any.record.parameter).toBe('193');

    const forecast = await (await env.request('/api/products/synoptic-euv/latest?parameter=171&map_type=forecast')).json();
    expect(forecast.record.time).toBe('2026-11-26T12:00:00Z');
    expect(forecast.age_seconds).toBe(-22 * 3600);
    expect(forecast.late).toBe(false);
  });

  it('flags a feed late once cadence + expected latency have passed, and not a second before', async () => {
    env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: T0 });
    const lateAfter = 1800 + 3600;
    env.clock.nowMs = T0 + lateAfter * 1000;
    expect((await (await env.request('/api/products/dem/latest')).json()).late).toBe(false);
    env.clock.nowMs = T0 + (lateAfter + 1) * 1000;
    expect((await (await env.request('/api/products/dem/latest')).json()).late).toBe(true);
  });

  it('sees a record registered after a previous answer (the cache follows the catalogue)', async () => {
    env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: T0 });
    expect((await (await env.request('/api/products/dem/latest')).json()).record.time).toBe('2026-11-25T00:00:00Z');
    env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: T0 + HOUR });
    expect((await (await env.request('/api/products/dem/latest')).json()).record.time).toBe('2026-11-25T01:00:00Z');
  });

  it('filters currents by data type and HARP', async () => {
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, timeMs: T0 });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'nrt', harpnum: 9001, timeMs: T0 + HOUR });
    expect((await (await env.request('/api/products/currents/latest')).json()).record.harpnum).toBe(9001);
    expect((await (await env.request('/api/products/currents/latest?data_type=sci')).json()).record.harpnum).toBe(377);
    expect((await env.request('/api/products/currents/latest?harpnum=5')).status).toBe(404);
  });

  it('404s when nothing matches yet, and 400s filters that do not apply', async () => {
    const none = await env.request('/api/products/dem/latest');
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toMatch(/no dem record/);

    const cases: [string, RegExp][] = [
      ['/api/products/dem/latest?map_type=nowcast', /map_type applies to the synoptic products/],
      ['/api/products/synoptic-euv/latest?data_type=nrt', /data_type applies to dem and currents/],
      ['/api/products/synoptic-euv/latest?parameter=172', /expected one of 94, 131, 171/],
      ['/api/products/synoptic-euv/latest?map_type=final', /expected one of forecast, nowcast, temporary, archived/],
      ['/api/products/dem/latest?harpnum=12', /harpnum applies to the currents product only/],
      ['/api/products/dem/latest?harpnum=x', /invalid harpnum: expected an integer/],
      ['/api/products/dem/latest?colour=red', /unknown parameter "colour"; known parameters: parameter, map_type, data_type, harpnum/],
    ];
    for (const [url, message] of cases) {
      const res = await env.request(url);
      expect(res.status, url).toBe(400);
      expect((await res.json()).error.message, url).toMatch(message);
    }
  });
});
