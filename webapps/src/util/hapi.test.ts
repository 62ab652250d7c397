import { describe, expect, it } from 'vitest';
import { productById } from '../../../products/src/definitions/index.ts';
import type { HapiParameter } from '../../../products/src/definitions/types.ts';
import { indicesDataset, plottableParameters } from './datasets.ts';
import { clipToInfo, curlSnippet, hapiDataUrl, HapiResponseError, parseHapiCsv, parseHapiJson, parseHapiTime, pythonSnippet } from './hapi.ts';

const p = (name: string, fill: string | null): HapiParameter => ({ name, type: 'double', units: 'K', fill });

describe('HAPI client helpers', () => {
  it('builds data URLs with ISO times', () => {
    expect(hapiDataUrl('/hapi', 'dem_indices', ['median_tc'], Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 25))).toBe(
      '/hapi/data?dataset=dem_indices&parameters=median_tc&start=2026-11-24T00:00:00Z&stop=2026-11-25T00:00:00Z&format=json',
    );
    expect(hapiDataUrl('/hapi', 'x', [], 0, 1000, 'csv')).not.toContain('format');
  });

  it('parses HAPI times in both calendar forms and any truncation', () => {
    expect(parseHapiTime('2026-11-25T12:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 25, 12, 0, 0, 123));
    expect(parseHapiTime('2026-329T12:00Z')).toBe(Date.UTC(2026, 10, 25, 12));
    expect(parseHapiTime('2026-11-25')).toBe(Date.UTC(2026, 10, 25));
    expect(parseHapiTime('not a time')).toBeNaN();
  });

  it('turns fill values into null and times into epoch seconds', () => {
    const body = {
      HAPI: '3.3',
      status: { code: 1200, message: 'OK' },
      data: [
        ['2026-11-25T00:00:00.000Z', 1.5e6, -1e31],
        ['2026-11-25T00:30:00.000Z', null, 3],
        ['2026-11-25T01:00:00.000Z', 'NaN', 4],
      ],
    };
    const cols = parseHapiJson(body, [p('median_tc', 'NaN'), p('x', '-1e31')]);
    expect(cols.times).toEqual([Date.UTC(2026, 10, 25) / 1000, Date.UTC(2026, 10, 25, 0, 30) / 1000, Date.UTC(2026, 10, 25, 1) / 1000]);
    expect(cols.series[0].values).toEqual([1.5e6, null, null]);
    expect(cols.series[1].values).toEqual([null, 3, 4]);
    expect(() => parseHapiJson({ status: { code: 1406, message: 'unknown dataset' } }, [])).toThrow(HapiResponseError);
  });

  it('parses CSV the same way', () => {
    const cols = parseHapiCsv('2026-11-25T00:00:00Z,1.5,NaN\n2026-11-25T00:30:00Z,,2\n', [p('a', 'NaN'), p('b', 'NaN')]);
    expect(cols.series[0].values).toEqual([1.5, null]);
    expect(cols.series[1].values).toEqual([null, 2]);
  });

  it('clips a request to the dataset time range', () => {
    const info = { startDate: '2026-03-09T00:00:00.000Z', stopDate: '2026-03-11T00:00:00.000Z' };
    expect(clipToInfo(info, Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 10))).toEqual({ startMs: Date.UTC(2026, 2, 9), stopMs: Date.UTC(2026, 2, 10) });
    expect(clipToInfo(info, Date.UTC(2026, 2, 10), Date.UTC(2026, 2, 20))).toEqual({ startMs: Date.UTC(2026, 2, 10), stopMs: Date.UTC(2026, 2, 11) });
    expect(clipToInfo(info, Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 2))).toBeUndefined();
  });

  it('writes copy-paste snippets', () => {
    expect(curlSnippet("http://h/hapi/data?a=1&b='x'")).toBe("curl -sS 'http://h/hapi/data?a=1&b='\\''x'\\'''");
    const py = pythonSnippet('http://h/hapi', 'dem_indices', ['median_tc'], Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 25));
    expect(py).toContain("hapi(server, dataset, parameters, start, stop)");
    expect(py).toContain("'2026-11-24T00:00:00Z'");
  });
});

describe('indices dataset of a selection', () => {
  it('finds the per-channel synoptic dataset', () => {
    const euv = productById('synoptic-euv')!;
    expect(indicesDataset(euv, { parameter: '171' })?.id).toBe('euv171_indices');
    expect(indicesDataset(productById('synoptic-photosphere')!, { parameter: 'hmi.ic_720s' })?.id).toBe('photo_ic_indices');
    // Every synoptic channel has its own indices dataset.
    for (const prod of [euv, productById('synoptic-photosphere')!]) {
      const ids = prod.channels.map((c) => indicesDataset(prod, { parameter: c.id })?.id);
      expect(new Set(ids).size).toBe(prod.channels.length);
    }
  });

  it('finds DEM indices, HARP datasets and disk totals', () => {
    expect(indicesDataset(productById('dem')!, {})?.id).toBe('dem_indices');
    const cur = productById('currents')!;
    expect(indicesDataset(cur, { dataType: 'sci', harpnum: 377 })?.id).toBe('currents_sci_harp377');
    expect(indicesDataset(cur, { dataType: 'nrt' })?.id).toBe('currents_total_nrt');
  });

  it('plots numeric scalars only', () => {
    const names = plottableParameters(indicesDataset(productById('dem')!, {})!).map((x) => x.name);
    expect(names).toContain('median_tc');
    expect(names).not.toContain('data_type');
    const harp = plottableParameters(indicesDataset(productById('currents')!, { dataType: 'nrt', harpnum: 7002 })!).map((x) => x.name);
    expect(harp[0]).toBe('TOTUSJZ');
    expect(harp).not.toContain('version');
  });
});
