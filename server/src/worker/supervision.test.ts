/**
 * The server supervises its production worker: a worker killed with SIGKILL is started again, and
 * a server killed with SIGKILL does not leave its worker running as an orphan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('worker supervision', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-supervision-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed worker, and the worker stops when the server is killed', async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: REPO,
      // BASE_URL explicitly: vitest puts Vite's BASE_URL=/ into process.env, which is not a URL.
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', BASE_URL: 'http://127.0.0.1:9', SIMULATOR: 'off', WORKER: 'on', BACKFILL_DAYS: '0', LOG_LEVEL: 'info', WORKER_TICK_SECONDS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The worker logs "worker started" with its pid (pino adds it to every line).
    const workerPids: number[] = [];
    createInterface({ input: server.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; pid?: number };
      if (entry.msg === 'worker started' && entry.pid) workerPids.push(entry.pid);
    });
    expect(await until(() => workerPids.length === 1, 30_000)).toBe(true);

    process.kill(workerPids[0], 'SIGKILL');
    expect(await until(() => workerPids.length === 2, 30_000)).toBe(true);
    expect(workerPids[1]).not.toBe(workerPids[0]);

    server.kill('SIGKILL');
    expect(await until(() => !alive(workerPids[1]), 15_000)).toBe(true);
  }, 90_000);
});
