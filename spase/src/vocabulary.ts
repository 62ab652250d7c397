/**
 * Small translations from our metadata to SPASE 2.7.1 spellings: dates, durations, units,
 * licences (SPDX rights blocks), spectral ranges and the Field/Wave/Particle/Support choice.
 *
 * @module
 */
import type { SpaseQuantity } from '../../products/src/definitions/types.ts';
import type { XmlObject } from './xml.ts';

/** `YYYY-MM-DDThh:mm:ssZ` (xsd:dateTime with the `Z` SPASE curators insist on; ms only when present). */
export function spaseDateTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** Parse an ISO 8601 instant of the definitions (`2010-05-13T00:00:00Z`) to ms, or throw. */
export function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (!/Z$/.test(text) || Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 UTC instant: ${text}`);
  return ms;
}

/**
 * An xsd:duration for a whole number of seconds, largest units first (`PT12M`, `PT6H`, `P1DT2H`).
 * Days are exact 24 h days; weeks and fractional days are never written (they fail the XSD).
 */
export function secondsToDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a duration: ${seconds}`);
  let rest = Math.round(seconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${secs ? `${secs}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** xsd:duration lexical form (no weeks; a fraction only on seconds), as the XSD checks it. */
export const XSD_DURATION = /^-?P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?!$)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/**
 * Units in the SPASE convention (`^` for powers, `*` products, `/` quotients): the FITS-style
 * exponents of our definitions (`A/m2`, `cm-5`, `G2/m`, `Mm2`) become `A/m^2`, `cm^-5`, `G^2/m`,
 * `Mm^2`. Without the caret SPASE would read `cm-5` as a product. Returns undefined for no units.
 */
export function spaseUnits(units: string | null | undefined): string | undefined {
  if (units === null || units === undefined || units.trim() === '') return undefined;
  if (units === '1') return 'dimensionless';
  return units.replace(/([A-Za-z])(-?\d+)(?![\d.])/g, '$1^$2');
}

/** SPDX licence names we expect to meet; other identifiers are written without a RightsName. */
const SPDX_NAMES: Record<string, string> = {
  'CC0-1.0': 'Creative Commons Zero v1.0 Universal',
  'CC-BY-4.0': 'Creative Commons Attribution 4.0 International',
  'CC-BY-SA-4.0': 'Creative Commons Attribution Share Alike 4.0 International',
  'ODbL-1.0': 'Open Data Commons Open Database License v1.0',
  'etalab-2.0': 'Etalab Open License 2.0',
};

/** SPDX identifiers: letters, digits, `.`, `-` and a trailing `+` (SPDX spec, annex D). */
const SPDX_ID = /^[A-Za-z0-9.-]+\+?$/;

/** A SPASE 2.7.1 `Rights` block for an SPDX licence identifier (`SchemeURI` is fixed by the XSD). */
export function spdxRights(spdxId: string, note?: string): XmlObject {
  if (!SPDX_ID.test(spdxId)) throw new RangeError(`not an SPDX licence identifier: ${spdxId}`);
  return {
    SchemeURI: 'https://spdx.org/licenses/',
    RightsIdentifierScheme: 'SPDX',
    RightsIdentifier: spdxId,
    RightsURI: `https://spdx.org/licenses/${spdxId}.html`,
    RightsName: SPDX_NAMES[spdxId],
    Note: note,
  };
}

/** The metadata licence of every SPASE record: CC0-1.0, as all hpde records. */
export const METADATA_RIGHTS_NOTE = 'CC0 1.0 Universal is the licence of all publicly available SPASE metadata descriptions.';

/**
 * SPASE SpectralRange of a wavelength in Angstrom. AIA's 94-335 Å channels are "EUV" by community
 * usage and NASA's records, although 94 Å lies below the 10 nm edge of the SPASE definition;
 * AIA 1600/1700 Å are `Ultraviolet` as in NASA's AARP record; HMI's 6173 Å line is `Optical`.
 */
export function spectralRangeOf(angstrom: number): 'ExtremeUltraviolet' | 'Ultraviolet' | 'Optical' | 'Infrared' {
  if (angstrom <= 1250) return 'ExtremeUltraviolet';
  if (angstrom < 3800) return 'Ultraviolet';
  if (angstrom <= 7600) return 'Optical';
  return 'Infrared';
}

/** The Field | Wave | Particle | Support element of a Parameter (exactly one, after FillValue). */
export function quantityElement(q: SpaseQuantity): XmlObject {
  switch (q.kind) {
    case 'Field':
      return { Field: { Qualifier: q.qualifiers, FieldQuantity: q.fieldQuantity } };
    case 'Wave':
      return {
        Wave: {
          WaveType: q.waveType,
          Qualifier: q.qualifiers,
          WaveQuantity: q.waveQuantity,
          WavelengthRange: q.wavelength && {
            SpectralRange: spectralRangeOf(q.wavelength.units === 'nm' ? q.wavelength.low * 10 : q.wavelength.low),
            Low: q.wavelength.low,
            High: q.wavelength.high,
            Units: q.wavelength.units,
          },
        },
      };
    case 'Particle':
      return { Particle: { ParticleType: q.particleType, Qualifier: q.qualifiers, ParticleQuantity: q.particleQuantity } };
    case 'Support':
      return { Support: { Qualifier: q.qualifiers, SupportQuantity: q.supportQuantity } };
  }
}

/** Which MeasurementTypes a parameter's physical kind can stand for (see `datasetMeasurementTypes`). */
export function measurementTypesOf(q: SpaseQuantity): string[] {
  switch (q.kind) {
    case 'Field':
      return ['Magnetogram', 'MagneticField'];
    case 'Wave':
    case 'Particle':
      // Wave: intensities; Particle: DEM temperatures inferred from EUV intensities.
      return ['ImageIntensity', 'Irradiance', 'Radiance'];
    case 'Support':
      return [];
  }
}
