import { Hono } from 'hono';
import type { AppDeps } from '../../server/src/app.ts';

/** Placeholder until the SPASE sub-app lands. */
export function spaseRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
