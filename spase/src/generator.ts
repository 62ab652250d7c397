/**
 * The SPASE record set of the service: which records exist (cheap, for indexes) and their XML
 * (built on demand). Records follow the definitions they are given and the catalogue's extents,
 * so a change of a parameter list or a cadence shows up in the next request.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { harpDatasetId } from '../../products/src/definitions/currents.ts';
import type { ProductDefinition } from '../../products/src/definitions/types.ts';
import { personRecord, repositoryRecord } from './agent-records.ts';
import { recordContext } from './common.ts';
import { datasetNumericalData, productDisplayData, productNumericalData, type RecordBody } from './data-records.ts';
import { datasetResourceId, isValidResourceId, productDisplayDataId, productNumericalDataId } from './ids.ts';
import type { Revision } from './revisions.ts';
import { datasetsOf, definitionsOnlySource, type HarpInfo, type SpaseConfig, type SpaseSource } from './source.ts';
import { spaseDocument } from './xml.ts';

export type SpaseResourceType = 'NumericalData' | 'DisplayData' | 'Repository' | 'Person';

/** A record of the set, not yet built. */
export interface PlannedRecord {
  id: string;
  resourceType: SpaseResourceType;
  /** Human-readable title for listings. */
  title: string;
  build(): RecordBody;
}

/** A built record. */
export interface SpaseRecord {
  id: string;
  resourceType: SpaseResourceType;
  title: string;
  xml: string;
}

/** The definitions or configuration cannot give a valid record set (bad or duplicate id). */
export class SpaseGenerationError extends Error {
  override name = 'SpaseGenerationError';
}

/**
 * Every record of the set, in a stable order: the Repository, the Persons, then per product its
 * NumericalData, DisplayData and one NumericalData per HAPI dataset.
 */
export function planRecords(source: SpaseSource, revisions: readonly Revision[]): PlannedRecord[] {
  const ctx = recordContext(source, revisions);
  const harpByDataset = new Map<string, HarpInfo>(source.harps.map((h) => [harpDatasetId(h.dataType, h.harpnum), h]));
  const plan: PlannedRecord[] = [
    { id: ctx.repositoryId, resourceType: 'Repository', title: `Repository: ${source.config.portal.centreLongName}`, build: () => repositoryRecord(ctx) },
    ...ctx.contacts.map<PlannedRecord>((p) => ({ id: p.personId, resourceType: 'Person', title: `Person: ${p.personName ?? p.key}`, build: () => personRecord(ctx, p) })),
  ];
  const datasets = datasetsOf(source);
  for (const product of source.products) {
    plan.push(
      { id: productNumericalDataId(ctx.authority, product), resourceType: 'NumericalData', title: `${product.title} (FITS maps)`, build: () => productNumericalData(ctx, product) },
      { id: productDisplayDataId(ctx.authority, product), resourceType: 'DisplayData', title: `${product.title} (PNG quicklooks)`, build: () => productDisplayData(ctx, product) },
    );
    for (const { dataset } of datasets.filter((d) => d.product === product)) {
      plan.push({
        id: datasetResourceId(ctx.authority, product, dataset),
        resourceType: 'NumericalData',
        title: `${dataset.title} (HAPI dataset ${dataset.id})`,
        build: () => datasetNumericalData(ctx, product, dataset, harpByDataset.get(dataset.id)),
      });
    }
  }
  const seen = new Set<string>();
  for (const r of plan) {
    if (!isValidResourceId(r.id)) throw new SpaseGenerationError(`ResourceID breaks the SPASE formation rule: ${JSON.stringify(r.id)}`);
    if (seen.has(r.id)) throw new SpaseGenerationError(`two SPASE records would share the ResourceID ${r.id}`);
    seen.add(r.id);
  }
  return plan;
}

/** The XML document of a planned record. */
export function renderRecord(record: PlannedRecord): string {
  const body = record.build();
  return spaseDocument(body.root, record.resourceType, body.resource);
}

/** Build every record of the set. */
export function generateRecords(source: SpaseSource, revisions: readonly Revision[]): SpaseRecord[] {
  return planRecords(source, revisions).map((r) => ({ id: r.id, resourceType: r.resourceType, title: r.title, xml: renderRecord(r) }));
}

/** A configuration that never changes, so that the fingerprint depends on the definitions only. */
const NEUTRAL_CONFIG: SpaseConfig = {
  spaseAuthority: 'X',
  baseUrl: 'https://example.org',
  spasePersons: [{ id: 'A.B', name: 'A B' }],
  dataLicence: 'CC0-1.0',
  portal: {
    centreName: 'C',
    centreLongName: 'C',
    centreUrl: 'https://example.org/',
    helpdeskEmail: 'a@example.org',
    esaContracts: ['1'],
    portalUrl: 'https://example.org/',
    esaSpaceWeatherUrl: 'https://example.org/',
    acknowledgement: 'C',
    sdoCredit: 'C',
    networkStatement: 'C',
  },
};

/**
 * SHA-256 over the records the definitions alone give (neutral configuration, no catalogue, one
 * placeholder revision): it changes when a definition or the generator changes what we publish,
 * and not with the data, the configuration or the revision history.
 */
export function metadataFingerprint(products: readonly ProductDefinition[]): string {
  const placeholder: Revision[] = [{ date: '2000-01-01T00:00:00Z', note: 'fingerprint', fingerprint: '-' }];
  const hash = createHash('sha256');
  for (const r of generateRecords(definitionsOnlySource(NEUTRAL_CONFIG, products), placeholder)) hash.update(r.xml);
  return hash.digest('hex');
}
