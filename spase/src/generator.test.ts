import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allHapiDatasets, PRODUCTS, productById } from '../../products/src/definitions/index.ts';
import type { HapiDatasetDefinition, ProductDefinition } from '../../products/src/definitions/types.ts';
import type { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { checkRecords, child, parseXml, resourceOf, texts, type XmlElement } from './checks.ts';
import { generateRecords, metadataFingerprint, planRecords, type SpaseRecord } from './generator.ts';
import { datasetResourceId, productDisplayDataId, productNumericalDataId } from './ids.ts';
import { loadRevisions } from './revisions.ts';
import { definitionsOnlySource, sourceFromCatalogue, type SpaseSource } from './source.ts';
import { FIXTURE_HARPS, fixtureCatalogue, T0, testConfig, writeRecords, xmllintSchema } from './test-fixtures.ts';

const revisions = loadRevisions();
const DAY = 86_400_000;

let catalogue: Catalogue;
let source: SpaseSource;
let records: SpaseRecord[];
const byId = (id: string) => {
  const r = records.find((x) => x.id === id);
  if (!r) throw new Error(`no record ${id}`);
  return resourceOf(parseXml(r.xml));
};
const parameterByKey = (resource: XmlElement, key: string) => resource.children.find((p) => p.name === 'Parameter' && texts(p, 'ParameterKey')[0] === key);
const product = (id: string) => productById(id)!;

beforeAll(() => {
  catalogue = fixtureCatalogue();
  source = sourceFromCatalogue(testConfig(), catalogue);
  records = generateRecords(source, revisions);
});
afterAll(() => catalogue.close());

describe('SPASE record set', () => {
  it('validates every record against the SPASE 2.7.1 XSD (one xmllint run)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spase-xsd-'));
    try {
      const files = writeRecords(dir, records);
      const { invalid, output } = xmllintSchema(files);
      expect(invalid, output).toEqual([]);
      expect(files.length).toBe(records.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the checks beyond the XSD (empty elements, dates, IDs, references)', () => {
    expect(checkRecords(records)).toEqual([]);
  });

  it('has one record per product (FITS and PNG), per HAPI dataset, the Repository and the Persons', () => {
    const harps = catalogue.harps();
    expect(harps.length).toBe(FIXTURE_HARPS.length);
    const datasets = allHapiDatasets(harps);
    expect(records.length).toBe(2 * PRODUCTS.length + datasets.length + 1 + testConfig().spasePersons.length);
    const types = records.map((r) => r.resourceType);
    expect(types.filter((t) => t === 'Repository')).toHaveLength(1);
    expect(types.filter((t) => t === 'DisplayData')).toHaveLength(PRODUCTS.length);
  });

  it('describes every HAPI dataset, HARPs included: ProductKey = dataset id, ParameterKeys = HAPI names with Time', () => {
    const datasets = allHapiDatasets(catalogue.harps());
    expect(datasets.some((d) => d.id === 'currents_sci_harp377')).toBe(true);
    for (const d of datasets) {
      const resource = byId(datasetResourceId('ESA', product(d.product), d));
      const hapi = resource.children.filter((a) => a.name === 'AccessInformation').flatMap((a) => a.children.filter((u) => u.name === 'AccessURL' && texts(u, 'Style')[0] === 'HAPI'));
      expect(hapi, d.id).toHaveLength(1);
      expect(texts(hapi[0], 'URL')).toEqual(['https://sdo.example.org/swe/hapi']);
      expect(texts(hapi[0], 'ProductKey')).toEqual([d.id]);
      expect(texts(resource, 'Parameter/ParameterKey')).toEqual(['Time', ...d.parameters.map((p) => p.name)]);
      const time = parameterByKey(resource, 'Time')!;
      expect(texts(time, 'Support/SupportQuantity')).toEqual(['Temporal']);
      expect(texts(time, 'Units')).toEqual(['UTC']);
      // Next to the HAPI access, the file access of the maps.
      expect(texts(resource, 'AccessInformation/Format')).toEqual(expect.arrayContaining(['CSV', 'JSON', 'Binary', 'FITS']));
      expect(texts(resource, 'InputResourceID')).toEqual([productNumericalDataId('ESA', product(d.product))]);
    }
  });

  it('fails loudly when a HAPI dataset would have no record (every id in the plan)', () => {
    const planned = new Set(planRecords(source, revisions).map((r) => r.id));
    const missing = allHapiDatasets(catalogue.harps()).filter((d) => !planned.has(datasetResourceId('ESA', product(d.product), d)));
    expect(missing.map((d) => d.id)).toEqual([]);
  });

  it('starts products and datasets at their first data in the catalogue, else at the nominal date', () => {
    const euv = byId(productNumericalDataId('ESA', product('synoptic-euv')));
    expect(texts(euv, 'TemporalDescription/TimeSpan/StartDate')).toEqual([new Date(T0 + 2 * DAY).toISOString().replace('.000', '')]);
    expect(texts(euv, 'TemporalDescription/TimeSpan/RelativeStopDate')).toEqual(['-PT2H']);
    expect(texts(euv, 'TemporalDescription/Cadence')).toEqual(['PT6H']);
    const photo = byId(productNumericalDataId('ESA', product('synoptic-photosphere')));
    expect(texts(photo, 'TemporalDescription/TimeSpan/StartDate')).toEqual(['2010-05-01T00:00:00Z']);
    expect(texts(photo, 'TemporalDescription/TimeSpan/Note').join(' ')).toMatch(/nominal start/);
    const dem = byId(productDisplayDataId('ESA', product('dem')));
    expect(texts(dem, 'TemporalDescription/TimeSpan/StartDate')).toEqual(['2026-11-05T00:00:00Z']);
    expect(texts(dem, 'DisplayCadence')).toEqual(['PT30M']);
    const euv171 = byId(datasetResourceId('ESA', product('synoptic-euv'), { id: 'euv171_indices' }));
    expect(texts(euv171, 'TemporalDescription/TimeSpan/StartDate')).toEqual(['2026-11-03T00:00:00Z']);
    const euv94 = byId(datasetResourceId('ESA', product('synoptic-euv'), { id: 'euv94_indices' }));
    expect(texts(euv94, 'TemporalDescription/TimeSpan/StartDate')).toEqual(['2010-05-13T00:00:00Z']);
  });

  it('closes the TimeSpan of a HARP whose series went on without it, and keeps running ones open', () => {
    const currents = product('currents');
    const ended = parseXml(records.find((r) => r.id === datasetResourceId('ESA', currents, { id: 'currents_sci_harp377' }))!.xml);
    expect(texts(ended, 'Status')).toEqual(['Completed']);
    const span = child(child(resourceOf(ended), 'TemporalDescription')!, 'TimeSpan')!;
    expect(texts(span, 'StartDate')).toEqual(['2026-11-01T00:00:00Z']);
    expect(texts(span, 'StopDate')).toEqual(['2026-11-02T00:00:00Z']);
    for (const id of ['currents_sci_harp7100', 'currents_nrt_harp12', 'currents_total_sci']) {
      const doc = parseXml(records.find((r) => r.id === datasetResourceId('ESA', currents, { id }))!.xml);
      expect(texts(doc, 'Status'), id).toEqual(['Ongoing']);
      expect(texts(resourceOf(doc), 'TemporalDescription/TimeSpan/RelativeStopDate'), id).toEqual(['-PT3H']);
    }
  });

  it('uses the SPASE terms chosen in SPASE.md section 4.2', () => {
    const dem = byId(productNumericalDataId('ESA', product('dem')));
    expect(texts(dem, 'ProcessingLevel')).toEqual(['ValueAdded']);
    expect(texts(dem, 'MeasurementType')).toEqual(['ImageIntensity']);
    expect(texts(dem, 'SpectralRange')).toEqual(['ExtremeUltraviolet']);
    expect(texts(dem, 'ObservedRegion')).toEqual(['Sun.Corona', 'Sun.TransitionRegion']);
    expect(texts(dem, 'Keyword')).toContain('differential emission measure');
    expect(texts(dem, 'InstrumentID')).toEqual(['spase://SMWG/Instrument/SDO/AIA']);
    expect(texts(dem, 'InputResourceID')).toHaveLength(6);
    expect(texts(dem, 'SpatialCoverage/CoordinateSystem/CoordinateSystemName')).toEqual(['HPC']);
    const tc = parameterByKey(dem, 'TC')!;
    expect(texts(tc, 'Particle/ParticleType')).toEqual(['Electron']);
    expect(texts(tc, 'Particle/ParticleQuantity')).toEqual(['Temperature']);
    expect(texts(tc, 'Particle/Qualifier')).toEqual(['Peak']);
    expect(texts(tc, 'Units')).toEqual(['K']);
    expect(texts(tc, 'FillValue')).toEqual(['NaN']);
    expect(texts(parameterByKey(dem, 'WIDTH')!, 'Particle/Qualifier')).toEqual(['StandardDeviation']);
    const em = parameterByKey(dem, 'EM')!;
    expect(texts(em, 'Support/SupportQuantity')).toEqual(['Other']);
    expect(texts(em, 'Units')).toEqual(['cm^-5']);
    const chi2 = parameterByKey(dem, 'CHI2')!;
    expect(texts(chi2, 'Support/SupportQuantity')).toEqual(['DataQuality']);
    expect(texts(chi2, 'Support/Qualifier')).toEqual(['Fit']);

    const currents = byId(productNumericalDataId('ESA', product('currents')));
    expect(texts(currents, 'MeasurementType')).toEqual(['Magnetogram']);
    expect(texts(currents, 'SpectralRange')).toEqual([]);
    const jr = parameterByKey(currents, 'JR')!;
    expect(texts(jr, 'Field/FieldQuantity')).toEqual(['CurrentDensity']);
    expect(texts(jr, 'Units')).toEqual(['A/m^2']);
    expect(texts(jr, 'Description')[0]).toMatch(/[Rr]adial/);
    expect(texts(currents, 'SpatialCoverage/CoordinateSystem/CoordinateSystemName')).toEqual(['Carrington']);

    const euv = byId(productNumericalDataId('ESA', product('synoptic-euv')));
    const radiance = euv.children.filter((p) => p.name === 'Parameter' && texts(p, 'ParameterKey')[0] === 'RADIANCE');
    expect(radiance.map((p) => texts(p, 'Wave/WavelengthRange/Low')[0])).toEqual(['94', '131', '171', '193', '211', '304', '335', '1600', '1700']);
    expect(radiance.map((p) => texts(p, 'Wave/WavelengthRange/SpectralRange')[0])).toEqual([...Array(7).fill('ExtremeUltraviolet'), 'Ultraviolet', 'Ultraviolet']);
    expect(texts(euv, 'SpatialCoverage/CoordinateSystem/CoordinateRepresentation')).toEqual(['Spherical']);

    // A Br index dataset is a magnetogram product; the continuum one an intensity product.
    const photo = product('synoptic-photosphere');
    expect(texts(byId(datasetResourceId('ESA', photo, { id: 'photo_br_indices' })), 'MeasurementType')).toEqual(['Magnetogram']);
    expect(texts(byId(datasetResourceId('ESA', photo, { id: 'photo_ic_indices' })), 'MeasurementType')).toEqual(['ImageIntensity']);
    const lowres = parameterByKey(byId(datasetResourceId('ESA', photo, { id: 'photo_br_lowres' })), 'br')!;
    expect(texts(lowres, 'Structure/Size')).toEqual(['360 180']);
    expect(texts(lowres, 'SpatialCoverage/CoordinateSystem/CoordinateSystemName')).toEqual(['Carrington']);
  });

  it('carries the metadata and data licences, the repository and the contacts', () => {
    const doc = parseXml(records.find((r) => r.id === productNumericalDataId('ESA', product('dem')))!.xml);
    expect(texts(doc, 'MetadataRightsList/Rights/RightsIdentifier')).toEqual(['CC0-1.0']);
    const resource = resourceOf(doc);
    expect(texts(resource, 'AccessInformation/RightsList/Rights/RightsIdentifier')).toEqual(['CC-BY-4.0']);
    expect(texts(resource, 'AccessInformation/RepositoryID')).toEqual(['spase://ESA/Repository/MEDOC/SDOMapProducts']);
    expect(texts(resource, 'ResourceHeader/Contact/PersonID')).toEqual(['spase://SMWG/Person/Eric.Buchlin']);
    const person = resourceOf(parseXml(records.find((r) => r.id === 'spase://SMWG/Person/Eric.Buchlin')!.xml));
    expect(texts(person, 'Email')).toEqual(['eric.buchlin@universite-paris-saclay.fr']);
    expect(texts(person, 'NamingAuthority')).toEqual(['SMWG']);
  });
});

