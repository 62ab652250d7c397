/**
 * Summary indices of a synoptic map (names as in the products' HAPI indices datasets,
 * definitions/synoptic-*.ts) and the 1-degree low-resolution map served through HAPI.
 *
 * Areas: a cell of row j covers the solid angle ΔΩ_j = Δλ (sin φ_top − sin φ_bottom) on the Sun
 * (CarringtonGrid.cellSolidAngleSr), i.e. R² ΔΩ_j with R = RSUN_REF.
 *
 * @module
 */
import { AU_M, sunFromEarth } from '../geometry/ephemeris.ts';
import type { CarringtonGrid } from '../geometry/grids.ts';
import type { ChannelKind } from './inputs.ts';
import type { SynopticMap } from './merge.ts';

const DEG = Math.PI / 180;
const ARCSEC = DEG / 3600;

/** RSUN_REF of AIA and HMI [m]: the sphere the maps live on. */
export const MAP_RSUN_M = 696_000_000;

/**
 * Area [m²] of the reference AIA pixel: 0.6″ seen from 1 AU (the pixel AIA level-1.5 and synoptic
 * values are counted per). Integrated radiances are Σ value · (cell area / this area): the DN/s an
 * AIA-like detector at 1 AU would collect if every cell faced it.
 */
export const AIA_REFERENCE_PIXEL_AREA_M2 = (AU_M * Math.tan(0.6 * ARCSEC)) ** 2;

/** Summary record values; NaN becomes null (no data). */
export type Summary = Record<string, number | null>;

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Coverage (area fraction with weight > 0) and area-weighted mean data age [h]. */
function coverageAndAge(map: SynopticMap, rowArea: Float64Array): { coverage: number; meanAge: number; coveredArea: number } {
  let covered = 0;
  let age = 0;
  for (let r = 0; r < map.height; r++) {
    const a = rowArea[r];
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      if (map.weight[i] > 0) {
        covered += a;
        age += a * map.dataAgeHours[i];
      }
    }
  }
  return { coverage: covered / (4 * Math.PI), meanAge: covered > 0 ? age / covered : Number.NaN, coveredArea: covered };
}

/** Area-weighted mean of the covered cells with latitude in [latLo, latHi] (deg). */
function meanOver(map: SynopticMap, grid: CarringtonGrid, rowArea: Float64Array, latLo: number, latHi: number): number {
  let sum = 0;
  let area = 0;
  for (let r = 0; r < map.height; r++) {
    const lat = grid.latDeg(r);
    if (lat < latLo || lat > latHi) continue;
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      const v = map.value[i];
      if (v === v) {
        sum += rowArea[r] * v;
        area += rowArea[r];
      }
    }
  }
  return area > 0 ? sum / area : Number.NaN;
}

function photosphereBr(map: SynopticMap, grid: CarringtonGrid, rowArea: Float64Array): Summary {
  const r2cm = (MAP_RSUN_M * 100) ** 2;
  let flux = 0;
  for (let r = 0; r < map.height; r++) {
    let row = 0;
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      const v = map.value[i];
      if (v === v) row += Math.abs(v);
    }
    flux += row * rowArea[r] * r2cm;
  }
  const { coverage, meanAge } = coverageAndAge(map, rowArea);
  return {
    unsigned_flux: orNull(coverage > 0 ? flux : Number.NaN),
    polar_field_north: orNull(meanOver(map, grid, rowArea, 60, 90)),
    polar_field_south: orNull(meanOver(map, grid, rowArea, -90, -60)),
    coverage,
    mean_data_age: orNull(meanAge),
  };
}

function photosphereContinuum(map: SynopticMap, grid: CarringtonGrid, rowArea: Float64Array): Summary {
  const covered: number[] = [];
  for (const v of map.value) if (v === v) covered.push(v);
  covered.sort((a, b) => a - b);
  const median = covered.length ? covered[covered.length >> 1] : Number.NaN;
  let dark = 0;
  let area = 0;
  for (let r = 0; r < map.height; r++) {
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      const v = map.value[i];
      if (v !== v) continue;
      area += rowArea[r];
      if (v < 0.9 * median) dark += rowArea[r];
    }
  }
  const { coverage, meanAge } = coverageAndAge(map, rowArea);
  return {
    mean_intensity: orNull(meanOver(map, grid, rowArea, -90, 90)),
    dark_fraction: orNull(area > 0 ? dark / area : Number.NaN),
    coverage,
    mean_data_age: orNull(meanAge),
  };
}

