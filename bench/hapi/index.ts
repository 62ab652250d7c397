/**
 * HAPI /data streaming against nginx serving the same bytes, in the same run, over loopback.
 *
 * A synthetic dataset (1,000,000 records x 6 doubles, one a minute, `dataset.ts`) is written
 * through the real catalogue into a temporary DATA_DIR; two real HAPI servers (`server.ts`) serve
 * it: one with the production byte cache of encoded chunks (256 MiB), one without (every request
 * decodes and encodes from the store: the worst case). Each answer is also saved to a file that
 * nginx (`nginx.ts`) serves statically, so the baseline sends exactly the same bytes.
 *
 * Measured (node:http client, new connection per request, whole body read):
 * - whole-range answers in CSV, JSON and binary, and CSV with gzip: MB/s and records/s, median of
 *   --repeats runs interleaved with nginx's, and the ratio to nginx;
 * - one-day answers (1,440 records) in every format: time to first byte and total time;
 * - the servers' RSS (from /proc) while streaming the whole CSV answer, with a client that reads
 *   as fast as it can and with one that stalls for 2 s (backpressure must stop the encoding).
 *
 * Goals (the issue's): CSV >= 0.5 x nginx throughput on the same bytes; small requests < 50 ms.
 *
 * Run: node --import tsx bench/hapi/index.ts [--records 1000000] [--repeats 3] [--small 20]
 * (--records 100000 for a quick run). Everything lives in one temporary folder, removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DATASET_ID, CADENCE_MS, DAY_MS, fillBenchDataset, FIRST_MS, lastRecordMs } from './dataset.ts';
import { fetchWhole, inflatedBytes, type Fetched } from './http-client.ts';
import { atCleanup, cleanUp, interrupted, firstLine, freePort, spawnChild, stopChild, tempDir } from './lifecycle.ts';
import { findNginx, startNginx } from './nginx.ts';
import { median, num, quantile, table, type Cell } from './report.ts';
import { rssMiB, traceRss } from './rss.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('records', 1_000_000);
const REPEATS = arg('repeats', 3);
const SMALL = arg('small', 20);
const CACHE_MIB = 256;
const STALL_MS = 2000;

const FORMATS = ['csv', 'json', 'binary'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION: Record<Format, string> = { csv: 'csv', json: 'json', binary: 'bin' };

const MB = 1e6;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

interface HapiServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startHapiServer(name: string, dataDir: string, nowIso: string, cacheMiB: number): Promise<HapiServer> {
  const port = await freePort();
  const entry = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawnChild(process.execPath, ['--import', 'tsx', entry, dataDir, nowIso, String(port), String(cacheMiB)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  const { port: listening } = JSON.parse(line) as { port: number };
  return { name, url: `http://127.0.0.1:${listening}`, pid: child.pid!, stop: () => stopChild(child) };
}

function dataPath(format: Format, startMs: number, stopMs: number): string {
  return `/hapi/data?dataset=${BENCH_DATASET_ID}&start=${iso(startMs)}&stop=${iso(stopMs)}&format=${format}`;
}

function checkOk(f: Fetched, what: string, expectedBytes?: number): Fetched {
  if (f.status !== 200) throw new Error(`${what}: HTTP ${f.status}`);
  if (expectedBytes !== undefined && f.bytes !== expectedBytes) throw new Error(`${what}: ${f.bytes} bytes, expected ${expectedBytes}`);
  return f;
}

/** Runs of the sources interleaved (so drifts of the machine hit them alike), median time each. */
async function interleaved(sources: { name: string; url: string; gzip?: boolean; bytes?: number }[], repeats: number): Promise<Map<string, { ms: number; bytes: number }>> {
  const times = new Map<string, number[]>(sources.map((s) => [s.name, []]));
  const bytes = new Map<string, number>();
  for (let r = 0; r < repeats; r++) {
    for (const s of sources) {
      const f = checkOk(await fetchWhole(s.url, { gzip: s.gzip }), s.name, s.bytes);
      if (s.gzip && f.contentEncoding !== 'gzip') throw new Error(`${s.name}: not gzip-encoded`);
      times.get(s.name)!.push(f.totalMs);
      bytes.set(s.name, f.bytes);
    }
  }
  return new Map(sources.map((s) => [s.name, { ms: median(times.get(s.name)!), bytes: bytes.get(s.name)! }]));
}

