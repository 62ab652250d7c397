/**
 * Shared set-up of the simulator tests: a Sun with one region of known parameters, temporary
 * folders, reading written files back, and fitsverify.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { taiToUtcMs } from '../geometry/time.ts';
import { createSyntheticSun, type SyntheticSun } from './sun.ts';
import type { ActiveRegionSpec } from './regions.ts';

export const DAY_MS = 86_400_000;
/** Reference instant of the tests: a T_REC slot of the 720 s series (2026.03.10_12:00:00_TAI, as UTC ms). */
export const T0 = taiToUtcMs(Date.UTC(2026, 2, 10, 12, 0, 0));

/**
 * A Sun with a single region (no random regions, no low-latitude holes) whose centre is at the
 * central meridian at `atMs`, fully developed then (born `ageDays` before).
 */
export function singleRegionSun(overrides: Partial<ActiveRegionSpec> = {}, atMs = T0, ageDays = 2): SyntheticSun {
  const region: ActiveRegionSpec = {
    emergeMs: atMs - ageDays * DAY_MS,
    lonDeg: sunFromEarth(atMs).l0Deg,
    latDeg: 12,
    peakFieldG: 2000,
    ropeRadiusMm: 10,
    separationDeg: 6,
    twist: -0.4,
    riseDays: 1.5,
    decayDays: 8,
    harpnum: 4321,
    harpnumNrt: 54321,
    noaa: 14321,
    ...overrides,
  };
  // The region is born at lonDeg and drifts: shift its birth longitude so it is at CM at atMs.
  const sun0 = createSyntheticSun({ seed: 7, regions: [region], randomRegions: false, coronalHoles: [] });
  const drift = sun0.truthAt(atMs).regions[0].lonDeg - region.lonDeg;
  return createSyntheticSun({ seed: 7, regions: [{ ...region, lonDeg: region.lonDeg - drift }], randomRegions: false, coronalHoles: [] });
}

/** A fresh temporary folder and its remover. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** fitsverify -q output for a file (the Debian tool; "verification OK" means 0 errors, 0 warnings). */
export { fitsverifyReport as fitsverify } from '../fits/test-helpers.ts';
