/**
 * Child process of the crash test: makes `count` synthetic currents maps with large files in the
 * given DATA_DIR through the real output store, skipping those already registered (as the worker
 * does), printing "made N" after each. The parent kills it with SIGKILL at random moments.
 *
 * Usage: node --import tsx crash-child.ts DATA_DIR COUNT
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { PipelineOutput } from '../../../../products/src/definitions/types.ts';
import { Catalogue } from '../../catalogue/catalogue.ts';
import { storeOutput } from '../output-store.ts';

const [dataDir, countText] = process.argv.slice(2);
const catalogue = Catalogue.open(path.join(dataDir, 'catalogue.sqlite'));
const productsDir = path.join(dataDir, 'products');
const T0 = Date.UTC(2026, 0, 1);

for (let i = 0; i < Number(countText); i++) {
  const record = { product: 'currents' as const, parameter: 'jr', timeMs: T0 + i * 720_000, dataType: 'nrt' as const, version: 1, harpnum: 100 + i, noaaArs: [13000 + i], pipelineVersion: 'crash-test', summary: { TOTUSJZ: i * 1e12 } };
  const inputs = [{ path: `input/${i}.fits`, sha256: `${i}`.padStart(64, '0') }];
  if (catalogue.recordIdFor(record, inputs) !== undefined) continue;
  // Several megabytes per file so that a kill often lands in the middle of a write.
  const output: PipelineOutput = {
    record,
    files: [
      { kind: 'fits', name: `map${i}.fits`, mediaType: 'application/fits', bytes: randomBytes(3_000_000) },
      { kind: 'png', name: `map${i}.png`, mediaType: 'image/png', bytes: randomBytes(1_000_000) },
      { kind: 'thumbnail', name: `map${i}_thumb.png`, mediaType: 'image/png', bytes: randomBytes(200_000) },
    ],
  };
  storeOutput({ catalogue, productsDir, baseUrl: 'http://127.0.0.1:9' }, output, inputs, Date.now());
  process.stdout.write(`made ${i}\n`);
}
catalogue.close();
process.stdout.write('done\n');
