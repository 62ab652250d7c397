/**
 * Test fixtures shared by the `/api` and `/data` tests: a temporary data directory, an in-memory
 * catalogue, the real app, and helpers that write real product files and register records.
 * Not a test file itself (no `.test.ts`), and never imported by production code.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { ProductRecordInput } from '../../../products/src/definitions/types.ts';
import { createApp, type AppDeps } from '../app.ts';
import { Catalogue } from '../catalogue/catalogue.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../http/logger.ts';

export const BASE = 'http://localhost';

export interface TestEnv {
  dir: string;
  deps: AppDeps;
  app: Hono;
  catalogue: Catalogue;
  /** Current frozen time; tests may move it. */
  clock: { nowMs: number };
  /** Write a file under the products directory and return its catalogue file entry. */
  writeFile(relative: string, bytes: Uint8Array | string, mediaType?: string): ProductRecordInput['files'][number] & { kind: string };
  /** Register a record (inputs default to a unique fake input so that records stay distinct). */
  register(record: Partial<ProductRecordInput> & Pick<ProductRecordInput, 'product' | 'parameter' | 'timeMs'>): number;
  request(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  close(): void;
}

let counter = 0;

export function createTestEnv(opts: { nowMs?: number } = {}): TestEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-test-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', BASE_URL: 'https://sdo.example.org' });
  fs.mkdirSync(config.productsDir, { recursive: true });
  const catalogue = Catalogue.open(':memory:');
  const clock = { nowMs: opts.nowMs ?? Date.UTC(2026, 10, 25, 14, 0, 0) };
  const deps: AppDeps = { config, catalogue, logger: createLogger('silent'), now: () => clock.nowMs };
  const app = createApp(deps);
  return {
    dir,
    deps,
    app,
    catalogue,
    clock,
    writeFile(relative, bytes, mediaType = 'application/octet-stream') {
      const abs = path.join(config.productsDir, relative);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      fs.writeFileSync(abs, data);
      return { kind: 'fits', path: relative, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), mediaType };
    },
    register(r) {
      const n = ++counter;
      const full: ProductRecordInput = {
        version: 1,
        files: [],
        inputs: [{ path: `input/${n}.fits`, sha256: `in${n}` }],
        productionTimeMs: r.timeMs + 3_600_000,
        pipelineVersion: 'test-1',
        summary: {},
        ...r,
      };
      return catalogue.registerProduct(full).id;
    },
    request: (p, init) => Promise.resolve(app.request(`${BASE}${p}`, init)),
    close() {
      catalogue.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
