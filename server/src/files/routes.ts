import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';

/** Placeholder until the files sub-app lands. */
export function dataRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
