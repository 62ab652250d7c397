/**
 * The HAPI record store: one dataset's records live in day chunks (see `chunk-codec.ts`) in the
 * catalogue database, with a per-dataset summary row and a generation counter that moves whenever
 * records or HARPs change (SQL triggers, migration 2), so metadata caches can tell at a glance that
 * they are stale, whoever wrote.
 *
 * The catalogue delegates `putHapiRecords`, `iterateHapiRecords` and `hapiExtent` here; the HAPI
 * routes read chunks directly. No statement stays open across calls (better-sqlite3 forbids other
 * statements while an iterator is open), so every read is a short keyset query.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import { decodeChunk, decodeTimes, encodeChunk, mergeIntoChunk, plainValue, type DecodedChunk, type StoredRecord } from './chunk-codec.ts';

const MS_PER_DAY = 86_400_000;

/** A row to store: dataset id, time, values in parameter order (Time excluded). */
export interface HapiStoreRow extends StoredRecord {
  dataset: string;
}

/** What the summary table knows about a dataset. */
export interface DatasetSummary {
  dataset: string;
  firstMs: number;
  lastMs: number;
  count: number;
  /** Changes whenever any chunk of the dataset is rewritten. */
  version: number;
  modifiedMs: number;
}

/** A chunk's row without its BLOBs. `id` is also its version: a rewritten chunk gets a new id. */
export interface ChunkMeta {
  id: number;
  chunkStart: number;
  count: number;
  firstMs: number;
  lastMs: number;
}

/** The start (UTC midnight, ms) of the chunk holding time `ms`. */
export function chunkStartOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

const stores = new WeakMap<Database.Database, HapiStore>();

export class HapiStore {
  private readonly stmts;

  /** The one store of a database connection (statements are prepared once). */
  static of(db: Database.Database): HapiStore {
    let s = stores.get(db);
    if (!s) {
      s = new HapiStore(db);
      stores.set(db, s);
    }
    return s;
  }

