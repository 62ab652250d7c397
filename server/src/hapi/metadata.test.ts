import { beforeAll, describe, expect, it } from 'vitest';
import { LOWRES_LAT, LOWRES_LON } from '../../../products/src/definitions/common.ts';
import { productById } from '../../../products/src/definitions/index.ts';
import { datasetResourceId, recordUrl, repositoryId } from '../../../spase/src/ids.ts';
import { Catalogue } from '../catalogue/catalogue.ts';
import { BASE_URL, DAY, fillProducts, fillSynthetic, NOW, SYNTHETIC, T0, testApp, testDeps } from './testing/fixtures.ts';
import { schemaErrors } from './testing/schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read by tests
type Json = Record<string, any>;

async function getJson(app: ReturnType<typeof testApp>, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; res: Response }> {
  const res = await app.request(url, { headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, res };
}

/** Every metadata answer of a server: about, capabilities, catalog (both depths, both reference modes), every info. */
async function allMetadata(app: ReturnType<typeof testApp>, ids: string[]): Promise<{ url: string; schema: 'about' | 'capabilities' | 'catalog' | 'info'; body: Json }[]> {
  const out: { url: string; schema: 'about' | 'capabilities' | 'catalog' | 'info'; body: Json }[] = [];
  const add = async (url: string, schema: 'about' | 'capabilities' | 'catalog' | 'info') => out.push({ url, schema, body: (await getJson(app, url)).body });
  await add('/hapi/about', 'about');
  await add('/hapi/capabilities', 'capabilities');
  for (const q of ['', '?depth=dataset', '?depth=all', '?depth=all&resolve_references=false', '?resolve_references=true']) await add(`/hapi/catalog${q}`, 'catalog');
  for (const id of ids) {
    await add(`/hapi/info?dataset=${id}`, 'info');
    await add(`/hapi/info?dataset=${id}&resolve_references=false`, 'info');
    const info = out[out.length - 1].body;
    for (const p of info.parameters) await add(`/hapi/info?dataset=${id}&parameters=${encodeURIComponent(p.name)}`, 'info');
  }
  return out;
}

describe('metadata of every dataset of the product registry', () => {
  const deps = testDeps(Catalogue.open(':memory:'));
  const app = testApp(deps);
  let ids: string[];
  beforeAll(async () => {
    fillProducts(deps.catalogue);
    ids = (await getJson(app, '/hapi/catalog')).body.catalog.map((e: Json) => e.id);
  });

  it('lists indices, file listings, 1-degree maps, totals and one dataset per HARP', () => {
    expect(ids).toContain('currents_sci_harp377');
    expect(ids).toContain('currents_nrt_harp7115');
    expect(ids).toContain('currents_total_sci');
    expect(ids).toContain('photo_br_lowres');
    expect(ids).toContain('euv304_files');
    expect(ids).toContain('dem_indices');
    expect(ids.length).toBe(39);
  });

  it('validates against the HAPI 3.3 schema: about, capabilities, catalog, every info and every one-parameter info', async () => {
    const answers = await allMetadata(app, ids);
    expect(answers.length).toBeGreaterThan(300);
    const bad = answers.map((a) => ({ url: a.url, errors: schemaErrors(a.schema, a.body) })).filter((a) => a.errors.length);
    expect(bad).toEqual([]);
  });

  it('points each dataset at its SPASE record and the server at its Repository record', async () => {
    for (const id of ids) {
      const info = (await getJson(app, `/hapi/info?dataset=${id}`)).body;
      const def = (await import('../../../products/src/definitions/index.ts')).allHapiDatasets(deps.catalogue.harps()).find((d) => d.id === id)!;
      const expected = datasetResourceId('ESA', productById(def.product)!, def);
      expect(info.resourceID).toBe(expected);
      expect(info.additionalMetadata).toEqual({ name: 'SPASE', contentURL: recordUrl(BASE_URL, expected), aboutURL: 'https://spase-group.org' });
      expect(info.additionalMetadata.contentURL).toMatch(/^https:\/\/hapi\.example\.org\/spase\/NumericalData\/.+\/HAPI\/.+\.xml$/);
    }
    expect((await getJson(app, '/hapi/about')).body.resourceID).toBe(repositoryId('ESA', 'MEDOC'));
  });

  it('serves the 1-degree synoptic maps as 360 x 180 arrays with Carrington bin centres', async () => {
    const info = (await getJson(app, '/hapi/info?dataset=euv171_lowres')).body;
    const map = info.parameters[2];
    expect(map.size).toEqual([LOWRES_LON, LOWRES_LAT]);
    expect(map.bins.map((b: Json) => b.name)).toEqual(['carrington_longitude', 'carrington_latitude']);
    expect(map.bins[0].centers.slice(0, 2)).toEqual([0.5, 1.5]);
    expect(map.bins[0].centers[359]).toBe(359.5);
    expect(map.bins[1].centers[0]).toBe(-89.5);
    expect(map.bins[1].centers[179]).toBe(89.5);
    expect(map.x_spase).toBeUndefined();
  });

  it('gives file-listing URLs as uri strings with units null', async () => {
    const info = (await getJson(app, '/hapi/info?dataset=dem_files')).body;
    const fits = info.parameters.find((p: Json) => p.name === 'fits_url');
    expect(fits).toMatchObject({ type: 'string', units: null, stringType: { uri: { mediaType: 'application/fits', scheme: 'https' } } });
  });
});

describe('metadata rules', () => {
  const deps = testDeps();
  const app = testApp(deps, { datasets: () => SYNTHETIC });
  beforeAll(() => fillSynthetic(deps.catalogue));

  it('validates every synthetic metadata answer and every error body against the schema', async () => {
    const answers = await allMetadata(app, SYNTHETIC.map((d) => d.id));
    expect(answers.map((a) => ({ url: a.url, errors: schemaErrors(a.schema, a.body) })).filter((a) => a.errors.length)).toEqual([]);
  });

  it('adds Time first, with a fixed length, and keeps x_spase out', async () => {
    const info = (await getJson(app, '/hapi/info?dataset=syn_scalars')).body;
    expect(info.parameters[0]).toMatchObject({ name: 'Time', type: 'isotime', units: 'UTC', fill: null, length: 24 });
    expect(info.format).toBeUndefined();
    expect(info.definitions).toBeUndefined();
  });

  it('dates: midnight of the first record day; stopDate after today while ongoing, after the last record day once closed', async () => {
    const info = (await getJson(app, '/hapi/info?dataset=syn_scalars')).body;
    expect(info.startDate).toBe('2024-05-01T00:00:00.000Z');
    // The last record is 2024-05-03T11:00Z and "now" is 2024-05-03T18:30Z: ongoing, stopDate = tomorrow.
    expect(info.stopDate).toBe('2024-05-04T00:00:00.000Z');
    const later = testApp(testDeps(deps.catalogue, NOW + 30 * DAY), { datasets: () => SYNTHETIC });
    const closed = (await getJson(later, '/hapi/info?dataset=syn_scalars')).body;
    expect(closed.stopDate).toBe('2024-05-04T00:00:00.000Z');
    const lowres = (await getJson(later, '/hapi/info?dataset=syn_lowres')).body;
    // Records 2024-05-02T12:00 ... 2024-05-03T06:00 (6-hourly).
    expect(lowres.startDate).toBe('2024-05-02T00:00:00.000Z');
    expect(lowres.stopDate).toBe('2024-05-04T00:00:00.000Z');
  });

  it('sample window: the last records, rounded out to minutes, fewer records for wide arrays', async () => {
    const scalars = (await getJson(app, '/hapi/info?dataset=syn_scalars')).body;
    expect([scalars.sampleStartDate, scalars.sampleStopDate]).toEqual(['2024-05-02T16:00:00.000Z', '2024-05-03T11:01:00.000Z']); // 20 hourly records
    const lowres = (await getJson(app, '/hapi/info?dataset=syn_lowres')).body;
    // 64 800 values a record: the last 3 records (floor(200 000 / 64 801)) of 12:00, 18:00, 00:00, 06:00.
    expect([lowres.sampleStartDate, lowres.sampleStopDate]).toEqual(['2024-05-02T18:00:00.000Z', '2024-05-03T06:01:00.000Z']);
  });

  it('a dataset without records: nominal start, stopDate after today, a note, no sample, not in the catalog while others have data', async () => {
    const info = (await getJson(app, '/hapi/info?dataset=syn_empty')).body;
    expect(info.startDate).toBe('2024-01-01T00:00:00.000Z');
    expect(info.stopDate).toBe('2024-05-04T00:00:00.000Z');
    expect(info.note).toMatch(/No records yet/);
    expect(info.sampleStartDate).toBeUndefined();
    expect(schemaErrors('info', info)).toEqual([]);
    const catalog = (await getJson(app, '/hapi/catalog')).body.catalog.map((e: Json) => e.id);
    expect(catalog).not.toContain('syn_empty');
    const data = await app.request('/hapi/data?dataset=syn_empty&start=2024-02-01&stop=2024-02-02');
    expect(data.status).toBe(200);
    expect(data.statusText).toBe('OK; HAPI 1201 OK - no data for time range');
    const fresh = testApp(testDeps(), { datasets: () => SYNTHETIC });
    expect((await getJson(fresh, '/hapi/catalog')).body.catalog).toHaveLength(SYNTHETIC.length);
  });

  it('catalog?depth=all carries each /info without HAPI and status', async () => {
    const all = (await getJson(app, '/hapi/catalog?depth=all')).body.catalog;
    for (const entry of all) {
      const { HAPI: _h, status: _s, ...info } = (await getJson(app, `/hapi/info?dataset=${entry.id}`)).body;
      expect(entry.info).toEqual(info);
    }
  });

  it('resolve_references=false moves shared bins into definitions; the default resolves them', async () => {
    const refs = (await getJson(app, '/hapi/info?dataset=syn_map&resolve_references=false')).body;
    expect(Object.keys(refs.definitions).sort()).toEqual(['lat_bins', 'lon_bins']);
    expect(refs.parameters[1].bins).toEqual([{ $ref: '#/definitions/lon_bins' }, { $ref: '#/definitions/lat_bins' }]);
    expect(refs.parameters[2].bins).toEqual(refs.parameters[1].bins);
    const resolved = (await getJson(app, '/hapi/info?dataset=syn_map')).body;
    expect(resolved.parameters[1].bins[0]).toEqual(refs.definitions.lon_bins);
    expect(resolved.definitions).toBeUndefined();
    // Nothing shared, nothing to reference.
    expect((await getJson(app, '/hapi/info?dataset=syn_scalars&resolve_references=false')).body.definitions).toBeUndefined();
  });

  it('answers If-Modified-Since with 304 and gives Last-Modified on every metadata answer', async () => {
    for (const url of ['/hapi/about', '/hapi/capabilities', '/hapi/catalog', '/hapi/info?dataset=syn_vector']) {
      const first = await app.request(url);
      const lastModified = first.headers.get('last-modified')!;
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      const again = await app.request(url, { headers: { 'if-modified-since': lastModified } });
      expect(again.status).toBe(304);
      const older = await app.request(url, { headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() } });
      expect(older.status).toBe(200);
    }
  });

  it('about carries a dataTest that returns records', async () => {
    const about = (await getJson(app, '/hapi/about')).body;
    const { dataset, start, stop, parameters } = about.dataTest.query;
    expect(parameters).toBe('');
    const res = await app.request(`/hapi/data?dataset=${dataset}&start=${start}&stop=${stop}`);
    expect((await res.text()).split('\n').length).toBeGreaterThan(2);
  });
});

