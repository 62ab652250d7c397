/**
 * Versioned schema migrations of the catalogue. Each migration runs once, in order, inside a
 * transaction, and `PRAGMA user_version` records the last one applied. Never edit a released
 * migration: add a new one.
 *
 * @module
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'input files, product records and files, HARPs, HAPI records, ingestion log',
    up: `
      CREATE TABLE input_files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,          -- relative to INPUT_DIR
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        kind TEXT,                          -- aia | hmi-m | hmi-ic | sharp
        channel TEXT,                       -- 171, hmi.m_720s, Br, bitmap ...
        data_type TEXT,                     -- nrt | sci
        time_ms INTEGER,                    -- observation time (T_OBS / T_REC)
        harpnum INTEGER,
        noaa_ars TEXT,                      -- JSON array
        status TEXT NOT NULL CHECK (status IN ('ok', 'quarantined')),
        reason TEXT,
        discovered_ms INTEGER NOT NULL,
        meta TEXT                           -- JSON: header values the pipelines need
      );
      CREATE INDEX input_files_by_kind_time ON input_files (kind, channel, time_ms) WHERE status = 'ok';
      CREATE INDEX input_files_by_harp ON input_files (data_type, harpnum, time_ms) WHERE status = 'ok';

      CREATE TABLE product_records (
        id INTEGER PRIMARY KEY,
        product TEXT NOT NULL,
        parameter TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        map_type TEXT CHECK (map_type IN ('forecast', 'nowcast', 'temporary', 'archived')),
        data_type TEXT CHECK (data_type IN ('nrt', 'sci')),
        version INTEGER NOT NULL,
        harpnum INTEGER,
        noaa_ars TEXT NOT NULL DEFAULT '[]',
        production_ms INTEGER NOT NULL,
        pipeline_version TEXT NOT NULL,
        inputs_key TEXT NOT NULL,          -- sha256 over the sorted input checksums
        summary TEXT NOT NULL DEFAULT '{}',
        superseded_by INTEGER REFERENCES product_records (id)
      );
      CREATE UNIQUE INDEX product_records_identity ON product_records (
        product, parameter, time_ms, coalesce(map_type, ''), coalesce(data_type, ''),
        coalesce(harpnum, -1), version, inputs_key);
      CREATE INDEX product_records_by_time ON product_records (product, parameter, time_ms);
      CREATE INDEX product_records_by_harp ON product_records (product, data_type, harpnum, time_ms);

      CREATE TABLE product_files (
        record_id INTEGER NOT NULL REFERENCES product_records (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                 -- fits | png | thumbnail | ...
        path TEXT NOT NULL UNIQUE,          -- relative to the products directory
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        media_type TEXT NOT NULL,
        PRIMARY KEY (record_id, kind)
      );

      CREATE TABLE record_inputs (
        record_id INTEGER NOT NULL REFERENCES product_records (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (record_id, path)
      );

      CREATE TABLE harps (
        data_type TEXT NOT NULL CHECK (data_type IN ('nrt', 'sci')),
        harpnum INTEGER NOT NULL,
        noaa_ars TEXT NOT NULL DEFAULT '[]',
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        PRIMARY KEY (data_type, harpnum)
      );

      CREATE TABLE hapi_records (
        dataset TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        payload TEXT NOT NULL,              -- JSON array of values in parameter order (Time excluded)
        PRIMARY KEY (dataset, time_ms)
      ) WITHOUT ROWID;

      CREATE TABLE ingestion_log (
        id INTEGER PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        level TEXT NOT NULL,
        source TEXT NOT NULL,
        message TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'HAPI records as column chunks (one per dataset and UTC day), dataset summaries, change generation',
    // Rows of hapi_records (version 1) are moved into chunks by the HAPI store on first open.
    up: `
      CREATE TABLE hapi_chunks (
        id INTEGER PRIMARY KEY AUTOINCREMENT, -- also the chunk's version: a rewritten chunk gets a new id
        dataset TEXT NOT NULL,
        chunk_start INTEGER NOT NULL,         -- UTC midnight (ms) of the day the chunk holds
        count INTEGER NOT NULL,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        times BLOB NOT NULL,                  -- float64 little-endian ms, ascending
        columns BLOB NOT NULL,                -- value columns (server/src/hapi/store/chunk-codec.ts)
        UNIQUE (dataset, chunk_start)
      );

      CREATE TABLE hapi_datasets (
        dataset TEXT PRIMARY KEY,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        count INTEGER NOT NULL,
        version INTEGER NOT NULL,             -- max chunk id: changes with any chunk of the dataset
        modified_ms INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- One row; generation moves whenever HAPI records or HARPs change, whoever writes, so that
      -- metadata caches (dataset lists, /info) know they are stale.
      CREATE TABLE hapi_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL,
        modified_ms INTEGER NOT NULL
      );
      INSERT INTO hapi_state (id, generation, modified_ms) VALUES (1, 0, CAST(unixepoch('subsec') * 1000 AS INTEGER));

      CREATE TRIGGER hapi_datasets_insert AFTER INSERT ON hapi_datasets BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
      CREATE TRIGGER hapi_datasets_update AFTER UPDATE ON hapi_datasets BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
      CREATE TRIGGER hapi_datasets_delete AFTER DELETE ON hapi_datasets BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
      CREATE TRIGGER harps_insert AFTER INSERT ON harps BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
      CREATE TRIGGER harps_update AFTER UPDATE ON harps BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
      CREATE TRIGGER harps_delete AFTER DELETE ON harps BEGIN
        UPDATE hapi_state SET generation = generation + 1, modified_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      END;
    `,
  },
  {
    version: 3,
    description: 'index records by inputs (has a map been made from these files?) and by product and time (searches without a parameter)',
    // inputs_key alone: with a leading product column the planner took it for every product
    // query; (product, time_ms) serves time-range searches over all channels of a product.
    up: `
      CREATE INDEX product_records_by_inputs ON product_records (inputs_key);
      CREATE INDEX product_records_by_product_time ON product_records (product, time_ms);
    `,
  },
];

/** Apply every migration newer than the database's `user_version`. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return pending.length ? pending[pending.length - 1].version : current;
}
