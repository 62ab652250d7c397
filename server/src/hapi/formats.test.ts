import { beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue/catalogue.ts';
import { fillProducts, fillSynthetic, SYNTHETIC, T0, testApp, testDeps } from './testing/fixtures.ts';
import { schemaErrors } from './testing/schema.ts';
import { firstDifference, parseCsv, rowsFromBinary, rowsFromCsv, rowsFromJson, shapeOf, type ParamInfo } from './testing/values.ts';

type App = ReturnType<typeof testApp>;

async function bytes(app: App, url: string): Promise<Buffer> {
  const res = await app.request(url);
  expect(res.status, url).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Strip the #-prefixed header of a CSV or binary answer: [header JSON, rest]. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read by tests
function splitHeader(buf: Buffer): [Record<string, any>, Buffer] {
  let end = 0;
  while (buf[end] === 0x23) end = buf.indexOf(0x0a, end) + 1;
  const header = JSON.parse(buf.subarray(0, end).toString('utf8').split('\n').map((l) => l.slice(1)).join('\n'));
  return [header, buf.subarray(end)];
}

/** CSV, binary (with header) and JSON of one request agree value for value; returns the CSV rows. */
async function sameInEveryFormat(app: App, dataset: string, range: string, params: ParamInfo[], extra = ''): Promise<number> {
  const base = `/hapi/data?dataset=${dataset}&${range}${extra}`;
  const csv = rowsFromCsv(params, (await bytes(app, base)).toString('utf8'));
  const [header, binaryBody] = splitHeader(await bytes(app, `${base}&format=binary&include=header`));
  expect(header.format).toBe('binary');
  const binary = rowsFromBinary(params, binaryBody);
  const jsonBody = JSON.parse((await bytes(app, `${base}&format=json`)).toString('utf8'));
  expect(jsonBody.format).toBe('json');
  const { data, ...jsonHeader } = jsonBody;
  expect(schemaErrors('info', jsonHeader)).toEqual([]);
  const json = rowsFromJson(params, jsonBody);
  expect(firstDifference(csv, binary), `${base}: csv vs binary`).toBeUndefined();
  expect(firstDifference(csv, json), `${base}: csv vs json`).toBeUndefined();
  // JSON keeps arrays nested by size.
  params.slice(1).forEach((p, j) => {
    for (const record of data) expect(shapeOf(record[j + 1])).toEqual(p.size ?? []);
  });
  return csv.length;
}

describe('CSV, binary and JSON carry identical values', () => {
  const deps = testDeps();
  const app = testApp(deps, { datasets: () => SYNTHETIC });
  beforeAll(() => fillSynthetic(deps.catalogue));

  it.each(SYNTHETIC.filter((d) => d.id !== 'syn_empty').map((d) => d.id))('%s, all parameters and each one alone', async (id) => {
    const info = JSON.parse((await bytes(app, `/hapi/info?dataset=${id}`)).toString('utf8'));
    // Two records of the 360 x 180 map are enough (and keep the test fast); everything for the rest.
    // A dataset with a maxRequestDuration is read over its sample window (which must fit in it).
    const range =
      id === 'syn_lowres'
        ? 'start=2024-05-02T12:00Z&stop=2024-05-02T18:01Z'
        : info.maxRequestDuration
          ? `start=${info.sampleStartDate}&stop=${info.sampleStopDate}`
          : `start=${info.startDate}&stop=${info.stopDate}`;
    const n = await sameInEveryFormat(app, id, range, info.parameters);
    expect(n).toBeGreaterThan(0);
    for (const p of info.parameters.slice(1)) {
      await sameInEveryFormat(app, id, range, [info.parameters[0], p], `&parameters=${p.name}`);
    }
  });

  it('writes the declared fills: NaN in CSV, quiet NaN in binary, null in JSON; numeric fills as numbers', async () => {
    const range = 'start=2024-05-01T03:00Z&stop=2024-05-01T06:00Z'; // records 3 (NaN flux, no label) ... 5
    const csv = parseCsv((await bytes(app, `/hapi/data?dataset=syn_scalars&${range}`)).toString('utf8'));
    expect(csv[0]).toEqual(['2024-05-01T03:00:00.000Z', 'NaN', '-27', 'ünïcødé', '25000000000000000000', '2024-05-01T02:50:00.000Z']);
    expect(csv[1][2]).toBe('-1'); // integer fill
    expect(csv[2][4]).toBe('-1e31'); // the declared double fill, as declared
    const json = JSON.parse((await bytes(app, `/hapi/data?dataset=syn_scalars&${range}&format=json`)).toString('utf8'));
    expect(json.data[0][1]).toBeNull();
    expect(json.data[2][4]).toBe(-1e31);
    const bin = await bytes(app, `/hapi/data?dataset=syn_scalars&${range}&format=binary`);
    const flux = bin.readDoubleLE(24);
    expect(Number.isNaN(flux)).toBe(true);
    expect(bin.readUInt32LE(28)).toBe(0x7ff80000); // quiet NaN, high word
    expect(bin.readInt32LE(24 + 8)).toBe(-27);
  });

  it('quotes CSV strings per RFC 4180 and cuts strings to length bytes in every format', async () => {
    const text = (await bytes(app, '/hapi/data?dataset=syn_scalars&start=2024-05-01&stop=2024-05-01T07Z&parameters=label')).toString('utf8');
    expect(text.split('\n').slice(0, 7)).toEqual([
      '2024-05-01T00:00:00.000Z,plain',
      '2024-05-01T01:00:00.000Z,"a,b"',
      '2024-05-01T02:00:00.000Z,"say ""hi"""',
      '2024-05-01T03:00:00.000Z,ünïcødé',
      '2024-05-01T04:00:00.000Z," padded "',
      '2024-05-01T05:00:00.000Z,xxxxxxxxxxxx', // 20 characters cut to length 12
      '2024-05-01T06:00:00.000Z,none', // null → the declared fill
    ]);
    const bin = await bytes(app, '/hapi/data?dataset=syn_scalars&start=2024-05-01T03Z&stop=2024-05-01T04Z&parameters=label&format=binary');
    expect(bin.length).toBe(24 + 12);
    expect(bin.subarray(24).toString('utf8')).toBe('ünïcødé\0');
  });

  it('streams 360 x 180 maps as 64 800 CSV columns and 360 nested arrays of 180 in JSON', async () => {
    const range = 'start=2024-05-02T12:00Z&stop=2024-05-02T12:01Z';
    const csv = parseCsv((await bytes(app, `/hapi/data?dataset=syn_lowres&${range}`)).toString('utf8'));
    expect(csv).toHaveLength(1);
    expect(csv[0]).toHaveLength(1 + 64_800);
    expect(csv[0][1]).toBe('NaN'); // k = 0 is a multiple of 97
    expect(Number(csv[0][2])).toBe(Math.sin(1) * 1000);
    const json = JSON.parse((await bytes(app, `/hapi/data?dataset=syn_lowres&${range}&format=json`)).toString('utf8'));
    expect(shapeOf(json.data[0][1])).toEqual([360, 180]);
    expect(json.data[0][1][1][0]).toBe(Math.sin(180) * 1000); // longitude bin 1, latitude bin 0 = flat index 180
  });

  it('starts inclusive, stops exclusive, to the nanosecond, in both date forms and with 24:00', async () => {
    const times = async (range: string) => parseCsv((await bytes(app, `/hapi/data?dataset=syn_scalars&parameters=Time&${range}`)).toString('utf8')).map((r) => r[0]);
    expect(await times('start=2024-05-01T01:00Z&stop=2024-05-01T03:00Z')).toEqual(['2024-05-01T01:00:00.000Z', '2024-05-01T02:00:00.000Z']);
    expect(await times('start=2024-05-01T01:00:00.000000001Z&stop=2024-05-01T03:00:00.000000001Z')).toEqual(['2024-05-01T02:00:00.000Z', '2024-05-01T03:00:00.000Z']);
    expect(await times('start=2024-122T01Z&stop=2024-122T03Z')).toEqual(['2024-05-01T01:00:00.000Z', '2024-05-01T02:00:00.000Z']);
    expect(await times('start=2024-05-01T22Z&stop=2024-05-01T24:00Z')).toEqual(['2024-05-01T22:00:00.000Z', '2024-05-01T23:00:00.000Z']);
    expect(await times('start=2024-05-01T24:00:00.000Z&stop=2024-05-02T01Z')).toEqual(['2024-05-02T00:00:00.000Z']);
    expect(await times('start=2024-05-01T23&stop=2024-05-02')).toEqual(['2024-05-01T23:00:00.000Z']); // no Z: UTC all the same
  });

  it('adjacent requests concatenate to the whole range (no record twice, none lost), across day chunks', async () => {
    const whole = await bytes(app, '/hapi/data?dataset=syn_vector&start=2024-05-01&stop=2024-05-04');
    const parts = await Promise.all(
      ['2024-05-01T00:00Z', '2024-05-01T13:30Z', '2024-05-02T00:00Z', '2024-05-02T23:59:59.999999999Z', '2024-05-04T00:00Z'].map((t, i, all) =>
        i === all.length - 1 ? Buffer.alloc(0) : bytes(app, `/hapi/data?dataset=syn_vector&start=${t}&stop=${all[i + 1]}`),
      ),
    );
    expect(Buffer.concat(parts).equals(whole)).toBe(true);
    expect(whole.toString().split('\n')).toHaveLength(61);
  });

  it('answers an empty range with 1201: empty CSV body, header and JSON with status 1201', async () => {
    const range = 'start=2024-05-01T00:00:00.001Z&stop=2024-05-01T00:00:00.003Z';
    const csv = await app.request(`/hapi/data?dataset=syn_scalars&${range}`);
    expect(csv.statusText).toBe('OK; HAPI 1201 OK - no data for time range');
    expect(await csv.text()).toBe('');
    const json = JSON.parse((await bytes(app, `/hapi/data?dataset=syn_scalars&${range}&format=json`)).toString());
    expect(json.status).toEqual({ code: 1201, message: 'OK - no data for time range' });
    expect(json.data).toEqual([]);
    const [header, rest] = splitHeader(await bytes(app, `/hapi/data?dataset=syn_scalars&${range}&include=header`));
    expect(header.status.code).toBe(1201);
    expect(rest.length).toBe(0);
  });

  it('the CSV header equals /info plus format, for a subset too', async () => {
    const [header, rest] = splitHeader(await bytes(app, '/hapi/data?dataset=syn_map&start=2024-05-01&stop=2024-05-02&parameters=map_err&include=header'));
    const info = JSON.parse((await bytes(app, '/hapi/info?dataset=syn_map&parameters=map_err')).toString());
    const { format, ...withoutFormat } = header;
    expect(format).toBe('csv');
    expect(withoutFormat).toEqual(info);
    expect(rest.toString().split('\n')[0].split(',')).toHaveLength(13);
  });

  it('names the download after dataset, range, parameters and format', async () => {
    const res = await app.request('/hapi/data?dataset=syn_map&start=2024-05-01&stop=2024-05-02T12:30Z&parameters=map_err&format=binary');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="syn_map_20240501T000000Z_20240502T123000Z_map_err.bin"');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });
});

describe('every product dataset in every format', () => {
  const deps = testDeps(Catalogue.open(':memory:'));
  const app = testApp(deps);
  beforeAll(() => fillProducts(deps.catalogue, { times: 6, lowresTimes: 1 }));

  it('agrees value for value for every dataset of the registry', async () => {
    const catalog = JSON.parse((await bytes(app, '/hapi/catalog?depth=all')).toString()).catalog;
    let records = 0;
    for (const { id, info } of catalog) records += await sameInEveryFormat(app, id, `start=${info.startDate}&stop=${info.stopDate}`, info.parameters);
    expect(records).toBeGreaterThan(150);
  });

  it('writes the file-listing URLs the product gave', async () => {
    const rows = parseCsv((await bytes(app, `/hapi/data?dataset=dem_files&start=2024-05-02&stop=2024-05-03`)).toString());
    expect(rows[0][3]).toMatch(/^https:\/\/hapi\.example\.org\/data\/dem\/dem\/\d+\.fits$/);
    expect(rows[0][4]).toMatch(/\.png$/);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort());
    expect(T0).toBeLessThan(Date.parse(rows[0][0]));
  });
});
