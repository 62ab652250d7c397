/**
 * The data records: per product a NumericalData record (FITS maps) and a DisplayData record (PNG
 * quicklooks); per HAPI dataset a NumericalData record with the HAPI AccessURL next to the file
 * access. Element order follows the 2.7.1 XSD (SPASE.md section 3.2).
 *
 * @module
 */
import type { HapiDatasetDefinition, ProductDefinition } from '../../products/src/definitions/types.ts';
import { accessInformation, resourceHeader, rootItems, spatialCoverage, timeSpan, type AccessUrl, type InformationUrl, type RecordContext, type TimeSpanEnd } from './common.ts';
import { datasetResourceId, productDisplayDataId, productNumericalDataId } from './ids.ts';
import { SDO_OBSERVATORY_ID } from './known-ids.ts';
import { datasetParameters, hapiQuantity, mapParameters } from './parameters.ts';
import type { Extent, HarpInfo } from './source.ts';
import { measurementTypesOf, parseInstant } from './vocabulary.ts';
import type { XmlObject } from './xml.ts';

/** A record ready to serialise: root items and the resource element. */
export interface RecordBody {
  root: XmlObject;
  resource: XmlObject;
}

/**
 * A HARP has ended when SHARP data of the same series went on for this long after its last map:
 * a HARP is tracked over one disk passage only and never reappears (a returning region gets a
 * new number), and this test needs the catalogue only, not the wall clock.
 */
export const HARP_END_GAP_MS = 2 * 86_400_000;

const ROLES = ['DataProducer', 'MetadataContact'];

/** A title inside a sentence: "Maps of ..." becomes "maps of ...", "UV/EUV ..." stays. */
function inSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title[0].toLowerCase() + title.slice(1) : title;
}

function productLinks(ctx: RecordContext, product: ProductDefinition): InformationUrl[] {
  const refs = product.help.references.filter((r) => r.url).map((r) => ({ name: r.text, url: r.url! }));
  return [
    { name: 'Product help', url: `${ctx.baseUrl}/portal/${product.id}/help`, description: 'Method, quality flags, file naming and references.' },
    { name: 'Product metadata (JSON)', url: `${ctx.baseUrl}/api/products/${product.id}`, description: 'Parameters, channels, extent and HAPI datasets of the product.' },
    ...refs,
  ];
}

const observedBySdo = { id: SDO_OBSERVATORY_ID, type: 'ObservedBy', note: 'Input observations from the Solar Dynamics Observatory.' };

function apiRecordsUrl(ctx: RecordContext, product: ProductDefinition, query = ''): AccessUrl {
  return {
    name: 'Product API: map records',
    url: `${ctx.baseUrl}/api/products/${product.id}/records${query}`,
    style: 'WebService',
    description: 'JSON list of the maps (time, parameter, version, summary) with links to their FITS files and PNG quicklooks; filters start, stop, parameter, map_type or data_type, harpnum.',
  };
}

function queryPage(ctx: RecordContext, product: ProductDefinition): AccessUrl {
  return { name: 'Archive query page', url: `${ctx.baseUrl}/portal/${product.id}/query`, style: 'Search', description: 'Search the archive by date, preview and download the maps.' };
}

/** The product's TimeSpan: first map in the catalogue (else the nominal start), ongoing. */
function productTimeSpan(ctx: RecordContext, product: ProductDefinition): XmlObject {
  const extent = ctx.source.recordExtent(product.id);
  const forecast = product.versionKind === 'mapType' ? 'Forecast maps have reference times after their production time.' : undefined;
  return timeSpan(extent?.firstMs ?? parseInstant(product.nominalStartDate), { ongoing: true, lagSeconds: product.expectedLatencySeconds }, [
    extent ? undefined : 'No map in the archive yet: nominal start date of the product.',
    forecast,
  ]);
}

function commonProductFields(ctx: RecordContext, product: ProductDefinition): Pick<XmlObject, 'ProcessingLevel' | 'ProviderName' | 'ProviderResourceName' | 'ProviderProcessingLevel' | 'InstrumentID' | 'MeasurementType'> {
  return {
    ProcessingLevel: 'ValueAdded',
    ProviderName: ctx.config.portal.centreName,
    ProviderResourceName: product.id,
    ProviderProcessingLevel: product.spase.providerProcessingLevel,
    InstrumentID: product.spase.instrumentIds,
    MeasurementType: product.spase.measurementTypes,
  };
}