describe('records follow the configuration', () => {
  it('takes the naming authority, licence and persons from the configuration', () => {
    const config = testConfig({ SPASE_AUTHORITY: 'CNES', DATA_LICENCE: 'CC0-1.0', SPASE_PERSONS: 'Ann.Smith <a@x.org>; Bo.Li' });
    const recs = generateRecords(definitionsOnlySource(config), revisions);
    expect(checkRecords(recs)).toEqual([]);
    const own = recs.filter((r) => r.resourceType !== 'Person');
    expect(own.every((r) => r.id.startsWith('spase://CNES/'))).toBe(true);
    expect(recs.filter((r) => r.resourceType === 'Person').map((r) => r.id)).toEqual(['spase://SMWG/Person/Ann.Smith', 'spase://SMWG/Person/Bo.Li']);
    const dem = resourceOf(parseXml(recs.find((r) => r.id === 'spase://CNES/NumericalData/SDO/AIA/GaussianDEM')!.xml));
    expect(texts(dem, 'AccessInformation/RightsList/Rights/RightsIdentifier')).toEqual(['CC0-1.0']);
    expect(texts(dem, 'ResourceHeader/Contact/PersonID')).toEqual(['spase://SMWG/Person/Ann.Smith', 'spase://SMWG/Person/Bo.Li']);
  });

  it('names the centre helpdesk as contact when no person is configured', () => {
    const recs = generateRecords(definitionsOnlySource(testConfig({ SPASE_PERSONS: ' ' })), revisions);
    expect(checkRecords(recs)).toEqual([]);
    const person = recs.filter((r) => r.resourceType === 'Person');
    expect(person.map((r) => r.id)).toEqual(['spase://SMWG/Person/MEDOC.Helpdesk']);
    expect(texts(resourceOf(parseXml(person[0].xml)), 'Email')).toEqual(['helpdesk.swe@ssa.esa.int']);
  });

  it('keeps the ReleaseDate of the revision history, whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(Date.parse('2030-01-01T00:00:00Z'));
      const later = generateRecords(source, revisions);
      expect(later.map((r) => r.xml)).toEqual(records.map((r) => r.xml));
    } finally {
      vi.useRealTimers();
    }
    const last = revisions[revisions.length - 1].date;
    for (const r of records) expect(texts(resourceOf(parseXml(r.xml)), r.resourceType === 'Person' ? 'ReleaseDate' : 'ResourceHeader/ReleaseDate')).toEqual([last]);
  });
});

