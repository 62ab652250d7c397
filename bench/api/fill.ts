/**
 * A catalogue of realistic size for the API benchmark: `years` of records of the four products at
 * their nominal cadences (synoptic maps 4 a day per channel, DEM every 30 min, currents hourly for
 * a rotating set of HARPs), each with its FITS, PNG and thumbnail file rows. Registered through
 * `Catalogue.registerProduct`, the production path. The files themselves are not written: the
 * benchmark measures the catalogue and the JSON, not the disk.
 *
 * @module
 */
import { PRODUCTS, type ProductDefinition, type ProductRecordInput } from '../../products/src/definitions/index.ts';
import type { Catalogue } from '../../server/src/catalogue/catalogue.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function files(p: ProductDefinition, r: Omit<ProductRecordInput, 'files' | 'inputs' | 'productionTimeMs' | 'pipelineVersion' | 'summary'>): ProductRecordInput['files'] {
  const d = new Date(r.timeMs).toISOString();
  const dir = `${p.id}/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}`;
  const stem = p.fileStem(r);
  const sha = (s: string) => s.padEnd(64, '0').slice(0, 64);
  return [
    { kind: 'fits', path: `${dir}/${stem}.fits`, bytes: 7_400_000, sha256: sha(`f${stem}`), mediaType: 'application/fits' },
    { kind: 'png', path: `${dir}/${stem}.png`, bytes: 900_000, sha256: sha(`p${stem}`), mediaType: 'image/png' },
    { kind: 'thumbnail', path: `${dir}/${stem}_thumb.png`, bytes: 30_000, sha256: sha(`t${stem}`), mediaType: 'image/png' },
  ];
}

/** Register `years` of records ending at `endMs`; returns the number of records. */
export function fillCatalogue(catalogue: Catalogue, endMs: number, years: number): number {
  const startMs = endMs - Math.round(years * 365.25) * DAY;
  const byId = Object.fromEntries(PRODUCTS.map((p) => [p.id, p]));
  let n = 0;
  let batch: ProductRecordInput[] = [];
  const flush = () => {
    catalogue.transaction(() => {
      for (const r of batch) catalogue.registerProduct(r);
    });
    batch = [];
  };
  const add = (p: ProductDefinition, r: Omit<ProductRecordInput, 'files' | 'inputs' | 'productionTimeMs' | 'pipelineVersion' | 'summary'>) => {
    batch.push({
      ...r,
      files: files(p, r),
      inputs: [{ path: `input/${p.id}/${r.parameter}/${r.timeMs}/${r.harpnum ?? 0}`, sha256: `${n}` }],
      productionTimeMs: r.timeMs + HOUR,
      pipelineVersion: 'bench-1',
      summary: { coverage: 0.8, mean_data_age: 12.5, median_tc: 1.4e6, total_unsigned_current: 1.2e13 },
    });
    n++;
    if (batch.length >= 5000) flush();
  };
  for (let t = startMs; t < endMs; t += 6 * HOUR) {
    // Older maps are archived, the last three days temporary (as a live archive looks).
    const mapType = t < endMs - 3 * DAY ? 'archived' : 'temporary';
    for (const id of ['synoptic-euv', 'synoptic-photosphere'] as const) {
      for (const ch of byId[id].channels) add(byId[id], { product: id, parameter: ch.id, timeMs: t, mapType, version: 1 });
    }
  }
  for (let t = startMs; t < endMs; t += 30 * 60_000) {
    add(byId.dem, { product: 'dem', parameter: 'dem', timeMs: t, dataType: t < endMs - 30 * DAY ? 'sci' : 'nrt', version: 1 });
  }
  // About eight HARPs on the disk at any time, each living 12 days, one map an hour.
  for (let t = startMs; t < endMs; t += HOUR) {
    const day = Math.floor((t - startMs) / DAY);
    for (let k = 0; k < 8; k++) {
      const harpnum = 1000 + Math.floor((day + k * 1.5) / 12) * 8 + k;
      add(byId.currents, { product: 'currents', parameter: 'jr', timeMs: t, dataType: 'sci', version: 1, harpnum, noaaArs: [11000 + (harpnum % 3000)] });
    }
  }
  flush();
  return n;
}
