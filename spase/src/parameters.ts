/**
 * SPASE `Parameter` elements: one per plane of a product's FITS maps, one per HAPI parameter
 * (SPASE.md section 8.2: ParameterKey = the HAPI name, exactly, and `Time` as Support/Temporal).
 *
 * @module
 */
import type { HapiDatasetDefinition, HapiParameter, ProductDefinition, SpaseQuantity } from '../../products/src/definitions/types.ts';
import { quantityElement, spaseUnits } from './vocabulary.ts';
import type { XmlObject } from './xml.ts';

/** SPASE 2.7.1 CoordinateSystemName values we may meet in HAPI `coordinateSystemName`. */
const SPASE_COORDINATE_SYSTEMS = new Set(['Carrington', 'HCC', 'HCI', 'HCR', 'HEE', 'HEEQ', 'HERTN', 'HG', 'HGI', 'HGRTN', 'HPC', 'HPR', 'StonyhurstHeliographic']);
const CARTESIAN_BY_DEFAULT = new Set(['HCC', 'HPC', 'HEEQ', 'HEE', 'HCI']);

/**
 * One Parameter per plane of the product's FITS files. A product with several channels gets its
 * main plane once per channel and each shared extra plane (weight, data age) once, described as
 * present in every file. ParameterKey = the plane's FITS EXTNAME; fill = NaN (IEEE NaN marks
 * undefined pixels in FITS floating-point images, FITS 4.0 section 5.3).
 */
export function mapParameters(product: ProductDefinition): XmlObject[] {
  const multi = product.channels.length > 1;
  const sharedDone = new Set<string>();
  const out: XmlObject[] = [];
  // Channel planes first, in channel order, then the planes every channel's file shares.
  const planes = product.channels.flatMap((channel) => channel.planes.map((plane, index) => ({ channel, plane, shared: multi && index > 0 })));
  for (const { channel, plane, shared } of [...planes.filter((p) => !p.shared), ...planes.filter((p) => p.shared)]) {
    if (shared && sharedDone.has(plane.extname)) continue;
    if (shared) sharedDone.add(plane.extname);
    const name = !multi || shared ? plane.label : channel.label.toLowerCase().includes(plane.label.toLowerCase()) ? channel.label : `${channel.label}: ${plane.label}`;
    const where = shared
      ? `FITS HDU ${plane.extname}, present in the file of every channel.`
      : multi
        ? `FITS HDU ${plane.extname} of the ${channel.label} files (API parameter=${channel.id}).`
        : `FITS HDU ${plane.extname}.`;
    out.push({
      Name: name,
      ParameterKey: plane.extname,
      Description: `${plane.description} ${where}`,
      Units: spaseUnits(plane.units),
      FillValue: 'NaN',
      ...quantityElement(plane.spase),
    });
  }
  return out;
}

/** The primary time of every HAPI dataset, added by the server in front of the declared parameters. */
export function hapiTimeParameter(dataset: Pick<HapiDatasetDefinition, 'timeStampLocation'>): XmlObject {
  const location = dataset.timeStampLocation ?? 'center';
  return {
    Name: 'Time',
    ParameterKey: 'Time',
    Description: `Time stamp of each record: the observation or reference time of the map it comes from, HAPI isotime in UTC (timeStampLocation = ${location}).`,
    Units: 'UTC',
    Support: { SupportQuantity: 'Temporal' },
  };
}

function isUri(p: HapiParameter): boolean {
  return p.stringType !== undefined;
}

/** The physical classification of a HAPI parameter: its `x_spase`, else WebResource for URIs, else Other. */
export function hapiQuantity(p: HapiParameter): SpaseQuantity {
  return p.x_spase ?? { kind: 'Support', supportQuantity: isUri(p) ? 'WebResource' : 'Other' };
}

function hapiUnits(units: HapiParameter['units']): string | undefined {
  if (Array.isArray(units)) {
    const distinct = [...new Set(units)];
    return distinct.length === 1 ? spaseUnits(distinct[0]) : undefined;
  }
  return spaseUnits(units);
}

function coordinateSystem(p: HapiParameter): XmlObject | undefined {
  const name = p.coordinateSystemName;
  if (!name || !SPASE_COORDINATE_SYSTEMS.has(name)) return undefined;
  const components = ([] as string[]).concat(p.vectorComponents ?? []).map((c) => c.toLowerCase());
  const cartesian = components.length ? components.includes('x') : CARTESIAN_BY_DEFAULT.has(name);
  return { CoordinateRepresentation: cartesian ? 'Cartesian' : 'Spherical', CoordinateSystemName: name };
}

function formatCentre(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10)));
}

/** `Structure` of an array parameter: its HAPI size and, in words, its bins (too many for Elements). */
function structure(p: HapiParameter): XmlObject | undefined {
  if (!p.size?.length) return undefined;
  const bins = (p.bins ?? []).map((b, i) => {
    const n = b.centers?.length ?? b.ranges?.length ?? p.size![i];
    const centres = b.centers?.length ? `, centres ${formatCentre(b.centers[0])} to ${formatCentre(b.centers[b.centers.length - 1])}${b.units ? ` ${b.units}` : ''}` : '';
    return `index ${i + 1}: ${b.name} (${n} bins${centres})`;
  });
  const order = p.size.length > 1 ? ' Values are stored with the last index varying fastest (HAPI order).' : '';
  return { Size: p.size.join(' '), Description: bins.length ? `Array over ${bins.join('; ')}.${order}` : undefined };
}

/**
 * One Parameter per HAPI parameter, with `Name` = label when given, else the HAPI name. A
 * coordinate system goes to `CoordinateSystem` for vectors (it says what the components are) and
 * to the Parameter's `SpatialCoverage` for maps (it says where the bins are), as NASA's HMI
 * synoptic record does.
 */
export function hapiParameter(p: HapiParameter): XmlObject {
  const cs = coordinateSystem(p);
  const vector = p.vectorComponents !== undefined;
  const binNames = (p.bins ?? []).map((b) => b.name).join(', ');
  return {
    Name: typeof p.label === 'string' ? p.label : p.name,
    ParameterKey: p.name,
    Description: p.description,
    Units: hapiUnits(p.units),
    CoordinateSystem: vector ? cs : undefined,
    Structure: structure(p),
    FillValue: p.fill ?? undefined,
    ...quantityElement(hapiQuantity(p)),
    SpatialCoverage: !vector && cs ? { CoordinateSystem: cs, Description: binNames ? `The bins (${binNames}) are ${cs.CoordinateSystemName} coordinates.` : undefined } : undefined,
  };
}

/** The Parameters of a HAPI dataset record, `Time` first, in `/info` order. */
export function datasetParameters(dataset: HapiDatasetDefinition): XmlObject[] {
  return [hapiTimeParameter(dataset), ...dataset.parameters.map(hapiParameter)];
}
