import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../catalogue/catalogue.ts';
import { migrate, MIGRATIONS } from '../../catalogue/migrations.ts';
import { buildChunk, decodeChunk, encodeChunk } from './chunk-codec.ts';
import { chunkStartOf, HapiStore } from './store.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1);

describe('chunk codec', () => {
  it('round-trips numbers, arrays, strings and irregular values column by column', () => {
    const records = [
      { timeMs: T0, values: [1.5, new Float64Array([1, Number.NaN, 3]), 'a,"b"', { x: 1 }, 7] },
      { timeMs: T0 + 1, values: [null, [4, 5, null], null, 'text', Number.POSITIVE_INFINITY] },
      { timeMs: T0 + 2, values: [Number.NaN, null, 'ü', [1, 'two'], -0.1] },
    ];
    const chunk = buildChunk(records);
    expect(chunk.columns.map((c) => c.kind)).toEqual(['number', 'array', 'string', 'json', 'number']);
    const { times, columns } = encodeChunk(chunk);
    // A misaligned copy of the BLOB still decodes (SQLite buffers need not be 8-byte aligned).
    const shifted = Buffer.alloc(columns.length + 1).subarray(1);
    columns.copy(shifted);
    const back = decodeChunk(times, shifted);
    expect(Array.from(back.times)).toEqual([T0, T0 + 1, T0 + 2]);
    const col1 = back.columns[1];
    expect(col1.kind === 'array' && Array.from(col1.data)).toEqual([1, Number.NaN, 3, 4, 5, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect(back.columns[2]).toEqual({ kind: 'string', values: ['a,"b"', null, 'ü'] });
    expect(back.columns[3]).toEqual({ kind: 'json', values: [{ x: 1 }, 'text', [1, 'two']] });
    const col4 = back.columns[4];
    expect(col4.kind === 'number' && Array.from(col4.data)).toEqual([7, Number.NaN, -0.1]);
  });

  it('refuses a corrupt BLOB with an error instead of garbage', () => {
    const { times, columns } = encodeChunk(buildChunk([{ timeMs: T0, values: [1] }]));
    const bad = Buffer.from(columns);
    bad.writeUInt32LE(0, 0);
    expect(() => decodeChunk(times, bad)).toThrow(/corrupt/);
    expect(() => decodeChunk(times.subarray(0, 0), columns)).toThrow(/corrupt/);
  });
});

describe('HapiStore', () => {
  it('stores records in day chunks and reads back [start, stop) in time order', () => {
    const c = Catalogue.open(':memory:');
    const rows = [];
    for (let i = 0; i < 100; i++) rows.push({ dataset: 'd', timeMs: T0 + i * 3_600_000, values: [i, `s${i}`] });
    c.putHapiRecords(rows.slice().reverse());
    const store = HapiStore.of(c.db);
    const chunks = [...store.chunks('d', 0, Number.MAX_SAFE_INTEGER)];
    expect(chunks.map((m) => m.chunkStart)).toEqual([0, 1, 2, 3, 4].map((d) => T0 + d * DAY));
    expect(chunks.map((m) => m.count)).toEqual([24, 24, 24, 24, 4]);
    const got = [...c.iterateHapiRecords('d', T0 + 10 * 3_600_000, T0 + 30 * 3_600_000)];
    expect(got.map((r) => r.values[0])).toEqual(Array.from({ length: 20 }, (_, k) => k + 10));
    expect(got[0]).toEqual({ timeMs: T0 + 36_000_000, values: [10, 's10'] });
    expect(c.hapiExtent('d')).toEqual({ firstMs: T0, lastMs: T0 + 99 * 3_600_000, count: 100 });
    expect(c.hapiExtent('other')).toBeUndefined();
    expect(store.lastTimes('d', 6)).toEqual([94, 95, 96, 97, 98, 99].map((i) => T0 + i * 3_600_000));
  });

  it('replaces a record at the same time, keeps one per time and changes the chunk version', () => {
    const c = Catalogue.open(':memory:');
    const store = HapiStore.of(c.db);
    c.putHapiRecords([{ dataset: 'd', timeMs: T0, values: [1] }, { dataset: 'd', timeMs: T0 + 5, values: [2] }]);
    const v1 = store.summary('d')!.version;
    const g1 = store.state().generation;
    c.putHapiRecords([{ dataset: 'd', timeMs: T0, values: [10] }]);
    expect([...c.iterateHapiRecords('d', 0, T0 + DAY)].map((r) => r.values)).toEqual([[10], [2]]);
    expect(store.summary('d')!.version).toBeGreaterThan(v1);
    expect(store.state().generation).toBeGreaterThan(g1);
  });

  it('moves the generation when HARPs change, so dataset lists can be rebuilt', () => {
    const c = Catalogue.open(':memory:');
    const store = HapiStore.of(c.db);
    const g = store.state().generation;
    c.registerProduct({
      product: 'currents', parameter: 'jr', timeMs: T0, dataType: 'sci', version: 1, harpnum: 7, noaaArs: [1],
      files: [], inputs: [{ path: 'x', sha256: 'y' }], productionTimeMs: 0, pipelineVersion: 't', summary: {},
    });
    expect(store.state().generation).toBeGreaterThan(g);
  });

  it('puts the day boundary exactly at UTC midnight', () => {
    expect(chunkStartOf(T0 - 1)).toBe(T0 - DAY);
    expect(chunkStartOf(T0)).toBe(T0);
    expect(chunkStartOf(-1)).toBe(-DAY);
  });

  it('imports rows written by migration 1 into chunks on first open', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version === 1));
    db.prepare(`INSERT INTO hapi_records (dataset, time_ms, payload) VALUES (?, ?, ?)`).run('old', T0, JSON.stringify(['nowcast', 1.25, [1, null]]));
    migrate(db);
    const store = HapiStore.of(db);
    expect([...store.iterate('old', 0, T0 + 1)]).toEqual([{ timeMs: T0, values: ['nowcast', 1.25, [1, null]] }]);
    expect(db.prepare('SELECT count(*) FROM hapi_records').pluck().get()).toBe(0);
  });
});
