import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-support.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 0);

interface RecordBody {
  id: number;
  time: string;
  parameter: string;
  map_type?: string;
  data_type?: string;
  version: number;
  harpnum?: number;
  superseded_by: number | null;
}

describe('/api/products/{id}/records', () => {
  let env: TestEnv;
  const ids: number[] = [];
  beforeEach(() => {
    env = createTestEnv({ nowMs: T0 + 10 * 24 * HOUR });
    ids.length = 0;
    // 5 days of 171 and 193 nowcasts every 6 h: 20 per channel.
    for (let i = 0; i < 20; i++) {
      ids.push(env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'nowcast', timeMs: T0 + i * 6 * HOUR }));
      env.register({ product: 'synoptic-euv', parameter: '193', mapType: 'nowcast', timeMs: T0 + i * 6 * HOUR });
    }
  });
  afterEach(() => env.close());

  const get = async (url: string) => {
    const res = await env.request(url);
    return { res, body: await res.json() };
  };

  it('filters by time range [start, stop) and channel, in time order', async () => {
    const { res, body } = await get('/api/products/synoptic-euv/records?parameter=171&start=2026-11-21&stop=2026-11-22T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(body.total).toBe(4);
    expect(body.records.map((r: RecordBody) => r.time)).toEqual(['2026-11-21T00:00:00Z', '2026-11-21T06:00:00Z', '2026-11-21T12:00:00Z', '2026-11-21T18:00:00Z']);
    expect(body.next).toBeNull();
    expect(body.previous).toBeNull();
    const desc = (await get('/api/products/synoptic-euv/records?parameter=171&start=2026-11-21&stop=2026-11-22&order=desc')).body;
    expect(desc.records.map((r: RecordBody) => r.time)[0]).toBe('2026-11-21T18:00:00Z');
  });

  it('pages through every match exactly once by following next', async () => {
    const seen: number[] = [];
    let url: string | null = '/api/products/synoptic-euv/records?parameter=171&limit=7';
    let pages = 0;
    while (url) {
      const { body } = await get(url.replace('https://sdo.example.org', ''));
      expect(body.total).toBe(20);
      expect(body.limit).toBe(7);
      seen.push(...body.records.map((r: RecordBody) => r.id));
      url = body.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    const last = (await get('/api/products/synoptic-euv/records?parameter=171&limit=7&offset=14')).body;
    expect(last.previous).toBe('https://sdo.example.org/api/products/synoptic-euv/records?parameter=171&limit=7&offset=7');
    const beyond = (await get('/api/products/synoptic-euv/records?parameter=171&offset=500')).body;
    expect(beyond).toMatchObject({ total: 20, records: [], next: null });
  });

  it('keeps the order stable for records at the same time (by id)', async () => {
    // Two HARPs observed at the same time: both current, ordered by id in both directions.
    const a = env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 2, timeMs: T0 });
    const b = env.register({ product: 'currents', parameter: 'jr', dataType: 'nrt', harpnum: 1, timeMs: T0 });
    expect((await get('/api/products/currents/records')).body.records.map((r: RecordBody) => r.id)).toEqual([a, b]);
    expect((await get('/api/products/currents/records?order=desc')).body.records.map((r: RecordBody) => r.id)).toEqual([b, a]);
    expect((await get('/api/products/currents/records?data_type=nrt')).body.records.map((r: RecordBody) => r.id)).toEqual([b]);
  });

  it('filters by map type and version, hiding superseded versions unless asked', async () => {
    const t = T0 + 6 * HOUR;
    const temporary = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'temporary', timeMs: t });
    const archived = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'archived', version: 2, timeMs: t });
    const current = (await get('/api/products/synoptic-euv/records?parameter=171&start=2026-11-20T06:00Z&stop=2026-11-20T07:00Z')).body;
    expect(current.records.map((r: RecordBody) => [r.id, r.map_type])).toEqual([[archived, 'archived']]);
    const all = (await get('/api/products/synoptic-euv/records?parameter=171&start=2026-11-20T06:00Z&stop=2026-11-20T07:00Z&include_superseded=true')).body;
    expect(all.total).toBe(3);
    expect(all.records.find((r: RecordBody) => r.id === temporary).superseded_by).toBe(archived);
    expect((await get('/api/products/synoptic-euv/records?map_type=archived')).body.total).toBe(1);
    expect((await get('/api/products/synoptic-euv/records?version=2')).body.records[0].id).toBe(archived);
  });

  it('filters currents by HARP and NOAA number', async () => {
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: T0 });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 401, noaaArs: [11160, 11161], timeMs: T0 });
    expect((await get('/api/products/currents/records?harpnum=377')).body.records.map((r: RecordBody) => r.harpnum)).toEqual([377]);
    expect((await get('/api/products/currents/records?noaa=11161')).body.records.map((r: RecordBody) => r.harpnum)).toEqual([401]);
    expect((await get('/api/products/currents/records?noaa=1')).body.total).toBe(0);
  });

  it('rejects bad input with a 400 that says what is valid', async () => {
    const cases: [string, RegExp][] = [
      ['?start=yesterday', /invalid start: expected an ISO 8601 UTC time/],
      ['?start=2026-02-30', /invalid start/],
      ['?start=2026-11-20T25:00Z', /invalid start/],
      ['?start=2026-11-21&stop=2026-11-20', /stop must be later than start/],
      ['?limit=100000', /invalid limit: expected an integer from 1 to 1000/],
      ['?limit=0', /invalid limit/],
      ['?limit=1e3', /invalid limit/],
      ['?offset=-1', /invalid offset/],
      ['?limit=5&limit=6', /limit is given more than once/],
      ['?order=sideways', /expected one of asc, desc/],
      ['?include_superseded=yes', /expected one of true, false/],
      ['?noaa=11158', /noaa applies to the currents product only/],
    ];
    for (const [query, message] of cases) {
      const res = await env.request(`/api/products/synoptic-euv/records${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code, query).toBe('bad_request');
      expect(body.error.message, query).toMatch(message);
      expect(body.error.message, query).not.toMatch(/ZodError|"code":|invalid_type|at Object/);
    }
  });
});

describe('/api/records/{id}', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = createTestEnv();
  });
  afterEach(() => env.close());

  it('returns one record with its files, planes, inputs and links, with an ETag', async () => {
    const fits = env.writeFile('dem/2026/11/25/DEM_aia_2026-11-25T12_00_nrt_v1.fits', 'fits bytes', 'application/fits');
    const png = { ...env.writeFile('dem/2026/11/25/DEM_aia_2026-11-25T12_00_nrt_v1.png', 'png bytes', 'image/png'), kind: 'png' };
    const id = env.register({ product: 'dem', parameter: 'dem', dataType: 'nrt', timeMs: Date.UTC(2026, 10, 25, 12), files: [fits, png], summary: { median_tc: 1.5e6, chi2_gt4_fraction: null } });
    const res = await env.request(`/api/records/${id}`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const body = await res.json();
    expect(body).toMatchObject({
      id,
      product: 'dem',
      parameter: 'dem',
      time: '2026-11-25T12:00:00Z',
      data_type: 'nrt',
      version: 1,
      noaa_ars: [],
      production_time: '2026-11-25T13:00:00Z',
      pipeline_version: 'test-1',
      summary: { median_tc: 1.5e6, chi2_gt4_fraction: null },
      superseded_by: null,
      links: { self: `https://sdo.example.org/api/records/${id}`, product: 'https://sdo.example.org/api/products/dem', pixel: `https://sdo.example.org/api/records/${id}/pixel` },
    });
    expect(body.map_type).toBeUndefined();
    expect(body.files.fits).toEqual({ url: `https://sdo.example.org/data/${fits.path}`, name: 'DEM_aia_2026-11-25T12_00_nrt_v1.fits', bytes: 10, sha256: fits.sha256, media_type: 'application/fits' });
    expect(body.files.png.media_type).toBe('image/png');
    expect(body.planes.map((p: { id: string }) => p.id)).toEqual(['tc', 'em', 'width', 'chi2', 'nbands']);
    expect(body.planes[0].url).toBe(`https://sdo.example.org/api/records/${id}/planes/tc`);
    expect(body.inputs).toHaveLength(1);

    const again = await env.request(`/api/records/${id}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('marks superseded records immutable and links to their replacement', async () => {
    const t = Date.UTC(2026, 10, 25, 12);
    const old = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'temporary', timeMs: t });
    const better = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'archived', timeMs: t });
    const res = await env.request(`/api/records/${old}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await res.json()).links.superseded_by).toBe(`https://sdo.example.org/api/records/${better}`);
  });

  it('answers 400 for ids that are not ids and 404 for unknown ones', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999', '%00']) {
      const res = await env.request(`/api/records/${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await res.json()).error.message).toMatch(/record id is a positive integer/);
    }
    const res = await env.request('/api/records/12345');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('/api/harps', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = createTestEnv();
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: Date.UTC(2011, 1, 12) });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: Date.UTC(2011, 1, 16) });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'nrt', harpnum: 4000, noaaArs: [], timeMs: Date.UTC(2011, 1, 20) });
  });
  afterEach(() => env.close());

  it('lists HARPs active in a range with their NOAA numbers and links', async () => {
    const body = await (await env.request('/api/harps?start=2011-02-15&stop=2011-02-17')).json();
    expect(body.harps).toEqual([
      {
        harpnum: 377,
        data_type: 'sci',
        noaa_ars: [11158],
        first_time: '2011-02-12T00:00:00Z',
        last_time: '2011-02-16T00:00:00Z',
        links: { records: 'https://sdo.example.org/api/products/currents/records?data_type=sci&harpnum=377', hapi_info: expect.stringMatching(/^https:\/\/sdo\.example\.org\/hapi\/info\?dataset=.*377/) },
      },
    ]);
    expect((await (await env.request('/api/harps')).json()).harps).toHaveLength(2);
    expect((await (await env.request('/api/harps?data_type=nrt')).json()).harps.map((h: { harpnum: number }) => h.harpnum)).toEqual([4000]);
    expect((await (await env.request('/api/harps?start=2012-01-01')).json()).harps).toEqual([]);
  });

  it('rejects bad ranges', async () => {
    expect((await env.request('/api/harps?start=2011-02-17&stop=2011-02-15')).status).toBe(400);
    expect((await env.request('/api/harps?data_type=final')).status).toBe(400);
  });
});
