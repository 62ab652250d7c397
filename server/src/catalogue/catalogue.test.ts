import { describe, expect, it } from 'vitest';
import type { ProductRecordInput } from '../../../products/src/definitions/types.ts';
import { Catalogue } from './catalogue.ts';
import { MIGRATIONS } from './migrations.ts';

function record(over: Partial<ProductRecordInput> = {}): ProductRecordInput {
  return {
    product: 'synoptic-euv',
    parameter: '171',
    timeMs: Date.UTC(2026, 10, 25, 12),
    mapType: 'temporary',
    version: 1,
    files: [{ kind: 'fits', path: 'synoptic-euv/2026/11/25/a.fits', bytes: 10, sha256: 'f1', mediaType: 'application/fits' }],
    inputs: [{ path: 'aia/a.fits', sha256: 'in1' }],
    productionTimeMs: 1,
    pipelineVersion: 'test',
    summary: { coverage: 0.5 },
    ...over,
  };
}

describe('Catalogue', () => {
  it('migrates a new database to the latest version', () => {
    const c = Catalogue.open(':memory:');
    expect(c.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('memory'); // WAL only applies to files
  });

  it('registers a record with its files, inputs and HAPI rows in one go, idempotently', () => {
    const c = Catalogue.open(':memory:');
    const hapi = [{ dataset: 'euv171_indices', record: { timeMs: Date.UTC(2026, 10, 25, 12), values: ['temporary', 1.5] } }];
    const a = c.registerProduct(record(), hapi);
    const b = c.registerProduct(record(), hapi);
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(c.countRecords({ product: 'synoptic-euv' })).toBe(1);
    const got = c.getRecord(a.id)!;
    expect(got.files.map((f) => f.path)).toEqual(['synoptic-euv/2026/11/25/a.fits']);
    expect(got.inputs).toEqual([{ path: 'aia/a.fits', sha256: 'in1' }]);
    expect([...c.iterateHapiRecords('euv171_indices', 0, Date.UTC(2030, 0))]).toEqual([{ timeMs: Date.UTC(2026, 10, 25, 12), values: ['temporary', 1.5] }]);
  });

  it('lets an archived map supersede a temporary one, and never the reverse', () => {
    const c = Catalogue.open(':memory:');
    const t = c.registerProduct(record());
    const a = c.registerProduct(
      record({ mapType: 'archived', inputs: [{ path: 'aia/b.fits', sha256: 'in2' }], files: [{ kind: 'fits', path: 'x/b.fits', bytes: 1, sha256: 'f2', mediaType: 'application/fits' }] }),
      [{ dataset: 'euv171_indices', record: { timeMs: Date.UTC(2026, 10, 25, 12), values: ['archived', 2] } }],
    );
    const late = c.registerProduct(
      record({ mapType: 'temporary', version: 2, inputs: [{ path: 'aia/c.fits', sha256: 'in3' }], files: [{ kind: 'fits', path: 'x/c.fits', bytes: 1, sha256: 'f3', mediaType: 'application/fits' }] }),
      [{ dataset: 'euv171_indices', record: { timeMs: Date.UTC(2026, 10, 25, 12), values: ['temporary', 3] } }],
    );
    expect(c.getRecord(t.id)!.supersededBy).toBe(a.id);
    expect(c.getRecord(late.id)!.supersededBy).toBe(a.id);
    expect(c.findRecords({ product: 'synoptic-euv' }).map((r) => r.id)).toEqual([a.id]);
    // The HAPI row keeps the archived values.
    expect([...c.iterateHapiRecords('euv171_indices', 0, Date.UTC(2030, 0))][0].values).toEqual(['archived', 2]);
  });

  it('keeps nrt and sci HARPs apart and lists HARPs by time range', () => {
    const c = Catalogue.open(':memory:');
    const base = { product: 'currents' as const, parameter: 'jr', mapType: undefined, version: 1 };
    c.registerProduct(record({ ...base, dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: 1000, files: [] }));
    c.registerProduct(record({ ...base, dataType: 'nrt', harpnum: 377, noaaArs: [11160], timeMs: 1000, files: [], inputs: [{ path: 'n', sha256: 'n' }] }));
    expect(c.findRecords({ product: 'currents' })).toHaveLength(2);
    expect(c.harps({ startMs: 0, stopMs: 2000 }).map((h) => `${h.dataType}${h.harpnum}:${h.noaaArs}`)).toEqual(['nrt377:11160', 'sci377:11158']);
    expect(c.harps({ startMs: 2000, stopMs: 3000 })).toEqual([]);
    expect(c.findRecords({ product: 'currents', noaa: 11158 }).map((r) => r.dataType)).toEqual(['sci']);
  });
});
