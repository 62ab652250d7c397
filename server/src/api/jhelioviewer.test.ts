import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-support.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 20);

/** The body JHelioviewer's SynopticDialog builds (same keys, same value types). */
const jhvBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ start_date: '2026-11-20', end_date: '2026-11-21', channels: ['171'], map_type: ['temporary'], latest: true, ...over });

interface Item {
  id: number;
  date: string;
  channel: string;
  map_type: string;
  version: number;
  superseded: boolean;
  _resources: { fits_file: string; png_file?: string };
}

describe('JHelioviewer synoptic search', () => {
  let env: TestEnv;
  const post = async (path: string, body: string) => {
    const res = await env.request(path, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    return { res, body: await res.json() };
  };
  const mapRecord = (product: 'synoptic-euv' | 'synoptic-photosphere', parameter: string, timeMs: number, mapType: 'forecast' | 'nowcast' | 'temporary' | 'archived', version = 1) => {
    const stem = `${product}/${parameter}_${timeMs}_${mapType}_v${version}`;
    const fits = env.writeFile(`${stem}.fits`, 'SIMPLE', 'application/fits');
    const png = { ...env.writeFile(`${stem}.png`, 'PNG', 'image/png'), kind: 'png' };
    return env.register({ product, parameter, timeMs, mapType, version, files: [fits, png] });
  };

  beforeEach(() => {
    env = createTestEnv({ nowMs: T0 + 10 * DAY });
  });
  afterEach(() => env.close());

  it('answers the AIA request with an array whose items carry _resources.fits_file under /data/', async () => {
    const a = mapRecord('synoptic-euv', '171', T0, 'temporary');
    const b = mapRecord('synoptic-euv', '171', T0 + 18 * HOUR, 'temporary');
    const c = mapRecord('synoptic-euv', '171', T0 + DAY + 18 * HOUR, 'temporary'); // end_date's day is included
    mapRecord('synoptic-euv', '171', T0 + 2 * DAY, 'temporary'); // the day after is not
    mapRecord('synoptic-euv', '193', T0, 'temporary');
    mapRecord('synoptic-euv', '171', T0, 'nowcast');

    const { res, body } = await post('/api/s050a/map/', jhvBody());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((i: Item) => i.id)).toEqual([a, b, c]);
    expect(body[0]).toMatchObject({ date: '2026-11-20T00:00:00Z', channel: '171', map_type: 'temporary', version: 1, superseded: false, product: 'synoptic-euv' });
    expect(body[0]._resources.fits_file).toBe(env.catalogue.getRecord(a)!.files.find((f) => f.kind === 'fits') && `/data/synoptic-euv/171_${T0}_temporary_v1.fits`);
    expect(body[0]._resources.png_file).toBe(`/data/synoptic-euv/171_${T0}_temporary_v1.png`);
    expect(body[0]._links.self).toBe(`/api/records/${a}`);

    // The path resolves against the server root (java.net.URI.resolve) to a file we serve.
    const url = new URL(body[0]._resources.fits_file, 'https://sdo.example.org/anything/');
    expect(url.pathname.startsWith('/data/')).toBe(true);
    const file = await env.request(url.pathname);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('SIMPLE');
  });

  it('answers the HMI request and also accepts the path without or with a trailing slash', async () => {
    const m = mapRecord('synoptic-photosphere', 'hmi.m_720s', T0, 'archived');
    mapRecord('synoptic-photosphere', 'hmi.ic_720s', T0, 'archived');
    for (const path of ['/api/s005a/map/hmi', '/api/s005a/map/hmi/']) {
      const { res, body } = await post(path, jhvBody({ channels: ['hmi.m_720s'], map_type: ['archived'] }));
      expect(res.status, path).toBe(200);
      expect(body.map((i: Item) => i.id)).toEqual([m]);
    }
    expect((await post('/api/s050a/map', jhvBody())).res.status).toBe(200);
  });

  it('keeps only the best version of each map when latest is true, every version when false', async () => {
    const v1 = mapRecord('synoptic-euv', '171', T0, 'temporary', 1);
    const v2 = mapRecord('synoptic-euv', '171', T0, 'temporary', 2);
    const archived = mapRecord('synoptic-euv', '171', T0, 'archived', 1);
    expect((await post('/api/s050a/map/', jhvBody())).body.map((i: Item) => i.id)).toEqual([v2]);
    expect((await post('/api/s050a/map/', jhvBody({ latest: false }))).body.map((i: Item) => i.id)).toEqual([v1, v2]);
    const all = (await post('/api/s050a/map/', jhvBody({ map_type: ['forecast', 'nowcast', 'temporary', 'archived'] }))).body;
    expect(all.map((i: Item) => i.id)).toEqual([archived]);
    const every = (await post('/api/s050a/map/', jhvBody({ map_type: [], latest: false }))).body;
    expect(every.map((i: Item) => i.id).sort()).toEqual([v1, v2, archived].sort());
    expect(every.find((i: Item) => i.id === v1).superseded).toBe(true);
  });

  it('accepts channels as numbers and all channels when none are given', async () => {
    const a = mapRecord('synoptic-euv', '304', T0, 'nowcast');
    const b = mapRecord('synoptic-euv', '94', T0 + HOUR, 'nowcast');
    expect((await post('/api/s050a/map/', jhvBody({ channels: [304], map_type: ['nowcast'] }))).body.map((i: Item) => i.id)).toEqual([a]);
    expect((await post('/api/s050a/map/', jhvBody({ channels: undefined, map_type: undefined }))).body.map((i: Item) => i.id)).toEqual([a, b]);
  });

  it('answers [] when nothing matches', async () => {
    const { res, body } = await post('/api/s050a/map/', jhvBody());
    expect(res.status).toBe(200);
    expect(body).toEqual([]);
  });

  it('answers 400 JSON to invalid bodies, saying what a valid one is', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/s050a/map/', 'not json', /the body must be JSON, e.g. \{"start_date":"2026-11-20"/],
      ['/api/s050a/map/', '', /the body must be JSON/],
      ['/api/s050a/map/', '[]', /the body must be a JSON object/],
      ['/api/s050a/map/', 'null', /the body must be a JSON object/],
      ['/api/s050a/map/', jhvBody({ start_date: undefined }), /start_date is required/],
      ['/api/s050a/map/', jhvBody({ start_date: '20/11/2026' }), /invalid start_date: expected a UTC date YYYY-MM-DD/],
      ['/api/s050a/map/', jhvBody({ end_date: '2026-13-01' }), /invalid end_date/],
      ['/api/s050a/map/', jhvBody({ end_date: '2026-11-19' }), /end_date must not be before start_date/],
      ['/api/s050a/map/', jhvBody({ channels: ['hmi.m_720s'] }), /valid channels: 94, 131, 171, 193, 211, 304, 335, 1600, 1700/],
      ['/api/s005a/map/hmi', jhvBody({ channels: ['171'] }), /valid channels: hmi.m_720s, hmi.ic_720s/],
      ['/api/s050a/map/', jhvBody({ channels: '171' }), /channels must be an array/],
      ['/api/s050a/map/', jhvBody({ map_type: ['final'] }), /map_type must be an array of map types \(forecast, nowcast, temporary, archived\)/],
      ['/api/s050a/map/', jhvBody({ latest: 'yes' }), /latest must be true or false/],
    ];
    for (const [path, body, message] of cases) {
      const r = await post(path, body);
      expect(r.res.status, body).toBe(400);
      expect(r.body.error.code, body).toBe('bad_request');
      expect(r.body.error.message, body).toMatch(message);
    }
  });

  it('refuses oversized bodies (413) and GET (405 with Allow: POST)', async () => {
    const huge = jhvBody({ pad: 'x'.repeat(100_000) });
    const big = await post('/api/s050a/map/', huge);
    expect(big.res.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const get = await env.request('/api/s050a/map/');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('refuses searches that would return too many maps', async () => {
    // 10 years of 4 maps a day in 9 channels and 2 map types is far above the bound: count only, nothing is listed.
    const stmt = env.catalogue.db.prepare(
      `INSERT INTO product_records (product, parameter, time_ms, map_type, version, production_ms, pipeline_version, inputs_key) VALUES ('synoptic-euv', '171', ?, 'nowcast', 1, 0, 't', ?)`,
    );
    env.catalogue.transaction(() => {
      for (let i = 0; i < 10_001; i++) stmt.run(T0 + i * 6 * HOUR, `k${i}`);
    });
    const r = await post('/api/s050a/map/', jhvBody({ end_date: '2036-01-01', map_type: ['nowcast'] }));
    expect(r.res.status).toBe(400);
    expect(r.body.error.message).toMatch(/10001 maps match, more than the 10000/);
  });
});
