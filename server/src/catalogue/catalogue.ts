/**
 * The catalogue: one SQLite database (better-sqlite3, WAL) holding input files, product records
 * and their files, HARPs, HAPI records and the ingestion log. Every other module goes through
 * this repository; none writes SQL of its own against these tables.
 *
 * The interface is small and synchronous on purpose (better-sqlite3 is synchronous); a
 * PostgreSQL adapter would implement the same methods (DESIGN.md section 7).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  DataType,
  HapiRecord,
  MapType,
  ProductId,
  ProductRecordInput,
} from '../../../products/src/definitions/types.ts';
import { HapiStore } from '../hapi/store/store.ts';
import { migrate } from './migrations.ts';

/** A stored product record with its row id and files. */
export interface ProductRecord extends ProductRecordInput {
  id: number;
  supersededBy: number | null;
}

/** A classified (or quarantined) input file. */
export interface InputFile {
  id: number;
  path: string;
  sha256: string;
  bytes: number;
  mtimeMs: number;
  kind: string | null;
  channel: string | null;
  dataType: DataType | null;
  timeMs: number | null;
  harpnum: number | null;
  noaaArs: number[];
  status: 'ok' | 'quarantined';
  reason: string | null;
  discoveredMs: number;
  meta: Record<string, unknown>;
}

export type InputFileInput = Omit<InputFile, 'id'>;