/** NumericalData record of a product's FITS maps. */
export function productNumericalData(ctx: RecordContext, product: ProductDefinition): RecordBody {
  const hints = product.spase;
  return {
    root: rootItems('Ongoing'),
    resource: {
      ResourceID: productNumericalDataId(ctx.authority, product),
      NamingAuthority: ctx.authority,
      ResourceType: 'NumericalData',
      ResourceHeader: resourceHeader(ctx, {
        name: product.title,
        alternateNames: [product.id, product.portalCode && `ESA SWE portal product ${product.portalCode}`].filter((s): s is string => Boolean(s)),
        description: `${product.description} ${ctx.config.portal.networkStatement}`,
        roles: ROLES,
        informationUrls: productLinks(ctx, product),
        associations: [observedBySdo],
      }),
      AccessInformation: [accessInformation(ctx, [apiRecordsUrl(ctx, product), queryPage(ctx, product)], ['FITS'])],
      ...commonProductFields(ctx, product),
      TemporalDescription: { TimeSpan: productTimeSpan(ctx, product), Cadence: product.cadence },
      SpectralRange: hints.spectralRanges,
      ObservedRegion: hints.observedRegions,
      SpatialCoverage: spatialCoverage(hints),
      Caveats: product.help.qualityFlags.join(' '),
      Keyword: hints.keywords,
      InputResourceID: hints.inputResourceIds,
      Parameter: mapParameters(product),
    },
  };
}

/** DisplayData record of a product's PNG quicklooks. */
export function productDisplayData(ctx: RecordContext, product: ProductDefinition): RecordBody {
  const hints = product.spase;
  const numericalId = productNumericalDataId(ctx.authority, product);
  return {
    root: rootItems('Ongoing'),
    resource: {
      ResourceID: productDisplayDataId(ctx.authority, product),
      NamingAuthority: ctx.authority,
      ResourceType: 'DisplayData',
      ResourceHeader: resourceHeader(ctx, {
        name: `${product.title}: PNG quicklooks`,
        alternateNames: [`${product.id} quicklooks`],
        description:
          `PNG quicklooks of the ${inSentence(product.title)}: each map rendered with its colour table and a colour bar, plus a thumbnail. ` +
          `The values are in the FITS maps described by ${numericalId}. ${ctx.config.portal.networkStatement}`,
        roles: ROLES,
        informationUrls: productLinks(ctx, product),
        associations: [observedBySdo],
      }),
      AccessInformation: [
        accessInformation(
          ctx,
          [{ name: 'Latest map', url: `${ctx.baseUrl}/portal/${product.id}/latest`, style: 'Overview', description: 'The most recent quicklook of each parameter, with its age.' }, queryPage(ctx, product), apiRecordsUrl(ctx, product)],
          ['PNG'],
        ),
      ],
      ...commonProductFields(ctx, product),
      TemporalDescription: { TimeSpan: productTimeSpan(ctx, product) },
      SpectralRange: hints.spectralRanges,
      DisplayCadence: product.cadence,
      ObservedRegion: hints.observedRegions,
      SpatialCoverage: spatialCoverage(hints),
      Keyword: [...hints.keywords, 'quicklook'],
      InputResourceID: [numericalId],
    },
  };
}

const KIND_TEXT: Record<HapiDatasetDefinition['kind'], { text: string; keyword: string }> = {
  indices: { text: 'One record per map; the indices are computed from the full-resolution maps.', keyword: 'time series' },
  'file-listing': { text: 'One record per map, with the URLs of its FITS file and PNG quicklook.', keyword: 'file listing' },
  'low-resolution-map': { text: 'One record per map: the map averaged over the bins given in the Structure of its map parameter.', keyword: 'low-resolution map' },
};

/**
 * MeasurementTypes of a dataset: the product's, narrowed to those its physical parameters stand
 * for (a Br index dataset is a Magnetogram product, not ImageIntensity); all of the product's
 * when the dataset has only support parameters (file listings).
 */
