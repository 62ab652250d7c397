/**
 * Map geometry for the axes, the sphere view and the keyboard cursor, read from the FITS header of
 * a record's file: Carrington plate carrée (CRLN-CAR / CRLT-CAR), Carrington cylindrical equal
 * area (CRLN-CEA / CRLT-CEA, sine-latitude rows: full Sun, or a SHARP patch shown in its own
 * intermediate coordinates), helioprojective (HPLN-TAN / HPLT-TAN), or plain pixels.
 *
 * Only the header blocks are fetched (HTTP Range); the exact coordinates of a hovered pixel come
 * from the API's pixel endpoint, these are for drawing.
 *
 * @module
 */

export type HeaderValue = string | number | boolean;
export type Header = Map<string, HeaderValue>;

const BLOCK = 2880;
const CARD = 80;

/** Parse one FITS header starting at `offset`; returns the cards and the offset after its END block. */
export function parseHeader(bytes: Uint8Array, offset = 0): { header: Header; end: number } | undefined {
  const header: Header = new Map();
  const decoder = new TextDecoder('latin1');
  for (let p = offset; p + CARD <= bytes.length; p += CARD) {
    const card = decoder.decode(bytes.subarray(p, p + CARD));
    const key = card.slice(0, 8).trim();
    if (key === 'END') return { header, end: Math.ceil((p + CARD) / BLOCK) * BLOCK };
    if (card.slice(8, 10) !== '= ' || !key) continue;
    header.set(key, parseValue(card.slice(10)));
  }
  return undefined;
}

function parseValue(text: string): HeaderValue {
  const t = text.trim();
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(t);
    return m ? m[1].replace(/''/g, "'").trimEnd() : t;
  }
  const v = t.split('/')[0].trim();
  if (v === 'T') return true;
  if (v === 'F') return false;
  const n = Number(v.replace(/[dD]/, 'E'));
  return Number.isNaN(n) ? v : n;
}

const num = (h: Header, k: string, fallback?: number): number | undefined => {
  const v = h.get(k);
  return typeof v === 'number' ? v : fallback;
};
const str = (h: Header, k: string): string | undefined => {
  const v = h.get(k);
  return typeof v === 'string' ? v : undefined;
};

/**
 * The header of the first image HDU in the leading bytes of a FITS file (a primary without data
 * is followed directly by the first extension, so a few blocks suffice).
 */
export function firstImageHeader(bytes: Uint8Array): Header | undefined {
  let offset = 0;
  let primary: Header | undefined;
  for (let hdu = 0; hdu < 4; hdu++) {
    const parsed = parseHeader(bytes, offset);
    if (!parsed) return primary;
    const h = parsed.header;
    primary ??= h;
    const naxis = num(h, 'ZNAXIS') ?? num(h, 'NAXIS', 0)!;
    if (naxis >= 2 && (h.has('CTYPE1') || num(h, 'NAXIS1', 0)! > 0)) {
      // Observer keywords often live only in the primary header.
      for (const k of ['CRLN_OBS', 'CRLT_OBS', 'DATE-OBS', 'T_REC', 'T_OBS'] as const) if (!h.has(k) && primary.has(k)) h.set(k, primary.get(k)!);
      return h;
    }
    const dataBytes = naxis === 0 ? 0 : Math.abs(num(h, 'BITPIX', 8)!) / 8 * Array.from({ length: naxis }, (_, i) => num(h, `NAXIS${i + 1}`, 0)!).reduce((a, b) => a * b, 1);
    offset = parsed.end + Math.ceil(dataBytes / BLOCK) * BLOCK;
  }
  return primary;
}