describe('the dataset list follows the catalogue at once', () => {
  it('lists a new HARP and moves stopDate and the sample as soon as records arrive', async () => {
    const deps = testDeps();
    const app = testApp(deps);
    const before = (await getJson(app, '/hapi/catalog')).body.catalog.map((e: Json) => e.id);
    expect(before.some((id: string) => id.startsWith('currents_sci_harp'))).toBe(false);
    const currents = productById('currents')!;
    const register = (harpnum: number, timeMs: number) => {
      const record = {
        product: 'currents' as const, parameter: 'jr', timeMs, dataType: 'sci' as const, version: 1, harpnum, noaaArs: [13000],
        files: [], inputs: [{ path: `h${harpnum}-${timeMs}`, sha256: `${harpnum}-${timeMs}` }], productionTimeMs: 0, pipelineVersion: 't', summary: { TOTUSJZ: 1 },
      };
      deps.catalogue.registerProduct(record, currents.hapiRecords(record, { fileUrl: (p) => p }));
    };
    register(8000, T0);
    const first = (await getJson(app, '/hapi/info?dataset=currents_sci_harp8000')).body;
    expect(first.sampleStopDate).toBe('2024-05-01T00:01:00.000Z');
    expect((await getJson(app, '/hapi/catalog')).body.catalog.map((e: Json) => e.id)).toContain('currents_sci_harp8000');
    register(8000, T0 + DAY);
    register(8001, T0 + DAY);
    const second = (await getJson(app, '/hapi/info?dataset=currents_sci_harp8000')).body;
    expect(second.sampleStopDate).toBe('2024-05-02T00:01:00.000Z');
    const ids = (await getJson(app, '/hapi/catalog?depth=all')).body.catalog.map((e: Json) => e.id);
    expect(ids).toContain('currents_sci_harp8001');
  });
});
