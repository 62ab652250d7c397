/**
 * Test fixtures of the HAPI server: a configuration, an app with the HAPI routes mounted as in
 * `createApp`, synthetic datasets covering every parameter shape HAPI allows (our own, so the tests
 * do not move when products change theirs), and a catalogue filled through the real products'
 * `hapiRecords` for every dataset kind of the registry (indices, file listings, 1-degree maps,
 * currents per HARP and disk totals).
 *
 * @module
 */
import { Hono } from 'hono';
import { lowresParameter, LOWRES_LAT, LOWRES_LON } from '../../../../products/src/definitions/common.ts';
import { PRODUCTS } from '../../../../products/src/definitions/index.ts';
import type { HapiDatasetDefinition, HapiRecord, ProductRecordInput } from '../../../../products/src/definitions/types.ts';
import type { AppDeps } from '../../app.ts';
import { Catalogue } from '../../catalogue/catalogue.ts';
import { loadConfig } from '../../config.ts';
import { isSelfRendering } from '../../http/api-error.ts';
import { createLogger } from '../../http/logger.ts';
import { hapiRoutes, type HapiRoutesOptions } from '../routes.ts';

export const BASE_URL = 'https://hapi.example.org';
/** "Now" of the tests: a few hours after the last synthetic record, so datasets are ongoing. */
export const NOW = Date.UTC(2024, 4, 3, 18, 30);
export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 4, 1);

export function testDeps(catalogue = Catalogue.open(':memory:'), now = NOW): AppDeps {
  return { config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }), catalogue, logger: createLogger('silent'), now: () => now };
}

