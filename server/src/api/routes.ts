import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';

/** Placeholder until the api sub-app lands. */
export function apiRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
