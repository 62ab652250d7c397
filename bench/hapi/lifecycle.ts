/**
 * What a benchmark needs to leave the machine as it found it: loopback ports from a range of our
 * own (never the e2e suite's 18181 nor a dev server's 8080), child processes stopped by their own
 * pid, and temporary folders removed, also when the run is interrupted (Ctrl-C) or fails.
 *
 * Shared by bench/hapi and bench/web.
 *
 * @module
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The benchmarks' port range (loopback only). */
export const BENCH_PORTS = { first: 18300, last: 18399 } as const;

const taken = new Set<number>();

/** A port of the range that nobody listens on now (tried by listening on 127.0.0.1). */
export async function freePort(): Promise<number> {
  for (let port = BENCH_PORTS.first; port <= BENCH_PORTS.last; port++) {
    if (taken.has(port)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (ok) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${BENCH_PORTS.first}-${BENCH_PORTS.last}`);
}

const cleanups: (() => void | Promise<void>)[] = [];

/** Run `fn` at the end of the run (last registered, first run), or when interrupted. */
export function atCleanup(fn: () => void | Promise<void>): void {
  cleanups.push(fn);
}

/** Run every cleanup once; safe to call more than once. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (e) {
      console.error('cleanup failed:', e);
    }
  }
}

let interruptedBy: string | undefined;

/** True once Ctrl-C (or SIGTERM) arrived: errors of work cut short by the cleanup are expected then. */
export function interrupted(): boolean {
  return interruptedBy !== undefined;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interruptedBy = signal;
    console.error(`\n${signal}: stopping the benchmark's processes and removing its files`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** A fresh temporary folder, removed at cleanup. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  atCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Stop a child by its pid: SIGTERM, SIGKILL after `graceMs`; resolves once it exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawn a child that is stopped at cleanup. */
export function spawnChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  atCleanup(() => stopChild(child));
  return child;
}

/** The first line a child prints on stdout (it must be spawned with stdout piped). */
export function firstLine(child: ChildProcess, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no output from pid ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pid ${child.pid} exited with ${code} before printing anything`));
    });
  });
}

/** Poll `url` until it answers 2xx (or the deadline passes). */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pid ${child.pid} exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
