/**
 * The synthetic dataset of the HAPI benchmark: one record a minute, six double parameters, stored
 * through the real catalogue (`putHapiRecords`, i.e. the columnar day chunks of the HAPI store).
 *
 * One record a minute makes "one day" a small request (1,440 records, the size the issue's
 * < 50 ms goal is about) and 1,000,000 records about 694 days. Values are smooth functions of time
 * at full float64 precision, so CSV and JSON carry the 15-17 significant digits that real
 * physical quantities have (the expensive case for number formatting), with a few NaN fills.
 *
 * @module
 */
import type { HapiDatasetDefinition } from '../../products/src/definitions/types.ts';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';

export const BENCH_DATASET_ID = 'bench_six_doubles';
export const CADENCE_MS = 60_000;
/** First record time. */
export const FIRST_MS = Date.UTC(2024, 0, 1);
export const DAY_MS = 86_400_000;

const PARAMETER_NAMES = ['flux', 'density', 'speed', 'temperature', 'bx', 'by'] as const;

export const BENCH_DATASET: HapiDatasetDefinition = {
  id: BENCH_DATASET_ID,
  title: 'Benchmark: six doubles a minute',
  description: 'Synthetic benchmark dataset (bench/hapi): six double parameters, one record a minute.',
  product: 'dem',
  kind: 'indices',
  cadence: 'PT1M',
  nominalStartDate: new Date(FIRST_MS).toISOString().slice(0, 19) + 'Z',
  timeStampLocation: 'center',
  // No maxRequestDuration: the benchmark asks for every record in one request.
  parameters: PARAMETER_NAMES.map((name) => ({ name, type: 'double' as const, units: 'arbitrary', fill: 'NaN', description: `Synthetic ${name}.` })),
};

/** Values of record `i`: deterministic, full precision, a NaN now and then. */
function valuesOf(i: number): number[] {
  const t = i / 1440;
  return [
    1e-6 * (3 + Math.sin(t * 0.7)),
    5.5 + 2 * Math.cos(t * 1.3 + i * 1e-3),
    i % 997 === 0 ? Number.NaN : 420 + 80 * Math.sin(t * 0.11),
    1.2e5 * (1 + 0.3 * Math.sin(t * 2.9)),
    Math.sin(i * 0.017) * 7.25,
    Math.cos(i * 0.013) * -3.5,
  ];
}

/** Time of the last record of a dataset of `records` records. */
export function lastRecordMs(records: number): number {
  return FIRST_MS + (records - 1) * CADENCE_MS;
}

/**
 * Write `records` records into the catalogue at `file`, in batches of whole days so each day chunk
 * is written once (a chunk rewritten per batch would cost a decode + encode each time).
 */
export function fillBenchDataset(file: string, records: number): void {
  const catalogue = Catalogue.open(file);
  try {
    const perBatch = 30 * (DAY_MS / CADENCE_MS);
    for (let start = 0; start < records; start += perBatch) {
      const rows = [];
      for (let i = start; i < Math.min(records, start + perBatch); i++) rows.push({ dataset: BENCH_DATASET_ID, timeMs: FIRST_MS + i * CADENCE_MS, values: valuesOf(i) });
      catalogue.putHapiRecords(rows);
    }
    catalogue.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    catalogue.close();
  }
}
