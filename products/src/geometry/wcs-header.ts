/**
 * Full-disk image header ↔ {@link SolarImageWcsFields}: reading the WCS and observer keywords of
 * AIA/HMI headers (Greisen & Calabretta 2002 linear part, Thompson 2006 solar keywords, JSOC time
 * strings) and writing them for synthetic images. The geometry itself is in wcs.ts.
 *
 * @module
 */

import { SDO_RSUN_REF_M, observerCarrington, sunFromEarth } from './ephemeris.ts';
import { formatFitsDate, parseSdoTime } from './time.ts';

/** Radians per arcsecond. */
const ARCSEC = Math.PI / 180 / 3600;

/** Error for a header that cannot describe a helioprojective TAN image; names the keyword. */
export class WcsError extends Error {
  override readonly name = 'WcsError';
  constructor(
    message: string,
    /** The FITS keyword at fault, when there is one. */
    readonly keyword?: string,
  ) {
    super(keyword ? `${keyword}: ${message}` : message);
  }
}

/** The plain fields a {@link SolarImageWcs} is built from (angles in degrees or arcsec as named). */
export interface SolarImageWcsFields {
  /** Reference pixel, FITS 1-based (CRPIX1/2). */
  crpix1: number;
  crpix2: number;
  /** Pixel scale [arcsec/pixel] (CDELT1/2). */
  cdelt1: number;
  cdelt2: number;
  /** Helioprojective coordinates of the reference pixel [arcsec] (CRVAL1/2); default 0. */
  crval1?: number;
  crval2?: number;
  /** Rotation [deg] (CROTA2); ignored when `pc` is given. Default 0. */
  crota2?: number;
  /** PCi_j matrix `[[PC1_1, PC1_2], [PC2_1, PC2_2]]`, overriding `crota2`. */
  pc?: readonly [readonly [number, number], readonly [number, number]];
  /** Observer distance from the Sun's centre [m] (DSUN_OBS). */
  dsunM: number;
  /** Radius of the sphere [m] (RSUN_REF); default 696 000 000 m as AIA/HMI. */
  rsunRefM?: number;
  /** Apparent solar radius [arcsec] (RSUN_OBS); default asin(RSUN_REF/DSUN_OBS), as JSOC computes it. */
  rsunObsArcsec?: number;
  /** Carrington longitude and latitude of the observer [deg] (CRLN_OBS, CRLT_OBS = B0). */
  crlnObsDeg: number;
  crltObsDeg: number;
  /** Stonyhurst longitude of the observer [deg] (HGLN_OBS); default 0 (SDO is at the Earth). */
  hglnObsDeg?: number;
  /** Observation time, UTC ms (T_OBS or DATE-OBS); metadata for callers. */
  timeMs?: number;
  /** Image size (NAXIS1/2) when known. */
  width?: number;
  height?: number;
}

/** Minimal header access (satisfied by the FITS reader's FitsHeader). */
export interface HeaderAccess {
  number(key: string): number | undefined;
  string(key: string): string | undefined;
}

/** A FITS card as produced by {@link SolarImageWcs.fitsCards} (assignable to the FITS writer's FitsCard). */
export interface WcsCard {
  key: string;
  value: string | number;
  comment?: string;
}

const UNIT_TO_ARCSEC: Record<string, number> = { arcsec: 1, arcmin: 60, deg: 3600, degree: 3600, degrees: 3600, rad: 180 * 3600 / Math.PI };

/**
 * Reads a full-disk image header: CTYPE HPLN-TAN/HPLT-TAN, CUNIT (arcsec default), CRPIX, CDELT,
 * CRVAL, PCi_j or CDi_j or CROTA2, DSUN_OBS (or RSUN_OBS with RSUN_REF), RSUN_REF, RSUN_OBS,
 * CRLN_OBS, CRLT_OBS, HGLN_OBS, T_OBS or DATE-OBS, NAXIS1/2. Missing CRLN_OBS/CRLT_OBS are computed
 * with the IAU/SunPy ephemeris at the observation time (from HGLN_OBS/HGLT_OBS or the Earth).
 * @throws WcsError naming the missing or unsupported keyword.
 */
