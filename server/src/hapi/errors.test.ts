import zlib from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HapiDatasetDefinition } from '../../../products/src/definitions/types.ts';
import { HapiStore } from './store/store.ts';
import { HttpTimeoutError, listen, request, TruncatedError } from './testing/client.ts';
import { fillSynthetic, SYNTHETIC, T0, testApp, testDeps } from './testing/fixtures.ts';
import { schemaErrors } from './testing/schema.ts';
import { INVALID, VALID } from './testing/time-vectors.ts';
import { verifyServer } from './testing/verifier.ts';

const deps = testDeps();
fillSynthetic(deps.catalogue);
const app = testApp(deps, { datasets: () => SYNTHETIC });

/** A marker inside bad input: it must never come back in an answer. */
const MARK = 'ZQXJ';
const OK = 'dataset=syn_scalars&start=2024-05-01T00Z&stop=2024-05-01T02Z';

// Every error code, a request that provokes it, and the expected HTTP status.
const CASES: [number, number, string][] = [
  [1400, 400, `/hapi/nothing_here_${MARK}`],
  [1400, 400, '/hapi/info'],
  [1400, 400, `/hapi/info?dataset=syn_scalars&dataset=syn_vector`],
  [1400, 400, `/hapi/data?dataset=syn_scalars&id=syn_scalars&start=2024-05-01&stop=2024-05-02`],
  [1400, 400, `/hapi/data?${OK}&time.min=2024-05-01`],
  [1401, 400, `/hapi/info?dataset=syn_scalars&${MARK}=1`],
  [1401, 400, `/hapi/about?x${MARK}=1`],
  [1401, 400, `/hapi/data?${OK}&resolve_references=true`],
  [1401, 400, `/hapi/catalog?Depth=all`],
  [1402, 400, `/hapi/data?dataset=syn_scalars&stop=2024-05-02`],
  [1402, 400, `/hapi/data?dataset=syn_scalars&start=2024-13-01${MARK}&stop=2024-05-02`],
  [1402, 400, `/hapi/data?dataset=syn_scalars&start=2017-01-15T23:59:60Z&stop=2024-05-02`],
  [1403, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-01`],
  [1403, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-01&stop=2024-02-30${MARK}`],
  [1404, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-02&stop=2024-05-02T00:00:00.000Z`],
  [1404, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-02&stop=2024-05-01`],
  [1404, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-01T00:00:00.000000002Z&stop=2024-05-01T00:00:00.000000001Z`],
  [1405, 400, `/hapi/data?dataset=syn_scalars&start=2024-04-30T23:59Z&stop=2024-05-02`],
  [1405, 400, `/hapi/data?dataset=syn_scalars&start=2024-05-02&stop=2024-05-04T00:00:00.000000001Z`],
  [1406, 404, `/hapi/info?dataset=no_such_${MARK}`],
  [1406, 404, `/hapi/data?id=no_such_${MARK}&time.min=2024-05-01&time.max=2024-05-02`],
  [1407, 404, `/hapi/info?dataset=syn_scalars&parameters=flux,${MARK}`],
  [1407, 404, `/hapi/data?${OK}&parameters=flux,,count`],
  [1408, 400, `/hapi/data?dataset=syn_map&start=2024-05-01&stop=2024-05-03T00:00:00.001Z`],
  [1409, 400, `/hapi/data?${OK}&format=xml${MARK}`],
  [1410, 400, `/hapi/data?${OK}&include=headers${MARK}`],
  [1411, 400, `/hapi/data?${OK}&parameters=count,flux`],
  [1411, 400, `/hapi/info?dataset=syn_scalars&parameters=flux,flux`],
  [1411, 400, `/hapi/info?dataset=syn_scalars&parameters=flux,Time`],
  [1412, 400, `/hapi/info?dataset=syn_scalars&resolve_references=no${MARK}`],
  [1412, 400, `/hapi/catalog?resolve_references=1`],
  [1413, 400, `/hapi/catalog?depth=everything${MARK}`],
];

describe('error answers', () => {
  it.each(CASES)('HAPI %i (HTTP %i) for %s', async (code, http, url) => {
    const res = await app.request(url);
    expect(res.status).toBe(http);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.statusText).toContain(`HAPI error ${code}`);
    const text = await res.text();
    expect(text).not.toContain(MARK);
    const body = JSON.parse(text);
    expect(body.HAPI).toBe('3.3');
    expect(body.status.code).toBe(code);
    expect(body.status.message).toMatch(new RegExp(`^HAPI error ${code}: `));
    // The 3.3 schema's status enum lacks 1413 (HAPI.md section 3); every other error body validates.
    if (code !== 1413) expect(schemaErrors('error', body)).toEqual([]);
  });

  it('reaches every code of the table, and 1201', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set([1400, 1401, 1402, 1403, 1404, 1405, 1406, 1407, 1408, 1409, 1410, 1411, 1412, 1413]));
  });

  it('says what is valid: 1405 gives the allowed dates, 1401 the accepted names, 1408 the limit', async () => {
    const m = async (url: string) => (await (await app.request(url)).json()).status.message as string;
    expect(await m('/hapi/data?dataset=syn_scalars&start=2024-04-01&stop=2024-05-02')).toContain('start >= 2024-05-01T00:00:00.000Z and stop <= 2024-05-04T00:00:00.000Z');
    expect(await m('/hapi/data?dataset=syn_scalars&foo=1')).toContain('dataset, id, start, time.min, stop, time.max, parameters, include, format');
    expect(await m('/hapi/data?dataset=syn_map&start=2024-05-01&stop=2024-05-03T00:00:00.001Z')).toContain('PT36H');
  });

  it('lets parameter subsets span proportionally longer before 1408', async () => {
    // syn_map: PT36H for 1 + 12 + 12 values a record; one map alone (1 + 12) may span 25/13 × 36 h = 69 h.
    expect((await app.request('/hapi/data?dataset=syn_map&start=2024-05-01&stop=2024-05-03T00:00:00.001Z&parameters=map')).status).toBe(200);
  });

  it('answers 1500 without details when something breaks, and 1501 when the catalogue is busy', async () => {
    const broken = testApp(testDeps(), {
      datasets: () => {
        throw new Error(`definitions exploded ${MARK}`);
      },
    });
    const res = await broken.request('/hapi/catalog');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain(MARK);
    expect(JSON.parse(body).status.code).toBe(1500);
    expect(schemaErrors('error', JSON.parse(body))).toEqual([]);

    const busyDeps = testDeps();
    const busy = testApp(busyDeps);
    HapiStore.of(busyDeps.catalogue.db).state = () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    const r = await busy.request('/hapi/info?dataset=dem_indices');
    expect(r.status).toBe(500);
    expect((await r.json()).status.code).toBe(1501);
  });

  it('checks every time vector: valid ones pass as start and stop, invalid ones give 1402 and 1403', async () => {
    const wide = testApp(testDeps(deps.catalogue), { datasets: () => [{ ...SYNTHETIC[0], id: 'wide', maxRequestDuration: undefined }] });
    // 'wide' shares syn_scalars' name space but not its records: its availability is nominal start to tomorrow.
    for (const [text] of VALID) {
      const asStart = await wide.request(`/hapi/data?dataset=wide&start=${encodeURIComponent(text)}&stop=2024-05-04`);
      const code = asStart.status === 200 ? 1200 : (await asStart.json()).status.code;
      expect([1200, 1404, 1405], text).toContain(code);
      const asStop = await wide.request(`/hapi/data?dataset=wide&start=1000&stop=${encodeURIComponent(text)}`);
      expect([1404, 1405], text).toContain((await asStop.json()).status.code);
    }
    for (const text of INVALID) {
      const asStart = await wide.request(`/hapi/data?dataset=wide&start=${encodeURIComponent(text)}&stop=2024-05-04`);
      expect((await asStart.json()).status.code, text).toBe(1402);
      const asStop = await wide.request(`/hapi/data?dataset=wide&start=2024-05-01&stop=${encodeURIComponent(text)}`);
      expect((await asStop.json()).status.code, text).toBe(1403);
    }
  });
});

describe('request conventions', () => {
  it('accepts the HAPI 2 names id, time.min, time.max, alone or mixed with the 3.x names', async () => {
    const v3 = await (await app.request(`/hapi/data?${OK}`)).text();
    expect(v3.split('\n')).toHaveLength(3);
    expect(await (await app.request('/hapi/data?id=syn_scalars&time.min=2024-05-01T00Z&time.max=2024-05-01T02Z')).text()).toBe(v3);
    expect(await (await app.request('/hapi/data?dataset=syn_scalars&time.min=2024-05-01T00Z&stop=2024-05-01T02Z')).text()).toBe(v3);
    expect(await (await app.request('/hapi/info?id=syn_scalars')).text()).toBe(await (await app.request('/hapi/info?dataset=syn_scalars')).text());
  });

  it('answers HEAD with the GET headers and no body, for metadata and data', async () => {
    for (const url of ['/hapi', '/hapi/about', '/hapi/catalog', '/hapi/info?dataset=syn_vector', `/hapi/data?${OK}`, `/hapi/data?${OK}&format=json`, '/hapi/info?dataset=nope']) {
      const get = await app.request(url);
      const head = await app.request(url, { method: 'HEAD' });
      expect(head.status).toBe(get.status);
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(head.headers.get('content-disposition')).toBe(get.headers.get('content-disposition'));
      expect(await head.text()).toBe('');
    }
  });

  it('redirects trailing slashes to the slashless form (relative, query kept), refuses other methods', async () => {
    const root = await app.request('/hapi/');
    expect(root.status).toBe(301);
    expect(root.headers.get('location')).toBe('../hapi');
    expect(new URL(root.headers.get('location')!, 'http://h/prefix/hapi/').pathname).toBe('/prefix/hapi');
    const info = await app.request('/hapi/info/?dataset=syn_vector');
    expect(info.headers.get('location')).toBe('../info?dataset=syn_vector');
    expect(new URL(info.headers.get('location')!, 'http://h/hapi/info/?dataset=syn_vector').href).toBe('http://h/hapi/info?dataset=syn_vector');
    const landing = await app.request('/hapi');
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await landing.text()).toContain('hapi/info?dataset=syn_scalars');
    const post = await app.request('/hapi/data', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await post.json()).status.code).toBe(1400);
    const options = await app.request('/hapi/data', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('over a real socket', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(app);
  });
  afterAll(() => server.close());

  it('puts the HAPI status in the HTTP reason phrase', async () => {
    const missing = await request(`${server.url}/hapi/info?dataset=nope`, { timeoutMs: 2000 });
    expect(`${missing.status} ${missing.statusMessage}`).toBe('404 Not Found; HAPI error 1406: Bad request - unknown dataset id');
    const empty = await request(`${server.url}/hapi/data?dataset=syn_scalars&start=2024-05-01T00:00:00.001Z&stop=2024-05-01T00:00:00.003Z`, { timeoutMs: 2000 });
    expect(empty.statusMessage).toBe('OK; HAPI 1201 OK - no data for time range');
    expect(empty.body.length).toBe(0);
    const ok = await request(`${server.url}/hapi/data?${OK}`, { timeoutMs: 2000 });
    expect(ok.statusMessage).toBe('OK');
    for (const [code, , url] of CASES) {
      const r = await request(`${server.url}${url}`, { timeoutMs: 2000 });
      expect(r.statusMessage).toContain(`HAPI error ${code}`);
    }
  });

  it('gzips every data format when asked, binary included, and the content is unchanged', async () => {
    for (const format of ['csv', 'json', 'binary']) {
      const url = `${server.url}/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-03&format=${format}`;
      const plain = await request(url, { timeoutMs: 2000 });
      const gz = await request(url, { timeoutMs: 2000, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.rawBytes).toBeLessThan(plain.rawBytes);
      expect(gz.body.equals(plain.body)).toBe(true);
    }
    const meta = await request(`${server.url}/hapi/catalog?depth=all`, { timeoutMs: 2000, headers: { 'accept-encoding': 'gzip' } });
    expect(meta.headers['content-encoding']).toBe('gzip');
  });

  it('cuts the stream when an error happens after the first bytes (and keeps serving)', async () => {
    const d = testDeps();
    fillSynthetic(d.catalogue);
    d.catalogue.db.prepare(`UPDATE hapi_chunks SET columns = X'00' WHERE dataset = 'syn_vector' AND chunk_start = ?`).run(T0 + 86_400_000);
    const broken = await listen(testApp(d, { datasets: () => SYNTHETIC }));
    try {
      for (const extra of ['', '&format=json', '&format=binary']) {
        const url = `${broken.url}/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-03${extra}`;
        await expect(request(url, { timeoutMs: 2000 })).rejects.toBeInstanceOf(TruncatedError);
        await expect(request(url, { timeoutMs: 2000, headers: { 'accept-encoding': 'gzip' } })).rejects.toThrow();
      }
      const fine = await request(`${broken.url}/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-02`, { timeoutMs: 2000 });
      expect(fine.body.toString().split('\n')).toHaveLength(25);
      // Without a socket (app.request) the body stream errors the same way.
      const res = await testApp(d, { datasets: () => SYNTHETIC }).request('/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-03');
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      await broken.close();
    }
  });

  it('stops producing when the client goes away', async () => {
    const big: HapiDatasetDefinition = { ...SYNTHETIC[1], id: 'big', maxRequestDuration: undefined, parameters: [{ name: 'v', type: 'double', units: 'm', fill: 'NaN', size: [6] }] };
    const d = testDeps();
    const rows = [];
    for (let i = 0; i < 100 * 1440; i++) rows.push({ dataset: 'big', timeMs: Date.UTC(2024, 0, 1) + i * 60_000, values: [Float64Array.of(i, i / 3, -i, i * 1e-9, 1e300 / (i + 1), Math.PI * i)] });
    d.catalogue.putHapiRecords(rows);
    const store = HapiStore.of(d.catalogue.db);
    const original = store.chunkData.bind(store);
    let decoded = 0;
    store.chunkData = (id) => {
      decoded++;
      return original(id);
    };
    const s = await listen(testApp(testDeps(d.catalogue, Date.UTC(2024, 3, 20)), { datasets: () => [big] }));
    try {
      await new Promise<void>((resolve, reject) => {
        import('node:http').then(({ default: http }) => {
          const req = http.get(`${s.url}/hapi/data?dataset=big&start=2024-01-01&stop=2024-04-10`, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', (e) => (/socket hang up|aborted/.test(e.message) ? undefined : reject(e)));
        });
      });
      await new Promise((r) => setTimeout(r, 300));
      const afterAbort = decoded;
      await new Promise((r) => setTimeout(r, 300));
      expect(decoded).toBe(afterAbort); // nothing more after the client left
      expect(decoded).toBeLessThan(60); // of 100 day chunks
      const still = await request(`${s.url}/hapi/about`, { timeoutMs: 2000 });
      expect(still.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('counts a data request that never answers as a failure (client timeout, verifier port)', async () => {
    const hanging = new Hono();
    hanging.use('/hapi/data', async (c, next) => {
      if (c.req.query('id') === 'syn_vector' || c.req.query('dataset') === 'syn_vector') return new Promise<Response>(() => {});
      return next();
    });
    hanging.route('/', app);
    const s = await listen(hanging);
    try {
      await expect(request(`${s.url}/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-02`, { timeoutMs: 200 })).rejects.toBeInstanceOf(HttpTimeoutError);
      const report = await verifyServer(`${s.url}/hapi`, { datasets: ['syn_vector'], dataTimeoutMs: 150, metaTimeoutMs: 1000 });
      expect(report.failures.map((f) => f.check)).toContain('RequestError');
      expect(report.failures.every((f) => f.url.includes('syn_vector'))).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('gunzips to the same bytes that zlib produces from the plain answer (sanity of the client)', async () => {
    const url = `${server.url}/hapi/data?${OK}`;
    const gz = await request(url, { timeoutMs: 2000, headers: { 'accept-encoding': 'gzip' } });
    expect(zlib.gunzipSync(zlib.gzipSync(gz.body)).equals(gz.body)).toBe(true);
  });
});
