/**
 * Plane values of a record's FITS file:
 *
 * - `GET /api/records/{id}/planes/{plane}`: the raw values as little-endian float32, FITS order
 *   (x fastest, row 0 = FITS row 0 = the bottom of the map), NaN where the file has no value;
 *   headers `X-Width`, `X-Height`, `X-Units`, `X-Min`/`X-Max` (finite range); gzip when accepted.
 *   The values of a file never change (a new version is a new file), so answers are immutable
 *   with an ETag derived from the file's SHA-256.
 * - `GET /api/records/{id}/pixel?plane=&x=&y=`: the exact stored value of one pixel and its
 *   world coordinates.
 *
 * @module
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { ProductChannel, ProductDefinition, ProductParameter } from '../../../products/src/definitions/index.ts';
import type { ProductRecord } from '../catalogue/catalogue.ts';
import { evaluatePreconditions } from '../files/conditional.ts';
import { ApiError } from '../http/api-error.ts';
import { recordIdOf, recordOr404, type ApiContext } from './context.ts';
import { cylindricalCoordinates, type HeaderValues, type PixelCoordinates } from './coordinates.ts';
import { intParam, parseParams, wordParam } from './params.ts';
import { float32LittleEndian, PlaneStore, type DecodedPlane } from './plane-store.ts';
import { CACHE, json } from './responses.ts';
import type { PixelJson } from './schemas.ts';

const gzipAsync = promisify(gzip);

export const PIXEL_PARAMS = {
  plane: wordParam('Plane id (planes[].id of the record). Default: the main plane of the channel.', 'a plane id listed under planes[].id of the record'),
  x: intParam('0-based column (FITS axis 1).', 0, 1_000_000, { required: true as const }),
  y: intParam('0-based row (FITS axis 2; row 0 is the bottom row).', 0, 1_000_000, { required: true as const }),
};

const EXPOSED = 'X-Width, X-Height, X-Units, X-Min, X-Max, X-Plane';

/** Whether the client accepts gzip (RFC 9110 12.5.3: a q of 0 refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)).find(Boolean);
    return !q || Number(q[1]) > 0;
  }
  return false;
}

interface PlaneTarget {
  record: ProductRecord;
  product: ProductDefinition;
  channel: ProductChannel;
  plane: ProductParameter;
  fits: ProductRecord['files'][number];
}

/** The record, its FITS file and the plane definition named by a request, or 404s that say what exists. */
function target(api: ApiContext, idText: string, planeId: string | undefined): PlaneTarget {
  const { record, product } = recordOr404(api, recordIdOf(idText));
  const channel = product.channels.find((c) => c.id === record.parameter);
  const fits = record.files.find((f) => f.kind === 'fits');
  if (!channel || !fits) throw ApiError.notFound(`record ${record.id} has no FITS map`);
  const plane = planeId === undefined ? channel.planes[0] : channel.planes.find((p) => p.id === planeId);
  if (!plane) throw ApiError.notFound(`record ${record.id} has no plane of that name; its planes are ${channel.planes.map((p) => p.id).join(', ')}`);
  return { record, product, channel, plane, fits };
}

async function decoded(store: PlaneStore, t: PlaneTarget): Promise<DecodedPlane> {
  return store.plane(t.fits, t.plane.extname, t.plane === t.channel.planes[0]);
}

/**
 * World coordinates of a pixel from the first header that carries a WCS: the plane's own, the
 * main plane's (extra planes of a map often omit it), then the primary header. Pixel indices only
 * when none describes a supported projection.
 */
function coordinatesOf(headers: HeaderValues[], x: number, y: number): PixelCoordinates {
  const h = headers.find((hd) => hd.string('CTYPE1') !== undefined);
  return (h && cylindricalCoordinates(h, x, y)) ?? { coordinate_system: 'pixel' };
}

export function planeRoutes(api: ApiContext, store: PlaneStore): Hono {
  const app = new Hono();

  app.get('/records/:id/planes/:plane', async (c: Context) => {
    parseParams({}, c.req.queries());
    const t = target(api, c.req.param('id')!, c.req.param('plane')!);
    const plane = await decoded(store, t);
    const gz = acceptsGzip(c.req.header('accept-encoding'));
    const identity = `${t.fits.sha256}:${t.plane.extname}`;
    const etag = `"${t.fits.sha256.slice(0, 32)}-${t.plane.id}${gz ? '-gz' : ''}"`;
    const headers = new Headers({
      'content-type': 'application/octet-stream',
      'cache-control': CACHE.immutable,
      etag,
      vary: 'Accept-Encoding',
      'x-width': String(plane.width),
      'x-height': String(plane.height),
      'x-units': encodeURIComponent(plane.header.string('BUNIT') ?? t.plane.units).replace(/%2F/gi, '/'),
      'x-plane': t.plane.id,
      'access-control-expose-headers': EXPOSED,
    });
    if (plane.range) {
      headers.set('x-min', String(plane.range[0]));
      headers.set('x-max', String(plane.range[1]));
    }
    if (evaluatePreconditions(c.req.method, c.req, { etag }) === 'not-modified') return new Response(null, { status: 304, headers });
    const raw = await store.body(`${identity}:f32`, () => float32LittleEndian(plane.data));
    const body = gz ? await store.body(`${identity}:gz`, async () => gzipAsync(raw, { level: 1 })) : raw;
    if (gz) headers.set('content-encoding', 'gzip');
    headers.set('content-length', String(body.byteLength));
    return new Response(c.req.method === 'HEAD' ? null : (new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>), { headers });
  });

  app.get('/records/:id/pixel', async (c: Context) => {
    const p = parseParams(PIXEL_PARAMS, c.req.queries());
    const t = target(api, c.req.param('id')!, p.plane);
    const plane = await decoded(store, t);
    if (p.x >= plane.width || p.y >= plane.height) {
      throw ApiError.badRequest(`pixel outside the map: x must be from 0 to ${plane.width - 1} and y from 0 to ${plane.height - 1}`);
    }
    const value = plane.data[p.y * plane.width + p.x];
    const main = t.plane === t.channel.planes[0] ? plane : await store.plane(t.fits, t.channel.planes[0].extname, true).catch(() => plane);
    const body: PixelJson = {
      record_id: t.record.id,
      plane: t.plane.id,
      units: plane.header.string('BUNIT') ?? t.plane.units,
      x: p.x,
      y: p.y,
      width: plane.width,
      height: plane.height,
      value: Number.isFinite(value) ? value : null,
      ...coordinatesOf([plane.header, main.header, plane.primaryHeader], p.x, p.y),
    };
    return json(c, body, { cacheControl: CACHE.immutable });
  });

  return app;
}
