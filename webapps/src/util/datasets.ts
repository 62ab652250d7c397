/**
 * Which HAPI dataset holds the time series of what a page shows: the indices dataset of a
 * synoptic channel, the DEM indices, or the currents of one HARP (or the disk totals).
 *
 * @module
 */
import { harpDatasetId, totalDatasetId } from '../../../products/src/definitions/currents.ts';
import type { DataType, HapiDatasetDefinition, HapiParameter, ProductDefinition } from '../../../products/src/definitions/types.ts';

export interface SeriesSelection {
  /** Channel id (synoptic maps); the first channel when absent. */
  parameter?: string;
  dataType?: DataType;
  harpnum?: number;
}

/**
 * The indices dataset for a selection. Synoptic products declare one indices dataset per channel,
 * titled after the channel label; currents have one dataset per HARP and one of disk totals per
 * data type.
 */
export function indicesDataset(product: ProductDefinition, sel: SeriesSelection): HapiDatasetDefinition | undefined {
  if (product.id === 'currents') {
    const dataType = sel.dataType ?? 'nrt';
    if (sel.harpnum !== undefined) {
      const id = harpDatasetId(dataType, sel.harpnum);
      return product.hapiDatasets({ harps: [{ dataType, harpnum: sel.harpnum, noaaArs: [] }] }).find((d) => d.id === id);
    }
    return product.hapiDatasets({ harps: [] }).find((d) => d.id === totalDatasetId(dataType));
  }
  const indices = product.hapiDatasets({ harps: [] }).filter((d) => d.kind === 'indices');
  if (product.channels.length === 1) return indices[0];
  const channel = product.channels.find((c) => c.id === sel.parameter) ?? product.channels[0];
  return indices.find((d) => d.title.startsWith(`${channel.label} `));
}

/**
 * Parameters of a dataset that can be plotted as lines: numeric scalars that measure something
 * (the file `version` of a listing is bookkeeping, not a quantity worth a plot).
 */
export function plottableParameters(dataset: HapiDatasetDefinition): HapiParameter[] {
  return dataset.parameters.filter((p) => (p.type === 'double' || p.type === 'integer') && !p.size && p.name !== 'version');
}
