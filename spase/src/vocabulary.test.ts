import { describe, expect, it } from 'vitest';
import { prune, spaseDocument } from './xml.ts';
import { secondsToDuration, spaseDateTime, spaseUnits, spdxRights, spectralRangeOf, XSD_DURATION } from './vocabulary.ts';
import { exportPath, isValidResourceId, parseResourceId, recordUrl } from './ids.ts';

describe('SPASE vocabulary', () => {
  it('writes xsd:dateTime with Z and seconds (SPASE README section 5)', () => {
    expect(spaseDateTime(Date.UTC(2010, 4, 13))).toBe('2010-05-13T00:00:00Z');
    expect(spaseDateTime(Date.UTC(2010, 4, 13, 1, 2, 3, 450))).toBe('2010-05-13T01:02:03.450Z');
    expect(() => spaseDateTime(Number.NaN)).toThrow(RangeError);
  });

  it('writes durations the XSD accepts, never weeks or fractional days', () => {
    expect(secondsToDuration(720)).toBe('PT12M');
    expect(secondsToDuration(6 * 3600)).toBe('PT6H');
    expect(secondsToDuration(1800)).toBe('PT30M');
    expect(secondsToDuration(27 * 86400 + 6 * 3600 + 36 * 60 + 26)).toBe('P27DT6H36M26S');
    expect(secondsToDuration(7 * 86400)).toBe('P7D');
    expect(secondsToDuration(0)).toBe('PT0S');
  });

  it('recognises xsd:duration like the XSD (README examples)', () => {
    for (const ok of ['PT12M', 'PT0.5S', 'P27D', '-P3D', 'P27DT6H36M26S', 'PT720S']) expect(XSD_DURATION.test(ok), ok).toBe(true);
    for (const bad of ['P1W', 'PT1,5S', 'P27.2753D', 'P', 'PT', '12M']) expect(XSD_DURATION.test(bad), bad).toBe(false);
  });

  it('writes units with SPASE powers (^), keeping plain units as they are', () => {
    expect(spaseUnits('A/m2')).toBe('A/m^2');
    expect(spaseUnits('mA/m2')).toBe('mA/m^2');
    expect(spaseUnits('cm-5')).toBe('cm^-5');
    expect(spaseUnits('G2/m')).toBe('G^2/m');
    expect(spaseUnits('Mm2')).toBe('Mm^2');
    expect(spaseUnits('1/Mm')).toBe('1/Mm');
    expect(spaseUnits('DN/s')).toBe('DN/s');
    expect(spaseUnits('m^2')).toBe('m^2');
    expect(spaseUnits('1')).toBe('dimensionless');
    expect(spaseUnits(null)).toBeUndefined();
  });

  it('builds SPDX rights blocks with the fixed scheme and refuses non-SPDX identifiers', () => {
    expect(spdxRights('CC-BY-4.0')).toMatchObject({
      SchemeURI: 'https://spdx.org/licenses/',
      RightsIdentifierScheme: 'SPDX',
      RightsIdentifier: 'CC-BY-4.0',
      RightsURI: 'https://spdx.org/licenses/CC-BY-4.0.html',
    });
    expect(() => spdxRights('CC BY 4.0')).toThrow(RangeError);
  });

  it('names spectral ranges as the XSD defines them (EUV 10-125 nm, Optical 380-760 nm)', () => {
    expect(spectralRangeOf(171)).toBe('ExtremeUltraviolet');
    expect(spectralRangeOf(1600)).toBe('Ultraviolet');
    expect(spectralRangeOf(6173)).toBe('Optical');
  });
});

describe('ResourceIDs', () => {
  it('applies the formation rule and rejects dot segments', () => {
    expect(isValidResourceId('spase://ESA/NumericalData/SDO/AIA/GaussianDEM')).toBe(true);
    expect(isValidResourceId('spase://ESA/NumericalData/SDO AIA')).toBe(false);
    expect(isValidResourceId('spase://ESA/NumericalData/../x')).toBe(false);
    expect(isValidResourceId('spase://ESA/NumericalData')).toBe(false);
    expect(parseResourceId('spase://SMWG/Person/Eric.Buchlin')).toEqual({ authority: 'SMWG', resourceType: 'Person', path: 'Eric.Buchlin' });
  });

  it('maps IDs to the hpde.io file layout and to our URLs', () => {
    expect(exportPath('spase://ESA/NumericalData/SDO/AIA/GaussianDEM')).toBe('ESA/NumericalData/SDO/AIA/GaussianDEM.xml');
    expect(recordUrl('https://x.org', 'spase://ESA/NumericalData/SDO/AIA/GaussianDEM')).toBe('https://x.org/spase/NumericalData/SDO/AIA/GaussianDEM.xml');
  });
});

describe('XML writer', () => {
  it('drops absent values so no empty element is written', () => {
    expect(prune({ A: '', B: [], C: { D: undefined, E: ' ' }, F: 'x', G: [undefined, 'y'] })).toEqual({ F: 'x', G: ['y'] });
    expect(() => prune({ A: Number.NaN })).toThrow(RangeError);
  });

  it('escapes markup and keeps the given element order', () => {
    const xml = spaseDocument({ Status: 'Ongoing' }, 'Person', { ResourceID: 'spase://SMWG/Person/A.B', OrganizationName: 'R&D <Lab> "x"' });
    expect(xml).toContain('<OrganizationName>R&amp;D &lt;Lab&gt; "x"</OrganizationName>');
    expect(xml.indexOf('<Version>')).toBeLessThan(xml.indexOf('<Status>'));
    expect(xml.indexOf('<Status>')).toBeLessThan(xml.indexOf('<Person>'));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Spase xmlns="http:\/\/www.spase-group.org\/data\/schema"/);
  });
});