/** Fetch the first blocks of a FITS file (Range request; stops reading a full answer early). */
export async function fetchFitsHead(url: string, signal?: AbortSignal, bytes = 12 * BLOCK): Promise<Uint8Array> {
  const res = await fetch(url, { signal, headers: { range: `bytes=0-${bytes - 1}` } });
  if (!res.ok || !res.body) throw new Error(`FITS header of ${url}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const out = new Uint8Array(bytes);
  let n = 0;
  while (n < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, bytes - n);
    out.set(value.subarray(0, take), n);
    n += take;
  }
  await reader.cancel().catch(() => undefined);
  return out.subarray(0, n);
}

/** One axis of a map picture: world value at the outer edges of the first and last pixel. */
export interface AxisSpec {
  label: string;
  /** `sine`: world = asin(linear) in degrees (sine-latitude rows). */
  transform: 'linear' | 'sine';
  /** Linear coordinate (before `transform`) at pixel edges -0.5 and n - 0.5. */
  edges: [number, number];
}

export type GridKind = 'carrington-car' | 'carrington-cea' | 'cea-patch' | 'helioprojective' | 'pixel';

export interface MapGrid {
  kind: GridKind;
  width: number;
  height: number;
  x: AxisSpec;
  y: AxisSpec;
  /** Full-Sun Carrington grids: 0-based fractional pixel of a Carrington longitude/latitude. */
  lonLatToPixel?: (lonDeg: number, latDeg: number) => [number, number];
  /** Observer's Carrington longitude/latitude at the map time when the header says (CRLN_OBS, CRLT_OBS). */
  observer?: { lonDeg: number; latDeg: number };
}

const DEG = Math.PI / 180;

/** Build the grid of a map from its header; falls back to pixel axes for anything unknown. */
export function mapGrid(h: Header | undefined, width: number, height: number): MapGrid {
  const pixel: MapGrid = {
    kind: 'pixel',
    width,
    height,
    x: { label: 'x (pixel)', transform: 'linear', edges: [-0.5, width - 0.5] },
    y: { label: 'y (pixel)', transform: 'linear', edges: [-0.5, height - 0.5] },
  };
  if (!h) return pixel;
  const c1 = (str(h, 'CTYPE1') ?? '').toUpperCase();
  const c2 = (str(h, 'CTYPE2') ?? '').toUpperCase();
  const crpix1 = num(h, 'CRPIX1', 1)!;
  const crpix2 = num(h, 'CRPIX2', 1)!;
  const cdelt1 = num(h, 'CDELT1', 1)!;
  const cdelt2 = num(h, 'CDELT2', 1)!;
  const crval1 = num(h, 'CRVAL1', 0)!;
  const crval2 = num(h, 'CRVAL2', 0)!;
  // Linear coordinate of 0-based pixel i: FITS pixel i + 1.
  const lin = (i: number, crpix: number, cdelt: number, crval: number) => crval + cdelt * (i + 1 - crpix);
  const edges = (n: number, crpix: number, cdelt: number, crval: number): [number, number] => [lin(-0.5, crpix, cdelt, crval), lin(n - 0.5, crpix, cdelt, crval)];
  const crlnObs = num(h, 'CRLN_OBS');
  const crltObs = num(h, 'CRLT_OBS');
  const observer = crlnObs !== undefined && crltObs !== undefined ? { lonDeg: crlnObs, latDeg: crltObs } : undefined;

  if (c1.startsWith('CRLN-CAR') && c2.startsWith('CRLT-CAR')) {
    return {
      kind: 'carrington-car',
      width,
      height,
      x: { label: 'Carrington longitude (deg)', transform: 'linear', edges: edges(width, crpix1, cdelt1, crval1) },
      y: { label: 'Carrington latitude (deg)', transform: 'linear', edges: edges(height, crpix2, cdelt2, crval2) },
      lonLatToPixel: (lon, lat) => [wrapPixel((lon - crval1) / cdelt1 + crpix1 - 1, width), (lat - crval2) / cdelt2 + crpix2 - 1],
      observer,
    };
  }
  if (c1.startsWith('CRLN-CEA') && c2.startsWith('CRLT-CEA')) {
    const sineUnits = /sine/i.test(str(h, 'CUNIT2') ?? '');
    const lambda = num(h, 'PV2_1', 1)!;
    // Sine of latitude per linear unit: JSOC writes sine-latitude units, the FITS standard degrees with PV2_1.
    const perUnit = sineUnits ? 1 : lambda * DEG;
    const fullSun = Math.abs(Math.abs(cdelt1) * width - 360) < Math.abs(cdelt1) * 1.5;
    if (fullSun && crval2 === 0) {
      return {
        kind: 'carrington-cea',
        width,
        height,
        x: { label: 'Carrington longitude (deg)', transform: 'linear', edges: edges(width, crpix1, cdelt1, crval1) },
        y: { label: 'Carrington latitude (deg)', transform: 'sine', edges: edges(height, crpix2, cdelt2 * perUnit, 0) },
        lonLatToPixel: (lon, lat) => [wrapPixel((lon - crval1) / cdelt1 + crpix1 - 1, width), Math.sin(lat * DEG) / (cdelt2 * perUnit) + crpix2 - 1],
        observer,
      };
    }
    return {
      kind: 'cea-patch',
      width,
      height,
      x: { label: 'CEA x from patch centre (deg)', transform: 'linear', edges: edges(width, crpix1, cdelt1, 0) },
      y: { label: 'CEA y from patch centre (deg)', transform: 'linear', edges: edges(height, crpix2, cdelt2, 0) },
      observer,
    };
  }
  if (c1.startsWith('HPLN') && c2.startsWith('HPLT')) {
    // Linear axes stand for the TAN projection within 0.01" over the disk; a rotated map does not
    // have axis-aligned coordinates, so it gets pixel axes.
    const rot = num(h, 'CROTA2', 0)!;
    if (Math.abs(rot) > 1e-3 || h.has('PC1_2') || h.has('CD1_2')) return pixel;
    return {
      kind: 'helioprojective',
      width,
      height,
      x: { label: 'Helioprojective x (arcsec)', transform: 'linear', edges: edges(width, crpix1, cdelt1, crval1) },
      y: { label: 'Helioprojective y (arcsec)', transform: 'linear', edges: edges(height, crpix2, cdelt2, crval2) },
      observer,
    };
  }
  return pixel;
}

/** Wrap a longitude pixel into [−0.5, width − 0.5) for full-Sun maps. */
function wrapPixel(i: number, width: number): number {
  const w = ((i + 0.5) % width + width) % width;
  return w - 0.5;
}

/** World value along an axis at a fractional 0-based pixel position. */
export function axisValueAt(axis: AxisSpec, n: number, pixel: number): number {
  const [a, b] = axis.edges;
  const linear = a + ((pixel + 0.5) / n) * (b - a);
  return axis.transform === 'sine' ? Math.asin(Math.max(-1, Math.min(1, linear))) / DEG : linear;
}
