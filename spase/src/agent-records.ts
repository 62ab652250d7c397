/**
 * The records our data records point at: the Repository of this service and the Person records
 * of the configured contacts (persons live under SMWG, SPASE.md section 5).
 *
 * @module
 */
import { resourceHeader, rootItems, type ContactPerson, type RecordContext } from './common.ts';
import type { RecordBody } from './data-records.ts';
import { PERSON_AUTHORITY } from './ids.ts';

/** Repository record of this service (RepositoryID of every AccessInformation). */
export function repositoryRecord(ctx: RecordContext): RecordBody {
  const { portal } = ctx.config;
  return {
    root: rootItems(),
    resource: {
      ResourceID: ctx.repositoryId,
      NamingAuthority: ctx.authority,
      ResourceType: 'Repository',
      ResourceHeader: resourceHeader(ctx, {
        name: `${portal.centreLongName}: SDO space-weather map products`,
        alternateNames: [portal.centreName],
        description:
          `Web service of ${portal.centreLongName} that computes solar space-weather map products from SDO observations ` +
          `(synchronous synoptic maps of the photosphere and of the UV/EUV corona, coronal DEM maps, active-region electric currents) ` +
          `and publishes them through portal pages, a HAPI 3.3 server (${ctx.baseUrl}/hapi), a product API (${ctx.baseUrl}/api) and SPASE records (${ctx.baseUrl}/spase/). ` +
          portal.networkStatement,
        roles: ['GeneralContact'],
        informationUrls: [
          { name: portal.centreName, url: portal.centreUrl, description: 'The data centre.' },
          { name: 'ESA Space Weather Service Network portal', url: portal.portalUrl },
        ],
      }),
      AccessURL: { Name: 'Service home page', URL: `${ctx.baseUrl}/`, Description: 'List of the products with links to their pages, the HAPI server and the product API.' },
    },
  };
}

/** Person record of one contact. */
export function personRecord(ctx: RecordContext, person: ContactPerson): RecordBody {
  return {
    root: rootItems(),
    resource: {
      ResourceID: person.personId,
      NamingAuthority: PERSON_AUTHORITY,
      ResourceType: 'Person',
      ReleaseDate: ctx.releaseDate,
      PersonName: person.personName,
      OrganizationName: ctx.config.portal.centreLongName,
      Email: person.email,
    },
  };
}
