/**
 * The product FITS file of one HARP and time: an empty primary HDU carrying the patch identity and
 * the SHARP keywords, then one image extension per plane (JR, JR_ERR, MASK, BR; float32, GZIP_1
 * tile compressed) with the CEA Carrington WCS of the SHARP patch, copied as JSOC wrote it
 * (CRLN-CEA / CRLT-CEA), so that astropy and SunPy give the same coordinates as for the input.
 *
 * @module
 */
import { currents } from '../definitions/currents.ts';
import { writeFits, type FitsCard, type FitsWriteHdu } from '../fits/index.ts';
import { modifiedJulianDate, parseFitsDate, formatFitsDate } from '../geometry/time.ts';
import type { CurrentsResult } from './compute.ts';
import { CURRENT_KEYWORD_COMMENTS, CURRENT_KEYWORD_NAMES } from './keywords.ts';
import { MIN_BITMAP, MIN_CONF_DISAMBIG } from './mask.ts';
import { MU0 } from './scale.ts';
import type { SharpPatchInfo } from './segments.ts';

export interface FitsProductMeta {
  info: SharpPatchInfo;
  dataType: 'nrt' | 'sci';
  version: number;
  pipelineVersion: string;
  /** |B| threshold in G, 0 = off. */
  minFieldGauss: number;
  /** Input series name when known. */
  series?: string;
}

/** BUNIT of a plane: the definition's units (valid FITS unit strings), none for a 0/1 mask. */
const fitsUnit = (units: string): string | undefined => (units === 'dimensionless' ? undefined : units);

/** DATE-OBS (UTC) of the patch, and its MJD; falls back to T_REC when the header had none. */
function observationDate(info: SharpPatchInfo): { dateObs: string; mjdObs: number } {
  const utcMs = info.dateObs ? parseFitsDate(info.dateObs) : info.timeMs;
  return { dateObs: info.dateObs ?? formatFitsDate(info.timeMs), mjdObs: modifiedJulianDate(utcMs) };
}

/** Identity and observer cards shared by the primary header and every plane. */
function patchCards(meta: FitsProductMeta): FitsCard[] {
  const { info } = meta;
  const { dateObs, mjdObs } = observationDate(info);
  const cards: FitsCard[] = [
    { key: 'HARPNUM', value: info.harpnum, comment: 'HMI active region patch number' },
    { key: 'NOAA_AR', value: info.noaaAr, comment: 'principal NOAA active region (0 = none)' },
    { key: 'NOAA_NUM', value: info.noaaArs.length, comment: 'number of NOAA active regions in the patch' },
    { key: 'NOAA_ARS', value: info.noaaArs.join(','), comment: 'NOAA active regions in the patch' },
    { key: 'T_REC', value: info.tRec, comment: 'SHARP record time (TAI)' },
    { key: 'DATE-OBS', value: dateObs, comment: '[UTC] observation time of the SHARP record' },
    { key: 'MJD-OBS', value: mjdObs, comment: '[d] modified Julian date of DATE-OBS (UTC)' },
    { key: 'DSUN_OBS', value: info.geometry.dsunObsM, comment: '[m] distance from the observer to Sun centre' },
    { key: 'RSUN_REF', value: info.geometry.rsunRefM, comment: '[m] reference solar radius' },
    { key: 'RSUN_OBS', value: info.geometry.rsunObsArcsec, comment: '[arcsec] apparent solar radius' },
  ];
  if (info.observer.crlnObsDeg !== undefined) cards.push({ key: 'CRLN_OBS', value: info.observer.crlnObsDeg, comment: '[deg] Carrington longitude of the observer' });
  if (info.observer.crltObsDeg !== undefined) cards.push({ key: 'CRLT_OBS', value: info.observer.crltObsDeg, comment: '[deg] Carrington latitude of the observer' });
  if (info.observer.carRot !== undefined) cards.push({ key: 'CAR_ROT', value: info.observer.carRot, comment: 'Carrington rotation of the patch centre' });
  return cards;
}

/** CEA Carrington WCS of the SHARP patch (unit spelled `deg`, as the WCS standard wants). */
function wcsCards(info: SharpPatchInfo): FitsCard[] {
  const w = info.wcs;
  const cards: FitsCard[] = [
    { key: 'WCSNAME', value: 'Carrington Heliographic', comment: 'world coordinate system' },
    { key: 'CTYPE1', value: w.ctype1, comment: 'Carrington longitude, cylindrical equal area' },
    { key: 'CTYPE2', value: w.ctype2, comment: 'Carrington latitude, cylindrical equal area' },
    { key: 'CUNIT1', value: 'deg', comment: 'unit of CRVAL1 and CDELT1' },
    { key: 'CUNIT2', value: 'deg', comment: 'unit of CRVAL2 and CDELT2' },
    { key: 'CRPIX1', value: w.crpix1, comment: 'reference pixel along x (1-based)' },
    { key: 'CRPIX2', value: w.crpix2, comment: 'reference pixel along y (1-based)' },
    { key: 'CRVAL1', value: w.crval1, comment: '[deg] Carrington longitude of the reference pixel' },
    { key: 'CRVAL2', value: w.crval2, comment: '[deg] Carrington latitude of the reference pixel' },
    { key: 'CDELT1', value: w.cdelt1, comment: '[deg] pixel size along x' },
    { key: 'CDELT2', value: w.cdelt2, comment: '[deg] pixel size along y (CEA, lambda = 1)' },
  ];
  if (w.crota2 !== 0) cards.push({ key: 'CROTA2', value: w.crota2, comment: '[deg] rotation of the grid' });
  return cards;
}

