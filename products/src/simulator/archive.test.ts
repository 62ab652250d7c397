/**
 * The archive writer: the file contract (paths, atomic writes, no leftovers), coarse-cadence fills,
 * and the live feed (only files whose observation time + latency has passed, never twice).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFitsFile } from '../fits/index.ts';
import { parseSdoTime } from '../geometry/time.ts';
import { fillInterval, liveStep, type Latencies, type LiveState, type WrittenFile } from './archive.ts';
import { aiaSlots, tRecSlots } from './schedule.ts';
import { createSyntheticSun } from './sun.ts';
import { T0, tempFolder } from './test-support.ts';

const folders: (() => void)[] = [];
afterAll(() => folders.forEach((remove) => remove()));

function folder(prefix: string): string {
  const f = tempFolder(prefix);
  folders.push(f.remove);
  return f.dir;
}

/** Every file under a folder, relative paths. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

const small = { aiaSize: 64, hmiSize: 64 };

describe('fillInterval', () => {
  it('fills a past interval at coarse cadences, every file whole and findable by its header', async () => {
    const dir = folder('sim-fill-');
    const sun = createSyntheticSun({ seed: 5, startMs: T0 });
    const start = T0 - 4 * 3600_000;
    const cadences = { aiaCadenceS: 7200, hmiCadenceS: 3600, sharpCadenceS: 3600 };
    const files = await fillInterval({ inputDir: dir, sun, startMs: start, stopMs: T0, cadences, series: 'both', ...small });
    const aia = files.filter((f) => f.kind === 'aia');
    const hmi = files.filter((f) => f.kind === 'hmi');
    const sharp = files.filter((f) => f.kind === 'sharp');
    expect(aia).toHaveLength(aiaSlots(start, T0, 7200).length * 9);
    expect(hmi).toHaveLength(tRecSlots(start, T0, 3600).length * 4); // 2 observables × 2 series
    expect(sharp.length).toBeGreaterThan(0);
    expect(sharp.length % 8).toBe(0);
    // On disk: exactly the files reported, no temporary file left behind.
    expect(listFiles(dir).sort()).toEqual(files.map((f) => f.path.slice(dir.length + 1)).sort());
    for (const f of files) expect(statSync(f.path).size).toBe(f.bytes);
    // Each file's header says what the name says.
    for (const f of [aia[0], hmi[0], sharp[0]]) {
      const fits = await readFitsFile(f.path, { headersOnly: true });
      const h = fits.hdus[fits.hdus.length - 1].header;
      const time = f.kind === 'aia' ? h.string('T_OBS') : h.string('T_REC');
      expect(parseSdoTime(time as string)).toBe(f.timeMs);
      if (f.kind === 'sharp') expect(h.number('HARPNUM')).toBe(f.harpnum);
    }
    // A second fill of the same interval writes nothing.
    expect(await fillInterval({ inputDir: dir, sun, startMs: start, stopMs: T0, cadences, series: 'both', ...small })).toEqual([]);
  });

  it('is deterministic: the same seed writes the same bytes', async () => {
    const a = folder('sim-det-a-');
    const b = folder('sim-det-b-');
    const opts = { startMs: T0, stopMs: T0, instruments: ['aia', 'hmi'] as const, ...small };
    const fa = await fillInterval({ inputDir: a, sun: createSyntheticSun({ seed: 9 }), ...opts });
    const fb = await fillInterval({ inputDir: b, sun: createSyntheticSun({ seed: 9 }), ...opts });
    expect(fa.map((f) => f.bytes)).toEqual(fb.map((f) => f.bytes));
    const { readFileSync } = await import('node:fs');
    for (let i = 0; i < fa.length; i++) expect(readFileSync(fb[i].path).equals(readFileSync(fa[i].path))).toBe(true);
  });
});

describe('liveStep', () => {
  const latencies: Latencies = { aiaS: 900, hmiNrtS: 1800, hmiDefinitiveS: 4 * 3600, sharpNrtS: 3600, sharpDefinitiveS: 5 * 3600 };
  const latencyOf = (f: WrittenFile): number =>
    f.kind === 'aia' ? latencies.aiaS
      : f.kind === 'hmi' ? (f.series.endsWith('_nrt') ? latencies.hmiNrtS : latencies.hmiDefinitiveS)
      : f.series.endsWith('_nrt') ? latencies.sharpNrtS : latencies.sharpDefinitiveS;

  it('writes only the files whose time + latency has passed, all of them, and never twice', async () => {
    const dir = folder('sim-live-');
    const sun = createSyntheticSun({ seed: 21, startMs: T0 });
    const state: LiveState = {};
    const cadences = { aiaCadenceS: 1800, hmiCadenceS: 1440, sharpCadenceS: 2880 };
    const base = { inputDir: dir, sun, latencies, cadences, state, lookbackMs: 3 * 3600_000, ...small };
    const now1 = T0 + 7 * 60_000 + 3_000; // a few seconds after a 171 Å T_OBS + latency
    const first = await liveStep({ ...base, nowMs: now1 });
    expect(first.length).toBeGreaterThan(0);
    for (const f of first) expect(f.timeMs + latencyOf(f) * 1000, f.path).toBeLessThanOrEqual(now1);
    // Completeness for AIA: every channel of every slot due in the window is there.
    const dueAia = aiaSlots(now1 - 3 * 3600_000 - 900_000, now1 - 900_000, 1800).length * 9;
    const aiaWritten = first.filter((f) => f.kind === 'aia').length;
    expect(Math.abs(aiaWritten - dueAia)).toBeLessThanOrEqual(9); // the newest slot may be partly due
    // HMI nrt: every T_REC slot of the window that is due.
    const dueHmi = tRecSlots(now1 - 3 * 3600_000 - 1800_000, now1 - 1800_000, 1440);
    expect(first.filter((f) => f.series === 'hmi.m_720s_nrt').map((f) => f.timeMs)).toEqual(dueHmi);
    // Same now: nothing new. Later: only newer files, none of the earlier ones again.
    expect(await liveStep({ ...base, nowMs: now1 })).toEqual([]);
    const now2 = now1 + 45 * 60_000;
    const second = await liveStep({ ...base, nowMs: now2 });
    expect(second.length).toBeGreaterThan(0);
    const before = new Set(first.map((f) => f.path));
    for (const f of second) {
      expect(before.has(f.path), f.path).toBe(false);
      expect(f.timeMs + latencyOf(f) * 1000).toBeLessThanOrEqual(now2);
      expect(f.timeMs + latencyOf(f) * 1000).toBeGreaterThan(now1);
    }
    expect(listFiles(dir).filter((p) => !p.endsWith('.fits'))).toEqual([]);
  });
});

describe('fillIntervalParallel', () => {
  it('writes the same files, byte for byte, as a single-threaded fill', async () => {
    const { fillIntervalParallel } = await import('./parallel-fill.ts');
    const { readFileSync } = await import('node:fs');
    const a = folder('sim-par-a-');
    const b = folder('sim-par-b-');
    const sunOptions = { seed: 17, startMs: T0 };
    const opts = { startMs: T0 - 2 * 3600_000, stopMs: T0, cadences: { aiaCadenceS: 3600, hmiCadenceS: 3600, sharpCadenceS: 3600 }, ...small };
    const single = await fillInterval({ ...opts, inputDir: a, sun: createSyntheticSun(sunOptions) });
    const parallel = await fillIntervalParallel({ ...opts, inputDir: b, sunOptions, workers: 2 });
    const rel = (files: WrittenFile[], dir: string) => files.map((f) => f.path.slice(dir.length)).sort();
    expect(rel(parallel, b)).toEqual(rel(single, a));
    for (const f of single) expect(readFileSync(b + f.path.slice(a.length)).equals(readFileSync(f.path)), f.path).toBe(true);
  });
});
