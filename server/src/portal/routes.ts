import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';

/** Placeholder until the portal sub-app lands. */
export function portalRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