async function main(): Promise<void> {
  const nginxBinary = findNginx();
  if (!nginxBinary) throw new Error('nginx not found: apt-get install -y nginx');
  const tmp = tempDir('sdo-hapi-bench-');
  fs.chmodSync(tmp, 0o755); // nginx's workers (user nobody) must reach www/
  const dataDir = path.join(tmp, 'data');
  const www = path.join(tmp, 'www');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(www, { mode: 0o755 });

  const t0 = performance.now();
  fillBenchDataset(path.join(dataDir, 'catalogue.sqlite'), RECORDS);
  const dbBytes = fs.statSync(path.join(dataDir, 'catalogue.sqlite')).size;
  console.log(
    `HAPI benchmark: ${RECORDS.toLocaleString('en-US')} records x 6 doubles (one a minute, ${Math.ceil(RECORDS / 1440)} days), stored in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(dbBytes / MB).toFixed(0)} MB of SQLite); Node ${process.version}, ${os.cpus().length} CPUs, ${REPEATS} runs each (median)`,
  );

  const lastMs = lastRecordMs(RECORDS);
  const nowIso = iso(lastMs + 3_600_000);
  const cached = await startHapiServer(`HAPI server (byte cache ${CACHE_MIB} MiB)`, dataDir, nowIso, CACHE_MIB);
  const uncached = await startHapiServer('HAPI server (no byte cache)', dataDir, nowIso, 0);
  const startedRss = { cached: rssMiB(cached.pid), uncached: rssMiB(uncached.pid) };

  // The answers, saved for nginx. The whole range; and a few days spread over the dataset.
  const wholeStop = FIRST_MS + RECORDS * CADENCE_MS;
  const days = Array.from({ length: 5 }, (_, k) => FIRST_MS + Math.floor(((k + 0.5) / 5) * Math.floor((lastMs - FIRST_MS) / DAY_MS)) * DAY_MS);
  const sizes = new Map<string, number>();
  for (const format of FORMATS) {
    const file = `whole.${EXTENSION[format]}`;
    sizes.set(file, checkOk(await fetchWhole(cached.url + dataPath(format, FIRST_MS, wholeStop), { saveTo: path.join(www, file) }), `save ${file}`).bytes);
    for (const [k, day] of days.entries()) {
      const dayFile = `day${k}.${EXTENSION[format]}`;
      sizes.set(dayFile, checkOk(await fetchWhole(cached.url + dataPath(format, day, day + DAY_MS), { saveTo: path.join(www, dayFile) }), `save ${dayFile}`).bytes);
    }
  }
  const nginx = await startNginx(nginxBinary, path.join(tmp, 'nginx'), www, await freePort());
  atCleanup(() => nginx.stop());

  // ---------------------------------------------------------------- throughput
  const rows: Cell[][] = [];
  const ratios: string[] = [];
  const variants: { label: string; format: Format; gzip: boolean }[] = [
    ...FORMATS.map((format) => ({ label: format.toUpperCase(), format, gzip: false })),
    { label: 'CSV gzip', format: 'csv', gzip: true },
  ];
  for (const v of variants) {
    const file = `whole.${EXTENSION[v.format]}`;
    const plainBytes = sizes.get(file)!;
    if (v.gzip) {
      // The gzip answer must inflate to the same bytes (checked once, untimed).
      const n = await inflatedBytes(cached.url + dataPath(v.format, FIRST_MS, wholeStop));
      if (n !== plainBytes) throw new Error(`gzip CSV inflates to ${n} bytes, not ${plainBytes}`);
    }
    // One untimed pass so the cached server holds this format (the others evicted part of it).
    checkOk(await fetchWhole(cached.url + dataPath(v.format, FIRST_MS, wholeStop), { gzip: v.gzip }), `warm ${v.label}`);
    const sources = [
      { name: 'nginx', url: `${nginx.url}/${file}`, gzip: v.gzip, bytes: v.gzip ? undefined : plainBytes },
      { name: cached.name, url: cached.url + dataPath(v.format, FIRST_MS, wholeStop), gzip: v.gzip, bytes: v.gzip ? undefined : plainBytes },
      { name: uncached.name, url: uncached.url + dataPath(v.format, FIRST_MS, wholeStop), gzip: v.gzip, bytes: v.gzip ? undefined : plainBytes },
    ];
    const result = await interleaved(sources, REPEATS);
    const base = result.get('nginx')!;
    for (const s of sources) {
      const r = result.get(s.name)!;
      const ratio = base.ms / r.ms;
      const goal = v.label === 'CSV' && s.name !== 'nginx' ? (ratio >= 0.5 ? 'met (>= 0.5)' : 'MISSED (>= 0.5)') : '';
      rows.push([v.label, s.name, r.bytes / MB, r.bytes / MB / (r.ms / 1000), RECORDS / (r.ms / 1000), r.ms, s.name === 'nginx' ? '1.00' : ratio.toFixed(2), goal]);
      if (s.name !== 'nginx') ratios.push(`${v.label.padEnd(9)} ${s.name}: ${ratio.toFixed(2)} x nginx`);
    }
  }
  console.log(`\nWhole range (${RECORDS.toLocaleString('en-US')} records), one request at a time; MB = 10^6 bytes as sent (gzip: compressed)\n`);
  console.log(table(['format', 'source', 'MB', 'MB/s', 'records/s', 'ms', 'x nginx', 'goal'], rows, [0, 1, 7]));

  // ---------------------------------------------------------------- small requests
  const smallRows: Cell[][] = [];
  for (const format of FORMATS) {
    const sources = [
      { name: 'nginx', url: (k: number) => `${nginx.url}/day${k}.${EXTENSION[format]}` },
      { name: cached.name, url: (k: number) => cached.url + dataPath(format, days[k], days[k] + DAY_MS) },
      { name: uncached.name, url: (k: number) => uncached.url + dataPath(format, days[k], days[k] + DAY_MS) },
    ];
    // One untimed request per day and source first: the figures are about a server in its
    // steady state, not about the garbage the whole-range answers above left behind.
    for (let k = 0; k < days.length; k++) for (const s of sources) checkOk(await fetchWhole(s.url(k)), `warm-up ${format} day ${k} from ${s.name}`);
    const ttfb = new Map<string, number[]>(sources.map((s) => [s.name, []]));
    const total = new Map<string, number[]>(sources.map((s) => [s.name, []]));
    for (let i = 0; i < SMALL; i++) {
      const k = i % days.length;
      for (const s of sources) {
        const f = checkOk(await fetchWhole(s.url(k)), `${format} day ${k} from ${s.name}`, sizes.get(`day${k}.${EXTENSION[format]}`));
        ttfb.get(s.name)!.push(f.ttfbMs);
        total.get(s.name)!.push(f.totalMs);
      }
    }
    for (const s of sources) {
      const t = total.get(s.name)!;
      const p95 = quantile(t, 0.95);
      const goal = s.name === 'nginx' ? '' : Math.max(...t) < 50 ? 'met (every one < 50 ms)' : p95 < 50 ? 'met at p95 (< 50 ms)' : 'MISSED (< 50 ms)';
      smallRows.push([format.toUpperCase(), s.name, sizes.get(`day0.${EXTENSION[format]}`)! / 1000, median(ttfb.get(s.name)!), median(t), p95, Math.max(...t), goal]);
    }
  }
  console.log(`\nOne day (1,440 records), ${SMALL} requests per format and source over ${days.length} different days, new connection each, after one untimed request per day (ms)\n`);
  console.log(table(['format', 'source', 'kB', 'TTFB p50', 'total p50', 'total p95', 'total max', 'goal'], smallRows.map((r) => r.map((c, i) => (i >= 3 && i <= 6 ? num(c as number, 2) : c))), [0, 1, 7]));

  // ---------------------------------------------------------------- memory
  const csvWhole = (s: HapiServer) => s.url + dataPath('csv', FIRST_MS, wholeStop);
  const memRows: Cell[][] = [];
  for (const s of [uncached, cached]) {
    const fast = await traceRss(s.pid, () => fetchWhole(csvWhole(s)));
    memRows.push([s.name, 'reads at full speed', startedRss[s.name === cached.name ? 'cached' : 'uncached'], fast.rss.first, fast.rss.max, fast.rss.last, fast.rss.max - fast.rss.first, String(fast.rss.samples)]);
    let duringStall = { first: 0, max: 0 };
    const stalled = await traceRss(s.pid, () =>
      fetchWhole(csvWhole(s), {
        pauseAfterBytes: 1 << 20,
        onPause: async () => {
          const before = rssMiB(s.pid);
          let max = before;
          for (let t = 0; t < STALL_MS; t += 50) {
            await new Promise((r) => setTimeout(r, 50));
            max = Math.max(max, rssMiB(s.pid));
          }
          duringStall = { first: before, max };
        },
      }),
    );
    memRows.push([s.name, `stalls ${STALL_MS / 1000} s after 1 MiB`, '', stalled.rss.first, stalled.rss.max, stalled.rss.last, stalled.rss.max - stalled.rss.first, String(stalled.rss.samples)]);
    memRows.push(['', `  growth during the stall`, '', duringStall.first, duringStall.max, '', duringStall.max - duringStall.first, '']);
  }
  console.log(`\nServer RSS (MiB, /proc VmRSS every 20 ms) while streaming the whole CSV answer (${(sizes.get('whole.csv')! / MB).toFixed(0)} MB)\n`);
  console.log(table(['server', 'client', 'at start', 'before', 'max', 'after', 'max - before', 'samples'], memRows, [0, 1]));
  console.log(`(the cached server's RSS also holds up to ${CACHE_MIB} MiB of encoded chunks by design; the uncached one shows the streaming cost alone)`);

  console.log('\nRatios (throughput vs nginx on the same bytes; goal: CSV >= 0.5)');
  for (const r of ratios) console.log(`  ${r}`);

  await Promise.all([cached.stop(), uncached.stop(), nginx.stop()]);
}

try {
  await main();
} catch (e) {
  if (!interrupted()) console.error(e);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