/** An app with /hapi mounted and the same onError as `createApp`. */
export function testApp(deps: AppDeps, opts: HapiRoutesOptions = {}): Hono {
  const app = new Hono();
  app.route('/hapi', hapiRoutes(deps, opts));
  app.onError((err, c) => {
    if (isSelfRendering(err)) return err.toResponse();
    return c.json({ error: { status: 500, code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}

const base = { product: 'dem' as const, description: 'Synthetic test dataset.', nominalStartDate: '2024-01-01T00:00:00Z', timeStampLocation: 'center' as const };

/** Synthetic datasets: every parameter type and shape our server must handle. */
export const SYNTHETIC: HapiDatasetDefinition[] = [
  {
    ...base,
    id: 'syn_scalars',
    title: 'Scalars of every type',
    kind: 'indices',
    cadence: 'PT1H',
    maxRequestDuration: 'P10D',
    parameters: [
      { name: 'flux', type: 'double', units: 'Mx', fill: 'NaN', description: 'A double with NaN fill.' },
      { name: 'count', type: 'integer', units: null, fill: '-1', description: 'An integer with fill -1.' },
      { name: 'label', type: 'string', length: 12, units: null, fill: 'none', description: 'Strings with commas, quotes and accents.' },
      { name: 'big', type: 'double', units: 'K', fill: '-1e31', description: 'A double with a numeric fill.' },
      { name: 'peak_time', type: 'isotime', length: 24, units: 'UTC', fill: '1900-01-01T00:00:00.000Z', description: 'A second time.' },
    ],
  },
  {
    ...base,
    id: 'syn_vector',
    title: 'A 3-vector',
    kind: 'indices',
    cadence: 'PT1H',
    parameters: [
      {
        name: 'B',
        type: 'double',
        units: ['nT', 'nT', 'nT'],
        label: ['Bx', 'By', 'Bz'],
        fill: 'NaN',
        size: [3],
        coordinateSystemName: 'GSE',
        vectorComponents: ['x', 'y', 'z'],
        description: 'A vector.',
      },
      { name: 'quality', type: 'integer', units: null, fill: null, description: 'Always present.' },
    ],
  },
  {
    ...base,
    id: 'syn_map',
    title: 'Two 2-D arrays sharing bins',
    kind: 'low-resolution-map',
    cadence: 'PT6H',
    maxRequestDuration: 'PT36H',
    parameters: [
      {
        name: 'map',
        type: 'double',
        units: 'G',
        fill: 'NaN',
        size: [4, 3],
        bins: [
          { name: 'lon', units: 'deg', centers: [45, 135, 225, 315], ranges: [[0, 90], [90, 180], [180, 270], [270, 360]] },
          { name: 'lat', units: 'deg', centers: [-60, 0, 60] },
        ],
      },
      {
        name: 'map_err',
        type: 'double',
        units: 'G',
        fill: 'NaN',
        size: [4, 3],
        bins: [
          { name: 'lon', units: 'deg', centers: [45, 135, 225, 315], ranges: [[0, 90], [90, 180], [180, 270], [270, 360]] },
          { name: 'lat', units: 'deg', centers: [-60, 0, 60] },
        ],
      },
    ],
  },
  {
    ...base,
    id: 'syn_lowres',
    title: 'A 360 x 180 Carrington map',
    kind: 'low-resolution-map',
    cadence: 'PT6H',
    maxRequestDuration: 'P92D',
    parameters: [lowresParameter('br', 'G', 'Radial field, 1-degree bins.', { kind: 'Field', fieldQuantity: 'Magnetic' })],
  },
  {
    ...base,
    id: 'syn_files',
    title: 'A file listing',
    kind: 'file-listing',
    cadence: 'PT6H',
    parameters: [
      { name: 'fits_url', type: 'string', length: 80, units: null, fill: null, stringType: { uri: { mediaType: 'application/fits', scheme: 'https' } } },
      { name: 'png_url', type: 'string', length: 80, units: null, fill: null, stringType: 'uri' },
    ],
  },
  { ...base, id: 'syn_empty', title: 'No records yet', kind: 'indices', cadence: 'PT1H', parameters: [{ name: 'x', type: 'double', units: 'm', fill: 'NaN' }] },
];

const LABELS = ['plain', 'a,b', 'say "hi"', 'ünïcødé', ' padded ', 'x'.repeat(20), null];

/** The synthetic records: hourly scalars and vectors over 2.5 days, 6-hourly maps, a few files. */
export function fillSynthetic(catalogue: Catalogue): void {
  const rows: { dataset: string; timeMs: number; values: HapiRecord['values'] }[] = [];
  for (let i = 0; i < 60; i++) {
    const t = T0 + i * 3_600_000;
    rows.push({
      dataset: 'syn_scalars',
      timeMs: t,
      values: [i % 7 === 3 ? Number.NaN : i * 0.1 + 1e-7, i % 5 === 4 ? null : i - 30, LABELS[i % LABELS.length], i % 6 === 5 ? null : 1e20 / (i + 1), i % 4 === 0 ? null : new Date(t - 600_000).toISOString()] as HapiRecord['values'],
    });
    rows.push({ dataset: 'syn_vector', timeMs: t, values: [new Float64Array([i, -i, i % 9 === 0 ? Number.NaN : i / 3]), i % 2] });
  }
  for (let i = 0; i < 10; i++) {
    const t = T0 + i * 6 * 3_600_000;
    rows.push({ dataset: 'syn_map', timeMs: t, values: [Float64Array.from({ length: 12 }, (_, k) => i * 100 + k), Float64Array.from({ length: 12 }, (_, k) => (k === 5 ? Number.NaN : k / 10))] });
    rows.push({ dataset: 'syn_files', timeMs: t, values: [`https://files.example.org/f${i}.fits`, `https://files.example.org/f${i}.png`] });
  }
  for (let i = 0; i < 4; i++) {
    const map = Float64Array.from({ length: LOWRES_LON * LOWRES_LAT }, (_, k) => (k % 97 === 0 ? Number.NaN : Math.sin(k + i) * 1000));
    rows.push({ dataset: 'syn_lowres', timeMs: T0 + 36 * 3_600_000 + i * 6 * 3_600_000, values: [map] });
  }
  catalogue.putHapiRecords(rows);
}

/**
 * Fill a catalogue through the real products: every channel of every product gets records at a
 * few times, with summaries, files and (synoptic) a 1-degree map, and currents two HARPs in each
 * data type. Returns the HARPs registered.
 */
export function fillProducts(catalogue: Catalogue, opts: { times?: number; lowresTimes?: number } = {}): void {
  const times = opts.times ?? 12;
  const lowresTimes = opts.lowresTimes ?? 2;
  const fileUrl = (p: string) => `${BASE_URL}/data/${p}`;
  let serial = 0;
  for (const product of PRODUCTS) {
    const harps = product.id === 'currents' ? [{ dataType: 'sci' as const, harpnum: 377, noaa: [11158] }, { dataType: 'nrt' as const, harpnum: 7115, noaa: [13664, 13665] }] : [undefined];
    for (const channel of product.channels) {
      for (const harp of harps) {
        for (let i = 0; i < times; i++) {
          const timeMs = T0 + 36 * 3_600_000 + i * product.cadenceSeconds * 1000;
          const summary: Record<string, number> = {};
          for (const ds of product.hapiDatasets({ harps: [] }).concat(product.hapiDatasets({ harps: harp ? [{ dataType: harp.dataType, harpnum: harp.harpnum, noaaArs: harp.noaa }] : [] }))) {
            for (const p of ds.parameters) if (p.type === 'double') summary[p.name] = ((serial * 7 + p.name.length) % 1000) / 8 + 0.125;
          }
          const record: ProductRecordInput = {
            product: product.id,
            parameter: channel.id,
            timeMs,
            ...(product.versionKind === 'mapType' ? { mapType: 'nowcast' as const } : { dataType: harp?.dataType ?? 'nrt' }),
            version: 1,
            ...(harp ? { harpnum: harp.harpnum, noaaArs: harp.noaa } : {}),
            files: [
              { kind: 'fits', path: `${product.id}/${channel.id}/${serial}.fits`, bytes: 1, sha256: `f${serial}`, mediaType: 'application/fits' },
              { kind: product.id === 'dem' ? 'png:tc' : 'png', path: `${product.id}/${channel.id}/${serial}.png`, bytes: 1, sha256: `p${serial}`, mediaType: 'image/png' },
            ],
            inputs: [{ path: `in/${serial}`, sha256: `i${serial}` }],
            productionTimeMs: timeMs,
            pipelineVersion: 'test',
            summary,
          };
          serial++;
          const arrays = i < lowresTimes ? { lowres: Float64Array.from({ length: LOWRES_LON * LOWRES_LAT }, (_, k) => (k % 101 === 0 ? Number.NaN : (k % 360) - serial)) } : undefined;
          const rows = product.hapiRecords(record, { fileUrl, arrays }).filter((r) => i < lowresTimes || !r.dataset.endsWith('_lowres'));
          catalogue.registerProduct(record, rows);
        }
      }
    }
  }
  // Disk totals of currents (the worker computes them; here directly).
  const rows = [];
  for (const dt of ['sci', 'nrt']) for (let i = 0; i < times; i++) rows.push({ dataset: `currents_total_${dt}`, timeMs: T0 + 36 * 3_600_000 + i * 720_000, values: [2, 1e13 + i, -1e11 * i, 50 + i, 300.5, 1e22] });
  catalogue.putHapiRecords(rows);
}
