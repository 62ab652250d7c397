import type { AppDeps } from '../app.ts';

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** Placeholder until the production worker lands. */
export function startWorker(_deps: AppDeps): WorkerHandle {
  return { stop: async () => {} };
}
