/**
 * Full-sphere Carrington map grids for the synoptic products, and their FITS WCS cards.
 *
 * - `CAR`: plate carrée, equal steps in longitude and latitude (default 1920×960, 0.1875°; the
 *   inferred IDOC grid of SCIENCE.md §2.1), CTYPE CRLN-CAR / CRLT-CAR.
 * - `CEA`: Lambert cylindrical equal-area, equal steps in longitude and in sin(latitude) (JSOC
 *   synoptic maps: 3600×1440, 0.1° in longitude, Δ sin φ = 2/1440, SCIENCE.md §3.4-3.5). Every cell
 *   has the same solid angle.
 *
 * Pixel centres: column i (0-based) is at longitude lonStart + (i + ½)·360°/W, increasing with i;
 * row j at latitude −90° + (j + ½)·180°/H (CAR) or asin(−1 + (j + ½)·2/H) (CEA), south at row 0
 * (FITS row 0 is the bottom of the image).
 *
 * FITS cards (Calabretta & Greisen 2002, A&A 395:1077; Thompson 2006 for the CRLN/CRLT axis
 * names). The CEA cards are the *standard* form: CUNIT2 = 'deg', PV2_1 = 1 (λ, the FITS CEA
 * parameter), CDELT2 = (180/π)·2/H deg, so that y = (180/π) sin φ and astropy/wcslib return
 * latitudes in degrees. JSOC's synoptic headers instead write CUNIT2 = 'Sine Latitude' and
 * CDELT2 = 2/H (sin φ directly, non-standard: astropy cannot parse the unit, SunPy rescales by
 * 180/π, SCIENCE.md §5.5); their CRVAL1 is in "Carrington time" (360·CR − lon) with CDELT1 < 0.
 * Our longitudes are plain Carrington longitudes, CDELT1 > 0.
 *
 * @module
 */

import { sunFromEarth } from './ephemeris.ts';
import { formatFitsDate, modifiedJulianDate } from './time.ts';
import { type HeaderAccess, type WcsCard, WcsError } from './wcs.ts';

export { SharpCeaWcs, sharpPixelSize, type SharpPixelSize } from './sharp-cea.ts';

const DEG = Math.PI / 180;

/** Map projection of a Carrington grid. */
export type GridProjection = 'CAR' | 'CEA';

/** Options of a {@link CarringtonGrid}. */
export interface CarringtonGridOptions {
  projection: GridProjection;
  /** Columns; default 1920 (CAR) or 3600 (CEA). */
  width?: number;
  /** Rows; default 960 (CAR) or 1440 (CEA). */
  height?: number;
  /** Longitude of the west edge of column 0 [deg]; default 0 (columns cover 0-360°). */
  lonStartDeg?: number;
}

/** Options of {@link CarringtonGrid.fitsCards}. */
export interface GridCardOptions {
  /**
   * Add the Earth's position at t_ref as the observer (DSUN_OBS, HGLN_OBS, HGLT_OBS, CRLN_OBS,
   * CRLT_OBS; IAU/SunPy ephemeris) so that SunPy can build its Carrington frame. Default true.
   */
  earthObserver?: boolean;
  /** Solar radius for RSUN_REF [m]; default 696 000 000 (AIA/HMI). */
  rsunRefM?: number;
}

/** A full-sphere Carrington longitude-latitude grid (pixel-centre geometry, cell areas, FITS WCS). */
export class CarringtonGrid {
  readonly projection: GridProjection;
  readonly width: number;
  readonly height: number;
  readonly lonStartDeg: number;
  /** Longitude step [deg]. */
  readonly dLonDeg: number;
  /** Latitude step [deg] (CAR) or sin(latitude) step (CEA). */
  readonly dRow: number;

  constructor(options: CarringtonGridOptions) {
    const { projection } = options;
    const width = options.width ?? (projection === 'CEA' ? 3600 : 1920);
    const height = options.height ?? (projection === 'CEA' ? 1440 : 960);
    if (projection !== 'CAR' && projection !== 'CEA') throw new RangeError(`unknown grid projection ${JSON.stringify(projection)}`);
    for (const [name, v] of [['width', width], ['height', height]] as const)
      if (!Number.isInteger(v) || v < 1 || v > 1_000_000) throw new RangeError(`grid ${name} must be a positive integer, got ${v}`);
    this.projection = projection;
    this.width = width;
    this.height = height;
    this.lonStartDeg = options.lonStartDeg ?? 0;
    if (!Number.isFinite(this.lonStartDeg)) throw new RangeError(`lonStartDeg must be finite, got ${this.lonStartDeg}`);
    this.dLonDeg = 360 / width;
    this.dRow = projection === 'CAR' ? 180 / height : 2 / height;
  }

