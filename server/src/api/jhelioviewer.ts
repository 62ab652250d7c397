/**
 * The synoptic-map search that JHelioviewer's "New Synoptic Layer" dialog uses (DESIGN.md 5.2):
 * `POST /api/s005a/map/hmi` (HMI) and `POST /api/s050a/map/` (AIA), kept compatible with what the
 * client sends and reads:
 *
 * - it posts `application/json; charset=utf-8` with `start_date`/`end_date` as `YYYY-MM-DD`
 *   (UTC dates), `channels` (one of `hmi.m_720s`, `hmi.ic_720s`, or an AIA wavelength as a string),
 *   `map_type` (one map type) and `latest: true`;
 * - it parses the answer as a JSON array, skips items that are not objects or lack
 *   `_resources.fits_file`, and resolves `fits_file` against the server root, so we answer
 *   root-relative `/data/...` paths, which also survive a proxy that rewrites the host.
 *
 * Dates: `start_date` is the first day included, `end_date` the last day included. `latest: true`
 * (the default) keeps one map per channel and reference time, the best of those matching
 * (archived > temporary > nowcast > forecast, then the highest version); `false` lists every
 * version. An empty result is `[]` with 200 (the original service answered 204, which the client
 * shows as "0 found" too).
 *
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { MAP_TYPES, productById, type MapType, type ProductDefinition } from '../../../products/src/definitions/index.ts';
import { recordRank, type ProductRecord } from '../catalogue/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import type { ApiContext } from './context.ts';
import { isoTime, parseIsoTime } from './params.ts';
import { methodNotAllowed } from './responses.ts';
import type { JhvItemJson } from './schemas.ts';
import { dataPath } from './views.ts';

/** Most maps one search may return; wider searches get a 400 asking to narrow them. */
export const MAX_SYNOPTIC_RESULTS = 10_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EXAMPLE = '{"start_date":"2026-11-20","end_date":"2026-11-25","channels":["171"],"map_type":["nowcast"],"latest":true}';

const bodySchema = z.object({
  start_date: z.string(),
  end_date: z.string(),
  channels: z.array(z.union([z.string(), z.number()])).optional(),
  map_type: z.array(z.enum(MAP_TYPES)).optional(),
  latest: z.boolean().optional(),
});

/** Start (inclusive) of a date, or end (exclusive) when `endOfDay`: a date names its whole UTC day. */
function dateBound(text: string, name: string, endOfDay: boolean): number {
  const ms = parseIsoTime(text);
  if (ms === undefined) throw ApiError.badRequest(`invalid ${name}: expected a UTC date YYYY-MM-DD (or an ISO 8601 UTC time); example body ${EXAMPLE}`);
  if (!endOfDay) return ms;
  return DATE.test(text) ? ms + 86_400_000 : ms + 1;
}

/** The validated search, or a 400 explaining what a valid body is. */
function parseBody(text: string, product: ProductDefinition): { startMs: number; stopMs: number; channels: string[]; mapTypes: MapType[]; latest: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw ApiError.badRequest(`the body must be JSON, e.g. ${EXAMPLE}`);
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    const what: Record<string, string> = {
      start_date: 'start_date is required: a UTC date YYYY-MM-DD',
      end_date: 'end_date is required: a UTC date YYYY-MM-DD',
      channels: `channels must be an array of channel names (${product.channels.map((c) => c.id).join(', ')})`,
      map_type: `map_type must be an array of map types (${MAP_TYPES.join(', ')})`,
      latest: 'latest must be true or false',
    };
    throw ApiError.badRequest(`${typeof field === 'string' && what[field] ? what[field] : 'the body must be a JSON object'}; example body ${EXAMPLE}`);
  }
  const b = parsed.data;
  const startMs = dateBound(b.start_date, 'start_date', false);
  const stopMs = dateBound(b.end_date, 'end_date', true);
  if (stopMs <= startMs) throw ApiError.badRequest('end_date must not be before start_date (both days are included)');
  const known = product.channels.map((c) => c.id);
  const channels = [...new Set((b.channels ?? []).map(String))];
  const unknown = channels.filter((ch) => !known.includes(ch));
  if (unknown.length) throw ApiError.badRequest(`unknown channel${unknown.length > 1 ? 's' : ''} for this search; valid channels: ${known.join(', ')}`);
  return { startMs, stopMs, channels: channels.length ? channels : known, mapTypes: b.map_type?.length ? [...new Set(b.map_type)] : [...MAP_TYPES], latest: b.latest ?? true };
}

