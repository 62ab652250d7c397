/**
 * The product API as the pages use it (TEAM.md contract): typed JSON fetches with abort, the raw
 * float32 planes, the pixel readout, and one error type for everything that can go wrong.
 *
 * @module
 */

export interface FileLink {
  url: string;
  name?: string;
  bytes: number;
  sha256: string;
  media_type?: string;
}

export interface RecordJson {
  id: number;
  product: string;
  parameter: string;
  time: string;
  map_type?: string;
  data_type?: string;
  version: number;
  harpnum?: number;
  noaa_ars: number[];
  production_time: string;
  pipeline_version: string;
  summary: Record<string, number | string | null>;
  files: Record<string, FileLink>;
  planes?: { id: string; label: string; units: string; url: string }[];
  links: Record<string, string>;
}

export interface LatestJson {
  record: RecordJson;
  age_seconds: number;
  late: boolean;
  expected_latency_seconds: number;
  late_after_seconds?: number;
}

export interface SearchJson {
  total: number;
  limit: number;
  offset: number;
  records: RecordJson[];
  next: string | null;
}

export interface HarpJson {
  harpnum: number;
  data_type: 'nrt' | 'sci';
  noaa_ars: number[];
  first_time: string;
  last_time: string;
}

export interface PixelJson {
  value: number | null;
  x: number;
  y: number;
  units?: string;
  coordinate_system?: 'carrington' | 'helioprojective' | 'pixel';
  carrington_longitude?: number;
  carrington_latitude?: number;
  helioprojective_x?: number;
  helioprojective_y?: number;
  mu?: number;
}

/** A plane of values as served by `/api/records/{id}/planes/{plane}`: FITS order, row 0 = bottom. */
export interface Plane {
  width: number;
  height: number;
  units: string;
  values: Float32Array;
}

/** Why a request failed, in words a user can act on. */
export class PortalError extends Error {
  override name = 'PortalError';
  constructor(
    message: string,
    readonly status?: number,
    readonly url?: string,
  ) {
    super(message);
  }
}

async function failure(res: Response, url: string): Promise<PortalError> {
  let detail = res.statusText;
  try {
    const body = (await res.json()) as { error?: { message?: string }; status?: { message?: string } };
    detail = body.error?.message ?? body.status?.message ?? detail;
  } catch {
    /* not JSON: keep the status text */
  }
  return new PortalError(res.status === 404 ? `not found: ${detail}` : `the server answered ${res.status}: ${detail}`, res.status, url);
}

/** GET a JSON document; rejects with PortalError (or the AbortError when aborted). */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new PortalError(`the server cannot be reached (${(e as Error).message})`, undefined, url);
  }
  if (!res.ok) throw await failure(res, url);
  return (await res.json()) as T;
}

/** Fetch a plane of float32 values with its size and units from the response headers. */
export async function getPlane(url: string, signal?: AbortSignal): Promise<Plane> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw await failure(res, url);
  const width = Number(res.headers.get('x-width'));
  const height = Number(res.headers.get('x-height'));
  const buf = await res.arrayBuffer();
  if (!(width > 0 && height > 0) || buf.byteLength !== width * height * 4) {
    throw new PortalError(`the plane has ${buf.byteLength} bytes, not ${width} x ${height} float32 values`, res.status, url);
  }
  // The API sends little-endian float32, the byte order of every browser platform we target.
  return { width, height, units: decodeUnits(res.headers.get('x-units')), values: new Float32Array(buf) };
}

/** X-Units is percent-encoded (header values are ASCII); undo it, keep odd values as they are. */
function decodeUnits(raw: string | null): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Query string from defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Is this the error of an aborted request (a superseded Task run)? */
export function isAbort(e: unknown): boolean {
  return (e as Error)?.name === 'AbortError';
}
