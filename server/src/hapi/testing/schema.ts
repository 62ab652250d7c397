/**
 * The HAPI 3.3 JSON schema as the verifier uses it: Ajv 8 with `strict: false` (the schema uses
 * draft-04 style `id` keys), every top-level sub-schema whose `id` starts with "/" registered under
 * that id, and one validator per endpoint sub-schema.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared/hapi-schemas relative to the repository (tests may read /work/shared through ../shared). */
export const SCHEMA_FILE = path.resolve(here, '../../../../../shared/hapi-schemas/HAPI-data-access-schema-3.3.json');

export type SchemaName = 'about' | 'capabilities' | 'catalog' | 'info' | 'error';

let validators: Record<SchemaName, ValidateFunction> | undefined;

function load(): Record<SchemaName, ValidateFunction> {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, { id?: string }>;
  // unicodeRegExp false: the schema's patterns escape '#' and '/', which the u flag rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // Ajv 8 refuses the draft-04 `id` keyword; the ids serve only as registration keys here.
  ajv.removeKeyword('id');
  for (const [key, sub] of Object.entries(schema)) {
    if (key.startsWith('$')) continue;
    if (typeof sub.id === 'string' && sub.id.startsWith('/')) ajv.addSchema(sub as object, sub.id);
  }
  const compile = (name: SchemaName) => (typeof schema[name].id === 'string' ? ajv.getSchema(schema[name].id!)! : ajv.compile(schema[name] as object));
  return { about: compile('about'), capabilities: compile('capabilities'), catalog: compile('catalog'), info: compile('info'), error: compile('error') };
}

/** Schema errors of a body (empty when valid). */
export function schemaErrors(name: SchemaName, body: unknown): string[] {
  validators ??= load();
  const v = validators[name];
  if (v(body)) return [];
  return (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
