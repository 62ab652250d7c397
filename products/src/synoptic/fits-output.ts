/**
 * The FITS file of one synoptic map. The main plane (BR, CONTINUUM or RADIANCE, float32) is the
 * primary HDU, as in the IDOC files JHelioviewer loads (SCIENCE.md §2.1: one 1920 × 960 float32
 * image); WEIGHT and DATA_AGE follow as GZIP_1 tile-compressed image extensions. Every HDU carries
 * the Carrington grid WCS (CRLN-CAR / CRLT-CAR, or CEA for sine-latitude grids) with DATE-OBS =
 * t_ref and the Earth observer, which astropy and SunPy read as they are.
 *
 * @module
 */
import type { MapType, ProductChannel } from '../definitions/types.ts';
import { writeFits, type FitsCard, type FitsWriteHdu } from '../fits/index.ts';
import type { CarringtonGrid } from '../geometry/grids.ts';
import { formatFitsDate } from '../geometry/time.ts';
import type { SynopticMap } from './merge.ts';
import type { SynopticWeighting } from './options.ts';

export interface SynopticFitsMeta {
  product: 'synoptic-euv' | 'synoptic-photosphere';
  channel: ProductChannel;
  mapType: MapType;
  version: number;
  pipelineVersion: string;
  tRefMs: number;
  weighting: SynopticWeighting;
  /** Observation times of the images that contributed (UTC ms). */
  inputTimesMs: number[];
}

const fitsUnit = (units: string): string | undefined => (units === '1' || units === 'dimensionless' ? undefined : units);

function identityCards(meta: SynopticFitsMeta): FitsCard[] {
  const euv = meta.product === 'synoptic-euv';
  const w = meta.weighting;
  const times = [...meta.inputTimesMs].sort((a, b) => a - b);
  const cards: FitsCard[] = [
    { key: 'TELESCOP', value: euv ? 'SDO/AIA' : 'SDO/HMI', comment: 'input observatory and instrument' },
    { key: 'CONTENT', value: euv ? 'SYNCHRONOUS SYNOPTIC MAP EUV' : 'SYNCHRONOUS SYNOPTIC MAP PHOTOSPHERE' },
    { key: 'PRODUCT', value: meta.product, comment: 'product id' },
    { key: 'CHANNEL', value: meta.channel.id, comment: meta.channel.label },
  ];
  if (meta.channel.wavelength !== undefined) cards.push({ key: 'WAVELNTH', value: meta.channel.wavelength, comment: '[Angstrom]' });
  cards.push(
    { key: 'MAPTYPE', value: meta.mapType, comment: 'forecast, nowcast, temporary or archived' },
    { key: 'PRODVER', value: meta.version, comment: 'product version' },
    { key: 'PIPEVER', value: meta.pipelineVersion, comment: 'pipeline version' },
    { key: 'T_REF', value: formatFitsDate(meta.tRefMs), comment: '[UTC] reference time of the map' },
    { key: 'NIMAGES', value: times.length, comment: 'number of input images merged' },
  );
  if (times.length) {
    cards.push(
      { key: 'T_FIRST', value: formatFitsDate(times[0]), comment: '[UTC] earliest input observation' },
      { key: 'T_LAST', value: formatFitsDate(times[times.length - 1]), comment: '[UTC] latest input observation' },
    );
  }
  cards.push(
    { key: 'ROTMODEL', value: w.rotationModel, comment: 'differential rotation law to t_ref' },
    { key: 'MUMIN', value: w.muMin, comment: 'cells with mu < MUMIN in an image are not used' },
    { key: 'TAUDAYS', value: w.tauDays, comment: '[d] tau of the age weight exp(-(dt/tau)^2)' },
    { key: 'MUPOWER', value: w.muPower, comment: 'p of the limb weight mu^p' },
    { key: 'MAXAGED', value: w.maxAgeDays, comment: '[d] images with |dt| > MAXAGED are not used' },
    { key: 'COMMENT', value: 'value = sum(w v) / sum(w), w = exp(-(dt/TAUDAYS)^2) * mu^MUPOWER,' },
    { key: 'COMMENT', value: 'dt = t_ref - t_obs; WEIGHT = sum(w); DATA_AGE = sum(w |dt|) / sum(w) [h].' },
    { key: 'COMMENT', value: 'Input data: NASA/SDO and the AIA and HMI science teams.' },
  );
  return cards;
}

/** The FITS bytes of a merged map. */
export function synopticFits(map: SynopticMap, grid: CarringtonGrid, meta: SynopticFitsMeta): Uint8Array {
  const wcs: FitsCard[] = grid.fitsCards(meta.tRefMs).map((c) => ({ key: c.key, value: c.value, comment: c.comment }));
  const [main, weight, age] = meta.channel.planes;
  const planeCards = (plane: typeof main): FitsCard[] => {
    const unit = fitsUnit(plane.units);
    const cards: FitsCard[] = [];
    if (unit) cards.push({ key: 'BUNIT', value: unit, comment: 'physical unit of the values' });
    cards.push({ key: 'PLANE', value: plane.id, comment: plane.label });
    return cards;
  };
  const shape = [map.width, map.height];
  const hdus: FitsWriteHdu[] = [
    { data: map.value, shape, bitpix: -32, extname: main.extname, cards: [...planeCards(main), ...wcs, ...identityCards(meta)] },
    { data: map.weight, shape, bitpix: -32, extname: weight.extname, compress: 'GZIP_1', cards: [...planeCards(weight), ...wcs] },
    { data: map.dataAgeHours, shape, bitpix: -32, extname: age.extname, compress: 'GZIP_1', cards: [...planeCards(age), ...wcs] },
  ];
  return writeFits(hdus);
}
