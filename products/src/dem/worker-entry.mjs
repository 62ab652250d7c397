// Entry point of the DEM worker threads. Node 20 does not apply `--import tsx` (execArgv) to a
// worker whose main file is .ts ("Unknown file extension"), so this plain module registers the
// tsx loader in the worker and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
