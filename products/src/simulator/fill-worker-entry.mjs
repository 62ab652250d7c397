// Entry point of the parallel-fill worker threads. Node 20 does not apply `--import tsx` to a
// worker whose main file is .ts, so this plain module registers the tsx loader first (as the DEM
// workers do) and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fill-worker.ts');
