/**
 * Product API throughput and latency against the real server over loopback, side by side with
 * `/healthz` (one trivial SQLite query and a tiny JSON answer) measured in the same run:
 * autocannon, 100 connections, on a catalogue with years of records.
 *
 * Goal: latest and search at >= 0.5 x the /healthz rate, with p99 < 50 ms.
 *
 * Run: node --import tsx bench/api/index.ts [--years 3] [--duration 10]
 * The catalogue is built once (about a minute for 3 years) and kept in the system temp folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { fillCatalogue } from './fill.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const YEARS = arg('years', 3);
const DURATION = arg('duration', 10);
const CONNECTIONS = 100;
const END_MS = Date.UTC(2026, 10, 25);
const NOW = '2026-11-25T01:00:00Z';
const DAY = 86_400_000;

function prepareCatalogue(): { dir: string; records: number } {
  const dir = path.join(os.tmpdir(), `sdo-api-bench-v1-${YEARS}y`);
  const file = path.join(dir, 'catalogue.sqlite');
  const marker = path.join(dir, 'complete');
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'products'), { recursive: true });
    const catalogue = Catalogue.open(file);
    const t0 = performance.now();
    const n = fillCatalogue(catalogue, END_MS, YEARS);
    catalogue.db.pragma('wal_checkpoint(TRUNCATE)');
    catalogue.db.exec('ANALYZE');
    catalogue.close();
    fs.writeFileSync(marker, String(n));
    console.log(`built a catalogue of ${n} records in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return { dir, records: Number(fs.readFileSync(marker, 'utf8')) };
}

async function startServer(dir: string): Promise<{ url: string; stop: () => void }> {
  const entry = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, dir, NOW], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

interface Scenario {
  name: string;
  path: string | (() => string);
  goal: boolean;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string, s: Scenario, duration: number): Promise<Figures> {
  const requests = typeof s.path === 'function' ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: (s.path as () => string)() }) }] : undefined;
  const result = await autocannon({
    url: typeof s.path === 'string' ? `${url}${s.path}` : url,
    connections: CONNECTIONS,
    duration,
    ...(requests ? { requests } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

async function main(): Promise<void> {
  const { dir, records } = prepareCatalogue();
  const server = await startServer(dir);
  const randomDay = () => END_MS - Math.floor(Math.random() * YEARS * 365) * DAY - DAY;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
  const scenarios: Scenario[] = [
    { name: '/healthz (baseline)', path: '/healthz', goal: false },
    { name: 'latest synoptic-euv 171', path: '/api/products/synoptic-euv/latest?parameter=171', goal: true },
    { name: 'latest currents (any HARP)', path: '/api/products/currents/latest', goal: true },
    { name: 'search dem, 1 day (48 records)', path: `/api/products/dem/records?start=2026-11-20&stop=2026-11-21`, goal: true },
    {
      name: 'search dem, random day (48 records)',
      path: () => {
        const d = randomDay();
        return `/api/products/dem/records?start=${iso(d)}&stop=${iso(d + DAY)}`;
      },
      goal: true,
    },
    {
      name: 'search euv 171, random month (100 of 120)',
      path: () => {
        const d = randomDay();
        return `/api/products/synoptic-euv/records?parameter=171&start=${iso(d)}&stop=${iso(d + 30 * DAY)}`;
      },
      goal: true,
    },
    { name: '/healthz (baseline, again)', path: '/healthz', goal: false },
  ];
  try {
    console.log(`API benchmark: ${records} records (${YEARS} years), ${CONNECTIONS} connections, ${DURATION} s per scenario, Node ${process.version}, ${os.cpus().length} CPUs`);
    for (const s of scenarios) await measure(server.url, s, 2); // warm-up (JIT, SQLite page cache)
    const results: [Scenario, Figures][] = [];
    for (const s of scenarios) results.push([s, await measure(server.url, s, DURATION)]);
    const healthz = results.filter(([s]) => !s.goal).map(([, f]) => f.rps);
    const baseline = healthz.reduce((a, b) => a + b, 0) / healthz.length;
    console.log(`\n${'scenario'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'x healthz'.padStart(10)}  goal (>= 0.5 x, p99 < 50 ms)`);
    for (const [s, f] of results) {
      const ratio = f.rps / baseline;
      const verdict = s.goal ? (ratio >= 0.5 && f.p99 < 50 && f.errors === 0 ? 'met' : 'MISSED') : '';
      console.log(
        `${s.name.padEnd(44)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(7)} ${f.p99.toFixed(1).padStart(7)} ${ratio.toFixed(2).padStart(10)}  ${verdict}${f.errors ? ` (${f.errors} non-2xx/errors)` : ''}`,
      );
    }
  } finally {
    server.stop();
  }
}

await main();
