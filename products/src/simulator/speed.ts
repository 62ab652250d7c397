/**
 * Speed figures of the simulator (not a test: run by hand on a quiet machine).
 *
 *   node --import tsx products/src/simulator/speed.ts [size]
 *
 * Prints seconds per AIA image (render, and render + RICE_1 + write), per HMI pair and per SHARP
 * patch (eight segments), and the time of a 3-day fill at the start-up cadences.
 *
 * @module
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAiaSet } from './aia.ts';
import { fillInterval } from './archive.ts';
import { renderHmiPair } from './hmi.ts';
import { unitResponseLut } from './response-lut.ts';
import { hasSharp } from './sharp.ts';
import { createSyntheticSun } from './sun.ts';

const size = Number(process.argv[2] ?? 1024);
const now = Date.UTC(2026, 11, 1);
const sun = createSyntheticSun({ seed: 1, startMs: now });
const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const dir = mkdtempSync(join(tmpdir(), 'sim-speed-'));
try {
  let t = performance.now();
  unitResponseLut();
  console.log(`response table: ${seconds(t).toFixed(2)} s (once per process)`);

  t = performance.now();
  const reps = 3;
  for (let k = 0; k < reps; k++) renderAiaSet(sun, now - k * 3_600_000, { size });
  console.log(`AIA ${size}²: render ${(seconds(t) / reps / 9).toFixed(3)} s per image`);

  t = performance.now();
  const aia = await fillInterval({ inputDir: dir, sun, startMs: now - 2 * 3_600_000, stopMs: now, instruments: ['aia'], aiaSize: size, cadences: { aiaCadenceS: 3600 } });
  console.log(`AIA ${size}²: render + RICE_1 + write ${(seconds(t) / aia.length).toFixed(3)} s per image (${(aia.reduce((a, f) => a + f.bytes, 0) / aia.length / 1e6).toFixed(2)} MB)`);

  t = performance.now();
  for (let k = 0; k < reps; k++) renderHmiPair(sun, now - k * 3_600_000, { size });
  console.log(`HMI ${size}²: render ${(seconds(t) / reps).toFixed(3)} s per pair`);
  t = performance.now();
  const hmi = await fillInterval({ inputDir: dir, sun, startMs: now - 2 * 3_600_000, stopMs: now, instruments: ['hmi'], hmiSize: size, series: 'definitive', cadences: { hmiCadenceS: 3600 } });
  console.log(`HMI ${size}²: render + write ${(seconds(t) / (hmi.length / 2)).toFixed(3)} s per pair`);

  t = performance.now();
  const sharp = await fillInterval({ inputDir: dir, sun, startMs: now - 2 * 3_600_000, stopMs: now, instruments: ['sharp'], series: 'both', cadences: { sharpCadenceS: 3600 } });
  const patches = sharp.length / 8;
  console.log(`SHARP: ${(seconds(t) / patches).toFixed(3)} s per patch of 8 segments (${patches} patches, ${sun.truthAt(now).regions.filter((r) => hasSharp(r, now)).length} HARPs on disk now)`);

  t = performance.now();
  const all = await fillInterval({
    inputDir: join(dir, 'fill'),
    sun,
    startMs: now - 3 * 86_400_000,
    stopMs: now,
    aiaSize: size,
    hmiSize: size,
    cadences: { aiaCadenceS: 7200, hmiCadenceS: 3600, sharpCadenceS: 3600 },
  });
  console.log(`3-day fill (AIA 2 h, HMI and SHARP 1 h, both series, ${size}²): ${all.length} files in ${seconds(t).toFixed(1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
