/**
 * One full-disk image → its Carrington map on a grid (SCIENCE.md §2.2 "per image", §5.4 inverse
 * chain): every grid cell the image sees with μ ≥ μ_min gets the image value bilinearly
 * interpolated at the cell centre's pixel position, and its μ. The map is stored as one span of
 * columns per row (the cells with μ ≥ μ_min form a single longitude interval centred on CRLN_OBS),
 * so a projection holds only the visible ~40 % of the grid: cheap to cache and to merge.
 *
 * No time shift here: differential rotation to t_ref is applied when merging (merge.ts), so a
 * cached projection serves every reference time.
 *
 * @module
 */
import type { CarringtonGrid } from '../geometry/grids.ts';
import type { ImageFrame, RowForms } from './image-frame.ts';

/** The Carrington map of one image: per row, `count[r]` cells from column `start[r]` (wrapping). */
export interface ProjectedImage {
  gridWidth: number;
  gridHeight: number;
  /** First column of each row's span. */
  start: Int32Array;
  /** Number of cells of each row's span (0 = row not seen, width = whole row). */
  count: Int32Array;
  /** Offset of each row's span in `values`/`mu` (length height + 1). */
  offset: Int32Array;
  /** Interpolated image values (NaN where a neighbour pixel is NaN or outside the image). */
  values: Float32Array;
  /** μ at the cell centres (≥ μ_min). */
  mu: Float32Array;
  /** Observation time, UTC ms. */
  tObsMs: number;
}

/** Bytes held by a projection (cache accounting). */
export function projectionBytes(p: ProjectedImage): number {
  return p.values.byteLength + p.mu.byteLength + p.start.byteLength + p.count.byteLength + p.offset.byteLength;
}

/** The image to sample: pixel values (row-major, x fastest) times a constant factor. */
export interface ImagePixels {
  data: ArrayLike<number>;
  width: number;
  height: number;
  /** Multiplies every sampled value (AIA: 1 / (EXPTIME · degradation)); default 1. */
  factor?: number;
}

const TWO_PI = 2 * Math.PI;

/** Columns [first, first + n) whose centres lie within ±halfWidth of lonCentre (radians, grid wraps). */
function columnSpan(grid: CarringtonGrid, lonCentreRad: number, halfWidthRad: number): { first: number; n: number } {
  if (halfWidthRad < 0) return { first: 0, n: 0 };
  if (halfWidthRad >= Math.PI) return { first: 0, n: grid.width };
  const dLon = (grid.dLonDeg * Math.PI) / 180;
  const lonStart = (grid.lonStartDeg * Math.PI) / 180;
  const lo = Math.ceil((lonCentreRad - halfWidthRad - lonStart) / dLon - 0.5);
  const hi = Math.floor((lonCentreRad + halfWidthRad - lonStart) / dLon - 0.5);
  const n = Math.min(grid.width, hi - lo + 1);
  if (n <= 0) return { first: 0, n: 0 };
  return { first: ((lo % grid.width) + grid.width) % grid.width, n };
}

/**
 * Projects one image onto the grid. `frame` gives the image geometry (header WCS, finite observer
 * distance, B0 = CRLT_OBS, CRLN_OBS, CROTA2/PC); cells with μ < muMin are left out.
 */
export function projectImage(pixels: ImagePixels, frame: ImageFrame, grid: CarringtonGrid, muMin: number, tObsMs: number): ProjectedImage {
  const { width: W, height: H } = grid;
  const { data, width: iw, height: ih } = pixels;
  if (data.length !== iw * ih) throw new RangeError(`image holds ${data.length} values, expected ${iw} x ${ih}`);
  const factor = pixels.factor ?? 1;
  const lat = grid.latCentresRad();
  const crln = (frame.crlnDeg * Math.PI) / 180;

  // Spans first (one acos per row), then one allocation.
  const start = new Int32Array(H);
  const count = new Int32Array(H);
  const offset = new Int32Array(H + 1);
  for (let r = 0; r < H; r++) {
    const span = columnSpan(grid, crln, frame.visibleHalfWidthRad(lat[r], muMin));
    start[r] = span.first;
    count[r] = span.n;
    offset[r + 1] = offset[r] + span.n;
  }
  const values = new Float32Array(offset[H]);
  const mu = new Float32Array(offset[H]);

  // sin/cos of Δ = lon − CRLN_OBS per column.
  const sinD = new Float64Array(W);
  const cosD = new Float64Array(W);
  for (let c = 0; c < W; c++) {
    const d = (((grid.lonDeg(c) * Math.PI) / 180 - crln) % TWO_PI + TWO_PI) % TWO_PI;
    sinD[c] = Math.sin(d);
    cosD[c] = Math.cos(d);
  }
  const b0 = (frame.crltDeg * Math.PI) / 180;
  const sB = Math.sin(b0);
  const cB = Math.cos(b0);
  const d = frame.dOverR;
  const d2p1 = 1 + d * d;
  const x0 = frame.x0;
  const y0 = frame.y0;
  const xMax = iw - 1;
  const yMax = ih - 1;
  const f: RowForms = { xs: 0, xc: 0, x1: 0, ys: 0, yc: 0, y1: 0, ws: 0, wc: 0, w1: 0 };

  for (let r = 0; r < H; r++) {
    const n = count[r];
    if (n === 0) continue;
    frame.rowForms(lat[r], f);
    const sl = Math.sin(lat[r]);
    const cl = Math.cos(lat[r]);
    const zs = sl * sB;
    const zc = cl * cB;
    let c = start[r];
    let k = offset[r];
    for (let i = 0; i < n; i++, k++) {
      const s = sinD[c];
      const co = cosD[c];
      // μ from z = P_z/R (law of cosines in the triangle observer–centre–point).
      const z = zs + zc * co;
      const m = (z * d - 1) / Math.sqrt(d2p1 - 2 * d * z);
      mu[k] = m;
      if (!(m >= muMin)) {
        // Rounding at the span edge only.
        values[k] = Number.NaN;
      } else {
        const w = f.ws * s + f.wc * co + f.w1;
        const x = x0 + (f.xs * s + f.xc * co + f.x1) / w;
        const y = y0 + (f.ys * s + f.yc * co + f.y1) / w;
        if (x >= 0 && y >= 0 && x <= xMax && y <= yMax) {
          let ix = x | 0;
          let iy = y | 0;
          // The last row/column interpolates from the one before it (weight 1 on the edge pixel).
          if (ix === xMax) ix = xMax - 1;
          if (iy === yMax) iy = yMax - 1;
          const fx = x - ix;
          const fy = y - iy;
          const p = iy * iw + ix;
          const a = data[p];
          const b = data[p + 1];
          const lo = a + fx * (b - a);
          const a2 = data[p + iw];
          const hi = a2 + fx * (data[p + iw + 1] - a2);
          values[k] = (lo + fy * (hi - lo)) * factor;
        } else values[k] = Number.NaN;
      }
      if (++c === W) c = 0;
    }
  }
  return { gridWidth: W, gridHeight: H, start, count, offset, values, mu, tObsMs };
}