  private constructor(private readonly db: Database.Database) {
    this.stmts = {
      chunkAt: db.prepare(
        `SELECT id, chunk_start AS chunkStart, count, first_ms AS firstMs, last_ms AS lastMs FROM hapi_chunks
          WHERE dataset = ? AND chunk_start >= ? AND chunk_start < ? ORDER BY chunk_start LIMIT 1`,
      ),
      lastChunkBefore: db.prepare(
        `SELECT id, chunk_start AS chunkStart, count, first_ms AS firstMs, last_ms AS lastMs FROM hapi_chunks
          WHERE dataset = ? AND chunk_start < ? ORDER BY chunk_start DESC LIMIT 1`,
      ),
      chunkByStart: db.prepare(`SELECT id, times, columns FROM hapi_chunks WHERE dataset = ? AND chunk_start = ?`),
      times: db.prepare(`SELECT times FROM hapi_chunks WHERE id = ?`).pluck(),
      blobs: db.prepare(`SELECT times, columns FROM hapi_chunks WHERE id = ?`),
      deleteChunk: db.prepare(`DELETE FROM hapi_chunks WHERE dataset = ? AND chunk_start = ?`),
      insertChunk: db.prepare(
        `INSERT INTO hapi_chunks (dataset, chunk_start, count, first_ms, last_ms, times, columns) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      extentOfChunks: db.prepare(
        `SELECT min(first_ms) AS firstMs, max(last_ms) AS lastMs, total(count) AS count, max(id) AS version FROM hapi_chunks WHERE dataset = ?`,
      ),
      upsertSummary: db.prepare(
        `INSERT INTO hapi_datasets (dataset, first_ms, last_ms, count, version, modified_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (dataset) DO UPDATE SET first_ms = excluded.first_ms, last_ms = excluded.last_ms, count = excluded.count,
           version = excluded.version, modified_ms = excluded.modified_ms`,
      ),
      summary: db.prepare(
        `SELECT dataset, first_ms AS firstMs, last_ms AS lastMs, count, version, modified_ms AS modifiedMs FROM hapi_datasets WHERE dataset = ?`,
      ),
      summaries: db.prepare(`SELECT dataset, first_ms AS firstMs, last_ms AS lastMs, count, version, modified_ms AS modifiedMs FROM hapi_datasets`),
      state: db.prepare(`SELECT generation, modified_ms AS modifiedMs FROM hapi_state WHERE id = 1`),
    };
    this.importLegacyRows();
  }

  /**
   * Insert or replace records (one per dataset and time; times are kept to the millisecond).
   * Runs in one transaction (a savepoint inside the caller's).
   */
  put(rows: readonly HapiStoreRow[]): void {
    if (!rows.length) return;
    const groups = new Map<string, Map<number, StoredRecord[]>>();
    for (const r of rows) {
      if (!Number.isFinite(r.timeMs)) throw new RangeError(`HAPI record of ${r.dataset} has a non-finite time`);
      const timeMs = Math.round(r.timeMs);
      let byChunk = groups.get(r.dataset);
      if (!byChunk) groups.set(r.dataset, (byChunk = new Map()));
      const start = chunkStartOf(timeMs);
      let list = byChunk.get(start);
      if (!list) byChunk.set(start, (list = []));
      list.push({ timeMs, values: r.values });
    }
    const now = Date.now();
    this.db.transaction(() => {
      for (const [dataset, byChunk] of groups) {
        for (const [start, incoming] of byChunk) {
          const row = this.stmts.chunkByStart.get(dataset, start) as { id: number; times: Buffer; columns: Buffer } | undefined;
          const chunk = row ? mergeIntoChunk(decodeChunk(row.times, row.columns), incoming) : mergeIntoChunk(undefined, incoming);
          this.writeChunk(dataset, start, chunk);
        }
        const e = this.stmts.extentOfChunks.get(dataset) as { firstMs: number; lastMs: number; count: number; version: number };
        this.stmts.upsertSummary.run(dataset, e.firstMs, e.lastMs, e.count, e.version, now);
      }
    })();
  }

  private writeChunk(dataset: string, start: number, chunk: DecodedChunk): void {
    // Delete + insert (not update) so that the chunk gets a new AUTOINCREMENT id: its version.
    this.stmts.deleteChunk.run(dataset, start);
    const { times, columns } = encodeChunk(chunk);
    this.stmts.insertChunk.run(dataset, start, chunk.count, chunk.times[0], chunk.times[chunk.count - 1], times, columns);
  }

  /** Records of a dataset in [startMs, stopMs), by time, values as plain JSON-like values. */
  *iterate(dataset: string, startMs: number, stopMs: number): IterableIterator<{ timeMs: number; values: unknown[] }> {
    for (const meta of this.chunks(dataset, startMs, stopMs)) {
      const chunk = this.chunkData(meta.id);
      for (let i = 0; i < chunk.count; i++) {
        const t = chunk.times[i];
        if (t < startMs || t >= stopMs) continue;
        yield { timeMs: t, values: chunk.columns.map((col) => plainValue(col, i)) };
      }
    }
  }

  /** Chunks that may hold records in [startMs, stopMs), in time order, one short query each. */
  *chunks(dataset: string, startMs: number, stopMs: number): IterableIterator<ChunkMeta> {
    let from = chunkStartOf(startMs);
    for (;;) {
      const meta = this.nextChunk(dataset, from, stopMs);
      if (!meta) return;
      from = meta.chunkStart + 1;
      if (meta.lastMs >= startMs && meta.firstMs < stopMs) yield meta;
    }
  }

  /** The first chunk starting at or after `fromChunkStart` and before `stopMs`. */
  nextChunk(dataset: string, fromChunkStart: number, stopMs: number): ChunkMeta | undefined {
    return this.stmts.chunkAt.get(dataset, fromChunkStart, stopMs) as ChunkMeta | undefined;
  }

  /** The last chunk starting before `beforeMs`. */
  previousChunk(dataset: string, beforeMs: number): ChunkMeta | undefined {
    return this.stmts.lastChunkBefore.get(dataset, beforeMs) as ChunkMeta | undefined;
  }

  /** Times of a chunk (reads only the small times BLOB). Undefined when the chunk was rewritten meanwhile. */
  chunkTimes(id: number): Float64Array | undefined {
    const blob = this.stmts.times.get(id) as Buffer | undefined;
    return blob ? decodeTimes(blob) : undefined;
  }

  /** A decoded chunk. Throws when the chunk was rewritten since its metadata was read. */
  chunkData(id: number): DecodedChunk {
    const row = this.stmts.blobs.get(id) as { times: Buffer; columns: Buffer } | undefined;
    if (!row) throw new ChunkGoneError();
    return decodeChunk(row.times, row.columns);
  }

  /** Time range and count of a dataset's records. */
  extent(dataset: string): { firstMs: number; lastMs: number; count: number } | undefined {
    const s = this.summary(dataset);
    return s && s.count > 0 ? { firstMs: s.firstMs, lastMs: s.lastMs, count: s.count } : undefined;
  }

  summary(dataset: string): DatasetSummary | undefined {
    return this.stmts.summary.get(dataset) as DatasetSummary | undefined;
  }

  /** Summaries of every dataset that has records. */
  summaries(): Map<string, DatasetSummary> {
    return new Map((this.stmts.summaries.all() as DatasetSummary[]).filter((s) => s.count > 0).map((s) => [s.dataset, s]));
  }

  /** The generation counter (moves on any change of records or HARPs) and when it last moved. */
  state(): { generation: number; modifiedMs: number } {
    return this.stmts.state.get() as { generation: number; modifiedMs: number };
  }

  /** Times of the last `n` records of a dataset (ascending; fewer when it has fewer). */
  lastTimes(dataset: string, n: number): number[] {
    const out: number[] = [];
    let before = Number.MAX_SAFE_INTEGER;
    while (out.length < n) {
      const meta = this.previousChunk(dataset, before);
      if (!meta) break;
      const times = this.chunkTimes(meta.id);
      if (times) for (let i = times.length - 1; i >= 0 && out.length < n; i--) out.push(times[i]);
      before = meta.chunkStart;
    }
    return out.reverse();
  }

  /** Rows stored by catalogue migration 1 (JSON payloads) move into chunks once. */
  private importLegacyRows(): void {
    const legacy = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'hapi_records'`).get();
    if (!legacy || !this.db.prepare(`SELECT 1 FROM hapi_records LIMIT 1`).get()) return;
    const rows = (this.db.prepare(`SELECT dataset, time_ms AS timeMs, payload FROM hapi_records`).all() as { dataset: string; timeMs: number; payload: string }[]).map(
      (r) => ({ dataset: r.dataset, timeMs: r.timeMs, values: JSON.parse(r.payload) as unknown[] }),
    );
    this.db.transaction(() => {
      this.put(rows);
      this.db.prepare(`DELETE FROM hapi_records`).run();
    })();
  }
}

/** A chunk disappeared between two reads (a writer replaced it); a streaming reader must stop. */
export class ChunkGoneError extends Error {
  override name = 'ChunkGoneError';
  constructor() {
    super('HAPI chunk was rewritten while being read');
  }
}