describe('records follow the definitions', () => {
  /** A copy of PRODUCTS where `dem` has one more plane and `dem_indices` a new cadence and parameter. */
  function modifiedProducts(): ProductDefinition[] {
    return PRODUCTS.map((p) => {
      if (p.id !== 'dem') return p;
      const extraPlane = { ...p.channels[0].planes[0], id: 'tc_err', label: 'Tc error', extname: 'TC_ERR', description: 'Uncertainty of Tc.' };
      return {
        ...p,
        channels: [{ ...p.channels[0], planes: [...p.channels[0].planes, extraPlane] }],
        hapiDatasets: (ctx) =>
          p.hapiDatasets(ctx).map<HapiDatasetDefinition>((d) =>
            d.id === 'dem_indices'
              ? { ...d, cadence: 'PT15M', parameters: [...d.parameters, { name: 'hot_fraction', type: 'double', units: 'dimensionless', fill: 'NaN', description: 'Fraction of pixels above 3 MK.' }] }
              : d,
          ),
      };
    });
  }

  it('shows a new plane, a new HAPI parameter and a new cadence in the records', () => {
    const config = testConfig();
    const products = modifiedProducts();
    const recs = generateRecords(definitionsOnlySource(config, products), revisions);
    const dem = productById('dem')!;
    const map = resourceOf(parseXml(recs.find((r) => r.id === productNumericalDataId('ESA', dem))!.xml));
    expect(texts(map, 'Parameter/ParameterKey')).toEqual(['TC', 'EM', 'WIDTH', 'CHI2', 'NBANDS', 'TC_ERR']);
    const indices = resourceOf(parseXml(recs.find((r) => r.id === datasetResourceId('ESA', dem, { id: 'dem_indices' }))!.xml));
    expect(texts(indices, 'TemporalDescription/Cadence')).toEqual(['PT15M']);
    expect(texts(indices, 'Parameter/ParameterKey').at(-1)).toBe('hot_fraction');
    expect(texts(parameterByKey(indices, 'hot_fraction')!, 'Support/SupportQuantity')).toEqual(['Other']);
    // The unmodified definitions still give the original records.
    expect(texts(byId(datasetResourceId('ESA', dem, { id: 'dem_indices' })), 'TemporalDescription/Cadence')).toEqual(['PT30M']);
  });

  it('changes the metadata fingerprint with the definitions, not with the configuration', () => {
    const base = metadataFingerprint(PRODUCTS);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(metadataFingerprint(modifiedProducts())).not.toBe(base);
    expect(metadataFingerprint([...PRODUCTS])).toBe(base);
  });
});

