/**
 * The server's handle on the production worker: a child process (server/src/worker/main.ts) with
 * the same environment and flags, restarted with a growing delay if it dies, stopped with
 * SIGTERM (it finishes the map in hand) on shutdown.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../app.ts';

export interface WorkerHandle {
  stop(): Promise<void>;
}

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
/** Set for a worker started by the server: its stdin is the server's lifeline. */
export const PARENT_PIPE_ENV = 'SDO_WORKER_PARENT_PIPE';
const STOP_GRACE_MS = 8_000;

export function startWorker(deps: AppDeps): WorkerHandle {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restartDelayMs = 1_000;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const started = Date.now();
    // stdin is a pipe the server never writes to: when the server dies, even by SIGKILL, the pipe
    // closes and the worker stops instead of running on as an orphan.
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...process.argv.slice(2)], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, [PARENT_PIPE_ENV]: '1' },
    });
    child.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      // A worker that ran a while before dying starts again quickly; one that dies at once backs off.
      restartDelayMs = Date.now() - started > 60_000 ? 1_000 : Math.min(restartDelayMs * 2, 60_000);
      deps.logger.error({ code, signal, restartInMs: restartDelayMs }, 'the production worker exited; restarting');
      restartTimer = setTimeout(launch, restartDelayMs);
    });
  };
  launch();

  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        clearTimeout(restartTimer);
        const c = child;
        if (!c || c.exitCode !== null) return resolve();
        const force = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
        c.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        c.kill('SIGTERM');
      }),
  };
}
