/**
 * Killing the producer (SIGKILL) in the middle of writing, several times, then letting it finish:
 * no half-written file under a final name, no catalogue row without its complete files, and in
 * the end every map exactly once; what the kills left unregistered is swept away.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue/catalogue.ts';
import { sweepProducts } from './output-store.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'crash-child.ts');
const COUNT = 20;

/**
 * Run the producer; with `kill`, SIGKILL it `delayMs` after its `afterMaps`-th "made" line, i.e.
 * somewhere in the making of the next map (random bytes, file writes, registration). Counting
 * maps rather than milliseconds keeps the kill inside the run whatever the machine's speed: a run
 * makes at most afterMaps + 1 maps, so five killed runs never reach COUNT.
 */
function runChild(dataDir: string, kill?: { afterMaps: number; delayMs: number }): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(COUNT)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let made = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith('made ') && ++made === kill?.afterMaps) setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    });
    child.stderr.on('data', (b) => (output += b));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true, output });
      if (code !== 0) return reject(new Error(`child exited ${code}: ${output}`));
      resolve({ killed: false, output });
    });
  });
}

function checkConsistent(dataDir: string): { records: number } {
  const catalogue = Catalogue.open(path.join(dataDir, 'catalogue.sqlite'));
  try {
    const records = catalogue.findRecords({ product: 'currents', limit: 1000 });
    for (const r of records) {
      expect(r.files).toHaveLength(3);
      for (const f of r.files) {
        const bytes = fs.readFileSync(path.join(dataDir, 'products', f.path));
        expect(bytes.length).toBe(f.bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      }
    }
    // One record per map: no duplicates after restarts.
    expect(new Set(records.map((r) => r.harpnum)).size).toBe(records.length);
    return { records: records.length };
  } finally {
    catalogue.close();
  }
}

describe('SIGKILL while writing products', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-crash-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('leaves no half-written product and no row without its files; a restart finishes without duplicates', async () => {
    fs.mkdirSync(path.join(dataDir, 'products'), { recursive: true });
    let kills = 0;
    for (const [afterMaps, delayMs] of [[1, 3], [2, 0], [1, 5], [2, 2], [1, 1]]) {
      const { killed } = await runChild(dataDir, { afterMaps, delayMs });
      if (killed) kills++;
      checkConsistent(dataDir);
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const { killed, output } = await runChild(dataDir);
    expect(killed).toBe(false);
    expect(output).toContain('done');
    expect(checkConsistent(dataDir).records).toBe(COUNT);

    // What the kills left (temporary files, complete but unregistered files) is swept away.
    const catalogue = Catalogue.open(path.join(dataDir, 'catalogue.sqlite'));
    try {
      sweepProducts({ catalogue, productsDir: path.join(dataDir, 'products') }, Date.now(), 0);
      const owned = catalogue.allFilePaths();
      const onDisk: string[] = [];
      const walk = (rel: string) => {
        for (const e of fs.readdirSync(path.join(dataDir, 'products', rel), { withFileTypes: true })) {
          const child = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) walk(child);
          else onDisk.push(child);
        }
      };
      walk('');
      expect(onDisk.sort()).toEqual([...owned].sort());
    } finally {
      catalogue.close();
    }
  });
});