  /** Plate carrée grid, default 1920×960 (0.1875°). */
  static car(width = 1920, height = 960): CarringtonGrid {
    return new CarringtonGrid({ projection: 'CAR', width, height });
  }

  /** Sine-latitude (CEA) grid, default JSOC 3600×1440 (0.1°, Δ sin φ = 2/1440). */
  static cea(width = 3600, height = 1440): CarringtonGrid {
    return new CarringtonGrid({ projection: 'CEA', width, height });
  }

  /**
   * The grid described by FITS cards written by {@link fitsCards} (e.g. a product file's header):
   * CTYPE CRLN-CAR/CRLT-CAR or CRLN-CEA/CRLT-CEA, NAXIS1/2, CRPIX, CRVAL, CDELT (and PV2_1 = 1 for
   * CEA) must describe a full-sphere grid with pixel centres as above.
   * @throws WcsError naming the first inconsistent keyword.
   */
  static fromHeader(h: HeaderAccess): CarringtonGrid {
    const ctype1 = h.string('CTYPE1')?.trim();
    const projection = ctype1 === 'CRLN-CAR' ? 'CAR' : ctype1 === 'CRLN-CEA' ? 'CEA' : undefined;
    if (!projection) throw new WcsError(`expected 'CRLN-CAR' or 'CRLN-CEA', got '${ctype1 ?? '(missing)'}'`, 'CTYPE1');
    if (h.string('CTYPE2')?.trim() !== `CRLT-${projection}`) throw new WcsError(`expected 'CRLT-${projection}'`, 'CTYPE2');
    const num = (key: string): number => {
      const v = h.number(key);
      if (v === undefined || !Number.isFinite(v)) throw new WcsError('missing or not a number', key);
      return v;
    };
    const grid = new CarringtonGrid({ projection, width: num('NAXIS1'), height: num('NAXIS2'), lonStartDeg: num('CRVAL1') - 180 });
    for (const c of grid.fitsCards(0, { earthObserver: false })) {
      if (!['CRPIX1', 'CRPIX2', 'CRVAL2', 'CDELT1', 'CDELT2', 'PV2_1'].includes(c.key)) continue;
      const v = c.key === 'PV2_1' ? h.number(c.key) ?? 0 : num(c.key);
      if (Math.abs(v - (c.value as number)) > 1e-9 * Math.max(1, Math.abs(c.value as number)))
        throw new WcsError(`expected ${c.value} for a full-sphere ${projection} grid, got ${v}`, c.key);
    }
    return grid;
  }

  /** Longitude [deg] at a (possibly fractional) 0-based column: pixel centres at integers. */
  lonDeg(x: number): number {
    return this.lonStartDeg + (x + 0.5) * this.dLonDeg;
  }

  /** Latitude [deg] at a (possibly fractional) 0-based row; rows outside the grid clamp to the poles. */
  latDeg(y: number): number {
    const v = -1 + (y + 0.5) * (this.projection === 'CAR' ? this.dRow / 90 : this.dRow);
    if (this.projection === 'CAR') return Math.max(-90, Math.min(90, v * 90));
    return Math.asin(Math.max(-1, Math.min(1, v))) / DEG;
  }

  /** Fractional 0-based column of a longitude, in [−0.5, width − 0.5) (longitudes wrap). */
  xOfLon(lonDeg: number): number {
    const d = (((lonDeg - this.lonStartDeg) % 360) + 360) % 360;
    return d / this.dLonDeg - 0.5;
  }

  /** Fractional 0-based row of a latitude [deg] in [−0.5, height − 0.5]. */
  yOfLat(latDeg: number): number {
    if (!(latDeg >= -90 && latDeg <= 90)) throw new RangeError(`latitude must be in [−90, 90], got ${latDeg}`);
    const v = this.projection === 'CAR' ? (latDeg + 90) / this.dRow : (Math.sin(latDeg * DEG) + 1) / this.dRow;
    return v - 0.5;
  }

  /** Fractional pixel position of a Carrington point (inverse of {@link lonDeg}/{@link latDeg}). */
  pixelOf(lonDeg: number, latDeg: number): { x: number; y: number } {
    return { x: this.xOfLon(lonDeg), y: this.yOfLat(latDeg) };
  }

  /** Longitudes of the column centres [rad] (for {@link SolarImageWcs.carringtonGridToPixelInto}). */
  lonCentresRad(): Float64Array {
    return Float64Array.from({ length: this.width }, (_, i) => this.lonDeg(i) * DEG);
  }

