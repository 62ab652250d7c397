/**
 * What the production loop asks of an input source that writes files itself (the built-in
 * simulator): fill a past interval, and write what has become available by "now".
 *
 * @module
 */
export interface InputFeed {
  /** Write the files of [startMs, stopMs) (at a coarse cadence suited to a quick start). */
  fill(startMs: number, stopMs: number, signal?: AbortSignal): Promise<void>;
  /** Write the files whose observation time plus latency is <= nowMs and that are not yet written. */
  step(nowMs: number): Promise<void>;
}