export function solarImageFieldsFromHeader(h: HeaderAccess): SolarImageWcsFields {
  for (const [axis, expected] of [['1', 'HPLN-TAN'], ['2', 'HPLT-TAN']] as const) {
    const ctype = h.string(`CTYPE${axis}`)?.trim().toUpperCase();
    if (ctype !== undefined && ctype !== expected) throw new WcsError(`expected '${expected}', got '${ctype}'`, `CTYPE${axis}`);
  }
  const unitScale = (axis: string): number => {
    const unit = (h.string(`CUNIT${axis}`) ?? 'arcsec').trim().toLowerCase();
    const scale = UNIT_TO_ARCSEC[unit];
    if (scale === undefined) throw new WcsError(`unsupported unit '${unit}'`, `CUNIT${axis}`);
    return scale;
  };
  const required = (key: string): number => {
    const v = h.number(key);
    if (v === undefined || !Number.isFinite(v)) throw new WcsError('missing or not a number', key);
    return v;
  };
  const [u1, u2] = [unitScale('1'), unitScale('2')];
  const timeText = h.string('T_OBS') ?? h.string('DATE-OBS') ?? h.string('DATE_OBS');
  let timeMs: number | undefined;
  if (timeText !== undefined && timeText.trim() !== '') {
    try {
      timeMs = parseSdoTime(timeText);
    } catch (err) {
      throw new WcsError((err as Error).message, h.string('T_OBS') !== undefined ? 'T_OBS' : 'DATE-OBS');
    }
  }

  const fields: SolarImageWcsFields = {
    crpix1: required('CRPIX1'),
    crpix2: required('CRPIX2'),
    cdelt1: 0,
    cdelt2: 0,
    crval1: (h.number('CRVAL1') ?? 0) * u1,
    crval2: (h.number('CRVAL2') ?? 0) * u2,
    dsunM: 0,
    crlnObsDeg: 0,
    crltObsDeg: 0,
    timeMs,
    width: h.number('NAXIS1'),
    height: h.number('NAXIS2'),
  };
  const cd = ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'].map((k) => h.number(k));
  const pc = ['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'].map((k) => h.number(k));
  if (cd.some((v) => v !== undefined)) {
    // CDi_j = CDELT_i PC_ij: represent as CDELT = 1 unit and PC = CD.
    fields.cdelt1 = u1;
    fields.cdelt2 = u2;
    fields.pc = [[cd[0] ?? 0, cd[1] ?? 0], [cd[2] ?? 0, cd[3] ?? 0]];
  } else {
    fields.cdelt1 = required('CDELT1') * u1;
    fields.cdelt2 = required('CDELT2') * u2;
    if (pc.some((v) => v !== undefined)) fields.pc = [[pc[0] ?? 1, pc[1] ?? 0], [pc[2] ?? 0, pc[3] ?? 1]];
    else fields.crota2 = h.number('CROTA2') ?? 0;
  }

  const rsunRef = h.number('RSUN_REF') ?? SDO_RSUN_REF_M;
  const rsunObs = h.number('RSUN_OBS');
  let dsun = h.number('DSUN_OBS');
  if (dsun === undefined && rsunObs !== undefined) dsun = rsunRef / Math.sin(rsunObs * ARCSEC);
  if (dsun === undefined) throw new WcsError('missing (and no RSUN_OBS to derive it from)', 'DSUN_OBS');
  fields.dsunM = dsun;
  fields.rsunRefM = rsunRef;
  fields.rsunObsArcsec = rsunObs;

  const hgln = h.number('HGLN_OBS');
  const hglt = h.number('HGLT_OBS');
  let crln = h.number('CRLN_OBS');
  let crlt = h.number('CRLT_OBS') ?? hglt;
  if (crln === undefined || crlt === undefined) {
    if (timeMs === undefined) throw new WcsError('missing, and no T_OBS/DATE-OBS to compute it', crln === undefined ? 'CRLN_OBS' : 'CRLT_OBS');
    crlt ??= sunFromEarth(timeMs).b0Deg;
    crln ??= observerCarrington(timeMs, { hglnDeg: hgln ?? 0, hgltDeg: crlt, distanceM: dsun }).crlnDeg;
  }
  fields.crlnObsDeg = crln;
  fields.crltObsDeg = crlt;
  fields.hglnObsDeg = hgln ?? 0;
  return fields;
}

/**
 * FITS cards describing an image geometry (for synthetic images written by simulators and tests):
 * WCS keywords with CROTA2 (or PCi_j), CUNIT arcsec, the observer keywords and DATE-OBS.
 */
export function solarImageFitsCards(f: SolarImageWcsFields): WcsCard[] {
  const rsunRefM = f.rsunRefM ?? SDO_RSUN_REF_M;
  const rsunObsArcsec = f.rsunObsArcsec ?? Math.asin(rsunRefM / f.dsunM) / ARCSEC;
  const cards: WcsCard[] = [
    { key: 'CTYPE1', value: 'HPLN-TAN', comment: 'helioprojective longitude, gnomonic' },
    { key: 'CTYPE2', value: 'HPLT-TAN', comment: 'helioprojective latitude, gnomonic' },
    { key: 'CUNIT1', value: 'arcsec' },
    { key: 'CUNIT2', value: 'arcsec' },
    { key: 'CRPIX1', value: f.crpix1, comment: 'reference pixel (1-based)' },
    { key: 'CRPIX2', value: f.crpix2 },
    { key: 'CRVAL1', value: f.crval1 ?? 0, comment: '[arcsec]' },
    { key: 'CRVAL2', value: f.crval2 ?? 0, comment: '[arcsec]' },
    { key: 'CDELT1', value: f.cdelt1, comment: '[arcsec/pixel]' },
    { key: 'CDELT2', value: f.cdelt2, comment: '[arcsec/pixel]' },
  ];
  if (f.pc) {
    cards.push({ key: 'PC1_1', value: f.pc[0][0] }, { key: 'PC1_2', value: f.pc[0][1] }, { key: 'PC2_1', value: f.pc[1][0] }, { key: 'PC2_2', value: f.pc[1][1] });
  } else cards.push({ key: 'CROTA2', value: f.crota2 ?? 0, comment: '[deg]' });
  cards.push(
    { key: 'DSUN_OBS', value: f.dsunM, comment: '[m] observer distance from Sun centre' },
    { key: 'RSUN_REF', value: rsunRefM, comment: '[m]' },
    { key: 'RSUN_OBS', value: rsunObsArcsec, comment: '[arcsec] asin(RSUN_REF/DSUN_OBS)' },
    { key: 'CRLN_OBS', value: f.crlnObsDeg, comment: '[deg] Carrington longitude of observer' },
    { key: 'CRLT_OBS', value: f.crltObsDeg, comment: '[deg] Carrington latitude of observer' },
    { key: 'HGLN_OBS', value: f.hglnObsDeg ?? 0, comment: '[deg] Stonyhurst longitude of observer' },
    { key: 'HGLT_OBS', value: f.crltObsDeg, comment: '[deg] Stonyhurst latitude of observer' },
  );
  if (f.timeMs !== undefined) cards.push({ key: 'DATE-OBS', value: formatFitsDate(f.timeMs), comment: 'UTC' });
  return cards;
}

