/**
 * Pointing and plate scale of the synthetic full-disk images, and the per-pixel geometry
 * (Carrington longitude, latitude, μ) computed by bands of rows so that 4096² images need little
 * memory. SDO is placed at the Earth's centre (IAU/SunPy ephemeris of geometry/ephemeris.ts): the
 * headers' CRLN_OBS/CRLT_OBS/DSUN_OBS are L0/B0/distance for the observation time.
 *
 * @module
 */
import { sunFromEarth } from '../geometry/ephemeris.ts';
import { SolarImageWcs, type SolarImageWcsFields } from '../geometry/wcs.ts';

/** Plate scale of the full 4096² detectors [arcsec/pixel] (AIA ~0.6", HMI ~0.504"; SCIENCE.md §5.4). */
export const AIA_CDELT_4096 = 0.600698;
export const HMI_CDELT_4096 = 0.504297;
/** Roll of the level-1 images [deg]: AIA close to 0, HMI close to 180 (north down). */
export const AIA_CROTA2 = -0.0138;
export const HMI_CROTA2 = 179.93;
/** Offset of the Sun's centre from the detector centre at 4096² [pixels] (typical of level 1). */
const AIA_CENTRE_OFFSET_4096: readonly [number, number] = [3.8, -1.9];
const HMI_CENTRE_OFFSET_4096: readonly [number, number] = [-10.4, 5.2];

export type Instrument = 'aia' | 'hmi';

/** WCS fields of a size × size full-disk image of `instrument` at UTC time t (the image's T_OBS). */
export function fullDiskFields(instrument: Instrument, size: number, tMs: number): SolarImageWcsFields {
  if (!Number.isInteger(size) || size < 16) throw new RangeError(`image size must be an integer >= 16, got ${size}`);
  const o = sunFromEarth(tMs);
  const scale = 4096 / size;
  const [ox, oy] = instrument === 'aia' ? AIA_CENTRE_OFFSET_4096 : HMI_CENTRE_OFFSET_4096;
  return {
    crpix1: (size + 1) / 2 + ox / scale,
    crpix2: (size + 1) / 2 + oy / scale,
    cdelt1: (instrument === 'aia' ? AIA_CDELT_4096 : HMI_CDELT_4096) * scale,
    cdelt2: (instrument === 'aia' ? AIA_CDELT_4096 : HMI_CDELT_4096) * scale,
    crval1: 0,
    crval2: 0,
    crota2: instrument === 'aia' ? AIA_CROTA2 : HMI_CROTA2,
    dsunM: o.dsunM,
    crlnObsDeg: o.l0Deg,
    crltObsDeg: o.b0Deg,
    hglnObsDeg: 0,
    timeMs: tMs,
    width: size,
    height: size,
  };
}

/** Per-pixel geometry of a band of rows [row0, row0 + rows). NaN off disk. */
export interface BandGeometry {
  row0: number;
  rows: number;
  lonRad: Float64Array;
  latRad: Float64Array;
  mu: Float64Array;
}

/** Rows per band: 64 rows of 4096 pixels keep each geometry array at 2 MB. */
export const BAND_ROWS = 64;

/**
 * Calls `visit` for each band of rows with its Carrington geometry (the band is the same WCS with
 * CRPIX2 shifted by the first row). Arrays are reused between bands.
 */
export function forEachBand(fields: SolarImageWcsFields, size: number, visit: (band: BandGeometry) => void): void {
  const cap = BAND_ROWS * size;
  const lonRad = new Float64Array(cap);
  const latRad = new Float64Array(cap);
  const mu = new Float64Array(cap);
  for (let row0 = 0; row0 < size; row0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, size - row0);
    const wcs = new SolarImageWcs({ ...fields, crpix2: fields.crpix2 - row0, height: rows });
    wcs.pixelsToCarringtonInto(size, rows, lonRad, latRad, mu);
    visit({ row0, rows, lonRad, latRad, mu });
  }
}