/** One map of the answer; records without a FITS file are not maps JHelioviewer can load. */
function item(r: ProductRecord): JhvItemJson | undefined {
  const file = (kind: string) => r.files.find((f) => f.kind === kind);
  const fits = file('fits');
  if (!fits || !r.mapType) return undefined;
  const png = file('png');
  const thumbnail = file('thumbnail');
  return {
    id: r.id,
    product: r.product as JhvItemJson['product'],
    date: isoTime(r.timeMs),
    channel: r.parameter,
    map_type: r.mapType,
    version: r.version,
    production_date: isoTime(r.productionTimeMs),
    superseded: r.supersededBy !== null,
    _resources: {
      fits_file: dataPath(fits.path),
      ...(png ? { png_file: dataPath(png.path) } : {}),
      ...(thumbnail ? { thumbnail_file: dataPath(thumbnail.path) } : {}),
    },
    _links: { self: `/api/records/${r.id}` },
  };
}

export function jhelioviewerRoutes(api: ApiContext): Hono {
  const app = new Hono();
  const { catalogue } = api.deps;

  const search = (product: ProductDefinition) =>
    async function synopticSearch(c: Context): Promise<Response> {
      const q = parseBody(await c.req.text(), product);
      const queries = q.channels.flatMap((parameter) =>
        q.mapTypes.map((mapType) => ({ product: product.id, parameter, mapType, startMs: q.startMs, stopMs: q.stopMs, currentOnly: false, order: 'asc' as const })),
      );
      const total = queries.reduce((n, query) => n + catalogue.countRecords(query), 0);
      if (total > MAX_SYNOPTIC_RESULTS) {
        throw ApiError.badRequest(`${total} maps match, more than the ${MAX_SYNOPTIC_RESULTS} one search may return; narrow the dates, channels or map types`);
      }
      let records = queries.flatMap((query) => catalogue.findRecords({ ...query, limit: MAX_SYNOPTIC_RESULTS }));
      if (q.latest) {
        const best = new Map<string, ProductRecord>();
        for (const r of records) {
          const key = `${r.parameter}|${r.timeMs}`;
          const other = best.get(key);
          if (!other || recordRank(r) > recordRank(other) || (recordRank(r) === recordRank(other) && r.id > other.id)) best.set(key, r);
        }
        records = [...best.values()];
      }
      records.sort((a, b) => a.timeMs - b.timeMs || a.parameter.localeCompare(b.parameter) || a.id - b.id);
      const items = records.map(item).filter((x): x is JhvItemJson => x !== undefined);
      return new Response(JSON.stringify(items), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
    };

  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `the body is larger than 64 KiB; a search body looks like ${EXAMPLE}`);
    },
  });
  const refuse = () => methodNotAllowed('POST', `this search takes POST with a JSON body such as ${EXAMPLE}`);

  for (const [paths, productId] of [
    [['/s005a/map/hmi', '/s005a/map/hmi/'], 'synoptic-photosphere'],
    [['/s050a/map/', '/s050a/map'], 'synoptic-euv'],
  ] as const) {
    const product = productById(productId)!;
    for (const p of paths) {
      app.post(p, limit, search(product));
      app.on(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], p, refuse);
    }
  }
  return app;
}
