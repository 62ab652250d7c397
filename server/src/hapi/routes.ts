import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';

/** Placeholder until the hapi sub-app lands. */
export function hapiRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
