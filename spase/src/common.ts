/**
 * Pieces every data record shares: the record context (authority, URLs, contacts, release), the
 * root items (Status, CC0 MetadataRightsList), ResourceHeader, AccessInformation, TimeSpan.
 *
 * @module
 */
import type { ProductSpaseHints } from '../../products/src/definitions/types.ts';
import { personId, repositoryId } from './ids.ts';
import type { Revision } from './revisions.ts';
import { releaseDate } from './revisions.ts';
import type { SpaseConfig, SpaseSource } from './source.ts';
import { METADATA_RIGHTS_NOTE, secondsToDuration, spaseDateTime, spdxRights } from './vocabulary.ts';
import type { XmlObject } from './xml.ts';

/** A person our records name as contact, and the Person record we generate for it. */
export interface ContactPerson {
  /** `Given.Family`, last segment of the Person ResourceID. */
  key: string;
  personId: string;
  personName?: string;
  email?: string;
}

/** Everything a record builder needs besides its product or dataset. */
export interface RecordContext {
  source: SpaseSource;
  config: SpaseConfig;
  authority: string;
  baseUrl: string;
  repositoryId: string;
  revisions: readonly Revision[];
  releaseDate: string;
  contacts: ContactPerson[];
  /** Last map time of each SHARP series (nrt, sci) over all HARPs. */
  harpSeriesLastMs: ReadonlyMap<string, number>;
}

/**
 * Contacts: the configured persons; when none is configured, a contact point of the centre
 * (`<Centre>.Helpdesk`, with the helpdesk e-mail), because every ResourceHeader needs a Contact.
 */
export function contactPersons(config: SpaseConfig): ContactPerson[] {
  if (config.spasePersons.length) return config.spasePersons.map((p) => ({ key: p.id, personId: personId(p.id), personName: p.name, email: p.email }));
  const key = `${config.portal.centreName.replace(/[^A-Za-z0-9_-]/g, '')}.Helpdesk`;
  return [{ key, personId: personId(key), email: config.portal.helpdeskEmail }];
}

export function recordContext(source: SpaseSource, revisions: readonly Revision[]): RecordContext {
  const { config } = source;
  const harpSeriesLastMs = new Map<string, number>();
  for (const h of source.harps) harpSeriesLastMs.set(h.dataType, Math.max(h.lastMs, harpSeriesLastMs.get(h.dataType) ?? -Infinity));
  return {
    source,
    config,
    authority: config.spaseAuthority,
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    repositoryId: repositoryId(config.spaseAuthority, config.portal.centreName),
    revisions,
    releaseDate: releaseDate(revisions),
    contacts: contactPersons(config),
    harpSeriesLastMs,
  };
}

/** `Status` and `MetadataRightsList` (CC0-1.0, as every hpde record) for the Spase root. */
export function rootItems(status?: 'Ongoing' | 'Completed'): XmlObject {
  return { Status: status, MetadataRightsList: { Rights: spdxRights('CC0-1.0', METADATA_RIGHTS_NOTE) } };
}

export interface InformationUrl {
  name: string;
  url: string;
  description?: string;
}

export interface HeaderFields {
  name: string;
  alternateNames?: string[];
  description: string;
  roles: string[];
  informationUrls: InformationUrl[];
  associations?: { id: string; type: string; note?: string }[];
}

/** A ResourceHeader in schema order, with the release history, acknowledgement and funding. */
export function resourceHeader(ctx: RecordContext, h: HeaderFields): XmlObject {
  const { portal } = ctx.config;
  return {
    ResourceName: h.name,
    AlternateName: h.alternateNames,
    ReleaseDate: ctx.releaseDate,
    RevisionHistory: { RevisionEvent: ctx.revisions.map((r) => ({ ReleaseDate: r.date, Note: r.note })) },
    Description: h.description,
    Acknowledgement: `Please acknowledge ${portal.acknowledgement}. SDO data ${portal.sdoCredit}.`,
    Funding: portal.esaContracts.map((contract) => ({ Agency: 'ESA', Project: 'Space Safety Programme, Space Weather Service Network', AwardNumber: contract })),
    Contact: ctx.contacts.map((c) => ({ PersonID: c.personId, Role: h.roles })),
    InformationURL: h.informationUrls.map((u) => ({ Name: u.name, URL: u.url, Description: u.description })),
    Association: h.associations?.map((a) => ({ AssociationID: a.id, AssociationType: a.type, Note: a.note })),
  };
}

export interface AccessUrl {
  name: string;
  url: string;
  style?: 'HAPI' | 'WebService' | 'Search' | 'Overview' | 'Listing' | 'File';
  productKeys?: string[];
  description?: string;
}

/** One AccessInformation: our repository, online, open, the data licence, URLs and formats. */
export function accessInformation(ctx: RecordContext, urls: AccessUrl[], formats: string[]): XmlObject {
  return {
    RepositoryID: ctx.repositoryId,
    Availability: 'Online',
    AccessRights: 'Open',
    RightsList: { Rights: spdxRights(ctx.config.dataLicence) },
    AccessURL: urls.map((u) => ({ Name: u.name, URL: u.url, Style: u.style, ProductKey: u.productKeys, Description: u.description })),
    Format: formats,
  };
}

/** SPASE SpatialCoverage of a product's maps, from its definition hint. */
export function spatialCoverage(hints: ProductSpaseHints): XmlObject | undefined {
  const s = hints.spatialCoverage;
  if (!s) return undefined;
  return { CoordinateSystem: { CoordinateRepresentation: s.coordinateRepresentation, CoordinateSystemName: s.coordinateSystemName }, Description: s.description };
}

/** How a TimeSpan ends: still running (lag behind now) or finished at a time. */
export type TimeSpanEnd = { ongoing: true; lagSeconds: number } | { ongoing: false; stopMs: number };

/** A TimeSpan: StartDate, then RelativeStopDate (negative lag) or StopDate, and notes. */
export function timeSpan(startMs: number, end: TimeSpanEnd, notes: (string | undefined)[]): XmlObject {
  return {
    StartDate: spaseDateTime(startMs),
    StopDate: end.ongoing ? undefined : spaseDateTime(end.stopMs),
    RelativeStopDate: end.ongoing ? `-${secondsToDuration(end.lagSeconds)}` : undefined,
    Note: notes,
  };
}
