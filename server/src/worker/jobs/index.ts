/**
 * The planners of the products the worker makes. A product joins production by adding its
 * planner here.
 *
 * @module
 */
import { currentsPlanner } from './currents.ts';
import { demPlanner } from './dem.ts';
import { synopticEuvPlanner, synopticPhotospherePlanner } from './synoptic.ts';
import type { ProductPlanner } from './types.ts';

export const PLANNERS: readonly ProductPlanner[] = [currentsPlanner, demPlanner, synopticPhotospherePlanner, synopticEuvPlanner];
