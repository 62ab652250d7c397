/**
 * The registry of the four products. Everything that lists products or datasets starts here.
 *
 * @module
 */
import { currents } from './currents.ts';
import { dem } from './dem.ts';
import { synopticEuv } from './synoptic-euv.ts';
import { synopticPhotosphere } from './synoptic-photosphere.ts';
import type { DataType, HapiDatasetDefinition, ProductDefinition, ProductId } from './types.ts';

export * from './types.ts';

export const PRODUCTS: readonly ProductDefinition[] = [synopticPhotosphere, synopticEuv, dem, currents];

const BY_ID = new Map(PRODUCTS.map((p) => [p.id, p]));

/** The definition of a product id, or undefined for an unknown id. */
export function productById(id: string): ProductDefinition | undefined {
  return BY_ID.get(id as ProductId);
}

/** Every HAPI dataset of every product, given the HARPs known to the catalogue. */
export function allHapiDatasets(harps: { dataType: DataType; harpnum: number; noaaArs: number[] }[] = []): HapiDatasetDefinition[] {
  return PRODUCTS.flatMap((p) => p.hapiDatasets({ harps }));
}
