/**
 * What the SPASE generator reads: the configuration it needs, the product definitions (passed in,
 * so tests can hand it a modified copy), the HARPs and the time extents the catalogue knows.
 *
 * @module
 */
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import type { DataType, HapiDatasetDefinition, ProductDefinition, ProductId } from '../../products/src/definitions/types.ts';
import type { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import type { Config } from '../../server/src/config.ts';

/** First and last data times in ms since the epoch. */
export interface Extent {
  firstMs: number;
  lastMs: number;
}

export interface HarpInfo {
  dataType: DataType;
  harpnum: number;
  noaaArs: number[];
  firstMs: number;
  lastMs: number;
}

export type SpaseConfig = Pick<Config, 'spaseAuthority' | 'baseUrl' | 'portal' | 'spasePersons' | 'dataLicence'>;

export interface SpaseSource {
  config: SpaseConfig;
  products: readonly ProductDefinition[];
  harps: readonly HarpInfo[];
  /** Time range of the current records of a product (the real first map), if any. */
  recordExtent(product: ProductId): Extent | undefined;
  /** Time range of a HAPI dataset's records, if any. */
  hapiExtent(dataset: string): Extent | undefined;
}

/** The source of the running service: the given definitions (default PRODUCTS) and the catalogue. */
export function sourceFromCatalogue(config: SpaseConfig, catalogue: Catalogue, products: readonly ProductDefinition[] = PRODUCTS): SpaseSource {
  return {
    config,
    products,
    harps: catalogue.harps(),
    recordExtent: (product) => catalogue.recordExtent(product),
    hapiExtent: (dataset) => catalogue.hapiExtent(dataset),
  };
}

/** A source with no data at all (nominal start dates only), e.g. for an export before the first run. */
export function definitionsOnlySource(config: SpaseConfig, products: readonly ProductDefinition[] = PRODUCTS): SpaseSource {
  return { config, products, harps: [], recordExtent: () => undefined, hapiExtent: () => undefined };
}

/** Every HAPI dataset of the source's products, with the product that declares it. */
export function datasetsOf(source: Pick<SpaseSource, 'products' | 'harps'>): { product: ProductDefinition; dataset: HapiDatasetDefinition }[] {
  const harps = source.harps.map(({ dataType, harpnum, noaaArs }) => ({ dataType, harpnum, noaaArs }));
  return source.products.flatMap((product) => product.hapiDatasets({ harps }).map((dataset) => ({ product, dataset })));
}
