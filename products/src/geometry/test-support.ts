/**
 * Test helpers of the geometry module: one-shot independent checks with Debian's astropy/sunpy
 * (`/usr/bin/python3`, TEAM.md) and header access for the sunpy/JSOC test files.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
 * Reads the cards of every HDU header of an uncompressed-on-disk FITS file into plain maps. A
 * stand-in for the project's FITS reader in geometry tests: numbers, strings ('' quotes), logicals;
 * no CONTINUE; data units are skipped using NAXISn/BITPIX/PCOUNT/GCOUNT.
 */
export function readFitsHeaders(path: string): HeaderLike[] {
  const bytes = readFileSync(path);
  const headers: HeaderLike[] = [];
  let offset = 0;
  while (offset + 2880 <= bytes.length) {
    const values = new Map<string, string | number | boolean>();
    let end = false;
    while (!end) {
      const block = bytes.subarray(offset, offset + 2880).toString('latin1');
      offset += 2880;
      for (let i = 0; i < 36; i++) {
        const card = block.slice(i * 80, i * 80 + 80);
        const key = card.slice(0, 8).trim();
        if (key === 'END') {
          end = true;
          break;
        }
        if (card.slice(8, 10) !== '= ') continue;
        const raw = card.slice(10);
        const str = /^\s*'((?:[^']|'')*)'/.exec(raw);
        if (str) values.set(key, str[1].replace(/''/g, "'").trimEnd());
        else {
          const text = raw.split('/')[0].trim();
          if (text === 'T' || text === 'F') values.set(key, text === 'T');
          else if (text !== '' && Number.isFinite(Number(text))) values.set(key, Number(text));
        }
      }
    }
    headers.push(headerView(values));
    const naxis = Number(values.get('NAXIS') ?? 0);
    let size = naxis > 0 ? 1 : 0;
    for (let k = 1; k <= naxis; k++) size *= Number(values.get(`NAXIS${k}`));
    const bytesPerValue = Math.abs(Number(values.get('BITPIX'))) / 8;
    const dataBytes = (size * bytesPerValue + Number(values.get('PCOUNT') ?? 0)) * Number(values.get('GCOUNT') ?? 1);
    offset += Math.ceil(dataBytes / 2880) * 2880;
  }
  return headers;
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
