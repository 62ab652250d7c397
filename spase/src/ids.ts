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

/** Authority of Person records: SPASE keeps every person in `hpde/SMWG` (SPASE.md section 5). */
export const PERSON_AUTHORITY = 'SMWG';

/** Person record of a configured person (`Given.Family`, SMWG style with `-2` on clashes). */
export function personId(personKey: string): string {
  return `spase://${PERSON_AUTHORITY}/Person/${personKey}`;
}

/** The parts of a ResourceID, or undefined when it breaks the formation rule. */
export function parseResourceId(id: string): { authority: string; resourceType: string; path: string } | undefined {
  if (!isValidResourceId(id)) return undefined;
  const [authority, resourceType, ...rest] = id.slice('spase://'.length).split('/');
  return { authority, resourceType, path: rest.join('/') };
}

/**
 * True when `id` follows the formation rule and can name a file: the pattern above, a path below
 * the resource type, and no `.` or `..` segment (which the character rule alone would allow).
 */
export function isValidResourceId(id: string): boolean {
  if (!RESOURCE_ID_PATTERN.test(id)) return false;
  const segments = id.slice('spase://'.length).split('/');
  return segments.length >= 3 && segments.every((s) => s !== '.' && s !== '..');
}

/** Where a record lives in an hpde.io-style tree: the ResourceID minus `spase://`, plus `.xml`. */
export function exportPath(resourceId: string): string {
  return `${resourceId.replace(/^spase:\/\//, '')}.xml`;
}