/** The primary header: provenance, method parameters and the SHARP keywords with units. */
function primaryCards(result: CurrentsResult, meta: FitsProductMeta): FitsCard[] {
  const cards: FitsCard[] = [
    { key: 'TELESCOP', value: 'SDO/HMI', comment: 'input observatory and instrument' },
    { key: 'CONTENT', value: 'RADIAL CURRENT DENSITY', comment: 'jr = (dBy/dx - dBx/dy) / mu0' },
    { key: 'PRODUCT', value: 'currents', comment: 'product id' },
    { key: 'DATATYPE', value: meta.dataType, comment: 'nrt (near real time) or sci (definitive)' },
    { key: 'PRODVER', value: meta.version, comment: 'product version' },
    { key: 'PIPEVER', value: meta.pipelineVersion, comment: 'pipeline version' },
  ];
  if (meta.series) cards.push({ key: 'SERIES', value: meta.series, comment: 'input JSOC series' });
  cards.push(
    ...patchCards(meta),
    { key: 'CDELTAS', value: result.scale.cdelt1Arcsec, comment: '[arcsec] pixel size at disk centre (cdelt1_arcsec)' },
    { key: 'PIXSIZE', value: result.scale.metresPerPixel, comment: '[m] pixel size on the Sun used for jr' },
    { key: 'PIXAREA', value: result.pixelAreaMm2, comment: '[Mm2] area of one pixel on the sphere' },
    { key: 'MU0', value: MU0, comment: '[T m/A] vacuum permeability (HMI pipeline value)' },
    { key: 'MINCONF', value: MIN_CONF_DISAMBIG, comment: 'mask: conf_disambig >= MINCONF' },
    { key: 'MINBMAP', value: MIN_BITMAP, comment: 'mask: bitmap >= MINBMAP' },
    { key: 'MINFIELD', value: meta.minFieldGauss, comment: '[G] mask: |B| >= MINFIELD (0 = off)' },
  );
  const values = result.keywords.values;
  for (const name of CURRENT_KEYWORD_NAMES) {
    const v = values[name];
    cards.push({ key: name, value: Number.isFinite(v) ? v : null, comment: CURRENT_KEYWORD_COMMENTS[name] });
  }
  cards.push(
    { key: 'COMMENT', value: 'Local frame Bx = Bp, By = -Bt, Bz = Br; jz with central differences inside and' },
    { key: 'COMMENT', value: 'second-order one-sided differences on the edges (HMI pipeline stencils).' },
    { key: 'COMMENT', value: 'Keywords as in the HMI pipeline (Bobra et al. 2014, Sol. Phys. 289, 3549);' },
    { key: 'COMMENT', value: 'MAXJZ, NETJZ and AREA are additions of this product.' },
    { key: 'COMMENT', value: 'Input data: NASA/SDO and the HMI science team.' },
  );
  return cards;
}

function planeData(id: string, result: CurrentsResult, br: Float32Array | Float64Array): Float32Array {
  switch (id) {
    case 'jr':
      return result.jr;
    case 'jr_err':
      return result.jrErr;
    case 'mask':
      return Float32Array.from(result.mask);
    case 'br':
      return br instanceof Float32Array ? br : Float32Array.from(br);
    default:
      throw new Error(`currents: no data for plane '${id}'`);
  }
}

/** The FITS bytes of one currents map. */
export function currentsFits(result: CurrentsResult, br: Float32Array | Float64Array, meta: FitsProductMeta): Uint8Array {
  const planes = currents.channels[0].planes;
  const shared = [...wcsCards(meta.info), ...patchCards(meta)];
  const hdus: FitsWriteHdu[] = [{ cards: primaryCards(result, meta) }];
  for (const plane of planes) {
    const unit = fitsUnit(plane.units);
    const cards: FitsCard[] = [];
    if (unit) cards.push({ key: 'BUNIT', value: unit, comment: 'physical unit of the values' });
    cards.push({ key: 'PLANE', value: plane.id, comment: plane.label }, ...shared);
    hdus.push({
      data: planeData(plane.id, result, br),
      shape: [result.width, result.height],
      bitpix: -32,
      extname: plane.extname,
      compress: 'GZIP_1',
      cards,
    });
  }
  return writeFits(hdus);
}