describe('the offline checks can fail', () => {
  const good = () => generateRecords(definitionsOnlySource(testConfig()), revisions);
  const swap = (recs: SpaseRecord[], id: string, edit: (xml: string) => string) => recs.map((r) => (r.id === id ? { ...r, xml: edit(r.xml) } : r));
  const demId = 'spase://ESA/NumericalData/SDO/AIA/GaussianDEM';

  it('reports empty elements, dangling references, bad IDs and reversed time spans', () => {
    const recs = good();
    expect(checkRecords(swap(recs, demId, (x) => x.replace(/<Caveats>[^<]*<\/Caveats>/, '<Caveats> </Caveats>')))).toEqual([`${demId}: empty element <Caveats>`]);
    expect(checkRecords(swap(recs, demId, (x) => x.replace('spase://SMWG/Instrument/SDO/AIA', 'spase://SMWG/Instrument/SDO/AIX')))[0]).toMatch(/resolves to no record/);
    expect(checkRecords(swap(recs, demId, (x) => x.replace('spase://SMWG/Instrument/SDO/AIA', 'spase://SMWG/Instrument/SDO AIA')))[0]).toMatch(/formation rule/);
    expect(checkRecords(swap(recs, demId, (x) => x.replace('<NamingAuthority>ESA<', '<NamingAuthority>NASA<')))[0]).toMatch(/NamingAuthority NASA is not ESA/);
    expect(checkRecords(swap(recs, demId, (x) => x.replace('<ResourceType>NumericalData<', '<ResourceType>DisplayData<')))[0]).toMatch(/ResourceType DisplayData/);
    const reversed = swap(recs, demId, (x) => x.replace(/<RelativeStopDate>[^<]*<\/RelativeStopDate>/, '<StopDate>2001-01-01T00:00:00Z</StopDate>'));
    expect(checkRecords(reversed)[0]).toMatch(/StartDate 2010-05-13T00:00:00Z is after StopDate/);
    expect(checkRecords(swap(recs, demId, (x) => x.replace('<Cadence>PT30M<', '<Cadence>P1W<')))[0]).toMatch(/not an xsd:duration/);
    expect(checkRecords(swap(recs, demId, (x) => x.replace(/<StartDate>([^<]*)Z</, '<StartDate>$1<')))[0]).toMatch(/not YYYY/);
  });
});
