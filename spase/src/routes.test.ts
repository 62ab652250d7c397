import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allHapiDatasets, productById } from '../../products/src/definitions/index.ts';
import type { AppDeps } from '../../server/src/app.ts';
import type { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { createLogger } from '../../server/src/http/logger.ts';
import { checkRecords, parseXml, resourceOf, texts } from './checks.ts';
import { datasetResourceId } from './ids.ts';
import { loadRevisions } from './revisions.ts';
import { spaseRoutes } from './routes.ts';
import { fixtureCatalogue, testConfig } from './test-fixtures.ts';

const BASE = 'https://sdo.example.org/swe';
let catalogue: Catalogue;
let app: Hono;

beforeAll(() => {
  catalogue = fixtureCatalogue();
  const deps: AppDeps = { config: testConfig(), catalogue, logger: createLogger('silent'), now: () => Date.parse('2026-11-25T12:00:00Z') };
  // Mounted as createApp mounts it.
  app = new Hono();
  app.route('/spase', spaseRoutes(deps));
});
afterAll(() => catalogue.close());

const local = (url: string) => url.replace(BASE, '');

describe('/spase routes', () => {
  it('lists every record in index.json, and each URL returns its XML', async () => {
    const res = await app.request('/spase/index.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const index = (await res.json()) as Record<string, string>;
    const ids = Object.keys(index);
    for (const d of allHapiDatasets(catalogue.harps())) expect(ids).toContain(datasetResourceId('ESA', productById(d.product)!, d));
    expect(ids).toContain('spase://ESA/Repository/MEDOC/SDOMapProducts');
    expect(ids).toContain('spase://SMWG/Person/Eric.Buchlin');

    const fetched: { id: string; xml: string }[] = [];
    for (const [id, url] of Object.entries(index)) {
      expect(url.startsWith(`${BASE}/spase/`), url).toBe(true);
      expect(url.endsWith('.xml')).toBe(true);
      const r = await app.request(local(url));
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(r.headers.get('last-modified')).toBe(new Date(loadRevisions().at(-1)!.date).toUTCString());
      const xml = await r.text();
      expect(texts(resourceOf(parseXml(xml)), 'ResourceID')).toEqual([id]);
      fetched.push({ id, xml });
    }
    expect(checkRecords(fetched)).toEqual([]);
  });

  it('answers conditional requests with 304 and HEAD without a body', async () => {
    const url = '/spase/NumericalData/SDO/AIA/GaussianDEM.xml';
    const first = await app.request(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await app.request(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves an HTML list with a link to every record', async () => {
    const res = await app.request('/spase/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const index = (await (await app.request('/spase/index.json')).json()) as Record<string, string>;
    for (const url of Object.values(index)) expect(html).toContain(`href="${url.slice(`${BASE}/spase/`.length)}"`);
    expect(html).toContain('href="index.json"');
    const bare = await app.request('/spase');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('spase/');
  });

  it('answers 404 with a clear message for unknown or hostile paths', async () => {
    // (`/spase/../x` is normalised by URL parsing before routing and never reaches the sub-app.)
    for (const path of [
      '/spase/NumericalData/SDO/AIA/NoSuchProduct.xml',
      '/spase/NumericalData/SDO/AIA/GaussianDEM',
      '/spase/..%2F..%2Fetc%2Fpasswd.xml',
      '/spase/..%2F..%2Fpackage.json',
      '/spase/NumericalData/%00.xml',
      '/spase/NumericalData/SDO/AIA/GaussianDEM.xml%00',
      '/spase/ESA/NumericalData/SDO/AIA/GaussianDEM.xml',
      '/spase/%E0%A4%A.xml',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as { error: { status: number; message: string } };
      expect(body.error.status).toBe(404);
      expect(body.error.message).toMatch(/index\.json/);
      expect(body.error.message).not.toMatch(/passwd|package/);
    }
  });

  it('follows the catalogue: a new HARP gets a record at once', async () => {
    const before = Object.keys((await (await app.request('/spase/index.json')).json()) as object);
    expect(before.some((id) => id.endsWith('/currents_sci_harp9999'))).toBe(false);
    catalogue.registerProduct(
      {
        product: 'currents',
        parameter: 'jr',
        timeMs: Date.parse('2026-11-24T00:00:00Z'),
        dataType: 'sci',
        harpnum: 9999,
        noaaArs: [],
        version: 1,
        files: [],
        inputs: [{ path: 'in/x.fits', sha256: 'x' }],
        productionTimeMs: Date.parse('2026-11-24T01:00:00Z'),
        pipelineVersion: 'test',
        summary: {},
      },
      [],
    );
    const after = (await (await app.request('/spase/index.json')).json()) as Record<string, string>;
    const id = Object.keys(after).find((k) => k.endsWith('/currents_sci_harp9999'))!;
    expect(id).toBeDefined();
    const res = await app.request(local(after[id]));
    expect(res.status).toBe(200);
    expect(texts(resourceOf(parseXml(await res.text())), 'TemporalDescription/TimeSpan/StartDate')).toEqual(['2026-11-24T00:00:00Z']);
  });
});