/** Filters of a product search; all optional. Times are ms since the epoch, stop exclusive. */
export interface RecordQuery {
  product?: ProductId;
  parameter?: string;
  startMs?: number;
  stopMs?: number;
  mapType?: MapType;
  dataType?: DataType;
  version?: number;
  harpnum?: number;
  noaa?: number;
  /** Leave out records superseded by a better version (default true). */
  currentOnly?: boolean;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface HarpEntry {
  dataType: DataType;
  harpnum: number;
  noaaArs: number[];
  firstMs: number;
  lastMs: number;
}

export interface HapiRow extends HapiRecord {
  dataset: string;
}

interface RecordRow {
  id: number;
  product: ProductId;
  parameter: string;
  time_ms: number;
  map_type: MapType | null;
  data_type: DataType | null;
  version: number;
  harpnum: number | null;
  noaa_ars: string;
  production_ms: number;
  pipeline_version: string;
  inputs_key: string;
  summary: string;
  superseded_by: number | null;
}

/** Key that makes registration idempotent: the same inputs give the same key. */
export function inputsKey(inputs: readonly { sha256: string }[]): string {
  const h = createHash('sha256');
  for (const s of inputs.map((i) => i.sha256).sort()) h.update(s).update('\n');
  return h.digest('hex');
}

export class Catalogue {
  readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Open (creating if needed) the catalogue at `file`, or an in-memory one for `:memory:`. */
  static open(file: string): Catalogue {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new Catalogue(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private changeTokenStmt?: Database.Statement;

  /**
   * A token that changes whenever the content may have changed, through this connection
   * (`total_changes()`) or another one (`PRAGMA data_version`), so that readers can cache answers
   * derived from the catalogue and drop them when it changes. Costs one tiny query.
   */
  changeToken(): string {
    this.changeTokenStmt ??= this.db.prepare('SELECT total_changes() AS t, data_version AS v FROM pragma_data_version');
    const r = this.changeTokenStmt.get() as { t: number; v: number };
    return `${r.v}:${r.t}`;
  }

  /** Run `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---------------------------------------------------------------- input files

  /** Insert or update an input file by path; returns its id. */
  upsertInputFile(input: InputFileInput): number {
    const row = this.db
      .prepare(
        `INSERT INTO input_files (path, sha256, bytes, mtime_ms, kind, channel, data_type, time_ms, harpnum, noaa_ars,
                                  status, reason, discovered_ms, meta)
         VALUES (@path, @sha256, @bytes, @mtimeMs, @kind, @channel, @dataType, @timeMs, @harpnum, @noaaArs,
                 @status, @reason, @discoveredMs, @meta)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, mtime_ms = excluded.mtime_ms,
           kind = excluded.kind, channel = excluded.channel, data_type = excluded.data_type, time_ms = excluded.time_ms,
           harpnum = excluded.harpnum, noaa_ars = excluded.noaa_ars, status = excluded.status, reason = excluded.reason,
           meta = excluded.meta
         RETURNING id`,
      )
      .get({ ...input, noaaArs: JSON.stringify(input.noaaArs), meta: JSON.stringify(input.meta) }) as { id: number };
    return row.id;
  }

  /** The stored state of an input path (to skip files already seen with the same size and mtime). */
  inputFileByPath(relativePath: string): InputFile | undefined {
    const row = this.db.prepare(`SELECT * FROM input_files WHERE path = ?`).get(relativePath);
    return row ? toInputFile(row as Record<string, unknown>) : undefined;
  }

  /** Usable input files of a kind (and channel) in [startMs, stopMs), by time. */
  inputFiles(q: { kind: string; channel?: string; dataType?: DataType; harpnum?: number; startMs: number; stopMs: number }): InputFile[] {
    const where = [`status = 'ok'`, `kind = @kind`, `time_ms >= @startMs`, `time_ms < @stopMs`];
    if (q.channel !== undefined) where.push('channel = @channel');
    if (q.dataType !== undefined) where.push('data_type = @dataType');
    if (q.harpnum !== undefined) where.push('harpnum = @harpnum');
    return (this.db.prepare(`SELECT * FROM input_files WHERE ${where.join(' AND ')} ORDER BY time_ms, path`).all(q) as Record<string, unknown>[]).map(
      toInputFile,
    );
  }

  /** Mark a known input unusable with the reason (a pipeline rejected it); no planner picks it up until it changes. */
  quarantineInput(relativePath: string, reason: string): boolean {
    return this.db.prepare(`UPDATE input_files SET status = 'quarantined', reason = ? WHERE path = ?`).run(reason, relativePath).changes > 0;
  }

  quarantinedInputs(limit = 100): InputFile[] {
    return (
      this.db.prepare(`SELECT * FROM input_files WHERE status = 'quarantined' ORDER BY discovered_ms DESC LIMIT ?`).all(limit) as Record<string, unknown>[]
    ).map(toInputFile);
  }

  // ---------------------------------------------------------------- product records

  /**
   * Register a product record, its files, its inputs, its HAPI records and its HARP in one
   * transaction. Idempotent: registering the same record (same identity and inputs) again returns
   * the existing id and changes nothing.
   */
  registerProduct(input: ProductRecordInput, hapi: readonly { dataset: string; record: HapiRecord }[] = []): { id: number; created: boolean } {
    return this.transaction(() => {
      const key = inputsKey(input.inputs);
      const existing = this.recordIdFor(input, input.inputs);
      if (existing !== undefined) return { id: existing, created: false };

      const { id } = this.db
        .prepare(
          `INSERT INTO product_records (product, parameter, time_ms, map_type, data_type, version, harpnum, noaa_ars,
                                        production_ms, pipeline_version, inputs_key, summary)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          input.product,
          input.parameter,
          input.timeMs,
          input.mapType ?? null,
          input.dataType ?? null,
          input.version,
          input.harpnum ?? null,
          JSON.stringify(input.noaaArs ?? []),
          input.productionTimeMs,
          input.pipelineVersion,
          key,
          JSON.stringify(input.summary),
        ) as { id: number };

      // Older records of the same map (same product, parameter, time, HARP and version family) are
      // superseded by this one when it ranks at least as high (archived > temporary > nowcast > forecast; sci > nrt; higher version).
      const rank = recordRank(input);
      const siblings = this.db
        .prepare(
          `SELECT * FROM product_records WHERE product = ? AND parameter = ? AND time_ms = ? AND coalesce(harpnum, -1) = ?
             AND id <> ? AND superseded_by IS NULL`,
        )
        .all(input.product, input.parameter, input.timeMs, input.harpnum ?? -1, id) as RecordRow[];
      let supersededBy: number | null = null;
      for (const s of siblings) {
        const other = toRecord(s, []);
        // HARP numbers differ between nrt and sci series: never let one supersede the other.
        if ((other.dataType ?? null) !== (input.dataType ?? null) && input.harpnum !== undefined) continue;
        if (recordRank(other) <= rank) this.db.prepare(`UPDATE product_records SET superseded_by = ? WHERE id = ?`).run(id, s.id);
        else supersededBy = s.id;
      }
      if (supersededBy !== null) this.db.prepare(`UPDATE product_records SET superseded_by = ? WHERE id = ?`).run(supersededBy, id);

      const insertFile = this.db.prepare(
        `INSERT INTO product_files (record_id, kind, path, bytes, sha256, media_type) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET record_id = excluded.record_id, kind = excluded.kind, bytes = excluded.bytes,
           sha256 = excluded.sha256, media_type = excluded.media_type`,
      );
      for (const f of input.files) insertFile.run(id, f.kind, f.path, f.bytes, f.sha256, f.mediaType);
      const insertInput = this.db.prepare(`INSERT OR IGNORE INTO record_inputs (record_id, path, sha256) VALUES (?, ?, ?)`);
      for (const i of input.inputs) insertInput.run(id, i.path, i.sha256);

      if (input.harpnum !== undefined && input.dataType) this.touchHarp(input.dataType, input.harpnum, input.noaaArs ?? [], input.timeMs);
      // A superseded record must not overwrite the HAPI values of the better version.
      if (supersededBy === null) this.putHapiRecords(hapi.map((h) => ({ dataset: h.dataset, ...h.record })));
      return { id, created: true };
    });
  }

  /** The record with this identity made from exactly these inputs, if registered (the idempotency key). */
  recordIdFor(
    identity: Pick<ProductRecordInput, 'product' | 'parameter' | 'timeMs' | 'mapType' | 'dataType' | 'harpnum' | 'version'>,
    inputs: readonly { sha256: string }[],
  ): number | undefined {
    const row = this.db
      .prepare(
        `SELECT id FROM product_records WHERE product = ? AND parameter = ? AND time_ms = ? AND coalesce(map_type, '') = ?
           AND coalesce(data_type, '') = ? AND coalesce(harpnum, -1) = ? AND version = ? AND inputs_key = ?`,
      )
      .get(
        identity.product,
        identity.parameter,
        identity.timeMs,
        identity.mapType ?? '',
        identity.dataType ?? '',
        identity.harpnum ?? -1,
        identity.version,
        inputsKey(inputs),
      ) as { id: number } | undefined;
    return row?.id;
  }

  /**
   * A record of `product` (version 1) made from exactly these inputs, whatever its time: for
   * products whose record time the pipeline reads from a header (DEM: T_OBS of 193 A), so that a
   * planner need not predict it to the millisecond.
   */
  recordIdWithInputs(product: ProductId, inputs: readonly { sha256: string }[]): number | undefined {
    const row = this.db.prepare(`SELECT id FROM product_records WHERE inputs_key = ? AND product = ? AND version = 1`).get(inputsKey(inputs), product) as
      | { id: number }
      | undefined;
    return row?.id;
  }

  getRecord(id: number): ProductRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM product_records WHERE id = ?`).get(id) as RecordRow | undefined;
    return row ? toRecord(row, this.filesOf(row.id), this.inputsOf(row.id)) : undefined;
  }

  /** Records matching `q`, newest first unless `order` says otherwise. */
  findRecords(q: RecordQuery): ProductRecord[] {
    const { sql, params } = recordWhere(q);
    const order = q.order === 'asc' ? 'ASC' : 'DESC';
    const rows = this.db
      .prepare(`SELECT * FROM product_records ${sql} ORDER BY time_ms ${order}, id ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit ?? 100, offset: q.offset ?? 0 }) as RecordRow[];
    const files = this.filesOfMany(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, files.get(r.id) ?? []));
  }

  private filesOfManyStmt?: Database.Statement;

  /** Files of several records in one query (a page of results costs two queries, not one per record). */
  private filesOfMany(ids: number[]): Map<number, ProductRecordInput['files']> {
    const out = new Map<number, ProductRecordInput['files']>();
    if (!ids.length) return out;
    this.filesOfManyStmt ??= this.db.prepare(
      `SELECT record_id AS recordId, kind, path, bytes, sha256, media_type AS mediaType FROM product_files
        WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY record_id, kind`,
    );
    for (const row of this.filesOfManyStmt.all(JSON.stringify(ids)) as (ProductRecordInput['files'][number] & { recordId: number })[]) {
      const { recordId, ...file } = row;
      let list = out.get(recordId);
      if (!list) out.set(recordId, (list = []));
      list.push(file);
    }
    return out;
  }

  countRecords(q: RecordQuery): number {
    const { sql, params } = recordWhere(q);
    return (this.db.prepare(`SELECT count(*) AS n FROM product_records ${sql}`).get(params) as { n: number }).n;
  }

  /** The most recent current record of a product (and parameter). */
  latestRecord(q: Pick<RecordQuery, 'product' | 'parameter' | 'mapType' | 'dataType' | 'harpnum'> & { atOrBeforeMs?: number }): ProductRecord | undefined {
    return this.findRecords({ ...q, stopMs: q.atOrBeforeMs === undefined ? undefined : q.atOrBeforeMs + 1, limit: 1, order: 'desc' })[0];
  }

  /** Time range covered by current records of a product, or undefined when it has none. */
  recordExtent(product: ProductId): { firstMs: number; lastMs: number; count: number } | undefined {
    const r = this.db
      .prepare(`SELECT min(time_ms) AS firstMs, max(time_ms) AS lastMs, count(*) AS count FROM product_records WHERE product = ? AND superseded_by IS NULL`)
      .get(product) as { firstMs: number | null; lastMs: number | null; count: number };
    return r.count ? { firstMs: r.firstMs!, lastMs: r.lastMs!, count: r.count } : undefined;
  }

  private filesOf(recordId: number): ProductRecordInput['files'] {
    return (
      this.db.prepare(`SELECT kind, path, bytes, sha256, media_type AS mediaType FROM product_files WHERE record_id = ? ORDER BY kind`).all(recordId) as ProductRecordInput['files']
    ).map((f) => ({ ...f }));
  }

  private inputsOf(recordId: number): ProductRecordInput['inputs'] {
    return this.db.prepare(`SELECT path, sha256 FROM record_inputs WHERE record_id = ? ORDER BY path`).all(recordId) as ProductRecordInput['inputs'];
  }

  /** The record that owns a product file path (relative to the products directory). */
  fileByPath(relativePath: string): (ProductRecordInput['files'][number] & { recordId: number }) | undefined {
    return this.db
      .prepare(`SELECT record_id AS recordId, kind, path, bytes, sha256, media_type AS mediaType FROM product_files WHERE path = ?`)
      .get(relativePath) as (ProductRecordInput['files'][number] & { recordId: number }) | undefined;
  }

  /** Every product file path (to find orphans after a crash). */
  allFilePaths(): Set<string> {
    return new Set((this.db.prepare(`SELECT path FROM product_files`).pluck().all() as string[]));
  }

  // ---------------------------------------------------------------- HARPs

  private touchHarp(dataType: DataType, harpnum: number, noaaArs: number[], timeMs: number): void {
    this.db
      .prepare(
        `INSERT INTO harps (data_type, harpnum, noaa_ars, first_ms, last_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (data_type, harpnum) DO UPDATE SET noaa_ars = excluded.noaa_ars,
           first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`,
      )
      .run(dataType, harpnum, JSON.stringify(noaaArs), timeMs, timeMs);
  }

  /** HARPs with data overlapping [startMs, stopMs] (all HARPs when no range is given). */
  harps(q: { startMs?: number; stopMs?: number; dataType?: DataType } = {}): HarpEntry[] {
    const where: string[] = [];
    if (q.stopMs !== undefined) where.push('first_ms < @stopMs');
    if (q.startMs !== undefined) where.push('last_ms >= @startMs');
    if (q.dataType !== undefined) where.push('data_type = @dataType');
    const rows = this.db
      .prepare(`SELECT * FROM harps ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY data_type, harpnum`)
      .all(q) as { data_type: DataType; harpnum: number; noaa_ars: string; first_ms: number; last_ms: number }[];
    return rows.map((r) => ({ dataType: r.data_type, harpnum: r.harpnum, noaaArs: JSON.parse(r.noaa_ars), firstMs: r.first_ms, lastMs: r.last_ms }));
  }

  // ---------------------------------------------------------------- HAPI records

  /** Insert or replace HAPI records (one per dataset and time), stored as day column chunks. */
  putHapiRecords(rows: readonly HapiRow[]): void {
    HapiStore.of(this.db).put(rows);
  }

  /** Iterate the HAPI records of a dataset in [startMs, stopMs), by time (a lazy cursor). */
  iterateHapiRecords(dataset: string, startMs: number, stopMs: number): IterableIterator<{ timeMs: number; values: unknown[] }> {
    return HapiStore.of(this.db).iterate(dataset, startMs, stopMs);
  }

  /** First and last record times of a HAPI dataset. */
  hapiExtent(dataset: string): { firstMs: number; lastMs: number; count: number } | undefined {
    return HapiStore.of(this.db).extent(dataset);
  }

  // ---------------------------------------------------------------- log

  log(level: 'info' | 'warn' | 'error', source: string, message: string, timeMs = Date.now()): void {
    this.db.prepare(`INSERT INTO ingestion_log (time_ms, level, source, message) VALUES (?, ?, ?, ?)`).run(timeMs, level, source, message);
  }

  recentLog(limit = 100): { timeMs: number; level: string; source: string; message: string }[] {
    return this.db
      .prepare(`SELECT time_ms AS timeMs, level, source, message FROM ingestion_log ORDER BY id DESC LIMIT ?`)
      .all(limit) as { timeMs: number; level: string; source: string; message: string }[];
  }
}

const MAP_TYPE_RANK: Record<MapType, number> = { forecast: 0, nowcast: 1, temporary: 2, archived: 3 };

/** Order of preference between versions of the same map. */
export function recordRank(r: Pick<ProductRecordInput, 'mapType' | 'dataType' | 'version'>): number {
  const kind = r.mapType ? MAP_TYPE_RANK[r.mapType] : r.dataType === 'sci' ? 1 : 0;
  return kind * 1_000_000 + r.version;
}

function recordWhere(q: RecordQuery): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined) return;
    where.push(clause);
    params[name] = value;
  };
  add('product = @product', 'product', q.product);
  add('parameter = @parameter', 'parameter', q.parameter);
  add('time_ms >= @startMs', 'startMs', q.startMs);
  add('time_ms < @stopMs', 'stopMs', q.stopMs);
  add('map_type = @mapType', 'mapType', q.mapType);
  add('data_type = @dataType', 'dataType', q.dataType);
  add('version = @version', 'version', q.version);
  add('harpnum = @harpnum', 'harpnum', q.harpnum);
  add('EXISTS (SELECT 1 FROM json_each(noaa_ars) WHERE value = @noaa)', 'noaa', q.noaa);
  if (q.currentOnly !== false) where.push('superseded_by IS NULL');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function toRecord(r: RecordRow, files: ProductRecordInput['files'], inputs: ProductRecordInput['inputs'] = []): ProductRecord {
  return {
    id: r.id,
    product: r.product,
    parameter: r.parameter,
    timeMs: r.time_ms,
    ...(r.map_type ? { mapType: r.map_type } : {}),
    ...(r.data_type ? { dataType: r.data_type } : {}),
    version: r.version,
    ...(r.harpnum !== null ? { harpnum: r.harpnum } : {}),
    noaaArs: JSON.parse(r.noaa_ars),
    files,
    inputs,
    productionTimeMs: r.production_ms,
    pipelineVersion: r.pipeline_version,
    summary: JSON.parse(r.summary),
    supersededBy: r.superseded_by,
  };
}

function toInputFile(r: Record<string, unknown>): InputFile {
  return {
    id: r.id as number,
    path: r.path as string,
    sha256: r.sha256 as string,
    bytes: r.bytes as number,
    mtimeMs: r.mtime_ms as number,
    kind: r.kind as string | null,
    channel: r.channel as string | null,
    dataType: r.data_type as DataType | null,
    timeMs: r.time_ms as number | null,
    harpnum: r.harpnum as number | null,
    noaaArs: r.noaa_ars ? JSON.parse(r.noaa_ars as string) : [],
    status: r.status as 'ok' | 'quarantined',
    reason: r.reason as string | null,
    discoveredMs: r.discovered_ms as number,
    meta: r.meta ? JSON.parse(r.meta as string) : {},
  };
}
