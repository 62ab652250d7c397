/**
 * Where a catalogued product file really is: its path under the products directory with
 * symlinks resolved, provided it stays inside that directory. The one check every reader of
 * product files (the `/data` route, the plane values of `/api`) goes through.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';

const roots = new Map<string, Promise<string>>();

/**
 * The real path of `relative` (a catalogue path) under `productsDir`, or undefined when it does
 * not exist or leads outside the directory (`..`, absolute paths, symlinks pointing elsewhere).
 */
export async function resolveProductFile(productsDir: string, relative: string): Promise<string | undefined> {
  let rootPromise = roots.get(productsDir);
  if (!rootPromise) {
    rootPromise = fs.promises.realpath(productsDir);
    roots.set(productsDir, rootPromise);
    rootPromise.catch(() => roots.delete(productsDir)); // the directory may appear later
  }
  try {
    const root = await rootPromise;
    const real = await fs.promises.realpath(path.join(root, relative));
    return real.startsWith(root + path.sep) ? real : undefined;
  } catch {
    return undefined;
  }
}