export function datasetMeasurementTypes(product: ProductDefinition, dataset: HapiDatasetDefinition): string[] {
  const supported = new Set(dataset.parameters.flatMap((p) => measurementTypesOf(hapiQuantity(p))));
  const narrowed = product.spase.measurementTypes.filter((t) => supported.has(t));
  return narrowed.length ? narrowed : product.spase.measurementTypes;
}

/** Extent and end of a dataset: HAPI rows, else the HARP's span; a finished HARP is Completed. */
function datasetSpan(ctx: RecordContext, product: ProductDefinition, dataset: HapiDatasetDefinition, harp: HarpInfo | undefined): { extent?: Extent; end: TimeSpanEnd } {
  const extent = ctx.source.hapiExtent(dataset.id) ?? (harp ? { firstMs: harp.firstMs, lastMs: harp.lastMs } : undefined);
  if (harp && extent) {
    const seriesLast = ctx.harpSeriesLastMs.get(harp.dataType) ?? harp.lastMs;
    if (seriesLast - harp.lastMs > HARP_END_GAP_MS) return { extent, end: { ongoing: false, stopMs: extent.lastMs } };
  }
  return { extent, end: { ongoing: true, lagSeconds: product.expectedLatencySeconds } };
}

/** NumericalData record of one HAPI dataset (HARP datasets get `harp`). */
export function datasetNumericalData(ctx: RecordContext, product: ProductDefinition, dataset: HapiDatasetDefinition, harp?: HarpInfo): RecordBody {
  const hints = product.spase;
  const productId = productNumericalDataId(ctx.authority, product);
  const { extent, end } = datasetSpan(ctx, product, dataset, harp);
  const kind = KIND_TEXT[dataset.kind];
  const hapiUrl = `${ctx.baseUrl}/hapi`;
  const caveats = [dataset.note, dataset.maxRequestDuration && `HAPI requests for all parameters over more than ${dataset.maxRequestDuration} are refused (HAPI error 1408): split them.`];
  const harpQuery = harp ? `?harpnum=${harp.harpnum}&data_type=${harp.dataType}` : '';
  return {
    root: rootItems(end.ongoing ? 'Ongoing' : 'Completed'),
    resource: {
      ResourceID: datasetResourceId(ctx.authority, product, dataset),
      NamingAuthority: ctx.authority,
      ResourceType: 'NumericalData',
      ResourceHeader: resourceHeader(ctx, {
        name: `${product.title}: ${dataset.title}`,
        alternateNames: [dataset.id],
        description:
          `${dataset.description} Derived from the ${inSentence(product.title)} (${productId}). ${kind.text} ` +
          `Served by the HAPI 3.3 server at ${hapiUrl} as dataset ${dataset.id} in CSV, JSON and binary.`,
        roles: ROLES,
        informationUrls: [
          { name: 'HAPI info', url: `${hapiUrl}/info?dataset=${encodeURIComponent(dataset.id)}`, description: 'HAPI metadata of the dataset (parameters, units, fill values, extent).' },
          ...productLinks(ctx, product).slice(0, 1),
        ],
        associations: [observedBySdo],
      }),
      AccessInformation: [
        accessInformation(ctx, [{ name: 'HAPI server', url: hapiUrl, style: 'HAPI', productKeys: [dataset.id], description: 'HAPI 3.3 access; the ProductKey is the HAPI dataset id.' }], ['CSV', 'JSON', 'Binary']),
        accessInformation(ctx, [apiRecordsUrl(ctx, product, harpQuery)], ['FITS', 'PNG']),
      ],
      ProcessingLevel: 'ValueAdded',
      ProviderName: ctx.config.portal.centreName,
      ProviderResourceName: dataset.id,
      ProviderProcessingLevel: hints.providerProcessingLevel,
      InstrumentID: hints.instrumentIds,
      MeasurementType: datasetMeasurementTypes(product, dataset),
      TemporalDescription: {
        TimeSpan: timeSpan(extent?.firstMs ?? parseInstant(dataset.nominalStartDate), end, [extent ? undefined : 'No record yet: nominal start date of the dataset.']),
        Cadence: dataset.cadence,
      },
      SpectralRange: hints.spectralRanges,
      ObservedRegion: hints.observedRegions,
      Caveats: caveats.filter(Boolean).join(' '),
      Keyword: [...hints.keywords, 'HAPI', kind.keyword],
      InputResourceID: [productId],
      Parameter: datasetParameters(dataset),
    },
  };
}
