/**
 * What the two synchronous synoptic map products share: planes (value, weight, data age), map
 * types, file naming, and the three HAPI datasets per channel (indices, file listing, 1-degree map).
 *
 * @module
 */
import { fileListingParameters, fileListingValues, fileTime, lowresParameter, num } from './common.ts';
import type {
  HapiDatasetDefinition,
  HapiParameter,
  HapiRecord,
  ProductChannel,
  ProductId,
  ProductParameter,
  ProductRecordInput,
} from './types.ts';

export const SYNOPTIC_CADENCE = 'PT6H';

/** Weight and data-age planes present in every synoptic map file. */
export function synopticExtraPlanes(): ProductParameter[] {
  return [
    {
      id: 'weight',
      label: 'Weight',
      description: 'Sum of the merge weights of the contributing images (0 where no image sees the point).',
      units: '1',
      display: { colourTable: 'grey', scale: 'linear' },
      spase: { kind: 'Support', supportQuantity: 'DataQuality' },
      extname: 'WEIGHT',
    },
    {
      id: 'data_age',
      label: 'Data age',
      description: 'Weighted mean of |t_ref - t_obs| of the contributing images, in hours.',
      units: 'h',
      display: { colourTable: 'data-age', scale: 'linear', range: [0, 336] },
      spase: { kind: 'Support', supportQuantity: 'Temporal' },
      extname: 'DATA_AGE',
    },
  ];
}

/** Short dataset prefix of a channel: photo_br, photo_ic, euv171 ... */
export type ChannelPrefix = (channelId: string) => string;

/** An index parameter of a synoptic indices dataset, read from the record summary under the same name. */
export interface SynopticIndex {
  name: string;
  units: string;
  description: string;
  spase: HapiParameter['x_spase'];
}

export function synopticFileStem(productTag: string, channelTag: (id: string) => string) {
  return (r: Pick<ProductRecordInput, 'parameter' | 'timeMs' | 'mapType' | 'version'>): string =>
    `${productTag}_${channelTag(r.parameter)}_${fileTime(r.timeMs)}_${r.mapType ?? 'nowcast'}_v${r.version}`;
}

/** The per-channel HAPI datasets of a synoptic product. */
export function synopticDatasets(opts: {
  product: ProductId;
  title: string;
  channels: ProductChannel[];
  prefix: ChannelPrefix;
  indices: (channel: ProductChannel) => SynopticIndex[];
  nominalStartDate: string;
}): HapiDatasetDefinition[] {
  const out: HapiDatasetDefinition[] = [];
  for (const ch of opts.channels) {
    const p = opts.prefix(ch.id);
    const main = ch.planes[0];
    out.push({
      id: `${p}_indices`,
      title: `${ch.label} synoptic indices`,
      description: `Summary indices of the ${opts.title.toLowerCase()} (${ch.label}), one record per reference time (best available map type).`,
      product: opts.product,
      cadence: SYNOPTIC_CADENCE,
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'indices',
      nominalStartDate: opts.nominalStartDate,
      parameters: [
        fileListingParameters('map_type')[0],
        ...opts.indices(ch).map<HapiParameter>((ix) => ({
          name: ix.name,
          type: 'double',
          units: ix.units,
          fill: 'NaN',
          description: ix.description,
          x_spase: ix.spase,
        })),
      ],
    });
    out.push({
      id: `${p}_files`,
      title: `${ch.label} synoptic map files`,
      description: `File listing of the ${opts.title.toLowerCase()} (${ch.label}): FITS and PNG of each map.`,
      product: opts.product,
      cadence: SYNOPTIC_CADENCE,
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'file-listing',
      nominalStartDate: opts.nominalStartDate,
      parameters: fileListingParameters('map_type'),
    });
    out.push({
      id: `${p}_lowres`,
      title: `${ch.label} synoptic map, 1 degree`,
      description: `The ${opts.title.toLowerCase()} (${ch.label}) averaged to 1 x 1 degree Carrington bins, as a 360 x 180 array per reference time.`,
      product: opts.product,
      cadence: SYNOPTIC_CADENCE,
      maxRequestDuration: 'P92D',
      timeStampLocation: 'center',
      kind: 'low-resolution-map',
      nominalStartDate: opts.nominalStartDate,
      parameters: [
        fileListingParameters('map_type')[0],
        lowresParameter(main.id, main.units, `${main.label} averaged over 1 degree bins (${main.description})`, main.spase as HapiParameter['x_spase']),
      ],
    });
  }
  return out;
}

/**
 * HAPI records of one synoptic map record. `arrays.lowres` (360 x 180, latitude fastest) feeds the
 * low-resolution dataset when the pipeline provides it.
 */
export function synopticHapiRecords(
  record: ProductRecordInput,
  ctx: { fileUrl: (p: string) => string; arrays?: Record<string, Float64Array> },
  prefix: ChannelPrefix,
  indices: SynopticIndex[],
): { dataset: string; record: HapiRecord }[] {
  const p = prefix(record.parameter);
  const mapType = record.mapType ?? 'nowcast';
  const out: { dataset: string; record: HapiRecord }[] = [
    { dataset: `${p}_indices`, record: { timeMs: record.timeMs, values: [mapType, ...indices.map((ix) => num(record.summary[ix.name]))] } },
    { dataset: `${p}_files`, record: { timeMs: record.timeMs, values: fileListingValues(record, ctx.fileUrl) } },
  ];
  const lowres = ctx.arrays?.lowres;
  if (lowres) out.push({ dataset: `${p}_lowres`, record: { timeMs: record.timeMs, values: [mapType, lowres] } });
  return out;
}
