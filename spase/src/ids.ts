/**
 * SPASE ResourceIDs of our records, in one place so that the HAPI server (`resourceID`), the
 * product API and the SPASE generator always agree. Formation rule (SPASE.md section 5):
 * `spase://<Authority>/<ResourceType>/<path>`, segments of `A-Z a-z 0-9 - . _` only.
 *
 * @module
 */
import type { HapiDatasetDefinition, ProductDefinition } from '../../products/src/definitions/types.ts';

export const RESOURCE_ID_PATTERN = /^spase:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** NumericalData record of a product's FITS maps. */
export function productNumericalDataId(authority: string, product: Pick<ProductDefinition, 'spase'>): string {
  return `spase://${authority}/NumericalData/${product.spase.resourcePath}`;
}

/** DisplayData record of a product's PNG quicklooks. */
export function productDisplayDataId(authority: string, product: Pick<ProductDefinition, 'spase'>): string {
  return `spase://${authority}/DisplayData/${product.spase.resourcePath}`;
}

/** NumericalData record of one HAPI dataset. */
export function datasetResourceId(authority: string, product: Pick<ProductDefinition, 'spase'>, dataset: Pick<HapiDatasetDefinition, 'id'>): string {
  return `spase://${authority}/NumericalData/${product.spase.resourcePath}/HAPI/${dataset.id}`;
}

/** Repository record of this service. */
export function repositoryId(authority: string, centreName: string): string {
  return `spase://${authority}/Repository/${centreName.replace(/[^A-Za-z0-9._-]/g, '')}/SDOMapProducts`;
}

/** URL of a record's XML on our server: `${baseUrl}/spase/NumericalData/....xml`. */
export function recordUrl(baseUrl: string, resourceId: string): string {
  return `${baseUrl}/spase/${resourceId.replace(/^spase:\/\/[^/]+\//, '')}.xml`;
}
