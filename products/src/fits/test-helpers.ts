/**
 * Test support for the FITS module: independent references (Debian's /usr/bin/python3 with astropy,
 * `fitsverify`), exact summation and array hashing. Only imported by `*.test.ts` and the bench.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's Python with astropy (the `python3` on PATH may lack it). */
export const PYTHON = '/usr/bin/python3';

/** Repository-relative shared data folder (`../shared/data` from the repository root). */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

let astropyAvailable: boolean | undefined;

/** True when /usr/bin/python3 can import astropy and numpy. */
export function hasAstropy(): boolean {
  astropyAvailable ??=
    existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import astropy.io.fits, numpy'], { stdio: 'ignore' }).status === 0;
  return astropyAvailable;
}

/** True when the `fitsverify` tool is installed. */
export function hasFitsverify(): boolean {
  return spawnSync('fitsverify', ['-h'], { stdio: 'ignore' }).error === undefined;
}

/**
 * What Debian's `fitsverify` says of a file, stdout and stderr, whatever its exit status. With the
 * default `-q`, "verification OK" means 0 errors and 0 warnings; without flags the full report
 * ends with "Verification found N warning(s) and M error(s)".
 */
export function fitsverifyReport(path: string, flags: string[] = ['-q']): string {
  const r = spawnSync('fitsverify', [...flags, path], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run fitsverify (apt-get install fitsverify): ${r.error.message}`);
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

/** Message used when an astropy cross-check is skipped. */
export const NO_ASTROPY = 'astropy cross-check skipped: /usr/bin/python3 with astropy is not installed (apt install python3-astropy)';

/**
 * Run a Python script (warnings silenced unless the script checks them) with JSON-encoded `args`
 * available as `ARGS`; the script prints one JSON document, which is returned.
 */
export function runPython<T = unknown>(script: string, args: unknown = null): T {
  const prelude = 'import json, sys\nARGS = json.loads(sys.argv[1])\n';
  const r = spawnSync(PYTHON, ['-c', prelude + script, JSON.stringify(args)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** SHA-256 of the values as little-endian float64 (NaN canonical): the same as numpy's
 * `np.ascontiguousarray(a, '<f8').tobytes()` after `a[np.isnan(a)] = np.nan`. */
export function float64Digest(values: ArrayLike<number>): string {
  const f = Float64Array.from(values as ArrayLike<number>, (v) => (Number.isNaN(v) ? NaN : v));
  return createHash('sha256').update(new Uint8Array(f.buffer)).digest('hex');
}

/** Python snippet defining `digest(a)` that matches `float64Digest`. */
export const PY_DIGEST = `
import hashlib, numpy as np
def digest(a):
    f = np.array(a, dtype='<f8').ravel()
    f[np.isnan(f)] = np.nan
    return hashlib.sha256(f.tobytes()).hexdigest()
`;

/** Exactly rounded sum of finite values (Shewchuk's algorithm, as Python's math.fsum). */
export function exactSum(values: ArrayLike<number>): number {
  const partials: number[] = [];
  for (let k = 0; k < values.length; k++) {
    let x = values[k];
    if (!Number.isFinite(x)) continue;
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  // Sum the partials from the top, correcting the final rounding like math.fsum.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
