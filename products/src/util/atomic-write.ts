/**
 * Writing a file so that its name only ever holds the complete content: a hidden temporary file
 * in the same folder (same file system, so the rename is atomic), optionally fsynced, then
 * renamed over the final name. A reader, a crash or a concurrent scan never sees half a file
 * under the final name; what a crash can leave is a hidden `.NAME.PID.N.tmp` file.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';

let counter = 0;

/** True for the temporary name `writeFileAtomic` uses (to skip or sweep such files). */
export function isAtomicTemporaryName(name: string): boolean {
  return /^\..+\.\d+\.\d+\.tmp$/.test(name);
}

/**
 * Write `bytes` to `file` atomically, creating the folder. `fsync` (default true) flushes the
 * content before the rename, so that after a power loss the name holds either nothing or all.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array, opts: { fsync?: boolean } = {}): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, bytes);
      if (opts.fsync ?? true) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** fsync a folder, so that renames into it survive a power loss. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