  /** Latitudes of the row centres [rad]. */
  latCentresRad(): Float64Array {
    return Float64Array.from({ length: this.height }, (_, j) => this.latDeg(j) * DEG);
  }

  /**
   * Solid angle [sr] of a cell of row j: Δλ (sin φ_top − sin φ_bottom). All cells of a row are
   * equal; the whole grid sums to 4π. For CEA every cell is 4π/(W·H).
   */
  cellSolidAngleSr(j: number): number {
    const dLon = this.dLonDeg * DEG;
    if (this.projection === 'CEA') return dLon * this.dRow;
    const top = Math.min(90, -90 + (j + 1) * this.dRow) * DEG;
    const bottom = Math.max(-90, -90 + j * this.dRow) * DEG;
    return dLon * (Math.sin(top) - Math.sin(bottom));
  }

  /** Per-row cell solid angles [sr] (length = height). */
  rowSolidAnglesSr(): Float64Array {
    return Float64Array.from({ length: this.height }, (_, j) => this.cellSolidAngleSr(j));
  }

  /**
   * FITS WCS cards of the grid for a map at reference time t_ref (UTC ms): WCSNAME, CTYPE
   * CRLN-CAR/CRLT-CAR or CRLN-CEA/CRLT-CEA (+ PV2_1 = 1), CUNIT deg, CRPIX at the grid centre,
   * CRVAL, CDELT, DATE-OBS = t_ref (UTC), MJD-OBS (so wcslib's `datfix` has nothing to add), TIMESYS,
   * RSUN_REF and, by default, the Earth observer at t_ref. astropy.wcs reads them without warnings.
   */
  fitsCards(tRefMs: number, options: GridCardOptions = {}): WcsCard[] {
    const cea = this.projection === 'CEA';
    const p = this.projection;
    const cards: WcsCard[] = [
      { key: 'WCSNAME', value: 'Carrington Heliographic' },
      { key: 'CTYPE1', value: `CRLN-${p}`, comment: 'Carrington longitude' },
      { key: 'CTYPE2', value: `CRLT-${p}`, comment: cea ? 'Carrington latitude, equal-area rows' : 'Carrington latitude' },
      { key: 'CUNIT1', value: 'deg' },
      { key: 'CUNIT2', value: 'deg' },
      { key: 'CRPIX1', value: (this.width + 1) / 2, comment: 'grid centre (1-based)' },
      { key: 'CRPIX2', value: (this.height + 1) / 2 },
      { key: 'CRVAL1', value: this.lonStartDeg + 180, comment: '[deg] longitude at CRPIX1' },
      { key: 'CRVAL2', value: 0, comment: '[deg] latitude at CRPIX2' },
      { key: 'CDELT1', value: this.dLonDeg, comment: '[deg/pixel]' },
      {
        key: 'CDELT2',
        value: cea ? (180 / Math.PI) * this.dRow : this.dRow,
        comment: cea ? '[deg/pixel] = (180/pi) * d(sin lat)' : '[deg/pixel]',
      },
    ];
    if (cea) cards.push({ key: 'PV2_1', value: 1, comment: 'CEA lambda: y = (180/pi) sin(lat)' });
    cards.push(
      { key: 'DATE-OBS', value: formatFitsDate(tRefMs), comment: 'reference time of the map (UTC)' },
      { key: 'MJD-OBS', value: Number(modifiedJulianDate(tRefMs).toFixed(8)), comment: 'DATE-OBS as MJD (UTC)' },
      { key: 'TIMESYS', value: 'UTC' },
      { key: 'RSUN_REF', value: options.rsunRefM ?? 696_000_000, comment: '[m] solar radius of the map sphere' },
    );
    if (options.earthObserver ?? true) {
      const s = sunFromEarth(tRefMs);
      cards.push(
        { key: 'DSUN_OBS', value: Math.round(s.dsunM), comment: '[m] Earth at DATE-OBS (IAU/SunPy ephemeris)' },
        { key: 'HGLN_OBS', value: 0, comment: '[deg] observer: Earth' },
        { key: 'HGLT_OBS', value: round(s.b0Deg, 6), comment: '[deg] B0' },
        { key: 'CRLN_OBS', value: round(s.l0Deg, 6), comment: '[deg] L0 (IAU/SunPy convention)' },
        { key: 'CRLT_OBS', value: round(s.b0Deg, 6), comment: '[deg] B0' },
        { key: 'CAR_ROT', value: Math.floor(s.carringtonRotation), comment: 'Carrington rotation at DATE-OBS' },
      );
    }
    return cards;
  }
}

function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
