/**
 * Playwright global setup: build the pages, write the fixture catalogue into a temporary
 * DATA_DIR, start the real server on it (frozen NOW, no worker), and tear it all down afterwards.
 * The run's facts go to e2e/artifacts/run.json for the specs.
 *
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../webapps/build.ts';
import { buildFixtures } from './fixtures/catalogue.ts';
import { ARTIFACTS_DIR, E2E_NOW, E2E_PORT, RUN_FILE } from './fixtures/constants.ts';
import { startServer } from './fixtures/server.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swe-e2e-'));
  const baseUrl = `http://127.0.0.1:${E2E_PORT}`;
  buildFixtures(dataDir, { nowMs: Date.parse(E2E_NOW), baseUrl });
  const log = fs.createWriteStream(path.join(ARTIFACTS_DIR, 'server.log'));
  const server = await startServer({ dataDir, port: E2E_PORT, now: E2E_NOW, logFile: (l) => log.write(l) });
  fs.writeFileSync(RUN_FILE, JSON.stringify({ baseUrl, dataDir, nowMs: Date.parse(E2E_NOW) }, null, 1));
  return async () => {
    await server.stop();
    log.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
