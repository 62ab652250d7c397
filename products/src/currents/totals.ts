/**
 * Disk totals of the currents at one SHARP time: the per-HARP summaries of one data type and
 * T_REC combined into one record of the `currents_total_{sci,nrt}` HAPI dataset
 * (`CURRENTS_TOTAL_PARAMETERS` of definitions/currents.ts). The worker calls this once all HARPs
 * of a T_REC are done.
 *
 * @module
 */
import { CURRENTS_TOTAL_PARAMETERS, totalDatasetId } from '../definitions/currents.ts';
import type { DataType, HapiRecord, ProductRecordInput } from '../definitions/types.ts';

/** The part of a currents record the totals need. */
export type HarpSummary = Pick<ProductRecordInput, 'timeMs' | 'dataType' | 'harpnum' | 'summary'>;

/** Records that cannot be combined (mixed times or data types, duplicated HARPs). */
export class CurrentsTotalsError extends Error {
  override name = 'CurrentsTotalsError';
}

type Reducer = (values: number[], count: number) => number;

const finite = (values: number[]) => values.filter((v) => Number.isFinite(v));
const sum: Reducer = (values) => {
  const ok = finite(values);
  return ok.length ? ok.reduce((a, b) => a + b, 0) : Number.NaN;
};
const max: Reducer = (values) => {
  const ok = finite(values);
  return ok.length ? Math.max(...ok) : Number.NaN;
};

/** How each total parameter is made from the HARP keywords of the same name. */
const REDUCERS: Record<string, Reducer> = {
  n_harps: (_v, count) => count,
  TOTUSJZ: sum,
  NETJZ: sum,
  MAXJZ: max,
  AREA: sum,
  USFLUX: sum,
};

/**
 * One disk-total HAPI record from the summaries of every HARP of one data type at one time.
 * Totals skip a HARP whose value is missing (NaN/null, e.g. an empty mask); `n_harps` counts all
 * HARPs given. Throws `CurrentsTotalsError` on an empty list, mixed times or data types, or a
 * HARP given twice.
 */
export function diskTotals(harps: HarpSummary[]): { dataset: string; record: HapiRecord } {
  if (harps.length === 0) throw new CurrentsTotalsError('disk totals need at least one HARP record');
  const { timeMs, dataType } = harps[0];
  if (!dataType) throw new CurrentsTotalsError('HARP records must carry a data type (nrt or sci)');
  const seen = new Set<number>();
  for (const h of harps) {
    if (h.timeMs !== timeMs) throw new CurrentsTotalsError(`HARP ${h.harpnum}: time ${new Date(h.timeMs).toISOString()} differs from ${new Date(timeMs).toISOString()}`);
    if (h.dataType !== dataType) throw new CurrentsTotalsError(`HARP ${h.harpnum}: data type ${h.dataType} differs from ${dataType}`);
    if (h.harpnum === undefined) throw new CurrentsTotalsError('HARP records must carry a HARP number');
    if (seen.has(h.harpnum)) throw new CurrentsTotalsError(`HARP ${h.harpnum} given twice`);
    seen.add(h.harpnum);
  }
  const values = CURRENTS_TOTAL_PARAMETERS.map((p) => {
    const reduce = REDUCERS[p.name];
    if (!reduce) throw new CurrentsTotalsError(`no rule for the total parameter ${p.name}`);
    const column = harps.map((h) => {
      const v = h.summary[p.name];
      return typeof v === 'number' ? v : Number.NaN;
    });
    return reduce(column, harps.length);
  });
  return { dataset: totalDatasetId(dataType as DataType), record: { timeMs, values } };
}
