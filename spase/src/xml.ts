/**
 * Records are written as plain objects whose key order is the XSD element order (JavaScript keeps
 * the insertion order of string keys), then pruned and serialised by xmlbuilder2, which does the
 * escaping. Pruning drops every absent value, so optional elements are written by simply leaving
 * them undefined, and no empty element (forbidden by the SPASE Schematron rules) can come out.
 *
 * @module
 */
import { create } from 'xmlbuilder2';

/** Text content, a nested element, repeated elements, or nothing (dropped). */
export type XmlValue = string | number | XmlObject | readonly XmlValue[] | undefined | null | false;
export interface XmlObject {
  [element: string]: XmlValue;
}

export const SPASE_NAMESPACE = 'http://www.spase-group.org/data/schema';
export const SPASE_VERSION = '2.7.1';
/** Where the schema is published (the optional `xsi:schemaLocation` hint, SPASE.md section 12). */
export const SPASE_SCHEMA_URL = 'https://spase-group.org/data/schema/spase-2_7_1.xsd';

/**
 * A copy of `value` without undefined/null/false, blank strings, empty arrays and objects that end
 * up empty. Numbers must be finite: a NaN in metadata is a bug, not a value to publish.
 */
export function prune(value: XmlValue): XmlValue {
  if (value === undefined || value === null || value === false) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`non-finite number in SPASE metadata: ${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  const out: XmlObject = {};
  let any = false;
  for (const [key, child] of Object.entries(value as XmlObject)) {
    const kept = prune(child);
    if (kept === undefined) continue;
    out[key] = kept;
    any = true;
  }
  return any ? out : undefined;
}

/**
 * The XML text of one SPASE document: root `Spase` with `Version`, then `rootItems` (Status,
 * MetadataRightsList) and one resource element.
 */
export function spaseDocument(rootItems: XmlObject, resourceType: string, resource: XmlObject): string {
  const body = prune({ Version: SPASE_VERSION, ...rootItems, [resourceType]: resource }) as XmlObject;
  const root = {
    Spase: {
      '@xmlns': SPASE_NAMESPACE,
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:schemaLocation': `${SPASE_NAMESPACE} ${SPASE_SCHEMA_URL}`,
      ...body,
    },
  };
  // Characters XML 1.0 cannot carry (control characters from a bad configuration string) become U+FFFD.
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }, root as never);
  return `${doc.end({ prettyPrint: true, indent: '  ' })}\n`;
}
