/**
 * Test fixtures shared by the SPASE tests: a configuration and an in-memory catalogue with maps of
 * three products, finished and running HARPs in both SHARP series.
 *
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PRODUCTS, productById } from '../../products/src/definitions/index.ts';
import type { DataType, ProductId, ProductRecordInput } from '../../products/src/definitions/types.ts';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { loadConfig, type Config } from '../../server/src/config.ts';
import { exportPath } from './ids.ts';

export const XSD_PATH = path.resolve(import.meta.dirname, '../../../shared/spase/spase-2_7_1.xsd');

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ BASE_URL: 'https://sdo.example.org/swe', DATA_DIR: os.tmpdir(), ...env });
}

const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-01T00:00:00Z');

function record(product: ProductId, parameter: string, timeMs: number, extra: Partial<ProductRecordInput> = {}): ProductRecordInput {
  const stem = `${product}_${parameter}_${timeMs}_${extra.harpnum ?? ''}${extra.dataType ?? ''}`;
  return {
    product,
    parameter,
    timeMs,
    version: 1,
    files: [
      { kind: 'fits', path: `${product}/${stem}.fits`, bytes: 100, sha256: 'a'.repeat(64), mediaType: 'application/fits' },
      { kind: 'png', path: `${product}/${stem}.png`, bytes: 10, sha256: 'b'.repeat(64), mediaType: 'image/png' },
    ],
    inputs: [{ path: `in/${stem}.fits`, sha256: stem }],
    productionTimeMs: timeMs + 3_600_000,
    pipelineVersion: 'test',
    summary: {},
    ...extra,
  };
}

/** HARPs of the fixture: 377 (sci) ended long before 7100 (sci); nrt 12 is running. */
export const FIXTURE_HARPS: { dataType: DataType; harpnum: number; times: number[] }[] = [
  { dataType: 'sci', harpnum: 377, times: [T0, T0 + DAY] },
  { dataType: 'sci', harpnum: 7100, times: [T0 + 5 * DAY, T0 + 20 * DAY] },
  { dataType: 'nrt', harpnum: 12, times: [T0 + 19 * DAY, T0 + 20 * DAY] },
];

/** A catalogue (in memory by default) with synoptic-euv (171), dem and currents maps and their HAPI rows. */
export function fixtureCatalogue(file = ':memory:'): Catalogue {
  const catalogue = Catalogue.open(file);
  const fileUrl = (p: string) => `https://sdo.example.org/swe/data/${p}`;
  const add = (r: ProductRecordInput) => catalogue.registerProduct(r, productById(r.product)!.hapiRecords(r, { fileUrl }));
  add(record('synoptic-euv', '171', T0 + 2 * DAY, { mapType: 'archived' }));
  add(record('synoptic-euv', '171', T0 + 3 * DAY, { mapType: 'nowcast' }));
  add(record('dem', 'dem', T0 + 4 * DAY, { dataType: 'sci' }));
  for (const h of FIXTURE_HARPS) {
    for (const t of h.times) add(record('currents', 'jr', t, { dataType: h.dataType, harpnum: h.harpnum, noaaArs: [11158] }));
  }
  return catalogue;
}

export { PRODUCTS };

/** Write records to `dir` in the export layout; returns the file paths. */
export function writeRecords(dir: string, records: readonly { id: string; xml: string }[]): string[] {
  return records.map((r) => {
    const file = path.join(dir, exportPath(r.id));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, r.xml);
    return file;
  });
}

/**
 * Validate files against the SPASE 2.7.1 XSD with xmllint, many files per call (the schema is
 * compiled once per call). Returns the files xmllint did not report as validating, with its output.
 */
export function xmllintSchema(files: readonly string[], batch = 400): { invalid: string[]; output: string } {
  const invalid: string[] = [];
  let output = '';
  for (let i = 0; i < files.length; i += batch) {
    const chunk = files.slice(i, i + batch);
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD_PATH, ...chunk], { encoding: 'utf8' });
    if (r.error) throw r.error;
    output += r.stderr;
    const ok = new Set(r.stderr.split('\n').filter((l) => l.endsWith(' validates')).map((l) => l.slice(0, -' validates'.length)));
    invalid.push(...chunk.filter((f) => !ok.has(f)));
  }
  return { invalid, output };
}
