/**
 * Putting a pipeline's output on disk and in the catalogue so that a crash at any point loses
 * nothing committed and leaves nothing half-done:
 *
 * 1. every file is written to a temporary name in its final folder, fsynced, renamed (the shared
 *    `writeFileAtomic` of products/src/util/atomic-write.ts), and the
 *    folder fsynced — a reader never sees a partial file under a final name;
 * 2. only then is the record registered, with its files, inputs and HAPI values, in one SQLite
 *    transaction — a catalogue row never exists without its files;
 * 3. the folder of a record is keyed by its inputs (first hex digits of the inputs key), so a
 *    new version of a map made from other inputs never overwrites the files of a registered one,
 *    and re-running the same inputs rewrites the same paths (idempotent).
 *
 * What a crash can leave behind are temporary files and complete but unregistered files; both are
 * removed by `sweepProducts` at start-up.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { productById } from '../../../products/src/definitions/index.ts';
import type { PipelineOutput, ProductRecordInput } from '../../../products/src/definitions/types.ts';
import { writeFileAtomic, fsyncDir } from '../../../products/src/util/atomic-write.ts';
import { inputsKey, type Catalogue } from '../catalogue/catalogue.ts';

export interface StoreContext {
  catalogue: Catalogue;
  productsDir: string;
  baseUrl: string;
}

export interface StoredRecord {
  id: number;
  /** False when the same record (same identity and inputs) was already registered. */
  created: boolean;
  record: ProductRecordInput;
}

/** Folder of a record's files, relative to the products directory. */
export function recordFolder(output: PipelineOutput, inputs: readonly { sha256: string }[]): string {
  const d = new Date(output.record.timeMs);
  const ymd = [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
  return [output.record.product, ...ymd, inputsKey(inputs).slice(0, 12)].join('/');
}

/** Write the files of `output` atomically, then register the record and its HAPI values in one transaction. */
export function storeOutput(ctx: StoreContext, output: PipelineOutput, inputs: readonly { path: string; sha256: string }[], productionTimeMs: number): StoredRecord {
  const product = productById(output.record.product);
  if (!product) throw new Error(`unknown product ${output.record.product}`);
  const folder = recordFolder(output, inputs);
  const absFolder = path.join(ctx.productsDir, folder);
  fs.mkdirSync(absFolder, { recursive: true });
  const kinds = new Set<string>();
  const files = output.files.map((f) => {
    if (kinds.has(f.kind)) throw new Error(`two files of kind ${f.kind} in one record`);
    kinds.add(f.kind);
    if (f.name !== path.basename(f.name) || f.name.startsWith('.')) throw new Error(`bad product file name ${f.name}`);
    writeFileAtomic(path.join(absFolder, f.name), f.bytes);
    return { kind: f.kind, path: `${folder}/${f.name}`, bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex'), mediaType: f.mediaType };
  });
  fsyncDir(absFolder);
  const record: ProductRecordInput = { ...output.record, files, inputs: inputs.map((i) => ({ path: i.path, sha256: i.sha256 })), productionTimeMs };
  const hapi = product.hapiRecords(record, { fileUrl: (p) => `${ctx.baseUrl}/data/${p}`, ...(output.arrays ? { arrays: output.arrays } : {}) });
  const { id, created } = ctx.catalogue.registerProduct(record, hapi);
  return { id, created, record };
}

/**
 * Remove what a crash left in the products directory: temporary files, and complete files that no
 * catalogue record owns. Only files older than `graceMs` are touched, so that a backfill running
 * in another process at the same time keeps the files it is about to register.
 */
export function sweepProducts(ctx: Pick<StoreContext, 'catalogue' | 'productsDir'>, nowMs: number, graceMs = 10 * 60_000): { removed: string[] } {
  const owned = ctx.catalogue.allFilePaths();
  const removed: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(ctx.productsDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(ctx.productsDir, child);
      if (e.isDirectory()) {
        walk(child);
        continue;
      }
      if (!e.isFile() || owned.has(child)) continue;
      try {
        if (nowMs - fs.statSync(abs).mtimeMs < graceMs) continue;
        fs.rmSync(abs, { force: true });
        removed.push(child);
      } catch {
        /* gone meanwhile */
      }
    }
  };
  walk('');
  return { removed };
}
