/**
 * Which version of a synoptic map a reference time is (DESIGN.md §2, SCIENCE.md §2.1; the exact
 * boundaries are not established and are parameters here).
 *
 * @module
 */
import type { MapType } from '../definitions/types.ts';

export interface MapTypeQuestion {
  /** Reference time of the map, UTC ms. */
  referenceTimeMs: number;
  /** Production time, UTC ms. */
  nowMs: number;
  /** True when the inputs are definitive (science series), false for near-real-time inputs. */
  definitive: boolean;
  /**
   * A reference time up to this far in the past still counts as "now" (default 6 h, one synoptic
   * cadence: the nowcast of a slot is made during that slot).
   */
  nowcastWindowMs?: number;
  /** A reference time up to this far ahead still counts as "now" (default 15 min: early schedulers). */
  futureSlackMs?: number;
}

/**
 * forecast: t_ref later than now (+ slack) — pure rotation of existing data, whatever the input;
 * archived: definitive input; nowcast: near-real-time input and t_ref within the nowcast window
 * before now; temporary: near-real-time input for an older t_ref (superseded later by archived).
 */
export function decideMapType(q: MapTypeQuestion): MapType {
  const window = q.nowcastWindowMs ?? 6 * 3_600_000;
  const slack = q.futureSlackMs ?? 15 * 60_000;
  if (!Number.isFinite(q.referenceTimeMs) || !Number.isFinite(q.nowMs)) throw new RangeError('referenceTimeMs and nowMs must be finite');
  if (q.referenceTimeMs > q.nowMs + slack) return 'forecast';
  if (q.definitive) return 'archived';
  return q.referenceTimeMs >= q.nowMs - window ? 'nowcast' : 'temporary';
}
