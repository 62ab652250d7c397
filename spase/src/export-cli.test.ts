import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import { parseXml, resourceOf, texts } from './checks.ts';
import { runExport } from './export-cli.ts';
import { generateRecords, metadataFingerprint } from './generator.ts';
import { exportPath } from './ids.ts';
import { loadRevisions } from './revisions.ts';
import { sourceFromCatalogue } from './source.ts';
import { fixtureCatalogue, testConfig } from './test-fixtures.ts';

let dir: string;
let lines: { out: string[]; err: string[] };
const NOW = Date.parse('2026-12-01T10:20:30.456Z');

function run(...args: string[]): number {
  return runExport(['--data-dir', path.join(dir, 'var'), '--base-url', 'https://sdo.example.org/swe', ...args], {
    env: {},
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    now: () => NOW,
  });
}

function revisionsFile(fingerprint: string): string {
  const file = path.join(dir, 'revisions.json');
  fs.writeFileSync(file, JSON.stringify({ revisions: [{ date: '2026-11-25T13:30:00Z', note: 'First release.', fingerprint }] }));
  return file;
}

function listFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spase-export-'));
  lines = { out: [], err: [] };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('spase:export', () => {
  it('writes every record in the hpde.io layout, with the catalogue extents and HARP datasets', () => {
    fixtureCatalogue(path.join(dir, 'var', 'catalogue.sqlite')).close();
    const out = path.join(dir, 'out');
    expect(run('--out', out, '--revisions', revisionsFile(metadataFingerprint(PRODUCTS))), lines.err.join('\n')).toBe(0);

    const catalogue = fixtureCatalogue();
    const expected = generateRecords(sourceFromCatalogue(testConfig(), catalogue), loadRevisions(path.join(dir, 'revisions.json')));
    catalogue.close();
    expect(listFiles(out).sort()).toEqual(expected.map((r) => exportPath(r.id)).sort());
    expect(listFiles(out)).toContain('ESA/NumericalData/SDO/HMI/ActiveRegionCurrents/HAPI/currents_sci_harp377.xml');
    expect(listFiles(out)).toContain('SMWG/Person/Eric.Buchlin.xml');
    for (const r of expected) expect(fs.readFileSync(path.join(out, exportPath(r.id)), 'utf8')).toBe(r.xml);
    expect(lines.out.at(-1)).toMatch(new RegExp(`wrote ${expected.length} SPASE records`));
  });

  it('asks for a revision note when the definitions changed, and writes nothing', () => {
    const out = path.join(dir, 'out');
    expect(run('--out', out, '--revisions', revisionsFile('an-older-fingerprint'))).toBe(2);
    expect(lines.err.join('\n')).toMatch(/--note/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('records the note as a revision whose date becomes the ReleaseDate', () => {
    const out = path.join(dir, 'out');
    const file = revisionsFile('an-older-fingerprint');
    expect(run('--out', out, '--revisions', file, '--note', 'Added the DEM width parameter.')).toBe(0);
    const revisions = loadRevisions(file);
    expect(revisions.map((r) => r.date)).toEqual(['2026-11-25T13:30:00Z', '2026-12-01T10:20:30Z']);
    expect(revisions[1].fingerprint).toBe(metadataFingerprint(PRODUCTS));
    const dem = resourceOf(parseXml(fs.readFileSync(path.join(out, 'ESA/NumericalData/SDO/AIA/GaussianDEM.xml'), 'utf8')));
    expect(texts(dem, 'ResourceHeader/ReleaseDate')).toEqual(['2026-12-01T10:20:30Z']);
    expect(texts(dem, 'ResourceHeader/RevisionHistory/RevisionEvent/Note')).toEqual(['First release.', 'Added the DEM width parameter.']);
    // Without a catalogue: nominal dates, and a word about it.
    expect(lines.err.join('\n')).toMatch(/no catalogue/);
  });

  it('refuses bad usage with exit code 2', () => {
    expect(run()).toBe(2);
    expect(lines.err.join('\n')).toMatch(/missing --out/);
    expect(run('--out')).toBe(2);
    expect(run('--out', path.join(dir, 'o'), '--no-such-option', 'x')).toBe(2);
    expect(run('--out', path.join(dir, 'o'), '--spase-authority', 'bad authority')).toBe(2);
  });
});
