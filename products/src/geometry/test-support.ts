/**
 * Test helpers of the geometry module: one-shot independent checks with Debian's astropy/sunpy
 * (`/usr/bin/python3`, TEAM.md) and header access for the sunpy/JSOC test files.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FitsHeader, firstImage, readFits } from '../fits/index.ts';

/** Debian's interpreter with astropy 5.2 and sunpy 4.1 (the `python3` on PATH lacks them). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Repository root (two folders above products/src/geometry). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of a file under the shared data folder (`../shared/data/...` from the repo). */
export function sharedDataPath(relative: string): string {
  return fileURLToPath(new URL(`../shared/data/${relative}`, `file://${REPO_ROOT}`));
}

/**
 * Runs a Python script with `/usr/bin/python3`, passing `input` as JSON on stdin, and returns the
 * JSON value the script prints on its last stdout line, plus its stderr (so a test can assert that
 * astropy printed no warning). Throws with the stderr text if the script fails.
 */
export function runPython<T>(script: string, input: unknown = null): { result: T; stderr: string } {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run ${SYSTEM_PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`python check failed (${run.status}): ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return { result: JSON.parse(lines[lines.length - 1]) as T, stderr: run.stderr };
}

/** Minimal header view (the subset of FitsHeader that the geometry code reads). */
export interface HeaderLike {
  number(key: string): number | undefined;
  string(key: string): string | undefined;
}

/**
 * Header of the first image of a FITS file, read with the project's FITS reader (for a
 * tile-compressed SHARP segment: the decompressed image header, NAXISn = image size).
 */
export function readImageHeader(path: string): FitsHeader {
  return firstImage(readFits(readFileSync(path), { source: path })).header;
}

/** A HeaderLike over a plain record (tests building synthetic headers). */
export function headerView(values: Map<string, string | number | boolean> | Record<string, string | number | boolean>): HeaderLike {
  const map = values instanceof Map ? values : new Map(Object.entries(values));
  return {
    number: (key) => {
      const v = map.get(key);
      return typeof v === 'number' ? v : undefined;
    },
    string: (key) => {
      const v = map.get(key);
      return typeof v === 'string' ? v : undefined;
    },
  };
}
