/**
 * `npm run bench [-- name ...]`: run every benchmark (`bench/<name>/index.ts`), one after the
 * other, each in its own process (`node --import tsx bench/<name>/index.ts`) with the terminal as
 * its output; carry on when one fails; print which passed. Names on the command line select a
 * subset, in the order given (`npm run bench -- hapi web`); arguments after a second `--` go to
 * each selected benchmark (`npm run bench -- hapi -- --records 100000`).
 *
 * One at a time on purpose: the benchmarks measure ratios against baselines in the same run, and
 * two of them at once would disturb each other's figures.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The usual order: quick, self-contained ones first; the browser last but the late arrivals. */
const PREFERRED = ['api', 'currents', 'fits', 'geometry', 'hapi', 'web', 'dem', 'synoptic'];

/** Every folder of bench/ with an index.ts, preferred order first, then alphabetical. */
function available(): string[] {
  const names = fs
    .readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(BENCH_DIR, d.name, 'index.ts')))
    .map((d) => d.name);
  const rank = (n: string) => (PREFERRED.includes(n) ? PREFERRED.indexOf(n) : PREFERRED.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

let current: ChildProcess | undefined;
let interrupted = false;

// Ctrl-C reaches the benchmark too (same process group); a signal sent to this process alone is
// passed on to the running benchmark by its pid, so that it can stop its servers and browsers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    if (current && current.exitCode === null) current.kill(signal);
  });
}

function runOne(name: string, args: readonly string[]): Promise<Outcome> {
  const started = performance.now();
  const entry = path.join(BENCH_DIR, name, 'index.ts');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: 'inherit', cwd: path.resolve(BENCH_DIR, '..') });
    current = child;
    const done = (ok: boolean, detail: string) => {
      current = undefined;
      resolve({ name, ok, detail, seconds: (performance.now() - started) / 1000 });
    };
    child.once('error', (e) => done(false, `could not start: ${e.message}`));
    child.once('exit', (code, signal) => done(code === 0, signal ? `killed by ${signal}` : code === 0 ? 'passed' : `FAILED (exit code ${code})`));
  });
}

async function main(): Promise<number> {
  const all = available();
  const argv = process.argv.slice(2);
  const split = argv.indexOf('--');
  const asked = (split >= 0 ? argv.slice(0, split) : argv).filter((a) => !a.startsWith('-'));
  const passOn = split >= 0 ? argv.slice(split + 1) : [];
  const unknown = asked.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`no such benchmark: ${unknown.join(', ')} (available: ${all.join(', ')})`);
    return 2;
  }
  const selected = asked.length ? asked : all;
  const outcomes: Outcome[] = [];
  for (const name of selected) {
    if (interrupted) break;
    console.log(`\n${'='.repeat(100)}\n== bench/${name}\n${'='.repeat(100)}\n`);
    outcomes.push(await runOne(name, passOn));
  }

  console.log(`\n${'='.repeat(100)}\nSummary\n`);
  for (const o of outcomes) console.log(`  ${o.name.padEnd(12)} ${o.detail.padEnd(28)} ${o.seconds.toFixed(0).padStart(5)} s`);
  for (const name of selected.slice(outcomes.length)) console.log(`  ${name.padEnd(12)} not run (interrupted)`);
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`\n${outcomes.length - failed} passed, ${failed} failed${interrupted ? ', interrupted' : ''}`);
  return interrupted ? 130 : failed ? 1 : 0;
}

process.exitCode = await main();
