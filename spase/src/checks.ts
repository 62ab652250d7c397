/**
 * The checks the XSD does not make (SPASE.md section 7, items 2 to 6 and 8), run on the XML text
 * of a batch of records, as a registry's CI would: no empty element, StartDate <= StopDate,
 * ResourceIDs that follow the formation rule, ResourceType = element name, NamingAuthority =
 * authority segment, every referenced `*ID` resolvable, dates with `Z`, valid durations.
 * The XML is parsed back with fast-xml-parser, independently of the builder that wrote it.
 *
 * @module
 */
import { XMLParser } from 'fast-xml-parser';
import { isValidResourceId, parseResourceId } from './ids.ts';
import { KNOWN_EXTERNAL_IDS } from './known-ids.ts';
import { XSD_DURATION } from './vocabulary.ts';

/** A parsed element: name, direct text, children in document order. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

type OrderedNode = Record<string, unknown> & { '#text'?: unknown };

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, trimValues: false, parseTagValue: false, ignoreDeclaration: true });

function toElement(name: string, nodes: OrderedNode[]): XmlElement {
  const children: XmlElement[] = [];
  let text = '';
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text') text += String(value);
      else if (key !== ':@') children.push(toElement(key, value as OrderedNode[]));
    }
  }
  return { name, text, children };
}

/** Parse a document to its root element. */
export function parseXml(xml: string): XmlElement {
  const roots = toElement('#document', parser.parse(xml) as OrderedNode[]).children;
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

/** Every element below (and including) `e`, depth first. */
export function* walk(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}

/** Text of the descendants at a `/`-separated path below `e`. */
export function texts(e: XmlElement, path: string): string[] {
  let level = [e];
  for (const name of path.split('/')) level = level.flatMap((x) => childrenNamed(x, name));
  return level.map((x) => x.text.trim());
}

const ROOT_ITEMS = new Set(['Version', 'Status', 'MetadataRightsList']);
const DATE_TIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE_ELEMENTS = new Set(['ReleaseDate', 'StartDate', 'StopDate', 'PublicationDate', 'ExpirationDate']);
const DURATION_ELEMENTS = new Set(['Cadence', 'CadenceMin', 'CadenceMax', 'RelativeStopDate', 'DisplayCadence', 'Exposure']);
/** `*ID` elements that are not references (SPASE refcheck skips these two). */
const NOT_REFERENCES = new Set(['ResourceID', 'PriorID']);

/** The single resource element of a SPASE document. */
export function resourceOf(root: XmlElement): XmlElement {
  const resources = root.children.filter((c) => !ROOT_ITEMS.has(c.name));
  if (root.name !== 'Spase' || resources.length !== 1) throw new Error('not a one-resource SPASE document');
  return resources[0];
}

/**
 * Problems found in a batch of records (empty = all good). `known` lists the external IDs that
 * references may point to besides the batch itself.
 */
export function checkRecords(records: readonly { id: string; xml: string }[], known: ReadonlySet<string> = KNOWN_EXTERNAL_IDS): string[] {
  const problems: string[] = [];
  const ids = new Set(records.map((r) => r.id));
  for (const record of records) {
    const say = (message: string) => problems.push(`${record.id}: ${message}`);
    let root: XmlElement;
    let resource: XmlElement;
    try {
      root = parseXml(record.xml);
      resource = resourceOf(root);
    } catch (e) {
      say((e as Error).message);
      continue;
    }
    const resourceId = texts(resource, 'ResourceID')[0];
    if (resourceId !== record.id) say(`ResourceID ${resourceId} differs from the record id`);
    if (!isValidResourceId(resourceId ?? '')) say(`ResourceID breaks the formation rule: ${resourceId}`);
    const parts = parseResourceId(resourceId ?? '');
    if (texts(resource, 'ResourceType')[0] !== resource.name) say(`ResourceType ${texts(resource, 'ResourceType')[0]} is not ${resource.name}`);
    if (parts && parts.resourceType !== resource.name) say(`ResourceID type segment ${parts.resourceType} is not ${resource.name}`);
    if (parts && texts(resource, 'NamingAuthority')[0] !== parts.authority) say(`NamingAuthority ${texts(resource, 'NamingAuthority')[0]} is not ${parts.authority}`);

    for (const e of walk(root)) {
      const text = e.text.trim();
      if (!e.children.length && text === '') say(`empty element <${e.name}>`);
      if (e.name.endsWith('ID') && !NOT_REFERENCES.has(e.name)) {
        if (!isValidResourceId(text)) say(`${e.name} breaks the formation rule: ${text}`);
        else if (!ids.has(text) && !known.has(text)) say(`${e.name} ${text} resolves to no record`);
      }
      if (DATE_ELEMENTS.has(e.name) && !DATE_TIME_Z.test(text)) say(`${e.name} ${text} is not YYYY-MM-DDThh:mm:ss[.f]Z`);
      if (DURATION_ELEMENTS.has(e.name) && !XSD_DURATION.test(text)) say(`${e.name} ${text} is not an xsd:duration`);
      if (e.name === 'TimeSpan') {
        const start = texts(e, 'StartDate')[0];
        const stop = texts(e, 'StopDate')[0];
        if (start && stop && Date.parse(start) > Date.parse(stop)) say(`StartDate ${start} is after StopDate ${stop}`);
      }
    }
  }
  return problems;
}
