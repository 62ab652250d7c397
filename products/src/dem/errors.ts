/**
 * The DEM pipeline's one error type: what went wrong (`reason`) and where (`source`), so the worker
 * can log and quarantine a bad input without a stack trace.
 *
 * @module
 */

export type DemErrorReason =
  | 'bad-response-table'
  | 'bad-error-table'
  | 'bad-grid'
  | 'bad-option'
  | 'missing-channel'
  | 'bad-input'
  | 'geometry-mismatch'
  | 'worker-failed';

export class DemError extends Error {
  override name = 'DemError';
  constructor(
    readonly reason: DemErrorReason,
    message: string,
    readonly source?: string,
  ) {
    super(source ? `${message} (${source})` : message);
  }
}