/**
 * EUV: radiance integrated over the hemisphere facing the Earth at t_ref (cells whose centre is
 * less than 90° from the sub-Earth point L0, B0), over the whole covered Sun, and the far-side
 * fraction of the total; each as Σ value · R² ΔΩ / AIA_REFERENCE_PIXEL_AREA_M2 (no foreshortening:
 * surface integrals, so disk + far side = total).
 */
function euv(map: SynopticMap, grid: CarringtonGrid, rowArea: Float64Array, tRefMs: number): Summary {
  const earth = sunFromEarth(tRefMs);
  const sB = Math.sin(earth.b0Deg * DEG);
  const cB = Math.cos(earth.b0Deg * DEG);
  const cosD = Float64Array.from({ length: map.width }, (_, c) => Math.cos((grid.lonDeg(c) - earth.l0Deg) * DEG));
  const k = MAP_RSUN_M ** 2 / AIA_REFERENCE_PIXEL_AREA_M2;
  let near = 0;
  let far = 0;
  for (let r = 0; r < map.height; r++) {
    const lat = grid.latDeg(r) * DEG;
    const zs = Math.sin(lat) * sB;
    const zc = Math.cos(lat) * cB;
    let rowNear = 0;
    let rowFar = 0;
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      const v = map.value[i];
      if (v !== v) continue;
      if (zs + zc * cosD[c] > 0) rowNear += v;
      else rowFar += v;
    }
    near += rowNear * rowArea[r] * k;
    far += rowFar * rowArea[r] * k;
  }
  const { coverage, meanAge } = coverageAndAge(map, rowArea);
  const total = near + far;
  return {
    disk_radiance: orNull(coverage > 0 ? near : Number.NaN),
    total_radiance: orNull(coverage > 0 ? total : Number.NaN),
    farside_fraction: orNull(total !== 0 ? far / total : Number.NaN),
    coverage,
    mean_data_age: orNull(meanAge),
  };
}

/** The summary indices of a map of the given channel kind. */
export function synopticSummary(kind: ChannelKind, map: SynopticMap, grid: CarringtonGrid, tRefMs: number): Summary {
  const rowArea = grid.rowSolidAnglesSr();
  if (kind === 'radial-field') return photosphereBr(map, grid, rowArea);
  if (kind === 'continuum') return photosphereContinuum(map, grid, rowArea);
  return euv(map, grid, rowArea, tRefMs);
}

/** Size of the HAPI low-resolution map (definitions/common.ts LOWRES_LON × LOWRES_LAT). */
const LOW_LON = 360;
const LOW_LAT = 180;

/**
 * The map averaged into 1° × 1° Carrington bins (area-weighted over the covered cells whose centre
 * falls in the bin; NaN where none), 360 × 180 values ordered longitude-major, latitude fastest:
 * value[i * 180 + j] is the bin of longitude [i, i+1)° and latitude [−90 + j, −89 + j)°.
 */
export function lowResolutionMap(map: SynopticMap, grid: CarringtonGrid): Float64Array {
  const sum = new Float64Array(LOW_LON * LOW_LAT);
  const area = new Float64Array(LOW_LON * LOW_LAT);
  const rowArea = grid.rowSolidAnglesSr();
  const lonBin = Int32Array.from({ length: map.width }, (_, c) => {
    const lon = ((grid.lonDeg(c) % 360) + 360) % 360;
    return Math.min(LOW_LON - 1, Math.floor(lon));
  });
  for (let r = 0; r < map.height; r++) {
    const j = Math.min(LOW_LAT - 1, Math.max(0, Math.floor(grid.latDeg(r) + 90)));
    const a = rowArea[r];
    for (let c = 0, i = r * map.width; c < map.width; c++, i++) {
      const v = map.value[i];
      if (v !== v) continue;
      const b = lonBin[c] * LOW_LAT + j;
      sum[b] += a * v;
      area[b] += a;
    }
  }
  for (let b = 0; b < sum.length; b++) sum[b] = area[b] > 0 ? sum[b] / area[b] : Number.NaN;
  return sum;
}
