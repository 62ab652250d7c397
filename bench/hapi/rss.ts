/**
 * Resident memory of another process, read from /proc/<pid>/status (Linux) every few
 * milliseconds, so the server's RSS is measured from outside without adding work to it.
 *
 * @module
 */
import fs from 'node:fs';

/** VmRSS of a process in MiB, or NaN when it cannot be read (not Linux, process gone). */
export function rssMiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface RssTrace {
  first: number;
  max: number;
  last: number;
  samples: number;
}

/** Sample the RSS of `pid` every `everyMs` while `work` runs. */
export async function traceRss<T>(pid: number, work: () => Promise<T>, everyMs = 20): Promise<{ result: T; rss: RssTrace }> {
  const samples: number[] = [rssMiB(pid)];
  const timer = setInterval(() => samples.push(rssMiB(pid)), everyMs);
  try {
    const result = await work();
    samples.push(rssMiB(pid));
    return { result, rss: { first: samples[0], max: Math.max(...samples), last: samples[samples.length - 1], samples: samples.length } };
  } finally {
    clearInterval(timer);
  }
}
