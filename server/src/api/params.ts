/**
 * Request parameters of the product API, declared once: each parameter has a zod schema (which
 * parses the string into a typed value), a description and a sentence saying what a valid value
 * looks like. The same declaration validates requests, writes the error message of a bad
 * request, and documents the parameter in the OpenAPI document, so the three cannot drift.
 *
 * Zod's own messages never reach clients: a failure becomes an `ApiError` 400 naming the
 * parameter and what is valid.
 *
 * @module
 */
import { z } from 'zod';
import { ApiError } from '../http/api-error.ts';

/** One declared parameter producing a `T`. */
export interface Param<T> {
  /** Parses the raw string; its input side (pattern, enum, bounds) is what the OpenAPI document shows. */
  schema: z.ZodType<T, string>;
  description: string;
  /** What a valid value looks like, e.g. "an integer from 1 to 1000". */
  valid: string;
  example?: string;
  /** Value when the parameter is absent; absent and no default means `undefined`. */
  default?: T;
  required?: boolean;
  /** JSON Schema shown in the OpenAPI document when the schema's string input says too little (integers). */
  jsonSchema?: Record<string, unknown>;
}

export type ParamSpecs = Record<string, Param<unknown>>;

/** The parsed values of a set of specs. */
export type ParamValues<S extends ParamSpecs> = {
  [K in keyof S]: S[K] extends { required: true } ? ParamOf<S[K]> : S[K] extends { default: unknown } ? ParamOf<S[K]> : ParamOf<S[K]> | undefined;
};
type ParamOf<P> = P extends Param<infer T> ? T : never;

// ---------------------------------------------------------------- times

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]00:?00)?$/;

/** What the API accepts as a time. */
export const TIME_FORMAT = 'an ISO 8601 UTC time: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional Z, e.g. 2026-11-25T12:00:00Z';

/**
 * Milliseconds since the epoch of an ISO 8601 UTC time or date, or undefined when the text is not
 * one or names an impossible date (2026-02-30, 25:00).
 */
export function parseIsoTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + (frac ? Math.floor(Number(frac) * 1000) : 0);
  // Date.UTC rolls 2026-02-30 over to March: reject what does not round-trip.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}

/** `2026-11-25T12:00:00Z` (milliseconds shown only when not zero). */
export function isoTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}

// ---------------------------------------------------------------- building blocks

/** A time parameter, parsed to ms since the epoch. */
export function timeParam<E extends Partial<Param<number>> = object>(description: string, extra?: E): Param<number> & E {
  return {
    schema: z
      .string()
      .regex(TIME)
      .transform((s, ctx) => {
        const ms = parseIsoTime(s);
        if (ms === undefined) {
          ctx.addIssue({ code: 'custom', message: 'not a calendar time' });
          return z.NEVER;
        }
        return ms;
      }),
    description,
    valid: TIME_FORMAT,
    example: '2026-11-25T00:00:00Z',
    ...(extra as E),
  };
}

/** An integer parameter within [min, max]. */
export function intParam<E extends Partial<Param<number>> = object>(description: string, min: number, max: number, extra?: E): Param<number> & E {
  return {
    schema: z
      .string()
      .regex(/^[+-]?\d{1,15}$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
    description,
    valid: max >= Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`,
    jsonSchema: { type: 'integer', minimum: min, ...(max < Number.MAX_SAFE_INTEGER ? { maximum: max } : {}) },
    ...(extra as E),
  };
}

/** One of a list of words. */
export function enumParam<const T extends string, E extends Partial<Param<T>> = object>(description: string, values: readonly T[], extra?: E): Param<T> & E {
  return {
    schema: z.enum(values as unknown as [T, ...T[]]) as unknown as z.ZodType<T, string>,
    description,
    valid: `one of ${values.join(', ')}`,
    ...(extra as E),
  };
}

/** A free word (checked against a product's list by the handler), e.g. `parameter=171`. */
export function wordParam<E extends Partial<Param<string>> = object>(description: string, valid: string, extra?: E): Param<string> & E {
  return { schema: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/), description, valid, ...(extra as E) };
}

// ---------------------------------------------------------------- parsing

const shortName = (name: string): string => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);

/**
 * Parse query (or path) parameters given as `name → values`. Unknown names, repeated names and
 * invalid values all become one `ApiError` 400 whose message lists what is valid.
 */
export function parseParams<S extends ParamSpecs>(specs: S, given: Record<string, string[] | string | undefined>): ParamValues<S> {
  const unknown = Object.keys(given).filter((k) => !(k in specs));
  if (unknown.length) {
    const known = Object.keys(specs);
    throw ApiError.badRequest(
      `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map(shortName).join(', ')}; ${known.length ? `known parameters: ${known.join(', ')}` : 'this endpoint takes no parameters'}`,
    );
  }
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (values.length > 1) {
      problems.push(`${name} is given more than once; give it once`);
      continue;
    }
    if (values.length === 0) {
      if (spec.required) problems.push(`${name} is required: ${spec.valid}`);
      else out[name] = spec.default;
      continue;
    }
    const parsed = spec.schema.safeParse(values[0]);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`invalid ${name}: expected ${spec.valid}`);
  }
  if (problems.length) throw ApiError.badRequest(problems.join('; '));
  return out as ParamValues<S>;
}

/** OpenAPI parameter objects for a set of specs. */
export function openApiParameters(specs: ParamSpecs, where: 'query' | 'path'): Record<string, unknown>[] {
  return Object.entries(specs).map(([name, spec]) => {
    const schema = spec.jsonSchema ? { ...spec.jsonSchema } : (z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
    delete schema.$schema;
    if (spec.default !== undefined) schema.default = typeof spec.default === 'number' ? spec.default : String(spec.default);
    return {
      name,
      in: where,
      required: where === 'path' || spec.required === true,
      description: `${spec.description} Valid: ${spec.valid}.`,
      schema,
      ...(spec.example !== undefined ? { example: spec.example } : {}),
    };
  });
}
