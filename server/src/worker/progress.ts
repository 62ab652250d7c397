/**
 * A progress bar with an ETA for long runs (backfill): redrawn in place on a terminal, one line
 * per tenth of the work otherwise (CI logs, files).
 *
 * @module
 */
export interface ProgressWriter {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The bar text for `done` of `total` after `elapsedMs` (ETA from the mean time per item so far). */
export function progressLine(done: number, total: number, elapsedMs: number, label = '', width = 30): string {
  const fraction = total > 0 ? done / total : 1;
  const filled = Math.round(fraction * width);
  const eta = done > 0 ? formatEta(((elapsedMs / done) * (total - done)) / 1000) : '?';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}% ETA ${done >= total ? '0s' : eta}${label ? `  ${label}` : ''}`;
}

export function createProgress(out: ProgressWriter, clock: () => number = () => performance.now()) {
  const started = clock();
  let lastTenth = -1;
  return (done: number, total: number, label = '') => {
    const line = progressLine(done, total, clock() - started, label);
    if (out.isTTY) {
      out.write(`\r\x1b[2K${line.slice(0, 160)}${done >= total ? '\n' : ''}`);
      return;
    }
    const tenth = total ? Math.floor((done / total) * 10) : 10;
    if (tenth !== lastTenth || done >= total) {
      lastTenth = tenth;
      out.write(`${line}\n`);
    }
  };
}
